import Foundation
import Testing
import GymCore
@testable import GymAgents
import GymNumerics

/// Timing benchmarks, not tests: they assert nothing about time and run only
/// with DSEGYM_BENCH=1, e.g.
/// `DSEGYM_BENCH=1 swift test -c release --filter AgentBenchmarks`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DSEGYM_BENCH"] != nil))
struct AgentBenchmarks {
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    func trial(_ i: Int, _ c: Configuration, _ reward: Double?) -> Trial {
        Trial(index: i, batch: i, configuration: c, metrics: Metrics([]), reward: reward, reason: nil,
              cacheHit: false, evalSeconds: 0)
    }

    @Test func boSuggestionTime() throws {
        let env = try Harness.environment("synthetic-hartmann6")
        let objective = Objective.defaultObjective(for: env.metricSpecs)
        for (n, cap) in [(100, 500), (500, 500), (1000, 500), (1000, 1000)] {
            var agent = try Harness.agent("bo", ["batch_size": .number(1), "initial_points": .number(1),
                                                "max_observations": .number(Double(cap))],
                                          space: env.designSpace, objective: objective, seed: 1, budget: n + 10)
            var rng = SplitMix64(seed: 2)
            _ = agent.ask(1)
            var told: [Trial] = []
            for i in 0..<n {
                let c = env.designSpace.sample(using: &rng)
                told.append(trial(i, c, objective.score(try env.evaluate(c)).reward))
            }
            agent.tell(told)  // n observations; the next ask refits (first fit)
            let refit = try seconds { _ = agent.ask(1) }
            agent.tell([trial(n, env.designSpace.sample(using: &rng), 0.5)])
            let conditioned = try seconds { _ = agent.ask(1) }  // within refit_interval: no refit
            print(String(format: "BO n=%d cap=%d: suggestion with hyperparameter fit %.3f s, without %.3f s",
                         n, cap, refit, conditioned))
        }
    }

    @Test(arguments: ["random", "ga", "aco", "nsga2", "rl"])
    func overheadPerTrial(name: String) throws {
        let env = try Harness.environment("synthetic-hartmann6")
        let objective = Objective.defaultObjective(for: env.metricSpecs)
        var agent = try Harness.agent(name, [:], space: env.designSpace, objective: objective, seed: 1, budget: 200_000)
        var rng = SplitMix64(seed: 3)
        var count = 0
        let total = 100_000
        let s = seconds {
            while count < total {
                let asked = agent.ask(agent.batchSize)
                agent.tell(asked.enumerated().map { trial(count + $0.offset, $0.element, rng.nextUnit()) })
                count += asked.count
            }
        }
        print(String(format: "%@ overhead per trial (ask + tell, no evaluation): %.2f µs", name, s / Double(count) * 1e6))
    }

    /// The full-size BO check: default hyperparameters, 10 seeds × 150 trials.
    @Test func boDefaultsOnHartmann6() throws {
        let env = try Harness.environment("synthetic-hartmann6")
        var bests: [Double] = []
        let s = try seconds {
            bests = try (1...10 as ClosedRange<UInt64>).map { try Harness.best(Harness.run("bo", on: env, seed: $0, trials: 150)) }
        }
        print(String(format: "BO defaults, Hartmann-6, 10 seeds x 150 trials: median best %.4f, min %.4f, %.1f s",
                     CampaignStatistics.median(bests), bests.min()!, s))
    }
}
