import Foundation
import GymCore
import GymStore

/// How `proxy fit` fits: regressor settings, target transform, CV folds.
public struct ProxyFitSettings: Codable, Hashable, Sendable {
    public enum TransformChoice: String, Codable, Sendable, CaseIterable { case auto, log, none }

    public var forest = RandomForest.Settings()
    public var gaussianProcess = GaussianProcessRegressor.Settings()
    public var neighbours = 5
    public var transform = TransformChoice.auto
    /// k of the k-fold cross-validation `fit` reports (0 or 1: none).
    public var folds = 5

    public init() {}

    enum CodingKeys: String, CodingKey {
        case forest, gaussianProcess = "gaussian_process", neighbours, transform, folds
    }
}

/// Fits proxy models from trial sets.
public enum ProxyFitter {
    /// Fits one model per metric (and a feasibility model when the data has
    /// infeasible trials) on `trials` of the environment `environment`.
    /// - Parameters:
    ///   - metricKeys: metrics to model; empty means every metric of the environment.
    ///   - jobs: threads growing trees (the result does not depend on it).
    /// - Throws: `SpecError` for an unknown metric key or too few feasible trials.
    public static func fit(trials: TrialSet, environment: any Environment, environmentSpec: SpecValue, specFile: String?,
                           database: String, kind: ModelKind, metricKeys: [String], settings: ProxyFitSettings,
                           seed: UInt64, jobs: Int = 1) throws -> ProxyModel {
        let specs = try chooseMetrics(metricKeys, of: environment.metricSpecs)
        let encoding = FeatureEncoding(space: environment.designSpace)
        let space = environment.designSpace
        var models: [MetricModel] = []
        for (m, spec) in specs.enumerated() {
            models.append(try fitMetric(spec, trials: trials, encoding: encoding, space: space, kind: kind,
                                        settings: settings, seed: SplitMix64(seed: seed).derived(UInt64(m + 1)).state, jobs: jobs))
        }
        let feasibility = fitFeasibility(trials: trials, encoding: encoding, settings: settings, seed: seed, jobs: jobs)
        var model = ProxyModel(
            format: ProxyModel.formatName, version: ProxyModel.currentVersion, kind: kind, seed: seed,
            toolVersion: DSEGymVersion.current,
            environment: .init(id: environment.id, fingerprint: environment.fingerprint, spec: environmentSpec, specFile: specFile),
            encoding: encoding, settings: settings, metrics: models, feasibility: feasibility,
            training: .init(database: database, campaigns: trials.sources, trials: trials.count,
                            trialSetHash: trials.identityHash, configurationHashes: trials.configurations.map(\.hashHex).sorted()),
            crossValidation: nil)
        if settings.folds >= 2 {
            model.crossValidation = try crossValidate(trials: trials, environment: environment, kind: kind, specs: specs,
                                                      settings: settings, seed: seed, jobs: jobs)
        }
        return model
    }

    static func chooseMetrics(_ keys: [String], of specs: [MetricSpec]) throws -> [MetricSpec] {
        guard !keys.isEmpty else { return specs }
        return try keys.map { key in
            guard let s = specs.first(where: { $0.key == key }) else {
                throw SpecError(key: "--metrics", "unknown metric '\(key)'; the environment has: \(specs.map(\.key).joined(separator: ", "))")
            }
            return s
        }
    }

