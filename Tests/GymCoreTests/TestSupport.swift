@testable import GymCore

/// A small pure environment: value = Σ (x_i - 3)² over three integer knobs in
/// 0...6, a categorical that adds 0 or 5, and a constraint x1 + x2 <= 10.
struct QuadraticEnvironment: Environment {
    let designSpace = DesignSpace([
        .integer("x1", 0...6), .integer("x2", 0...6), .integer("x3", 0...6), .choice("mode", ["fast", "slow"]),
    ], constraints: [Constraint("sum", message: "x1 + x2 must not exceed 10") { $0.int("x1") + $0.int("x2") <= 10 }])
    let metricSpecs = [MetricSpec("value", "1", .minimize), MetricSpec("latency", "ns", .minimize)]
    var id: String { "quadratic-v1" }
    var fingerprint: String { id }

    func evaluate(_ c: Configuration) throws -> Metrics {
        if c.int("x3") == 6 { return .infeasible("x3 = 6 is unbuildable") }
        let v = ["x1", "x2", "x3"].reduce(0.0) { $0 + pow2(c.double($1) - 3) } + (c.string("mode") == "slow" ? 5 : 0)
        return Metrics([Metric("value", "1", v), Metric("latency", "ns", v * 10)])
    }

    private func pow2(_ x: Double) -> Double { x * x }
}

/// Uniform sampling with replacement, batch of 7, recording what it is told.
struct RecordingAgent: Agent {
    var space: DesignSpace
    var rng: SplitMix64
    var told: [Int] = []
    var batchSize: Int { 7 }

    init(space: DesignSpace, seed: UInt64) {
        self.space = space
        rng = SplitMix64(seed: seed)
    }

    mutating func ask(_ count: Int) -> [Configuration] {
        (0..<count).map { _ in space.sample(using: &rng, attempts: 1) }
    }

    mutating func tell(_ trials: [Trial]) { told += trials.map(\.index) }
}
