import Foundation
import GymCore
@testable import GymProxy

/// A small cost model with every kind of knob (categorical, powers of two,
/// integer, log-real), a positive latency spanning decades, an energy, and
/// an infeasible region, for exercising proxies end to end.
struct ToyCostEnvironment: Environment {
    let designSpace = DesignSpace([
        .choice("policy", ["open", "closed", "adaptive"]),
        .ordinal("pes", Parameter.powersOfTwo(4, 1024)),
        .integer("depth", 1...8),
        .real("clock", 0.1...10, log: true),
    ])
    let metricSpecs = [MetricSpec("latency", "ns", .minimize), MetricSpec("energy", "pJ", .minimize)]
    var id: String { "toy-cost-v1" }
    var fingerprint: String { id }

    func evaluate(_ c: Configuration) throws -> Metrics {
        let pes = c.double("pes"), depth = c.double("depth"), clock = c.double("clock")
        guard !(c.string("policy") == "closed" && pes >= 512) else { return .infeasible("closed policy limited to 256 PEs") }
        let factor = ["open": 1.0, "closed": 1.4, "adaptive": 0.9][c.string("policy")]!
        let latency = factor * 1e6 / (pes * clock) + 30 * depth
        let energy = 5 * pes + 100 * depth * factor + 40 * clock * clock
        return Metrics([Metric("latency", "ns", latency), Metric("energy", "pJ", energy)])
    }

    /// `count` distinct random configurations with their evaluations.
    func trials(_ count: Int, seed: UInt64) throws -> TrialSet {
        var rng = SplitMix64(seed: seed)
        var set = TrialSet()
        var seen = Set<UInt64>()
        while set.count < count {
            let c = designSpace.sample(using: &rng)
            guard seen.insert(c.stableHash).inserted else { continue }
            set.append(c, metrics: try evaluate(c))
        }
        set.sources = [.init(id: "toy-\(seed)", name: "toy-\(seed)", agent: "random", trials: count)]
        return set
    }

    func fit(_ kind: ModelKind, trials: TrialSet, seed: UInt64 = 1, folds: Int = 0, trees: Int = 16) throws -> ProxyModel {
        var settings = ProxyFitSettings()
        settings.folds = folds
        settings.forest.trees = trees
        settings.gaussianProcess.maxPoints = 60
        return try ProxyFitter.fit(trials: trials, environment: self, environmentSpec: .object(["environment": .string("toy")]),
                                   specFile: nil, database: "memory", kind: kind, metricKeys: [], settings: settings, seed: seed)
    }
}
