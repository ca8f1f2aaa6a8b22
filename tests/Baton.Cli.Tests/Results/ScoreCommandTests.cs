using System.Text.Json;

namespace Baton.Cli.Tests.Results;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("baton-cli-score-").FullName;

    private string DbFile => Path.Combine(_folder, "baton.db");

    [Fact]
    public async Task Score_prints_the_ranking_as_json_with_a_stable_snapshot_hash()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("seed", "demo", "--db", DbFile)).ExitCode);
        var run = await CliRunner.RunAsync("score", "--year", "2025", "--format", "json", "--db", DbFile);
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var document = JsonDocument.Parse(run.StdOut);
        var root = document.RootElement;
        Assert.Equal(["year", "snapshot", "categories"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2025, root.GetProperty("year").GetInt32());
        Assert.Equal(64, root.GetProperty("snapshot").GetString()!.Length);
        var categories = root.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(6, categories.Count);
        var unit = categories[0].GetProperty("units")[0];
        Assert.Equal(["code", "name", "overall", "rank", "grade", "components", "vetoed", "capped", "missing"], unit.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, unit.GetProperty("rank").GetInt32());
        Assert.Equal(JsonValueKind.Number, unit.GetProperty("overall").ValueKind);
        Assert.Equal(JsonValueKind.Number, unit.GetProperty("components").GetProperty("indicators").ValueKind);
        var units = categories.SelectMany(c => c.GetProperty("units").EnumerateArray()).ToList();
        Assert.Single(units, u => u.GetProperty("vetoed").GetBoolean());
        Assert.Single(units, u => u.GetProperty("capped").GetBoolean());
        // The demo's 2025 is complete: every unit has every weighted component.
        Assert.All(units, u => Assert.Equal(0, u.GetProperty("missing").GetArrayLength()));

        var again = await CliRunner.RunAsync("score", "--year", "2025", "--category", "TOWN-A", "--format", "json", "--db", DbFile);
        using var second = JsonDocument.Parse(again.StdOut);
        Assert.Equal(root.GetProperty("snapshot").GetString(), second.RootElement.GetProperty("snapshot").GetString());
        Assert.Equal("TOWN-A", second.RootElement.GetProperty("categories").EnumerateArray().Single().GetProperty("code").GetString());

        var xlsx = Path.Combine(_folder, "ranking.xlsx");
        Assert.Equal(0, (await CliRunner.RunAsync("score", "--year", "2025", "--format", "xlsx", "--out", xlsx, "--db", DbFile)).ExitCode);
        Assert.True(new FileInfo(xlsx).Length > 1000);
    }

    [Fact]
    public async Task A_year_with_missing_components_is_refused_listing_the_units_and_codes()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("seed", "demo", "--db", DbFile)).ExitCode);
        // Two departments lose their (hand-entered) satisfaction score, one town its calibrated teams' score.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbFile}"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = """
                DELETE FROM "ComponentScores" WHERE "Year" = 2025 AND "Code" = 'satisfaction'
                    AND "UnitId" IN (SELECT "Id" FROM "Units" WHERE "Code" IN ('D13', 'D16'));
                DELETE FROM "CalibratedScores" WHERE "UnitId" = (SELECT "Id" FROM "Units" WHERE "Code" = 'T03')
                    AND "RoundId" IN (SELECT "Id" FROM "RatingRounds" WHERE "Kind" = 'AssessmentTeam');
                """;
            Assert.Equal(3, await delete.ExecuteNonQueryAsync());
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var run = await CliRunner.RunAsync("score", "--year", "2025", "--format", "json", "--db", DbFile);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("3 个单位缺少考核构成得分", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("县教育局（D13）", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("缺“考核组实地考核”（teams）1 个单位——西坝镇（T03）", run.StdErr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.StdOut);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("snapshot").ValueKind);
        Assert.Contains("缺少考核构成得分", root.GetProperty("refused").GetString(), StringComparison.Ordinal);
        var missing = root.GetProperty("categories").EnumerateArray()
            .SelectMany(c => c.GetProperty("units").EnumerateArray().Select(u => (Category: c.GetProperty("code").GetString(), Unit: u.GetProperty("code").GetString(),
                Codes: string.Join(",", u.GetProperty("missing").EnumerateArray().Select(x => x.GetString())))))
            .ToList();
        Assert.Equal([("DEPT-SOC", "D13", "satisfaction"), ("DEPT-SOC", "D16", "satisfaction"), ("TOWN-A", "T03", "teams")], missing);

        // Only the category asked for; the Excel format just refuses.
        var town = await CliRunner.RunAsync("score", "--year", "2025", "--category", "TOWN-A", "--format", "json", "--db", DbFile);
        Assert.Equal(2, town.ExitCode);
        using var townDocument = JsonDocument.Parse(town.StdOut);
        Assert.Equal(["TOWN-A"], townDocument.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        var xlsx = Path.Combine(_folder, "ranking.xlsx");
        Assert.Equal(2, (await CliRunner.RunAsync("score", "--year", "2025", "--format", "xlsx", "--out", xlsx, "--db", DbFile)).ExitCode);
        Assert.False(File.Exists(xlsx));
    }

    [Fact]
    public async Task Unknown_year_or_category_is_refused_with_exit_code_2()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("seed", "demo", "--db", DbFile)).ExitCode);
        var year = await CliRunner.RunAsync("score", "--year", "1999", "--format", "json", "--db", DbFile);
        Assert.Equal(2, year.ExitCode);
        Assert.Contains("1999 年度不存在", year.StdErr, StringComparison.Ordinal);
        var category = await CliRunner.RunAsync("score", "--year", "2025", "--category", "NOPE", "--format", "json", "--db", DbFile);
        Assert.Equal(2, category.ExitCode);
        Assert.Equal("", category.StdOut);
    }

    [Fact]
    public async Task Seeded_province_scores_every_unit()
    {
        var seed = await CliRunner.RunAsync("seed", "province", "--units", "60", "--categories", "3", "--leaves", "20", "--db", DbFile);
        Assert.True(seed.ExitCode == 0, seed.StdErr);
        Assert.Contains("60 个单位", seed.StdOut, StringComparison.Ordinal);
        var run = await CliRunner.RunAsync("score", "--year", "2030", "--format", "json", "--db", DbFile);
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var document = JsonDocument.Parse(run.StdOut);
        var categories = document.RootElement.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(3, categories.Count);
        Assert.Equal(60, categories.Sum(c => c.GetProperty("units").GetArrayLength()));
        var again = await CliRunner.RunAsync("seed", "province", "--units", "60", "--db", DbFile);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("2030 年度已存在", again.StdErr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
