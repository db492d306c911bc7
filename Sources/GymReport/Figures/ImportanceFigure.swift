import GymNumerics
/// Parameter importance as the share of reward variance explained by each
/// parameter's per-level means (`VarianceImportance`), over every feasible
/// trial of the group.
public enum ImportanceFigure {
    /// Fewest feasible trials for which the measure is shown.
    public static let minimumTrials = 10

    public static func make(_ group: CampaignGroup) -> Figure? {
        guard !group.parameters.isEmpty else { return nil }
        let id = "\(group.slug)-importance"
        let title = "Parameter importance on \(group.label)"
        let caption = "Share of the variance of the reward explained by each parameter's per-level means (η², one-way ANOVA; "
            + "numeric parameters with more than \(VarianceImportance.maximumLevels) values cut into equal-count bins), "
            + "over all feasible trials of all agents. Shares need not sum to 1 (interactions, agents' biased sampling)."
        var rows: [(levels: [String: VarianceImportance.Level], reward: Double)] = []
        for c in group.campaigns {
            for t in c.trials where t.feasible {
                guard let r = t.reward, r.isFinite else { continue }
                rows.append((StoredValues.levels(t.configurationJSON), r))
            }
        }
        guard group.horizon > 0 else {
            return Figure(id: id, kind: "importance", title: title, caption: caption,
                          content: .message("No trials logged yet: nothing to estimate."))
        }
        guard rows.count >= minimumTrials else {
            return Figure(id: id, kind: "importance", title: title, caption: caption,
                          content: .message("Only \(rows.count) feasible trial(s); at least \(minimumTrials) are needed to estimate importance."))
        }
        var shares: [(String, Double)] = []
        for p in group.parameters {
            let kept = rows.filter { $0.levels[p.name] != nil }
            if let s = VarianceImportance.share(levels: kept.map { $0.levels[p.name]! }, rewards: kept.map(\.reward)) {
                shares.append((p.name, s))
            }
        }
        guard !shares.isEmpty else {
            return Figure(id: id, kind: "importance", title: title, caption: caption,
                          content: .message("The reward does not vary over the \(rows.count) feasible trials: no importance to show."))
        }
        shares.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var chart = Chart(title: title, xLabel: "design parameter", yLabel: "share of reward variance explained (η²)")
        chart.categories = shares.map(\.0)
        chart.yDomain = 0...min(1, max(0.1, (shares[0].1 * 10).rounded(.up) / 10))
        chart.marks = shares.enumerated().map { .bar(category: $0.offset, value: $0.element.1, style: .series(0)) }
        chart.notes = ["\(rows.count) feasible trials from \(group.campaigns.count) campaign(s)."]
        return Figure(id: id, kind: "importance", title: title, caption: caption, content: .chart(chart))
    }
}
