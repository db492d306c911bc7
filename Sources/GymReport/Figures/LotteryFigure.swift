import GymNumerics
/// The hyperparameter lottery: for one agent run with several settings,
/// a box plot per setting of the final best value across seeds.
public enum LotteryFigure {
    /// One figure per agent that has at least two hyperparameter settings.
    public static func make(_ group: CampaignGroup) -> [Figure] {
        let axis = group.axis
        return group.agents.filter { group.settings(of: $0).count > 1 }.map { agent in
            let settings = group.settings(of: agent)
            let labels = SettingLabels(settings)
            let id = "\(group.slug)-lottery-\(SVGText.slug(agent))"
            let title = "Hyperparameter lottery: \(agent) on \(group.label)"
            var chart = Chart(title: title, xLabel: "hyperparameter setting", yLabel: "final best " + axis.label)
            chart.categories = labels.short
            var noFeasible = 0
            for (i, setting) in settings.enumerated() {
                let runs = group.campaigns(of: agent).filter { $0.setting == setting }
                let finals = runs.compactMap { $0.best?.reward }.map(axis.value)
                noFeasible += runs.count - finals.count
                guard let summary = BoxSummary(finals) else { continue }
                chart.marks.append(.box(category: i, summary: summary, values: finals, style: .series(0)))
            }
            chart.notes = labels.legend
            if noFeasible > 0 { chart.notes.append("\(noFeasible) seed(s) without a feasible trial are left out.") }
            chart.height += 16 * Double(chart.notes.count)
            let caption = "Each box: final best \(axis.name) across seeds for one setting (median line, quartile box, "
                + "whiskers within 1.5 IQR); dots are the individual seeds. Settings differ in: \(labels.varying.joined(separator: ", "))."
            return Figure(id: id, kind: "lottery", title: title, caption: caption, content: .chart(chart))
        }
    }
}

/// Labels for hyperparameter settings: only the keys that vary between them.
struct SettingLabels {
    var varying: [String] = []
    var short: [String] = []
    var legend: [String] = []

    init(_ settings: [String]) {
        let objects = settings.map { (try? SpecValueParsing.object($0)) ?? [:] }
        let keys = Set(objects.flatMap(\.keys)).sorted()
        varying = keys.filter { k in Set(objects.map { $0[k] ?? "–" }).count > 1 }
        let full = objects.map { o in varying.map { "\($0)=\(o[$0] ?? "–")" }.joined(separator: ", ") }
        if full.allSatisfy({ $0.count <= 28 }) {
            short = full
        } else {
            short = settings.indices.map { "S\($0 + 1)" }
            legend = zip(short, full).map { "\($0): \(SVGText.truncate($1, 100))" }
        }
    }
}
