using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Baton.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Flow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Targets",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedOffBy",
                table: "Targets",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Targets",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "SignedOffBy",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Targets");
        }
    }
}