    /// Fits one metric on the feasible trials that report it.
    static func fitMetric(_ spec: MetricSpec, trials: TrialSet, encoding: FeatureEncoding, space: DesignSpace,
                          kind: ModelKind, settings: ProxyFitSettings, seed: UInt64, jobs: Int) throws -> MetricModel {
        let rows = (0..<trials.count).filter { trials.feasible[$0] && (trials.metrics[$0][spec.key].map(\.isFinite) ?? false) }
        guard rows.count >= 2 else {
            throw SpecError(key: spec.key, "only \(rows.count) feasible trial(s) report \(spec.key); a proxy needs at least 2 (log more trials)")
        }
        let raw = rows.map { trials.metrics[$0][spec.key]! }
        let transform: TargetTransform
        switch settings.transform {
        case .auto: transform = .automatic(for: raw)
        case .none: transform = .none
        case .log:
            guard raw.allSatisfy({ $0 > 0 }) else {
                throw SpecError(key: "--transform", "log needs positive values but \(spec.key) has values <= 0; use auto or none")
            }
            transform = .log
        }
        let y = raw.map(transform.forward)
        let regressor: Regressor
        switch kind {
        case .rf:
            regressor = .forest(RandomForest.fit(rows: rows.map { encoding.features(trials.configurations[$0]) },
                                                 targets: y, settings: settings.forest, seed: seed, jobs: jobs))
        case .gp:
            regressor = .gaussianProcess(GaussianProcessRegressor.fit(
                inputs: rows.map { encoding.gaussianProcessInputs(trials.configurations[$0], space: space) }, targets: y,
                categorical: encoding.gaussianProcessCategorical, settings: settings.gaussianProcess, seed: seed))
        case .knn:
            regressor = .nearestNeighbours(NearestNeighbours.fit(rows: rows.map { encoding.features(trials.configurations[$0]) },
                                                                 targets: y, k: settings.neighbours))
        }
        var used = rows.count
        if case .gaussianProcess(let g) = regressor { used = g.inputs.count }
        return MetricModel(metric: spec, transform: transform, trainingCount: used, regressor: regressor)
    }

    /// A feasibility forest when the trials include both verdicts, else nil.
    static func fitFeasibility(trials: TrialSet, encoding: FeatureEncoding, settings: ProxyFitSettings,
                               seed: UInt64, jobs: Int) -> ProxyModel.FeasibilityModel? {
        let feasible = trials.feasible.filter { $0 }.count
        guard feasible > 0, feasible < trials.count else { return nil }
        let forest = RandomForest.fit(rows: trials.configurations.map(encoding.features),
                                      targets: trials.feasible.map { $0 ? 1 : 0 }, settings: settings.forest,
                                      seed: SplitMix64(seed: seed).derived(0xFEA5).state, jobs: jobs)
        return .init(forest: forest, feasibleFraction: Double(feasible) / Double(trials.count))
    }

    /// k-fold cross-validation: the distinct configurations are shuffled
    /// (seeded) into k folds; each fold is predicted by a model fitted on the
    /// others; accuracy is computed over all out-of-fold predictions of
    /// feasible trials.
    static func crossValidate(trials: TrialSet, environment: any Environment, kind: ModelKind, specs: [MetricSpec],
                              settings: ProxyFitSettings, seed: UInt64, jobs: Int) throws -> ProxyModel.CrossValidation {
        var rng = SplitMix64(seed: seed).derived(0xC5)
        var order = Array(0..<trials.count)
        order.shuffle(using: &rng)
        let k = min(settings.folds, trials.count)
        var measured: [String: [Double]] = [:], predicted: [String: [Double]] = [:]
        let encoding = FeatureEncoding(space: environment.designSpace)
        for fold in 0..<k {
            let test = order.enumerated().filter { $0.offset % k == fold }.map(\.element).sorted()
            let testSet = Set(test)
            let train = trials.subset((0..<trials.count).filter { !testSet.contains($0) })
            for (m, spec) in specs.enumerated() {
                let rows = test.filter { trials.feasible[$0] && (trials.metrics[$0][spec.key].map(\.isFinite) ?? false) }
                // A fold without two feasible training trials for this metric predicts nothing.
                guard !rows.isEmpty, let model = try? fitMetric(
                    spec, trials: train, encoding: encoding, space: environment.designSpace, kind: kind, settings: settings,
                    seed: SplitMix64(seed: seed).derived(UInt64(m + 1)).state, jobs: jobs) else { continue }
                let points = rows.map {
                    EncodedPoint(features: encoding.features(trials.configurations[$0]),
                                 unit: encoding.gaussianProcessInputs(trials.configurations[$0], space: environment.designSpace))
                }
                measured[spec.key, default: []] += rows.map { trials.metrics[$0][spec.key]! }
                predicted[spec.key, default: []] += model.predict(points)
            }
        }
        var out: [String: Accuracy] = [:]
        for spec in specs where !(measured[spec.key] ?? []).isEmpty {
            out[spec.key] = Accuracy(measured: measured[spec.key]!, predicted: predicted[spec.key]!)
        }
        return .init(folds: k, metrics: out)
    }
}
