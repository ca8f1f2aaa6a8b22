using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Baton.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Points = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    MaxGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    EvidenceHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EvidenceName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true),
                    EnteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CategoryId = table.Column<long>(type: "bigint", nullable: false),
                    TotalPoints = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    BonusCap = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    DeductionCap = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    AwardBase = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    TieBreak = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    QuotaTies = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    VetoGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Components = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Grades = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Score = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    FullScore = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<long>(type: "bigint", nullable: false),
                    ParentId = table.Column<long>(type: "bigint", nullable: true),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsGroup = table.Column<bool>(type: "boolean", nullable: false),
                    Points = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    Rule = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RuleParameters = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LeadUnitId = table.Column<long>(type: "bigint", nullable: true),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Measure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    EvidenceRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InputsHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResultHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RuleVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Units = table.Column<int>(type: "integer", nullable: false),
                    Inputs = table.Column<byte[]>(type: "bytea", nullable: false),
                    CanonicalResults = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "YearSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AwardBudget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Decimals = table.Column<int>(type: "integer", nullable: false),
                    RuleVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Targets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<long>(type: "bigint", nullable: false),
                    IndicatorId = table.Column<long>(type: "bigint", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    MonthlyPlan = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    MonthlyActual = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ReportedActual = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    AuthoritativeActual = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    AuthoritativeSource = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Evidence = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SnapshotId = table.Column<long>(type: "bigint", nullable: false),
                    UnitId = table.Column<long>(type: "bigint", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CategoryName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Overall = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    IndicatorScore = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Bonus = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Deduction = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Vetoed = table.Column<bool>(type: "boolean", nullable: false),
                    Capped = table.Column<bool>(type: "boolean", nullable: false),
                    Award = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Components = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
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
