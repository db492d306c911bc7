import GymNumerics
import GymCore

/// A proxy backed by the Bayesian-optimisation Gaussian process of GymAgents
/// (Matérn-5/2 ARD × Hamming kernel, MAP hyperparameters), not a second GP.
///
/// Exact GP inference costs O(n³) to fit and O(n²) per prediction, so the
/// training set is capped (`maxPoints`, default 400) by a seeded random
/// subsample; the forest is the model for large logs. Stored as its training
/// inputs, targets and fitted hyperparameters; loading re-conditions the GP
/// with those hyperparameters, which reproduces its predictions exactly.
public struct GaussianProcessRegressor: Sendable {
    public let inputs: [[Double]]
    public let targets: [Double]
    public let categorical: [Bool]
    public let gp: GaussianProcess

    public struct Settings: Codable, Hashable, Sendable {
        public var maxPoints: Int
        public var restarts: Int
        public var maxIterations: Int

        public init(maxPoints: Int = 400, restarts: Int = 2, maxIterations: Int = 50) {
            self.maxPoints = maxPoints
            self.restarts = restarts
            self.maxIterations = maxIterations
        }

        enum CodingKeys: String, CodingKey { case maxPoints = "max_points", restarts, maxIterations = "max_iterations" }
    }

    public static func fit(inputs: [[Double]], targets: [Double], categorical: [Bool],
                           settings: Settings, seed: UInt64) -> GaussianProcessRegressor {
        var x = inputs, y = targets
        if inputs.count > settings.maxPoints {
            var rng = SplitMix64(seed: seed).derived(0x6770)
            var order = Array(inputs.indices)
            order.shuffle(using: &rng)
            let kept = order.prefix(settings.maxPoints).sorted()
            x = kept.map { inputs[$0] }
            y = kept.map { targets[$0] }
        }
        let gp = GaussianProcess.fit(inputs: x, targets: y, categorical: categorical, restarts: settings.restarts,
                                     maxIterations: settings.maxIterations, seed: seed)
        return GaussianProcessRegressor(inputs: x, targets: y, categorical: categorical, gp: gp)
    }

    init(inputs: [[Double]], targets: [Double], categorical: [Bool], gp: GaussianProcess) {
        self.inputs = inputs
        self.targets = targets
        self.categorical = categorical
        self.gp = gp
    }

    public func predict(_ points: [[Double]]) -> [Double] {
        gp.predict(points).map(\.mean)
    }
}

extension GaussianProcessRegressor: Codable {
    enum CodingKeys: String, CodingKey { case inputs, targets, categorical, hyperparameters }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let inputs = try c.decode([[Double]].self, forKey: .inputs)
        let targets = try c.decode([Double].self, forKey: .targets)
        let categorical = try c.decode([Bool].self, forKey: .categorical)
        let h = try c.decode(GaussianProcess.Hyperparameters.self, forKey: .hyperparameters)
        guard inputs.count == targets.count, !inputs.isEmpty, inputs.allSatisfy({ $0.count == categorical.count }),
              h.logLengthscales.count == categorical.count else {
            throw DecodingError.dataCorruptedError(forKey: .inputs, in: c, debugDescription: "inconsistent GP dimensions")
        }
        self.init(inputs: inputs, targets: targets, categorical: categorical,
                  gp: GaussianProcess(inputs: inputs, targets: targets, categorical: categorical, hyperparameters: h))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(targets, forKey: .targets)
        try c.encode(categorical, forKey: .categorical)
        try c.encode(gp.hyperparameters, forKey: .hyperparameters)
    }
}
