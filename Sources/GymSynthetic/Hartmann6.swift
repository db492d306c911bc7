import Foundation
import GymCore

/// The 6-D Hartmann function on a grid over [0, 1]^6 (Dixon & Szegő 1978):
/// `f(x) = -Σ_i α_i exp(-Σ_j A_ij (x_j - P_ij)²)`. Its continuous minimum is
/// -3.32237 at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573);
/// on a grid the best grid point is close to it (see `gridOptimum`).
public struct Hartmann6: Environment {
    public static let kind = EnvironmentKind(
        name: "synthetic-hartmann6",
        summary: "Hartmann-6 on a grid over [0,1]^6 (min -3.32237 continuous); metric value, minimise",
        settings: [("grid_points", "levels per coordinate (default 11: 0, 0.1, ..., 1)"),
                   ("evaluation_delay_ms", "artificial cost per evaluation (default 0)")]
    ) { spec in try Hartmann6(settings: SyntheticSettings(spec, defaultGrid: 11)) }

    static let alpha = [1.0, 1.2, 3.0, 3.2]
    static let a: [[Double]] = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
                                [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
    static let p: [[Double]] = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
                                [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
                                [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
                                [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]
    static let continuousMinimum = -3.32237

    let settings: SyntheticSettings
    public let designSpace: DesignSpace
    public let metricSpecs = [MetricSpec("value", "1", .minimize, summary: "Hartmann-6 value")]
    public var id: String { "synthetic-hartmann6-v1" }
    public var fingerprint: String { "\(id);grid=\(settings.gridPoints)" }

    init(settings: SyntheticSettings) {
        self.settings = settings
        let levels = SyntheticSettings.grid(0, 1, settings.gridPoints)
        designSpace = DesignSpace((1...6).map { Parameter.ordinal("x\($0)", levels, default: levels[levels.count / 2]) })
    }

    static func value(_ x: [Double]) -> Double {
        var f = 0.0
        for i in 0..<4 {
            var inner = 0.0
            for j in 0..<6 { inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]) }
            f -= alpha[i] * exp(-inner)
        }
        return f
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        settings.pause()
        let x = (1...6).map { configuration.double("x\($0)") }
        return Metrics([Metric("value", "1", Hartmann6.value(x))])
    }

    /// The best value over the whole grid (exhaustive; 11^6 points take ~0.1 s).
    func gridOptimum() -> Double {
        let levels = SyntheticSettings.grid(0, 1, settings.gridPoints)
        var best = Double.infinity
        var idx = [Int](repeating: 0, count: 6)
        let n = levels.count
        for _ in 0..<Int(pow(Double(n), 6)) {
            best = min(best, Hartmann6.value(idx.map { levels[$0] }))
            for d in 0..<6 { idx[d] += 1; if idx[d] < n { break }; idx[d] = 0 }
        }
        return best
    }
}
