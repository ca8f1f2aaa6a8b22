using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Baton.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Plan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Type",
                table: "Indicators",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CityStandings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: true),
                    RankOf = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CityStandings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SuperiorTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Measure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CityValue = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CityPoints = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Aggregation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Margin = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuperiorTargets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SuperiorTargetLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuperiorTargetId = table.Column<long>(type: "bigint", nullable: false),
                    IndicatorId = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuperiorTargetId = table.Column<long>(type: "bigint", nullable: false),
                    UnitId = table.Column<long>(type: "bigint", nullable: false),
                    IsLead = table.Column<bool>(type: "boolean", nullable: false),
                    Share = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UnitId = table.Column<long>(type: "bigint", nullable: true),
                    IndicatorId = table.Column<long>(type: "bigint", nullable: true),
                    SuperiorTargetId = table.Column<long>(type: "bigint", nullable: true),
                    FromValue = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    AgreedValue = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    OpenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                name: "NegotiationSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NegotiationId = table.Column<long>(type: "bigint", nullable: false),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EvidenceHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "IX_NegotiationSteps_EvidenceHash",
                table: "NegotiationSteps",
                column: "EvidenceHash");

            migrationBuilder.CreateIndex(
                name: "IX_NegotiationSteps_NegotiationId",
                table: "NegotiationSteps",
                column: "NegotiationId");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CityStandings");

            migrationBuilder.DropTable(
                name: "NegotiationSteps");

            migrationBuilder.DropTable(
                name: "SuperiorTargetLinks");

            migrationBuilder.DropTable(
                name: "SuperiorTargetShares");

            migrationBuilder.DropTable(
                name: "TargetNegotiations");

            migrationBuilder.DropTable(
                name: "SuperiorTargets");

            migrationBuilder.DropColumn(
                name: "Type",
                table: "Indicators");
        }
    }
}
