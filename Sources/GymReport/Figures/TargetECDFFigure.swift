import GymNumerics
/// Trials-to-target ECDF per agent: the fraction of seeds that reached the
/// objective's target within x trials (run-length distribution).
public enum TargetECDFFigure {
    /// nil when the objective has no target.
    public static func make(_ group: CampaignGroup, options: ReportOptions) -> Figure? {
        guard let target = group.objective.targetReward else { return nil }
        let id = "\(group.slug)-ecdf"
        let title = "Trials to target on \(group.label)"
        let axis = group.axis
        let condition = axis.sign < 0 ? "\(axis.name) ≤ \(TickFormat.value(axis.value(target)))" : "reward ≥ \(TickFormat.value(target))"
        let caption = "Fraction of seeds (campaigns) per agent that reached the target (\(condition)) within x trials; "
            + "seeds that never reached it keep the curve below 1."
        guard group.horizon > 0 else {
            return Figure(id: id, kind: "ecdf", title: title, caption: caption, content: .message("No trials logged yet: nothing to plot."))
        }
        var chart = Chart(title: title, xLabel: TrialAxis.label(log: options.logTrials),
                          yLabel: "fraction of seeds at target")
        chart.xKind = options.logTrials ? .log : .linear
        chart.xDomain = TrialAxis.domain(horizon: group.horizon, log: options.logTrials)
        chart.yDomain = 0...1
        for (i, agent) in group.agents.enumerated() {
            let runs = group.campaigns(of: agent).map { CampaignStatistics.trialsToTarget($0.rewards, target: target) }
            let style = SeriesStyle.series(i)
            chart.marks.append(.line(points: TrialsToTarget.ecdf(runs, horizon: group.horizon), style: style, step: true, width: 2.2))
            let reached = runs.compactMap { $0 }.count
            chart.legend.append(LegendEntry("\(agent) (\(reached)/\(runs.count) reached)", style: style, sample: .line))
        }
        return Figure(id: id, kind: "ecdf", title: title, caption: caption, content: .chart(chart))
    }
}
