import Foundation
import GymCore

/// Settings shared by the synthetic test functions.
struct SyntheticSettings: Sendable, Hashable {
    /// Levels per coordinate on discretised functions.
    var gridPoints: Int
    /// Artificial cost per evaluation, to exercise parallelism, progress and
    /// interruption as a slow simulator would. It never changes the outputs.
    var evaluationDelayMilliseconds: Double

    static let keys = ["grid_points", "evaluation_delay_ms"]

    init(_ spec: SpecObject, defaultGrid: Int) throws {
        try spec.requireOnly(SyntheticSettings.keys)
        gridPoints = try spec.int("grid_points", default: defaultGrid, in: 2...10_001)
        evaluationDelayMilliseconds = try spec.double("evaluation_delay_ms", default: 0, in: 0...60_000)
    }

    func pause() {
        if evaluationDelayMilliseconds > 0 { usleep(UInt32(evaluationDelayMilliseconds * 1000)) }
    }

    /// `n` evenly spaced values from `low` to `high`, rounded to 12 digits so
    /// grid values print cleanly (0.1, not 0.10000000000000001).
    static func grid(_ low: Double, _ high: Double, _ n: Int) -> [Double] {
        (0..<n).map { i in
            let v = low + (high - low) * Double(i) / Double(n - 1)
            return (v * 1e12).rounded() / 1e12
        }
    }
}
