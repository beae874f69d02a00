using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PartnerPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Consent_QuietHoursScheduledTextsOptOutReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_Id",
                table: "Messages");

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "OptOuts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RequestedSendAt",
                table: "Messages",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScheduledFor",
                table: "Messages",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "QuietHoursDisabled",
                table: "Accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "QuietHoursEnd",
                table: "Accounts",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "QuietHoursStart",
                table: "Accounts",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Accounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OptOutReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    InboundMessageId = table.Column<long>(type: "bigint", nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecipientId = table.Column<int>(type: "integer", nullable: true),
                    Rule = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OptOutReviews_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OptOutReviews_InboundMessages_InboundMessageId",
                        column: x => x.InboundMessageId,
                        principalTable: "InboundMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Scheduled",
                table: "Messages",
                columns: new[] { "AccountId", "ScheduledFor" },
                filter: "\"ScheduledFor\" IS NOT NULL AND \"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_Id_ScheduledFor",
                table: "Messages",
                columns: new[] { "Status", "Id", "ScheduledFor" });

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_AccountId_Status_CreatedAt",
                table: "OptOutReviews",
                columns: new[] { "AccountId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_InboundMessageId",
                table: "OptOutReviews",
                column: "InboundMessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OptOutReviews");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Scheduled",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_Id_ScheduledFor",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "OptOuts");

            migrationBuilder.DropColumn(
                name: "RequestedSendAt",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ScheduledFor",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "QuietHoursDisabled",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "QuietHoursEnd",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "QuietHoursStart",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_Id",
                table: "Messages",
                columns: new[] { "Status", "Id" });
        }
    }
}
