import GymCore

/// Scores a proxy on logged trials it was not trained on.
public enum ProxyEvaluation {
    /// How evaluation data relates to the model's training data.
    public struct Overlap: Sendable {
        /// Campaign ids in both.
        public var campaigns: [String]
        /// Evaluation configurations that were training configurations.
        public var configurations: Int
        public var isEmpty: Bool { campaigns.isEmpty && configurations == 0 }
    }

    public static func overlap(of trials: TrialSet, with model: ProxyModel) -> Overlap {
        let trainedCampaigns = Set(model.training.campaigns.map(\.id))
        let trainedConfigurations = Set(model.training.configurationHashes)
        return Overlap(campaigns: trials.sources.map(\.id).filter(trainedCampaigns.contains),
                       configurations: trials.configurations.filter { trainedConfigurations.contains($0.hashHex) }.count)
    }

    /// The trials without the configurations the model was trained on.
    public static func excludingTraining(_ trials: TrialSet, of model: ProxyModel) -> TrialSet {
        let trained = Set(model.training.configurationHashes)
        return trials.subset((0..<trials.count).filter { !trained.contains(trials.configurations[$0].hashHex) })
    }

    /// Per model metric: measured and predicted values over the feasible
    /// trials that report the metric (the metric models' domain).
    /// `rows` are the trial indices the values belong to.
    public static func pairs(model: ProxyModel, on trials: TrialSet, space: DesignSpace)
        -> [(rows: [Int], measured: [Double], predicted: [Double])] {
        let points = model.encode(trials.configurations, space: space)
        return model.metrics.map { m in
            let rows = (0..<trials.count).filter { trials.feasible[$0] && (trials.metrics[$0][m.metric.key].map(\.isFinite) ?? false) }
            let predicted = m.predict(rows.map { points[$0] })
            return (rows, rows.map { trials.metrics[$0][m.metric.key]! }, predicted)
        }
    }

    /// CSV of every prediction: `metric,measured,predicted,error_pct,configuration`.
    public static func predictionsCSV(model: ProxyModel, on trials: TrialSet, space: DesignSpace) -> String {
        var out = "metric,measured,predicted,error_pct,configuration\n"
        for (m, p) in zip(model.metrics, pairs(model: model, on: trials, space: space)) {
            for (k, row) in p.rows.enumerated() {
                let error = p.measured[k] != 0 ? 100 * (p.predicted[k] - p.measured[k]) / abs(p.measured[k]) : .nan
                out += "\(m.metric.key),\(p.measured[k]),\(p.predicted[k]),\(error),\"\(trials.configurations[row].canonicalText)\"\n"
            }
        }
        return out
    }

    /// Accuracy per metric key (metrics with no feasible trial are left out).
    public static func accuracy(model: ProxyModel, on trials: TrialSet, space: DesignSpace) -> [(key: String, accuracy: Accuracy)] {
        zip(model.metrics, pairs(model: model, on: trials, space: space)).compactMap { m, p in
            p.measured.isEmpty ? nil : (m.metric.key, Accuracy(measured: p.measured, predicted: p.predicted))
        }
    }

    /// Agreement of the feasibility model with the environment's verdicts
    /// (fraction of trials classified right), when the model has one.
    public static func feasibilityAgreement(model: ProxyModel, on trials: TrialSet) -> Double? {
        guard let f = model.feasibility, trials.count > 0 else { return nil }
        let right = (0..<trials.count).filter { i in
            (f.forest.predict(model.encoding.features(trials.configurations[i])) >= 0.5) == trials.feasible[i]
        }.count
        return Double(right) / Double(trials.count)
    }
}
