using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Baton.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Ratings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RatingRounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Scale = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Grades = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TopQuota = table.Column<int>(type: "INTEGER", nullable: true),
                    TopScore = table.Column<double>(type: "REAL", nullable: false),
                    Anchoring = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    IsClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalibratedScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    RawMean = table.Column<double>(type: "REAL", nullable: false),
                    Calibrated = table.Column<double>(type: "REAL", nullable: false),
                    StandardError = table.Column<double>(type: "REAL", nullable: true),
                    Score100 = table.Column<double>(type: "REAL", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibratedScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalibratedScores_RatingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "RatingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CalibratedScores_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RatingCriteria",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Weight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingCriteria_RatingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "RatingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RatingEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    RaterId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingEvents_RatingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "RatingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RatingRaters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingRaters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingRaters_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RatingRaters_RatingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "RatingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RatingRaters_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RatingRoundUnits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    IsAnchor = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingRoundUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingRoundUnits_RatingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "RatingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RatingRoundUnits_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RatingAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RaterId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingAssignments_RatingRaters_RaterId",
                        column: x => x.RaterId,
                        principalTable: "RatingRaters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RatingAssignments_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RatingConflicts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    RaterId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingConflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingConflicts_RatingRaters_RaterId",
                        column: x => x.RaterId,
                        principalTable: "RatingRaters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RatingConflicts_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RatingEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    RaterId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingEntries_RatingRaters_RaterId",
                        column: x => x.RaterId,
                        principalTable: "RatingRaters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RatingEntries_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RatingCriterionScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    CriterionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingCriterionScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingCriterionScores_RatingCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "RatingCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RatingCriterionScores_RatingEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "RatingEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalibratedScores_RoundId_UnitId",
                table: "CalibratedScores",
                columns: new[] { "RoundId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalibratedScores_UnitId",
                table: "CalibratedScores",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingAssignments_RaterId_UnitId",
                table: "RatingAssignments",
                columns: new[] { "RaterId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingAssignments_UnitId",
                table: "RatingAssignments",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingConflicts_RaterId_UnitId",
                table: "RatingConflicts",
                columns: new[] { "RaterId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingConflicts_RoundId",
                table: "RatingConflicts",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingConflicts_UnitId",
                table: "RatingConflicts",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingCriteria_RoundId",
                table: "RatingCriteria",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingCriterionScores_CriterionId",
                table: "RatingCriterionScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingCriterionScores_EntryId_CriterionId",
                table: "RatingCriterionScores",
                columns: new[] { "EntryId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingEntries_RaterId_UnitId",
                table: "RatingEntries",
                columns: new[] { "RaterId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingEntries_RoundId",
                table: "RatingEntries",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingEntries_UnitId",
                table: "RatingEntries",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingEvents_RoundId",
                table: "RatingEvents",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingRaters_RoundId_UserId",
                table: "RatingRaters",
                columns: new[] { "RoundId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingRaters_TokenHash",
                table: "RatingRaters",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingRaters_UnitId",
                table: "RatingRaters",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingRaters_UserId",
                table: "RatingRaters",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingRounds_Year",
                table: "RatingRounds",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_RatingRoundUnits_RoundId_UnitId",
                table: "RatingRoundUnits",
                columns: new[] { "RoundId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingRoundUnits_UnitId",
                table: "RatingRoundUnits",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalibratedScores");

            migrationBuilder.DropTable(
                name: "RatingAssignments");

            migrationBuilder.DropTable(
                name: "RatingConflicts");

            migrationBuilder.DropTable(
                name: "RatingCriterionScores");

            migrationBuilder.DropTable(
                name: "RatingEvents");

            migrationBuilder.DropTable(
                name: "RatingRoundUnits");

            migrationBuilder.DropTable(
                name: "RatingCriteria");

            migrationBuilder.DropTable(
                name: "RatingEntries");

            migrationBuilder.DropTable(
                name: "RatingRaters");

            migrationBuilder.DropTable(
                name: "RatingRounds");
        }
    }
}
