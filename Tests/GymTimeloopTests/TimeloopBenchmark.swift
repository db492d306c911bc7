import Testing
import Foundation
import GymCore
@testable import GymTimeloop
@testable import GymWorkloads

/// Not a test: the per-design-point cost of AlexNet (all 8 layers, mapper
/// included) and the mapper's share. Run once in release with
/// `DSEGYM_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter timeloopAlexNetBenchmark`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["DSEGYM_BENCH"] != nil))
func timeloopAlexNetBenchmark() throws {
    let env = EyerissEnvironment(workload: try Workload.load("alexnet", relativeTo: nil))
    var rng = SplitMix64(seed: 11)
    let configs = [env.designSpace.defaultConfiguration] + (0..<19).map { _ in env.designSpace.sample(using: &rng) }
    var total = 0.0, mapping = 0.0, model = 0.0, evaluations = 0
    for c in configs {
        let t0 = Date()
        _ = try env.evaluate(c)
        total += Date().timeIntervalSince(t0)
        let arch = try #require(env.architecture(c))
        let t1 = Date()
        let choices = env.workload.layers.map { env.mapper.map(LoopProblem($0), on: arch) }
        mapping += Date().timeIntervalSince(t1)
        let t2 = Date()
        for (layer, outcome) in zip(env.workload.layers, choices) {
            guard case .mapped(let choice) = outcome else { continue }
            evaluations += choice.evaluated
            _ = LoopNestModel.evaluate(LoopProblem(layer), arch, choice.mapping)
        }
        model += Date().timeIntervalSince(t2)
    }
    let n = Double(configs.count)
    print(String(format: "alexnet: %.2f ms per design point (%d points, budget %d); mapper %.2f ms (%.1f%%); "
                 + "final model of the 8 chosen mappings %.3f ms; %.2f µs per mapper candidate",
                 total / n * 1000, configs.count, env.mapper.budget, mapping / n * 1000, 100 * mapping / total,
                 model / n * 1000, mapping / Double(evaluations) * 1e6))
}
