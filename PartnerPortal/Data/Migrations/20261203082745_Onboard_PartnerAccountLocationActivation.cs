using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Onboard_PartnerAccountLocationActivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "Partners",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "Locations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PracticePhone",
                table: "Accounts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Partners");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Locations");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "PracticePhone",
                table: "Accounts");
        }
    }
}
