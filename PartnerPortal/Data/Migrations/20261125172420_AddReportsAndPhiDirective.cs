using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddReportsAndPhiDirective : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ContentRedactedAt",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PhiDirectives",
                columns: table => new
                {
                    PartnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentRetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhiDirectives", x => x.PartnerId);
                    table.ForeignKey(
                        name: "FK_PhiDirectives_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Report",
                table: "Messages",
                columns: new[] { "AccountId", "CreatedAt", "Status", "SentAt", "SegmentCount" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Unredacted",
                table: "Messages",
                columns: new[] { "AccountId", "CreatedAt" },
                filter: "\"ContentRedactedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PhiDirectives");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Report",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Unredacted",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ContentRedactedAt",
                table: "Messages");
        }
    }
}
