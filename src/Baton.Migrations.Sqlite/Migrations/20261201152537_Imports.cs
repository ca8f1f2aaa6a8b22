using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Baton.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Imports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Name",
                table: "UnitLeaders");

            migrationBuilder.AddColumn<long>(
                name: "PersonId",
                table: "UnitLeaders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnitLeaders_PersonId",
                table: "UnitLeaders",
                column: "PersonId",
                unique: true,
                filter: "\"Until\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_People_Name",
                table: "People",
                column: "Name");

            migrationBuilder.AddForeignKey(
                name: "FK_UnitLeaders_People_PersonId",
                table: "UnitLeaders",
                column: "PersonId",
                principalTable: "People",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_UnitLeaders_People_PersonId",
                table: "UnitLeaders");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropIndex(
                name: "IX_UnitLeaders_PersonId",
                table: "UnitLeaders");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "UnitLeaders");

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "UnitLeaders",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");
        }
    }
}
