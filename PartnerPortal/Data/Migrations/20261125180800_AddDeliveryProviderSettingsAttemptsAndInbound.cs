using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDeliveryProviderSettingsAttemptsAndInbound : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "Messages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntil",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveredAt",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FailedAt",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: true),
                    FromNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ToNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ProviderMessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ReplyMessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboundMessages_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InboundMessages_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_InboundMessages_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MessageAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Dispatcher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageAttempts_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProviderCallbackReceipts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignatureHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderCallbackReceipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProviderSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UseAuthentication = table.Column<bool>(type: "INTEGER", nullable: false),
                    Login = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SenderName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ProtectedCallbackSecret = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LastTestAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastTestSucceeded = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastTestResult = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RefusedCallbacks = table.Column<long>(type: "INTEGER", nullable: false),
                    LastRefusedCallbackAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastRefusedCallbackReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProviderSettings_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_AccountId_LocationId_CreatedAt",
                table: "Messages",
                columns: new[] { "AccountId", "LocationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_AccountId_Status_CreatedAt",
                table: "Messages",
                columns: new[] { "AccountId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_AccountId_ToNumber_CreatedAt",
                table: "Messages",
                columns: new[] { "AccountId", "ToNumber", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_AccountId_Action_ReceivedAt",
                table: "InboundMessages",
                columns: new[] { "AccountId", "Action", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_AccountId_FromNumber_ReceivedAt",
                table: "InboundMessages",
                columns: new[] { "AccountId", "FromNumber", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_AccountId_ProviderMessageId",
                table: "InboundMessages",
                columns: new[] { "AccountId", "ProviderMessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_LocationId",
                table: "InboundMessages",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_RecipientId",
                table: "InboundMessages",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageAttempts_MessageId_Number",
                table: "MessageAttempts",
                columns: new[] { "MessageId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProviderCallbackReceipts_ReceivedAt",
                table: "ProviderCallbackReceipts",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ProviderCallbackReceipts_SignatureHash",
                table: "ProviderCallbackReceipts",
                column: "SignatureHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProviderSettings_AccountId",
                table: "ProviderSettings",
                column: "AccountId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboundMessages");

            migrationBuilder.DropTable(
                name: "MessageAttempts");

            migrationBuilder.DropTable(
                name: "ProviderCallbackReceipts");

            migrationBuilder.DropTable(
                name: "ProviderSettings");

            migrationBuilder.DropIndex(
                name: "IX_Messages_AccountId_LocationId_CreatedAt",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_AccountId_Status_CreatedAt",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_AccountId_ToNumber_CreatedAt",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ClaimedUntil",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "FailedAt",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Messages");
        }
    }
}
