import GymCore
import GymNumerics

/// Pareto fronts of a multi-objective (`pareto`) campaign group: feasible
/// trials as a scatter over the first two objectives, each agent's
/// non-dominated front as a staircase, and hypervolume per seed.
public enum ParetoFigure {
    /// nil unless the objective is `pareto`.
    public static func make(_ group: CampaignGroup, options: ReportOptions) -> Figure? {
        guard group.objective.kind == .pareto else { return nil }
        let id = "\(group.slug)-pareto"
        let title = "Pareto fronts on \(group.label)"
        let terms = group.objective.terms
        guard terms.count >= 2 else {
            return Figure(id: id, kind: "pareto", title: title, caption: "",
                          content: .message("The pareto objective has \(terms.count) metric(s); a front needs at least two."))
        }
        // Objective vectors (all minimised) of every feasible trial, per campaign.
        let vectors: [[[Double]]] = group.campaigns.map { c in
            c.trials.compactMap { t in
                guard t.feasible else { return nil }
                let m = StoredValues.numbers(t.metricsJSON)
                return group.objective.objectiveVector(Metrics(m.map { Metric($0.key, "1", $0.value) }))
            }
        }
        let all = vectors.flatMap { $0 }
        guard !all.isEmpty else {
            return Figure(id: id, kind: "pareto", title: title, caption: "",
                          content: .message("No feasible trial: no front to draw."))
        }
        let reference = referencePoint(all)
        let signs = terms.map { $0.direction == .minimize ? 1.0 : -1.0 }
        let axisLabel = { (k: Int) -> String in
            let spec = group.metrics.first { $0.key == terms[k].metric }
            let unit = spec.map { $0.unit == "1" ? "" : " (\($0.unit))" } ?? ""
            return "\(spec?.name ?? terms[k].metric)\(unit), \(terms[k].direction == .minimize ? "lower" : "higher") is better"
        }
        var chart = Chart(title: title, xLabel: axisLabel(0), yLabel: axisLabel(1))
        var notes: [String] = []
        var fronts: [Mark] = []   // drawn after every scatter so that no agent's dots hide a front
        for (i, agent) in group.agents.enumerated() {
            let style = SeriesStyle.series(i)
            let mine = group.campaigns.indices.filter { group.campaigns[$0].record.agent == agent }
            let points = mine.flatMap { vectors[$0] }
            guard !points.isEmpty else { continue }
            let stride = max(1, points.count / options.maximumScatterPoints)
            let shown = Swift.stride(from: 0, to: points.count, by: stride).map { points[$0] }
            chart.marks.append(.points(x: shown.map { signs[0] * $0[0] }, y: shown.map { signs[1] * $0[1] },
                                       style: style, radius: 1.8, filled: true, opacity: 0.35))
            let front = FirstFront.indices(points).map { points[$0] }
            // In this order (first objective, minimised) a horizontal-then-vertical
            // step traces the dominated region's boundary for any mix of directions.
            let staircase = front.map { LinePoint(signs[0] * $0[0], signs[1] * $0[1]) }
            fronts.append(.line(points: staircase, style: style, step: true, width: 2.5))
            if staircase.count <= 40 {   // markers only where they stay apart
                fronts.append(.points(x: staircase.map(\.x), y: staircase.compactMap(\.y), style: style, radius: 4, filled: false))
            }
            let volumes = mine.map { hypervolume(vectors[$0], reference) }.sorted()
            let medianHV = volumes.isEmpty ? 0 : Quantile.of(sorted: volumes, 0.5)
            let hv = terms.count <= 3 ? TickFormat.value(medianHV) : "n/a"
            chart.legend.append(LegendEntry("\(agent): HV \(hv)", style: style, sample: .line))
            if stride > 1 { notes.append("\(agent): every \(stride)th of \(points.count) feasible trials drawn; fronts use all.") }
        }
        chart.marks += fronts
        let refText = zip(reference, signs).map { TickFormat.value($0 * $1) }.joined(separator: ", ")
        notes.append("Hypervolume: median over seeds, reference point (\(refText))" + (terms.count > 3 ? " — not computed for more than 3 objectives." : "."))
        chart.notes = notes
        let caption = "Dots: feasible trials; staircase (circles when few): each agent's non-dominated front over all its seeds"
            + (terms.count > 2 ? " (projected onto the first two of \(terms.count) objectives)" : "")
            + ". HV: hypervolume dominated by each seed's trials up to the reference point (worst value plus 10% of the range per objective), median over seeds."
        return Figure(id: id, kind: "pareto", title: title, caption: caption, content: .chart(chart))
    }

    /// Worst value of each objective plus 10% of its range (1 when flat).
    static func referencePoint(_ points: [[Double]]) -> [Double] {
        (0..<points[0].count).map { k in
            let column = points.map { $0[k] }
            let lo = column.min()!, hi = column.max()!
            return hi + (hi > lo ? 0.1 * (hi - lo) : max(1, abs(hi) * 0.1))
        }
    }

    /// Hypervolume of one seed's trials (0 when not computable: > 3 objectives).
    static func hypervolume(_ points: [[Double]], _ reference: [Double]) -> Double {
        guard !points.isEmpty, (1...3).contains(reference.count) else { return 0 }
        return Pareto.hypervolume(FirstFront.indices(points).map { points[$0] }, reference: reference)
    }
}
