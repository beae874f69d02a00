using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PartnerPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddOnboardingConsentInboxAndSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_Id",
                table: "Messages");

            migrationBuilder.AddColumn<int>(
                name: "AccountId",
                table: "WebhookSubscriptions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IncludeContent",
                table: "WebhookSubscriptions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LastNotifiedAuditEntryId",
                table: "WebhookSubscriptions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MessageId",
                table: "WebhookDeliveries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "Partners",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "OptOuts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Provider",
                table: "Messages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QueueLocationId",
                table: "Messages",
                type: "integer",
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

            migrationBuilder.AddColumn<string>(
                name: "SecureTokenProtected",
                table: "Messages",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "Locations",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InReplyToMessageId",
                table: "InboundMessages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ThreadId",
                table: "InboundMessages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "Accounts",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PracticePhone",
                table: "Accounts",
                type: "character varying(20)",
                maxLength: 20,
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
                name: "InboxThreads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecipientId = table.Column<int>(type: "integer", nullable: true),
                    LocationId = table.Column<int>(type: "integer", nullable: true),
                    QueueLocationId = table.Column<int>(type: "integer", nullable: true),
                    UnreadCount = table.Column<int>(type: "integer", nullable: false),
                    IsUnread = table.Column<bool>(type: "boolean", nullable: false),
                    ReplyCount = table.Column<int>(type: "integer", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastReplyAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    LastReplyPreview = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxThreads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxThreads_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InboxThreads_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_InboxThreads_Locations_QueueLocationId",
                        column: x => x.QueueLocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_InboxThreads_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MessageEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    MessageId = table.Column<long>(type: "bigint", nullable: true),
                    InboundMessageId = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PartnerId = table.Column<int>(type: "integer", nullable: true),
                    AccountId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "IX_WebhookSubscriptions_AccountId",
                table: "WebhookSubscriptions",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_MessageId_Status",
                table: "WebhookDeliveries",
                columns: new[] { "SubscriptionId", "MessageId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_QueueLocationId",
                table: "Messages",
                column: "QueueLocationId");

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
                name: "IX_InboundMessages_InReplyToMessageId",
                table: "InboundMessages",
                column: "InReplyToMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_ThreadId_ReceivedAt",
                table: "InboundMessages",
                columns: new[] { "ThreadId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxThreads_AccountId_IsUnread_LastActivityAt_Id",
                table: "InboxThreads",
                columns: new[] { "AccountId", "IsUnread", "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxThreads_AccountId_LocationId_IsUnread_LastActivityAt",
                table: "InboxThreads",
                columns: new[] { "AccountId", "LocationId", "IsUnread", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxThreads_AccountId_Phone",
                table: "InboxThreads",
                columns: new[] { "AccountId", "Phone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxThreads_AccountId_QueueLocationId_IsUnread_LastActivit~",
                table: "InboxThreads",
                columns: new[] { "AccountId", "QueueLocationId", "IsUnread", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxThreads_LocationId",
                table: "InboxThreads",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxThreads_QueueLocationId",
                table: "InboxThreads",
                column: "QueueLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxThreads_RecipientId",
                table: "InboxThreads",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageEvents_InboundMessageId",
                table: "MessageEvents",
                column: "InboundMessageId",
                unique: true,
                filter: "\"InboundMessageId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MessageEvents_MessageId_EventType_Status",
                table: "MessageEvents",
                columns: new[] { "MessageId", "EventType", "Status" },
                unique: true,
                filter: "\"InboundMessageId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MessageEvents_ProcessedAt_Id",
                table: "MessageEvents",
                columns: new[] { "ProcessedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_CreatedAt_Id",
                table: "Notifications",
                columns: new[] { "UserId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_AccountId_Status_CreatedAt",
                table: "OptOutReviews",
                columns: new[] { "AccountId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_InboundMessageId",
                table: "OptOutReviews",
                column: "InboundMessageId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_InboundMessages_InboxThreads_ThreadId",
                table: "InboundMessages",
                column: "ThreadId",
                principalTable: "InboxThreads",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_InboundMessages_Messages_InReplyToMessageId",
                table: "InboundMessages",
                column: "InReplyToMessageId",
                principalTable: "Messages",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Messages_Locations_QueueLocationId",
                table: "Messages",
                column: "QueueLocationId",
                principalTable: "Locations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_WebhookSubscriptions_Accounts_AccountId",
                table: "WebhookSubscriptions",
                column: "AccountId",
                principalTable: "Accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_InboundMessages_InboxThreads_ThreadId",
                table: "InboundMessages");

            migrationBuilder.DropForeignKey(
                name: "FK_InboundMessages_Messages_InReplyToMessageId",
                table: "InboundMessages");

            migrationBuilder.DropForeignKey(
                name: "FK_Messages_Locations_QueueLocationId",
                table: "Messages");

            migrationBuilder.DropForeignKey(
                name: "FK_WebhookSubscriptions_Accounts_AccountId",
                table: "WebhookSubscriptions");

            migrationBuilder.DropTable(
                name: "InboxThreads");

            migrationBuilder.DropTable(
                name: "MessageEvents");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "OptOutReviews");

            migrationBuilder.DropIndex(
                name: "IX_WebhookSubscriptions_AccountId",
                table: "WebhookSubscriptions");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_MessageId_Status",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_Messages_QueueLocationId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Scheduled",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_Id_ScheduledFor",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_InboundMessages_InReplyToMessageId",
                table: "InboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_InboundMessages_ThreadId_ReceivedAt",
                table: "InboundMessages");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "WebhookSubscriptions");

            migrationBuilder.DropColumn(
                name: "IncludeContent",
                table: "WebhookSubscriptions");

            migrationBuilder.DropColumn(
                name: "LastNotifiedAuditEntryId",
                table: "WebhookSubscriptions");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Partners");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "OptOuts");

            migrationBuilder.DropColumn(
                name: "Provider",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "QueueLocationId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "RequestedSendAt",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ScheduledFor",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SecureTokenProtected",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Locations");

            migrationBuilder.DropColumn(
                name: "InReplyToMessageId",
                table: "InboundMessages");

            migrationBuilder.DropColumn(
                name: "ThreadId",
                table: "InboundMessages");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "PracticePhone",
                table: "Accounts");

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
