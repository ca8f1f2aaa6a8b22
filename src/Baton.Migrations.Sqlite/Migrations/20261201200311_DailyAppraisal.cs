using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Baton.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DailyAppraisal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlanProfile",
                table: "Targets",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponsibleName",
                table: "Targets",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponsiblePost",
                table: "Targets",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponsibleUser",
                table: "Targets",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Type",
                table: "Indicators",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CityStandings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    RankOf = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CityStandings", x => x.Id);
                });

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
                name: "MonthlyPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyPlans_Targets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "Targets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<long>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstSubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignedOffBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SignedOffAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressReports_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgressReports_Targets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "Targets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgressReports_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgressSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDay = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressSettings", x => x.Id);
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
                name: "SuperiorTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CityValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CityPoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Aggregation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Margin = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuperiorTargets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TargetChangeRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrentValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    ProposedValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetChangeRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TargetChangeRequests_Targets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "Targets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TargetChangeRequests_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TargetIssuances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CountySignatory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetIssuances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TargetIssuances_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WarningRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: true),
                    Planned = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Actual = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Ratio = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    Forecast = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClearedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WarningSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Yellow = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    Red = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    StaleDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningSettings", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "ProgressEvidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressEvidence_ProgressReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ProgressReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SuperiorTargetLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SuperiorTargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuperiorTargetLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuperiorTargetLinks_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SuperiorTargetLinks_SuperiorTargets_SuperiorTargetId",
                        column: x => x.SuperiorTargetId,
                        principalTable: "SuperiorTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SuperiorTargetShares",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SuperiorTargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    IsLead = table.Column<bool>(type: "INTEGER", nullable: false),
                    Share = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuperiorTargetShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuperiorTargetShares_SuperiorTargets_SuperiorTargetId",
                        column: x => x.SuperiorTargetId,
                        principalTable: "SuperiorTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SuperiorTargetShares_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TargetNegotiations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    IndicatorId = table.Column<long>(type: "INTEGER", nullable: true),
                    SuperiorTargetId = table.Column<long>(type: "INTEGER", nullable: true),
                    FromValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    AgreedValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetNegotiations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TargetNegotiations_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TargetNegotiations_SuperiorTargets_SuperiorTargetId",
                        column: x => x.SuperiorTargetId,
                        principalTable: "SuperiorTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TargetNegotiations_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WarningSightings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WarningId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningSightings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WarningSightings_WarningRecords_WarningId",
                        column: x => x.WarningId,
                        principalTable: "WarningRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NegotiationSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NegotiationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EvidenceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NegotiationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NegotiationSteps_TargetNegotiations_NegotiationId",
                        column: x => x.NegotiationId,
                        principalTable: "TargetNegotiations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CityStandings_Year_Period",
                table: "CityStandings",
                columns: new[] { "Year", "Period" },
                unique: true);

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
                name: "IX_MonthlyPlans_TargetId_Month",
                table: "MonthlyPlans",
                columns: new[] { "TargetId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NegotiationSteps_EvidenceHash",
                table: "NegotiationSteps",
                column: "EvidenceHash");

            migrationBuilder.CreateIndex(
                name: "IX_NegotiationSteps_NegotiationId",
                table: "NegotiationSteps",
                column: "NegotiationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressEvidence_Hash",
                table: "ProgressEvidence",
                column: "Hash");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressEvidence_ReportId_Hash",
                table: "ProgressEvidence",
                columns: new[] { "ReportId", "Hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressReports_IndicatorId",
                table: "ProgressReports",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressReports_TargetId_Month",
                table: "ProgressReports",
                columns: new[] { "TargetId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressReports_UnitId",
                table: "ProgressReports",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressReports_Year_IndicatorId_Status",
                table: "ProgressReports",
                columns: new[] { "Year", "IndicatorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressReports_Year_UnitId_Month",
                table: "ProgressReports",
                columns: new[] { "Year", "UnitId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSettings_Year",
                table: "ProgressSettings",
                column: "Year",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_SuperiorTargetLinks_IndicatorId",
                table: "SuperiorTargetLinks",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_SuperiorTargetLinks_SuperiorTargetId_IndicatorId",
                table: "SuperiorTargetLinks",
                columns: new[] { "SuperiorTargetId", "IndicatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuperiorTargets_Year_Code",
                table: "SuperiorTargets",
                columns: new[] { "Year", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuperiorTargetShares_SuperiorTargetId_UnitId",
                table: "SuperiorTargetShares",
                columns: new[] { "SuperiorTargetId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuperiorTargetShares_UnitId",
                table: "SuperiorTargetShares",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetChangeRequests_TargetId",
                table: "TargetChangeRequests",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetChangeRequests_UnitId",
                table: "TargetChangeRequests",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetChangeRequests_Year_Decision",
                table: "TargetChangeRequests",
                columns: new[] { "Year", "Decision" });

            migrationBuilder.CreateIndex(
                name: "IX_TargetIssuances_UnitId",
                table: "TargetIssuances",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetIssuances_Year_UnitId",
                table: "TargetIssuances",
                columns: new[] { "Year", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TargetNegotiations_IndicatorId",
                table: "TargetNegotiations",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetNegotiations_SuperiorTargetId",
                table: "TargetNegotiations",
                column: "SuperiorTargetId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetNegotiations_UnitId",
                table: "TargetNegotiations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetNegotiations_Year_UnitId",
                table: "TargetNegotiations",
                columns: new[] { "Year", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_WarningRecords_TargetId_Kind_Month",
                table: "WarningRecords",
                columns: new[] { "TargetId", "Kind", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_WarningRecords_Year_ClearedAt_UnitId",
                table: "WarningRecords",
                columns: new[] { "Year", "ClearedAt", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_WarningSettings_Year",
                table: "WarningSettings",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WarningSightings_WarningId_UserName",
                table: "WarningSightings",
                columns: new[] { "WarningId", "UserName" },
                unique: true);

            // The month plans and monthly actual values were "a;b;c…" strings on the target (January first, an empty
            // entry an unreported month); they become MonthlyPlans and ProgressReports rows before the strings go.
            migrationBuilder.Sql("""
                WITH RECURSIVE split("TargetId", "Month", "Item", "Rest") AS (
                    SELECT "Id", 0, NULL, "MonthlyPlan" || ';' FROM "Targets" WHERE trim(coalesce("MonthlyPlan", '')) <> ''
                    UNION ALL
                    SELECT "TargetId", "Month" + 1, trim(substr("Rest", 1, instr("Rest", ';') - 1)), substr("Rest", instr("Rest", ';') + 1)
                    FROM split WHERE "Rest" <> '' AND "Month" < 12)
                INSERT INTO "MonthlyPlans" ("TargetId", "Month", "Value")
                SELECT "TargetId", "Month", "Item" FROM split WHERE "Month" > 0 AND "Item" <> '';
                """);
            migrationBuilder.Sql("""UPDATE "Targets" SET "PlanProfile" = 'Custom' WHERE trim(coalesce("MonthlyPlan", '')) <> '';""");
            migrationBuilder.Sql("""
                WITH RECURSIVE split("TargetId", "Month", "Item", "Rest") AS (
                    SELECT "Id", 0, NULL, "MonthlyActual" || ';' FROM "Targets" WHERE trim(coalesce("MonthlyActual", '')) <> ''
                    UNION ALL
                    SELECT "TargetId", "Month" + 1, trim(substr("Rest", 1, instr("Rest", ';') - 1)), substr("Rest", instr("Rest", ';') + 1)
                    FROM split WHERE "Rest" <> '' AND "Month" < 12)
                INSERT INTO "ProgressReports" ("Year", "TargetId", "UnitId", "IndicatorId", "Month", "Value", "Status", "SubmittedBy", "SubmittedAt",
                    "FirstSubmittedAt", "SignedOffBy", "SignedOffAt", "ReviewedBy", "ReviewedAt", "Version")
                SELECT t."Year", t."Id", t."UnitId", t."IndicatorId", s."Month", s."Item",
                    CASE t."Status" WHEN 'Approved' THEN 'Approved' WHEN 'SignedOff' THEN 'SignedOff' ELSE 'Entered' END,
                    'system', strftime('%Y-%m-%d %H:%M:%S', 'now'), strftime('%Y-%m-%d %H:%M:%S', 'now'),
                    CASE WHEN t."Status" IN ('Approved', 'SignedOff') THEN coalesce(t."SignedOffBy", 'system') END,
                    CASE WHEN t."Status" IN ('Approved', 'SignedOff') THEN strftime('%Y-%m-%d %H:%M:%S', 'now') END,
                    CASE WHEN t."Status" = 'Approved' THEN coalesce(t."ApprovedBy", 'system') END,
                    CASE WHEN t."Status" = 'Approved' THEN strftime('%Y-%m-%d %H:%M:%S', 'now') END,
                    0
                FROM split s JOIN "Targets" t ON t."Id" = s."TargetId" WHERE s."Month" > 0 AND s."Item" <> '';
                """);

            migrationBuilder.DropColumn(
                name: "MonthlyActual",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "MonthlyPlan",
                table: "Targets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CityStandings");

            migrationBuilder.DropTable(
                name: "LeadStageRecords");

            migrationBuilder.DropTable(
                name: "MonthlyPlans");

            migrationBuilder.DropTable(
                name: "NegotiationSteps");

            migrationBuilder.DropTable(
                name: "ProgressEvidence");

            migrationBuilder.DropTable(
                name: "ProgressSettings");

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
                name: "SuperiorTargetLinks");

            migrationBuilder.DropTable(
                name: "SuperiorTargetShares");

            migrationBuilder.DropTable(
                name: "TargetChangeRequests");

            migrationBuilder.DropTable(
                name: "TargetIssuances");

            migrationBuilder.DropTable(
                name: "WarningSettings");

            migrationBuilder.DropTable(
                name: "WarningSightings");

            migrationBuilder.DropTable(
                name: "InvestmentLeads");

            migrationBuilder.DropTable(
                name: "TargetNegotiations");

            migrationBuilder.DropTable(
                name: "ProgressReports");

            migrationBuilder.DropTable(
                name: "KeyProjects");

            migrationBuilder.DropTable(
                name: "WarningRecords");

            migrationBuilder.DropTable(
                name: "SuperiorTargets");

            migrationBuilder.DropColumn(
                name: "PlanProfile",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "ResponsibleName",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "ResponsiblePost",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "ResponsibleUser",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "Type",
                table: "Indicators");

            migrationBuilder.AddColumn<string>(
                name: "MonthlyActual",
                table: "Targets",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MonthlyPlan",
                table: "Targets",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
        }
    }
}
