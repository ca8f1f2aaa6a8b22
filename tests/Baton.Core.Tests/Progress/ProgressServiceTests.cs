using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Demo;
using Baton.Core.Progress;
using Baton.Core.Results;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Scoring.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Tests.Progress;

public abstract class ProgressServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    private sealed record Setup(long T01, long T02, long D01, long D02, long Target, long OtherTarget);

    /// <summary>The demo's 2026 as it stood on 31 January, before any report, with the clock on 1 March (Beijing): T01's and T02's 县级重点项目建设进度, led by D01 (the reviewer's unit).</summary>
    private async Task<Setup> SetupAsync()
    {
        await ResultServiceTests.SeedDemoAsync(Db, ResultServiceTests.BeforeReports);
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var t02 = await ResultServiceTests.UnitIdAsync(Db, "T02");
        var d01 = await ResultServiceTests.UnitIdAsync(Db, "D01");
        var d02 = await ResultServiceTests.UnitIdAsync(Db, "D02");
        var plan = (await Db.Service<TargetService>(Office).MonthPlanAsync(Year, t01)).Single(p => p.IndicatorCode == "B2");
        var other = (await Db.Service<TargetService>(Office).MonthPlanAsync(Year, t02)).Single(p => p.IndicatorCode == "B2");
        return new Setup(t01, t02, d01, d02, plan.TargetId, other.TargetId);
    }

    private static CurrentUser Head(long unit) => new("head", [Roles.UnitHead], unit);

    private static CurrentUser Reviewer(long unit) => new("reviewer", [Roles.LeadReviewer], unit);

    private async Task<ProgressLine> LineAsync(CurrentUser user, long unit, long target, int month) =>
        (await Db.Service<ProgressService>(user).MonthAsync(Year, month, unit)).Single(l => l.TargetId == target);

    private async Task<string> UploadAsync(CurrentUser user, string name, string text)
    {
        var upload = await Db.Service<EvidenceService>(user).UploadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), name, "application/pdf");
        Assert.True(upload.Ok, upload.Error);
        return upload.Value!.Hash;
    }

    private async Task<int> ReportCountAsync()
    {
        await using var db = await Db.ContextAsync();
        return await db.ProgressReports.CountAsync(r => r.Year == Year);
    }

    [Fact]
    public async Task A_month_goes_reporter_head_reviewer_return_resubmit_and_approve_and_only_then_scores()
    {
        var s = await SetupAsync();
        var reporter = Db.Service<ProgressService>(Reporter(s.T01));
        var line = await LineAsync(Reporter(s.T01), s.T01, s.Target, 2);
        Assert.Equal((16.7m, ReportStatus.None, "赵丽华（业务股长）"), (line.Planned, line.Status, line.Responsible?.ToString()));
        Assert.Equal(new DateOnly(2026, 3, 5), line.Deadline);

        var evidence = await UploadAsync(Reporter(s.T01), "2月项目进度.pdf", "项目进度月报");
        Assert.True((await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 2, "１５．５", "完成征地。", null, [evidence], 0))).Ok);
        line = await LineAsync(Reporter(s.T01), s.T01, s.Target, 2);
        Assert.Equal((15.5m, ReportStatus.Entered, "2月项目进度.pdf"), (line.Report!.Value, line.Status, line.Report.Evidence.Single().FileName));

        // The lead unit sees nothing before the head confirms.
        var review = Db.Service<ProgressService>(Reviewer(s.D01));
        Assert.Empty(await review.ReviewQueueAsync(Year, null));
        Assert.Contains("尚未经单位负责人确认", (await review.ApproveAsync(Year, line.Report.Id, line.Report.Version)).Error, StringComparison.Ordinal);
        Assert.True((await Db.Service<ProgressService>(Head(s.T01)).ConfirmAsync(Year, line.Report.Id, line.Report.Version)).Ok);

        var queued = Assert.Single(await review.ReviewQueueAsync(Year, null));
        Assert.Equal(ReportStatus.SignedOff, queued.Status);
        // Not approved yet: February does not count.
        Assert.Null(await MonthlyInputAsync("T01"));
        Assert.True((await review.ReturnAsync(Year, queued.Report!.Id, "数值与项目台账不符，请核对。", queued.Report.Version)).Ok);

        line = await LineAsync(Reporter(s.T01), s.T01, s.Target, 2);
        Assert.Equal((ReportStatus.Returned, "数值与项目台账不符，请核对。"), (line.Status, line.Report!.ReturnComment));
        Assert.True((await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 2, "14.8", "完成征地，按台账更正。", null, [evidence], line.Report.Version))).Ok);
        line = await LineAsync(Reporter(s.T01), s.T01, s.Target, 2);
        Assert.True((await Db.Service<ProgressService>(Head(s.T01)).ConfirmAsync(Year, line.Report!.Id, line.Report.Version)).Ok);
        line = await LineAsync(Reporter(s.T01), s.T01, s.Target, 2);
        Assert.True((await review.ApproveAsync(Year, line.Report!.Id, line.Report.Version)).Ok);

        line = await LineAsync(Reporter(s.T01), s.T01, s.Target, 2);
        Assert.Equal((ReportStatus.Approved, 14.8m, "reviewer"), (line.Status, line.Report!.Value, line.Report.ReviewedBy));
        Assert.Empty(await review.ReviewQueueAsync(Year, null));

        // The time-progress leaf now scores February from the approved report, and its trace shows the month.
        var monthly = await MonthlyInputAsync("T01");
        Assert.Equal(";14.8", monthly!.Value.Monthly);
        var score = new IndicatorLeaf("B2", "县级重点项目建设进度", 10m, new TimeProgressRule()).Score(monthly.Value.Value.ToLeafValue());
        // Twelve planned months, only February approved: 14.8 ÷ 16.7 = 88.62%, every other month 0; 88.62% ÷ 12 × 10 = 0.74.
        Assert.Equal(0.74m, score.Points);
        Assert.Contains("2月 完成 14.8 ÷ 计划 16.7 = 88.6%", score.Formula, StringComparison.Ordinal);
        Assert.Contains("1月 未报送", score.Formula, StringComparison.Ordinal);
    }

    private async Task<(string? Monthly, ValueData Value)?> MonthlyInputAsync(string unit)
    {
        await using var db = await Db.ContextAsync();
        var inputs = await SnapshotLoader.LoadAsync(db, Year, default);
        var value = inputs.Units.Single(u => u.Code == unit).Values.Single(v => v.Leaf == "B2");
        return value.Monthly is null ? null : (value.Monthly, value);
    }

    [Fact]
    public async Task Another_units_reporter_or_head_and_a_reviewer_who_does_not_lead_are_refused_and_nothing_is_stored()
    {
        var s = await SetupAsync();
        var before = await ReportCountAsync();
        var stranger = await Db.Service<ProgressService>(Reporter(s.T02)).SubmitAsync(Year, new ProgressEntry(s.Target, 2, "10", null, null, [], 0));
        Assert.Equal(Outcome.NotFound, stranger.Error);
        Assert.Equal(before, await ReportCountAsync());

        Assert.True((await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(Year, new ProgressEntry(s.Target, 2, "10", null, null, [], 0))).Ok);
        var report = (await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).Report!;
        Assert.Equal(Outcome.NotFound, (await Db.Service<ProgressService>(Head(s.T02)).ConfirmAsync(Year, report.Id, report.Version)).Error);
        // A reporter is not the head.
        Assert.Equal("只有本单位负责人才能确认本单位的月报。", (await Db.Service<ProgressService>(Reporter(s.T01)).ConfirmAsync(Year, report.Id, report.Version)).Error);
        Assert.True((await Db.Service<ProgressService>(Head(s.T01)).ConfirmAsync(Year, report.Id, report.Version)).Ok);
        report = (await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).Report!;

        Assert.Equal(Outcome.NotFound, (await Db.Service<ProgressService>(Reviewer(s.D02)).ApproveAsync(Year, report.Id, report.Version)).Error);
        Assert.Empty(await Db.Service<ProgressService>(Reviewer(s.D02)).ReviewQueueAsync(Year, null));
        await using (var db = await Db.ContextAsync())
        {
            var stored = await db.ProgressReports.SingleAsync(r => r.Id == report.Id);
            Assert.Equal((ReportStatus.SignedOff, null), (stored.Status, stored.ReviewedBy));
        }
        // The office may review any unit but its own; a lead unit never reviews itself.
        var own = (await Db.Service<TargetService>(Office).MonthPlanAsync(Year, s.D01)).Single(p => p.IndicatorCode == "B2");
        Assert.True((await Db.Service<ProgressService>(new CurrentUser("d01", [Roles.UnitReporter], s.D01))
            .SubmitAsync(Year, new ProgressEntry(own.TargetId, 2, "10", null, null, [], 0))).Ok);
        var ownReport = (await LineAsync(Office, s.D01, own.TargetId, 2)).Report!;
        Assert.True((await Db.Service<ProgressService>(Head(s.D01)).ConfirmAsync(Year, ownReport.Id, ownReport.Version)).Ok);
        ownReport = (await LineAsync(Office, s.D01, own.TargetId, 2)).Report!;
        Assert.Equal("不能审核本单位的月报，请由县考核办审核。", (await Db.Service<ProgressService>(Reviewer(s.D01)).ApproveAsync(Year, ownReport.Id, ownReport.Version)).Error);
        Assert.True((await Db.Service<ProgressService>(Office).ApproveAsync(Year, ownReport.Id, ownReport.Version)).Ok);
    }

    [Theory]
    [InlineData(4, "2026 年 4 月尚未开始，不能填报")]
    [InlineData(13, "月份须在 1 到 12 之间")]
    public async Task A_month_that_has_not_begun_is_refused(int month, string error)
    {
        var s = await SetupAsync();
        var outcome = await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(Year, new ProgressEntry(s.Target, month, "10", null, null, [], 0));
        Assert.Contains(error, outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ReportCountAsync());
        // 1 March (Beijing) is March's first day: March may be reported.
        Assert.True((await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(Year, new ProgressEntry(s.Target, 3, "10", null, null, [], 0))).Ok);
    }

    [Theory]
    [InlineData("１２３", "123")]
    [InlineData("1,008", "1008")]
    [InlineData("１，２３４．５", "1234.5")]
    public async Task Values_are_read_by_the_import_rule_full_width_digits_converted(string typed, string stored)
    {
        var s = await SetupAsync();
        Assert.True((await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(Year, new ProgressEntry(s.Target, 1, typed, null, null, [], 0))).Ok);
        Assert.Equal(decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), (await LineAsync(Reporter(s.T01), s.T01, s.Target, 1)).Report!.Value);
    }

    [Theory]
    [InlineData("1,00", "逗号只能作千位分隔符")]
    [InlineData("１，２３", "逗号只能作千位分隔符")]
    [InlineData("8,5", "逗号只能作千位分隔符")]
    [InlineData("12%", "不是数字")]
    [InlineData("", "不能为空")]
    [InlineData("-3", "不能为负")]
    public async Task Values_with_bad_separators_or_no_number_are_refused_and_nothing_is_stored(string typed, string error)
    {
        var s = await SetupAsync();
        var outcome = await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(Year, new ProgressEntry(s.Target, 1, typed, null, null, [], 0));
        Assert.Contains(error, outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ReportCountAsync());
    }

    [Fact]
    public async Task A_cumulative_value_below_the_previous_months_needs_an_explanation()
    {
        var s = await SetupAsync();
        var reporter = Db.Service<ProgressService>(Reporter(s.T01));
        Assert.True((await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 1, "9", null, null, [], 0))).Ok);
        var refused = await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 2, "8.5", null, "  ", [], 0));
        Assert.Equal("累计完成值 8.5 低于 1 月的 9：累计值下降须填写说明（如统计口径调整）。", refused.Error);
        Assert.Equal(1, await ReportCountAsync());
        Assert.True((await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 2, "8.5", null, "项目投资额核减。", [], 0))).Ok);
        Assert.Equal((9m, "项目投资额核减。"), ((await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).PreviousValue, (await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).Report!.Explanation));
    }

    [Fact]
    public async Task Reports_after_the_years_due_day_are_late_and_absent_ones_missing()
    {
        var s = await SetupAsync();
        Assert.Equal("报送截止日须在 1 到 28 日之间（每月都有的日子）。", (await Db.Service<ProgressService>(Office).SetDueDayAsync(Year, 31)).Error);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<ProgressService>(Reporter(s.T01)).SetDueDayAsync(Year, 3)).Error);
        Assert.True((await Db.Service<ProgressService>(Office).SetDueDayAsync(Year, 10)).Ok);
        // 1 March: January was due on 10 February and nobody reported it; February is due on 10 March.
        var january = await LineAsync(Reporter(s.T01), s.T01, s.Target, 1);
        Assert.Equal((new DateOnly(2026, 2, 10), DeadlineFlag.Missing), (january.Deadline, january.Flag));
        Assert.Equal(DeadlineFlag.None, (await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).Flag);
        Assert.True((await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(Year, new ProgressEntry(s.Target, 1, "5", null, null, [], 0))).Ok);
        Assert.True((await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(Year, new ProgressEntry(s.Target, 2, "12", null, null, [], 0))).Ok);
        Assert.Equal(DeadlineFlag.Late, (await LineAsync(Reporter(s.T01), s.T01, s.Target, 1)).Flag);
        Assert.Equal(DeadlineFlag.None, (await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).Flag);
        // On 11 March (Beijing) an unreported February of another town is missing; T01's, reported on time, stays on time.
        Db.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(DeadlineFlag.Missing, (await LineAsync(Office, s.T02, s.OtherTarget, 2)).Flag);
        Assert.Equal(DeadlineFlag.None, (await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).Flag);
    }

    [Fact]
    public async Task Evidence_of_a_forbidden_type_or_over_the_limit_is_refused_and_nothing_is_stored()
    {
        var s = await SetupAsync();
        var root = Path.Combine(Path.GetTempPath(), $"baton-evidence-{Guid.NewGuid():N}");
        try
        {
            var service = new EvidenceService(Db.Factory, Reporter(s.T01), new EvidenceStore(root, maxBytes: 1024));
            var script = await service.UploadAsync(new MemoryStream([1, 2, 3]), "进度.exe", "application/octet-stream");
            Assert.StartsWith("不接受「进度.exe」这类文件作为佐证材料", script.Error, StringComparison.Ordinal);
            var large = await service.UploadAsync(new MemoryStream(new byte[1025]), "进度.pdf", "application/pdf");
            Assert.Equal("佐证材料不能超过 1 KB，请压缩或拆分后再上传。", large.Error);
            Assert.True(!Directory.Exists(root) || Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length == 0);
            await using var db = await Db.ContextAsync();
            Assert.False(await db.EvidenceFiles.AnyAsync(f => f.FileName == "进度.exe" || f.FileName == "进度.pdf"));
            Assert.True((await service.UploadAsync(new MemoryStream(new byte[1024]), "进度.pdf", "application/pdf")).Ok);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Another_units_evidence_cannot_be_attached_and_a_report_awaiting_review_cannot_be_changed()
    {
        var s = await SetupAsync();
        var foreign = await UploadAsync(new CurrentUser("reporter-t02", [Roles.UnitReporter], s.T02), "东河镇.pdf", "东河镇的材料");
        var reporter = Db.Service<ProgressService>(Reporter(s.T01));
        Assert.Equal("佐证材料引用无效，请重新上传。", (await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 2, "10", null, null, [foreign], 0))).Error);
        Assert.True((await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 2, "10", null, null, [], 0))).Ok);
        var report = (await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).Report!;
        Assert.True((await Db.Service<ProgressService>(Head(s.T01)).ConfirmAsync(Year, report.Id, report.Version)).Ok);
        report = (await LineAsync(Reporter(s.T01), s.T01, s.Target, 2)).Report!;
        Assert.Contains("不能再修改", (await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 2, "11", null, null, [], report.Version))).Error, StringComparison.Ordinal);
        Assert.Equal(Outcome.Conflict, (await reporter.SubmitAsync(Year, new ProgressEntry(s.Target, 2, "11", null, null, [], report.Version - 1))).Error);
    }

    [Fact]
    public async Task Reports_are_refused_outside_the_years_reporting_stages()
    {
        var s = await SetupAsync();
        var outcome = await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(2025, new ProgressEntry(s.Target, 2, "10", null, null, [], 0));
        Assert.Equal(Outcome.NotFound, outcome.Error);
        await using var scope = Db.Services.CreateAsyncScope();
        await using (var db = await Db.ContextAsync())
        {
            var target2025 = await db.Targets.Where(t => t.Year == 2025 && t.UnitId == s.T01).Select(t => t.Id).FirstAsync();
            var refused = await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(2025, new ProgressEntry(target2025, 2, "10", null, null, [], 0));
            Assert.Contains("此阶段不能填报进度和完成值", refused.Error, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteProgressServiceTests() : ProgressServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresProgressServiceTests() : ProgressServiceTests(DatabaseProvider.Postgres);
