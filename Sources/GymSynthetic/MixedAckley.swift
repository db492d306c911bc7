import Foundation
import GymCore

/// Ackley's function over a mixed space: three integer coordinates in
/// -8...8, two ordinal coordinates in {-4, -2, -1, -0.5, 0, 0.5, 1, 2, 4}, and
/// a categorical `shift` ∈ {none, plus, minus} that moves every coordinate by
/// 0, +1 or -1 before evaluation. `f = -20 exp(-0.2 √(Σx²/d)) - exp(Σcos(2πx)/d) + 20 + e`;
/// the optimum is 0, reached only at all-zero coordinates with `shift = none`.
public struct MixedAckley: Environment {
    public static let kind = EnvironmentKind(
        name: "synthetic-ackley-mixed",
        summary: "Ackley over 3 integers, 2 ordinals and a categorical shift (min 0 at the origin, shift none); metric value, minimise",
        settings: [("evaluation_delay_ms", "artificial cost per evaluation (default 0)")]
    ) { spec in try MixedAckley(settings: SyntheticSettings(spec, defaultGrid: 2)) }

    static let ordinalLevels = [-4, -2, -1, -0.5, 0, 0.5, 1, 2, 4]

    let settings: SyntheticSettings
    public let designSpace = DesignSpace([
        .integer("i1", -8...8, default: 4), .integer("i2", -8...8, default: 4), .integer("i3", -8...8, default: 4),
        .ordinal("o1", MixedAckley.ordinalLevels, default: 2), .ordinal("o2", MixedAckley.ordinalLevels, default: 2),
        .choice("shift", ["none", "plus", "minus"], default: "plus"),
    ])
    public let metricSpecs = [MetricSpec("value", "1", .minimize, summary: "Ackley value")]
    public var id: String { "synthetic-ackley-mixed-v1" }
    public var fingerprint: String { id }

    static func ackley(_ x: [Double]) -> Double {
        let d = Double(x.count)
        let squares = x.reduce(0) { $0 + $1 * $1 }
        let cosines = x.reduce(0) { $0 + cos(2 * Double.pi * $1) }
        return -20 * exp(-0.2 * sqrt(squares / d)) - exp(cosines / d) + 20 + M_E
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        settings.pause()
        let shift: Double = ["none": 0, "plus": 1, "minus": -1][configuration.string("shift")]!
        let x = ["i1", "i2", "i3", "o1", "o2"].map { configuration.double($0) + shift }
        return Metrics([Metric("value", "1", max(0, MixedAckley.ackley(x)))])
    }
}
