using Baton.Core.Indicators;
using Baton.Core.Targets;

namespace Baton.Core.Tests.Targets;

public sealed class CountedActualTests
{
    [Theory]
    // The authoritative figure counts whatever the report's state.
    [InlineData(DataSource.StatisticsBureau, 100, 90, ReportStatus.Entered, 90)]
    [InlineData(DataSource.SelfReported, 100, 90, ReportStatus.None, 90)]
    // A unit's own indicator counts once its head signed it off.
    [InlineData(DataSource.SelfReported, 100, null, ReportStatus.Entered, null)]
    [InlineData(DataSource.SelfReported, 100, null, ReportStatus.SignedOff, 100)]
    [InlineData(DataSource.SelfReported, 100, null, ReportStatus.Approved, 100)]
    [InlineData(DataSource.SelfReported, 100, null, ReportStatus.Returned, null)]
    // A statistics-bureau or lead-unit indicator counts only after the lead unit's approval.
    [InlineData(DataSource.StatisticsBureau, 100, null, ReportStatus.SignedOff, null)]
    [InlineData(DataSource.LeadUnit, 100, null, ReportStatus.SignedOff, null)]
    [InlineData(DataSource.LeadUnit, 100, null, ReportStatus.Entered, null)]
    [InlineData(DataSource.LeadUnit, 100, null, ReportStatus.Approved, 100)]
    [InlineData(DataSource.LeadUnit, null, null, ReportStatus.None, null)]
    public void A_report_counts_only_once_checked(DataSource source, int? reported, int? authoritative, ReportStatus status, int? counted)
    {
        var result = Target.Counted(source, reported, authoritative, authoritative is null ? null : DataSource.StatisticsBureau, status);
        Assert.Equal(counted, (int?)result.Value);
    }

    [Fact]
    public void The_trace_says_why_an_unchecked_report_does_not_count()
    {
        Assert.Equal("单位自报 12.5，待统计局数据或牵头部门审核，不计分",
            Target.Counted(DataSource.StatisticsBureau, 12.5m, null, null, ReportStatus.SignedOff).Source);
        Assert.Equal("单位自报 12.5，已被退回，待单位修改，不计分", Target.Counted(DataSource.LeadUnit, 12.5m, null, null, ReportStatus.Returned).Source);
        Assert.Equal("统计局", Target.Counted(DataSource.LeadUnit, 12.5m, 13m, DataSource.StatisticsBureau, ReportStatus.Entered).Source);
    }
}
