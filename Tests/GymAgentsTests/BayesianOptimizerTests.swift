import Foundation
import Testing
import GymCore
@testable import GymAgents
@testable import GymEnvironments

/// Lighter than the defaults to keep the debug-build test fast (see the
/// report for the default-size figures): fewer candidates, rarer refits.
let light: [String: SpecValue] = ["candidates": .number(200), "local_search_starts": .number(3),
                                  "refit_interval": .number(10), "fit_restarts": .number(1), "batch_size": .number(5)]

@Test func boReachesWithinFivePercentOfTheGridOptimumOnHartmann6In150Trials() throws {
    let env = try Harness.environment("synthetic-hartmann6")
    let optimum = -(try #require(env as? Hartmann6)).gridOptimum()
    let clock = ContinuousClock()
    let start = clock.now
    let bests = try (1...10 as ClosedRange<UInt64>).map { try Harness.best(Harness.run("bo", light, on: env, seed: $0, trials: 150)) }
    let bo = CampaignStatistics.median(bests)
    let random = try Harness.medianBest("random", on: env, seeds: 1...10, trials: 150)
    print("BO median best \(bo) (\(bests)), random \(random), optimum \(optimum), \(clock.now - start)")
    #expect(bo > random)
    #expect(bo >= 0.95 * optimum)
}
