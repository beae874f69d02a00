using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddAccountListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Accounts_PartnerId_SmsDetailsComplete_BusinessName_Id",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_BusinessName_Id",
                table: "Accounts",
                columns: new[] { "BusinessName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_PartnerId_SmsDetailsComplete_BusinessName_Id_HasOwnWebsite",
                table: "Accounts",
                columns: new[] { "PartnerId", "SmsDetailsComplete", "BusinessName", "Id", "HasOwnWebsite" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_SmsDetailsComplete_BusinessName_Id",
                table: "Accounts",
                columns: new[] { "SmsDetailsComplete", "BusinessName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Accounts_BusinessName_Id",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_PartnerId_SmsDetailsComplete_BusinessName_Id_HasOwnWebsite",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_SmsDetailsComplete_BusinessName_Id",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_PartnerId_SmsDetailsComplete_BusinessName_Id",
                table: "Accounts",
                columns: new[] { "PartnerId", "SmsDetailsComplete", "BusinessName", "Id" });
        }
    }
}
