using Baton.Core.Years;

namespace Baton.Core.Tests.Years;

public sealed class YearGateTests
{
    // The whole gate, written out: one row per state, one column per activity in the enum's order, Y where it is permitted.
    private static readonly YearActivity[] s_columns =
    [
        YearActivity.EditIndicators, YearActivity.EditMembership, YearActivity.SetTargets, YearActivity.ReportProgress, YearActivity.ReviewProgress,
        YearActivity.SetUpRatings, YearActivity.Rate, YearActivity.Calibrate, YearActivity.Adjust, YearActivity.Compute, YearActivity.Publish,
        YearActivity.Appeal, YearActivity.IssueTargets, YearActivity.ConfirmLetter, YearActivity.RequestTargetChange, YearActivity.UnitSeesResults,
        YearActivity.SetUpWarnings, YearActivity.SetUpSurveys, YearActivity.ConductSurveys, YearActivity.Inspect, YearActivity.KeepLedger,
        YearActivity.HoldAccountable,
    ];

    private static readonly (YearState State, string Cells)[] s_rows =
    [
        //                        EdI EdM Tgt Rep Rev Set Rat Cal Adj Cmp Pub App Iss Cnf Chg See Wrn SSv CSv Ins Ldg Acc
        (YearState.Draft,         "Y   Y   Y   .   .   Y   .   .   .   .   .   .   Y   Y   .   .   Y   Y   .   .   .   ."),
        (YearState.TargetsIssued, ".   .   .   .   .   Y   .   .   .   .   .   .   Y   Y   Y   .   Y   Y   .   .   .   ."),
        (YearState.InProgress,    ".   .   .   Y   Y   Y   Y   Y   Y   Y   .   .   .   Y   Y   .   Y   Y   Y   Y   Y   Y"),
        (YearState.Scoring,       ".   .   .   .   Y   .   .   Y   Y   Y   .   .   .   .   .   .   .   .   .   .   Y   Y"),
        (YearState.PublicNotice,  ".   .   .   .   .   .   .   .   .   Y   Y   Y   .   .   .   Y   .   .   .   .   Y   ."),
        (YearState.Final,         ".   .   .   .   .   .   .   .   .   .   Y   .   .   .   .   Y   .   .   .   .   Y   ."),
        (YearState.Archived,      ".   .   .   .   .   .   .   .   .   .   .   .   .   .   .   Y   .   .   .   .   .   ."),
    ];

    public static TheoryData<YearState, YearActivity, bool> Table()
    {
        var data = new TheoryData<YearState, YearActivity, bool>();
        foreach (var (state, cells) in s_rows)
        {
            var marks = cells.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(s_columns.Length, marks.Length);
            for (var i = 0; i < s_columns.Length; i++)
            {
                data.Add(state, s_columns[i], marks[i] == "Y");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void The_gate_permits_exactly_the_activities_of_the_table(YearState state, YearActivity activity, bool permitted)
    {
        Assert.Equal(permitted, YearGate.Permits(state, activity));
        var refusal = YearGate.Refusal(2025, state, activity);
        if (permitted)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.StartsWith($"2025 年度当前为「{AppraisalYear.StateName(state)}」，此阶段不能{YearGate.ActivityName(activity)}", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_table_covers_every_state_and_every_activity()
    {
        Assert.Equal(Enum.GetValues<YearState>(), s_rows.Select(r => r.State));
        Assert.Equal(Enum.GetValues<YearActivity>(), s_columns);
    }

    [Fact]
    public void A_refusal_names_the_states_in_which_the_activity_is_permitted()
    {
        Assert.Equal("2025 年度当前为「结果已定」，此阶段不能结束评议或校准评分（允许的阶段：考核进行中、年终计分）。",
            YearGate.Refusal(2025, YearState.Final, YearActivity.Calibrate));
        Assert.Equal("2025 年度当前为「考核进行中」，此阶段不能向被考核单位显示结果（允许的阶段：结果公示、结果已定、已归档）。",
            YearGate.Refusal(2025, YearState.InProgress, YearActivity.UnitSeesResults));
    }
}
