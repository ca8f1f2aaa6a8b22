using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Baton.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Projects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InvestmentLeads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TotalInvestment = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: false),
                    Screening = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ContractAmount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: true),
                    FundsInPlace = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestmentLeads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestmentLeads_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyProjects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OwnerUnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerShare = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    PlannedInvestment = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: false),
                    MonthlyPlan = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyProjects_Units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SuperiorSupports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: false),
                    WonOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EvidenceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EvidenceName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuperiorSupports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuperiorSupports_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeadStageRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeadId = table.Column<long>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReachedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EvidenceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EvidenceName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadStageRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadStageRecords_InvestmentLeads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "InvestmentLeads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectBottlenecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectBottlenecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectBottlenecks_KeyProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "KeyProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectInvestments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    EvidenceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EvidenceName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectInvestments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectInvestments_KeyProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "KeyProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectMilestones",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActualOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectMilestones_KeyProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "KeyProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectUnits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    Share = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectUnits_KeyProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "KeyProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProjectUnits_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentLeads_UnitId",
                table: "InvestmentLeads",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentLeads_Year_UnitId",
                table: "InvestmentLeads",
                columns: new[] { "Year", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyProjects_OwnerUnitId",
                table: "KeyProjects",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyProjects_Year_Code",
                table: "KeyProjects",
                columns: new[] { "Year", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeadStageRecords_LeadId",
                table: "LeadStageRecords",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectBottlenecks_ProjectId",
                table: "ProjectBottlenecks",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectInvestments_ProjectId_Month",
                table: "ProjectInvestments",
                columns: new[] { "ProjectId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMilestones_ProjectId_Kind",
                table: "ProjectMilestones",
                columns: new[] { "ProjectId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectUnits_ProjectId_UnitId",
                table: "ProjectUnits",
                columns: new[] { "ProjectId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectUnits_UnitId",
                table: "ProjectUnits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_SuperiorSupports_UnitId",
                table: "SuperiorSupports",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_SuperiorSupports_Year_UnitId",
                table: "SuperiorSupports",
                columns: new[] { "Year", "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LeadStageRecords");

            migrationBuilder.DropTable(
                name: "ProjectBottlenecks");

            migrationBuilder.DropTable(
                name: "ProjectInvestments");

            migrationBuilder.DropTable(
                name: "ProjectMilestones");

            migrationBuilder.DropTable(
                name: "ProjectUnits");

            migrationBuilder.DropTable(
                name: "SuperiorSupports");

            migrationBuilder.DropTable(
                name: "InvestmentLeads");

            migrationBuilder.DropTable(
                name: "KeyProjects");
        }
    }
}
