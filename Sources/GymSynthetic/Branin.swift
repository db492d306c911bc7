import Foundation
import GymCore

/// The Branin-Hoo function on x1 ∈ [-5, 10], x2 ∈ [0, 15] (continuous reals):
/// `a(x2 - b x1² + c x1 - r)² + s(1 - t)cos(x1) + s` with a = 1, b = 5.1/(4π²),
/// c = 5/π, r = 6, s = 10, t = 1/(8π). Global minimum 0.397887 at
/// (-π, 12.275), (π, 2.275) and (9.42478, 2.475).
public struct Branin: Environment {
    public static let kind = EnvironmentKind(
        name: "synthetic-branin",
        summary: "Branin-Hoo on continuous x1 in [-5,10], x2 in [0,15] (min 0.397887); metric value, minimise",
        settings: [("evaluation_delay_ms", "artificial cost per evaluation (default 0)")]
    ) { spec in try Branin(settings: SyntheticSettings(spec, defaultGrid: 2)) }

    static let minimum = 0.397887

    let settings: SyntheticSettings
    public let designSpace = DesignSpace([.real("x1", -5...10, default: 2.5), .real("x2", 0...15, default: 7.5)])
    public let metricSpecs = [MetricSpec("value", "1", .minimize, summary: "Branin value")]
    public var id: String { "synthetic-branin-v1" }
    public var fingerprint: String { id }

    static func value(_ x1: Double, _ x2: Double) -> Double {
        let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
        let q = x2 - b * x1 * x1 + c * x1 - 6
        return q * q + 10 * (1 - t) * cos(x1) + 10
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        settings.pause()
        return Metrics([Metric("value", "1", Branin.value(configuration.double("x1"), configuration.double("x2")))])
    }
}
