using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddAuditLogFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_Id",
                table: "AuditEntries",
                columns: new[] { "EntityType", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerId_AccountId_Id",
                table: "AuditEntries",
                columns: new[] { "PartnerId", "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerId_Action_Id",
                table: "AuditEntries",
                columns: new[] { "PartnerId", "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerId_ActorId_Id",
                table: "AuditEntries",
                columns: new[] { "PartnerId", "ActorId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerId_EntityType_Id",
                table: "AuditEntries",
                columns: new[] { "PartnerId", "EntityType", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerId_AccountId_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerId_Action_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerId_ActorId_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerId_EntityType_Id",
                table: "AuditEntries");
        }
    }
}
