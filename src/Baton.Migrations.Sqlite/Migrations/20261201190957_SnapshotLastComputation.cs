using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Baton.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SnapshotLastComputation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastComputation",
                table: "ResultSnapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastComputation",
                table: "ResultSnapshots");
        }
    }
}
