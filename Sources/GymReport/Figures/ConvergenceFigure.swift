import GymNumerics
/// Best-so-far curves per agent: median across seeds with the interquartile
/// band (docs/references.md §6), x = trials (optionally log).
public enum ConvergenceFigure {
    public static func make(_ group: CampaignGroup, options: ReportOptions) -> Figure {
        let axis = group.axis
        let id = "\(group.slug)-convergence"
        let title = "Best so far on \(group.label)"
        var caption = "Median (line) and interquartile range (band) across seeds of the best \(axis.name) found within the first n trials, per agent. "
            + "A seed with no feasible trial yet counts as worse than any value."
        guard group.horizon > 0 else {
            return Figure(id: id, kind: "convergence", title: title, caption: caption,
                          content: .message("No trials logged yet: nothing to plot."))
        }
        guard group.campaigns.contains(where: { $0.best != nil }) else {
            return Figure(id: id, kind: "convergence", title: title, caption: caption,
                          content: .message("No feasible trial in \(group.horizon == 1 ? "the only trial" : "any campaign"): nothing to plot."))
        }
        var chart = Chart(title: title, xLabel: TrialAxis.label(log: options.logTrials),
                          yLabel: "best " + axis.label)
        chart.xKind = options.logTrials ? .log : .linear
        chart.xDomain = TrialAxis.domain(horizon: group.horizon, log: options.logTrials)
        for (i, agent) in group.agents.enumerated() {
            let runs = group.campaigns(of: agent)
            let band = BestSoFar.band(runs.map { ($0.rewards, $0.reachedTarget) })
            let style = SeriesStyle.series(i)
            let lower = zip(band.q25, band.q75).map { axis.sign > 0 ? $0.0.map(axis.value) : $0.1.map(axis.value) }
            let upper = zip(band.q25, band.q75).map { axis.sign > 0 ? $0.1.map(axis.value) : $0.0.map(axis.value) }
            if runs.count > 1 {
                chart.marks.append(.band(x: band.trials, lower: lower, upper: upper, style: style, step: true))
            }
            let points = zip(band.trials, band.median).map { LinePoint($0, $1.map(axis.value)) }
            chart.marks.append(.line(points: points, style: style, step: true, width: 2.2))
            if points.count == 1, let y = points[0].y {   // a lone point: draw a marker
                chart.marks.append(.points(x: [points[0].x], y: [y], style: style, radius: 4))
            }
            let settings = group.settings(of: agent).count
            let label = settings > 1 ? "\(agent) (\(runs.count) runs)"
                : "\(agent) (\(runs.count) seed\(runs.count == 1 ? "" : "s"))"
            chart.legend.append(LegendEntry(label, style: style, sample: runs.count > 1 ? .lineWithBand : .line))
        }
        if let target = axis.target(group.objective) {
            chart.marks.append(.horizontalRule(y: target, label: "target", style: SeriesStyle(color: "#444444")))
        }
        if group.horizon == 1 {
            caption += " Only one trial per campaign: the curve is a single point."
        }
        if group.agents.contains(where: { group.settings(of: $0).count > 1 }) {
            caption += " Agents with several hyperparameter settings pool all their runs (seeds × settings) here; see the lottery figure."
        }
        return Figure(id: id, kind: "convergence", title: title, caption: caption, content: .chart(chart))
    }
}
