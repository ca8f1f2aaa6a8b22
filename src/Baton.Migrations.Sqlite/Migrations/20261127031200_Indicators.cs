using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Baton.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Indicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdjustmentEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MaxGrade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    EvidenceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EvidenceName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdjustmentEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdjustmentEvents_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CategorySettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CategoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalPoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    BonusCap = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    DeductionCap = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    AwardBase = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    TieBreak = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    QuotaTies = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    VetoGrade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Components = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Grades = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategorySettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CategorySettings_UnitCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "UnitCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ComponentScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    FullScore = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComponentScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComponentScores_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Indicators",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsGroup = table.Column<bool>(type: "INTEGER", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Weight = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RuleParameters = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LeadUnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    EvidenceRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Indicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Indicators_Indicators_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Indicators_UnitCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "UnitCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Indicators_Units_LeadUnitId",
                        column: x => x.LeadUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResultSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InputsHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResultHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RuleVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Units = table.Column<int>(type: "INTEGER", nullable: false),
                    Inputs = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CanonicalResults = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "YearSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AwardBudget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Decimals = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Targets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    MonthlyPlan = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    MonthlyActual = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ReportedActual = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    AuthoritativeActual = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    AuthoritativeSource = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Targets_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Targets_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SnapshotUnits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CategoryName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Overall = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    IndicatorScore = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Bonus = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Deduction = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Vetoed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Capped = table.Column<bool>(type: "INTEGER", nullable: false),
                    Award = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Components = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SnapshotUnits_ResultSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "ResultSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdjustmentEvents_UnitId",
                table: "AdjustmentEvents",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_AdjustmentEvents_Year_UnitId",
                table: "AdjustmentEvents",
                columns: new[] { "Year", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CategorySettings_CategoryId",
                table: "CategorySettings",
                column: "CategoryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComponentScores_UnitId",
                table: "ComponentScores",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ComponentScores_Year_UnitId_Code",
                table: "ComponentScores",
                columns: new[] { "Year", "UnitId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_CategoryId_Code",
                table: "Indicators",
                columns: new[] { "CategoryId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_LeadUnitId",
                table: "Indicators",
                column: "LeadUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_ParentId",
                table: "Indicators",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_Year_CategoryId",
                table: "Indicators",
                columns: new[] { "Year", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_ResultSnapshots_Year_Hash",
                table: "ResultSnapshots",
                columns: new[] { "Year", "Hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SnapshotUnits_SnapshotId_UnitId",
                table: "SnapshotUnits",
                columns: new[] { "SnapshotId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Targets_IndicatorId_UnitId",
                table: "Targets",
                columns: new[] { "IndicatorId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Targets_UnitId",
                table: "Targets",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Targets_Year_UnitId",
                table: "Targets",
                columns: new[] { "Year", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_YearSettings_Year",
                table: "YearSettings",
                column: "Year",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdjustmentEvents");

            migrationBuilder.DropTable(
                name: "CategorySettings");

            migrationBuilder.DropTable(
                name: "ComponentScores");

            migrationBuilder.DropTable(
                name: "SnapshotUnits");

            migrationBuilder.DropTable(
                name: "Targets");

            migrationBuilder.DropTable(
                name: "YearSettings");

            migrationBuilder.DropTable(
                name: "ResultSnapshots");

            migrationBuilder.DropTable(
                name: "Indicators");
        }
    }
}
