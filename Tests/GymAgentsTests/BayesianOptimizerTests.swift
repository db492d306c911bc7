import Foundation
import Testing
import GymCore
@testable import GymAgents
@testable import GymEnvironments

@Test func boReachesWithinFivePercentOfTheGridOptimumOnHartmann6In150Trials() throws {
    let env = try Harness.environment("synthetic-hartmann6")
    let optimum = -(try #require(env as? Hartmann6)).gridOptimum()
    let clock = ContinuousClock()
    let start = clock.now
    let bests = try (1...10 as ClosedRange<UInt64>).map { try Harness.best(Harness.run("bo", on: env, seed: $0, trials: 150)) }
    let bo = CampaignStatistics.median(bests)
    let random = try Harness.medianBest("random", on: env, seeds: 1...10, trials: 150)
    print("BO median best \(bo) (\(bests)), random \(random), optimum \(optimum), \(clock.now - start)")
    #expect(bo > random)
    #expect(bo >= 0.95 * optimum)
}
