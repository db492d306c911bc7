import GymCore
import GymProxy
import GymReport
import GymStore

/// Parity plots (predicted vs measured) of a proxy model for the report: for
/// the group of campaigns on the model's real environment, one figure per
/// modelled metric over the group's feasible trials whose configurations the
/// model never trained on (so the plot shows prediction, not fit).
public struct ProxyParitySource: FigureSource {
    public let fingerprint: String
    public let environment: String
    /// Metric key → (measured, predicted) over held-out feasible trials.
    public let pairs: [(key: String, measured: [Double], predicted: [Double])]
    public let heldOut: Int

    public init(modelPath: String, store: TrialStore) throws {
        let model = try ProxyModel.load(modelPath)
        let space = try model.encoding.designSpace(file: modelPath)
        fingerprint = model.environment.fingerprint
        environment = model.environment.id
        var trials = try TrialSet.load(store: store, names: [], fingerprint: fingerprint, space: space)
        trials = ProxyEvaluation.excludingTraining(trials, of: model)
        heldOut = trials.count
        pairs = zip(model.metrics, ProxyEvaluation.pairs(model: model, on: trials, space: space)).map {
            ($0.metric.key, $1.measured, $1.predicted)
        }
    }

    public func figures(for group: CampaignGroup, options: ReportOptions) throws -> [Figure] {
        guard group.fingerprint == fingerprint else { return [] }
        return pairs.map { p in
            ParityFigure.make(id: "\(group.slug)-parity-\(p.key)",
                              title: "Proxy parity on \(environment): \(p.key) (\(heldOut) unseen trials)",
                              quantity: p.key, measured: p.measured, predicted: p.predicted)
        }
    }
}
