import Testing
import Foundation
@testable import GymEnvironments
import GymCore

/// Not a test: the per-design-point cost of AlexNet and the mapper's share.
/// Run once in release with
/// `DSEGYM_BENCH=1 swift test -c release --filter timeloopAlexNetBenchmark`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["DSEGYM_BENCH"] != nil))
func timeloopAlexNetBenchmark() throws {
    let env = EyerissEnvironment(workload: try Workload.load("alexnet", relativeTo: nil))
    var rng = SplitMix64(seed: 11)
    let configs = [env.designSpace.defaultConfiguration] + (0..<19).map { _ in env.designSpace.sample(using: &rng) }
    var total = 0.0, mapping = 0.0, evaluations = 0
    for c in configs {
        let t0 = Date()
        _ = try env.evaluate(c)
        total += Date().timeIntervalSince(t0)
        guard let arch = env.architecture(c) else { continue }
        let t1 = Date()
        for layer in env.workload.layers { _ = env.mapper.map(LoopProblem(layer), on: arch) }
        mapping += Date().timeIntervalSince(t1)
        evaluations += 1
    }
    print(String(format: "alexnet: %.2f ms per design point (%d points, budget %d); mapper alone %.2f ms (%.0f%%)",
                 total / Double(configs.count) * 1000, configs.count, env.mapper.budget,
                 mapping / Double(evaluations) * 1000, 100 * mapping / total * Double(configs.count) / Double(evaluations)))
}
