import Foundation
import Testing
import GymCore
@testable import GymAgents
import GymTesting
@testable import GymSynthetic
import GymNumerics

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

/// A 3 × 3 space: small enough to exhaust.
struct TinyEnvironment: Environment {
    var id: String { "test-tiny-v1" }
    var fingerprint: String { id }
    let designSpace = DesignSpace([.choice("c", ["p", "q", "r"]), .ordinal("o", [1, 2, 4])])
    let metricSpecs = [MetricSpec("v", "1", .minimize)]
    func evaluate(_ c: Configuration) throws -> Metrics {
        Metrics([Metric("v", "1", c.double("o") + (c.string("c") == "q" ? 0 : 1))])
    }
}

@Test func boNeverRepeatsAPointWhileUnseenPointsRemain() throws {
    let trials = try Harness.run("bo", ["initial_points": .number(2), "batch_size": .number(3)],
                                 on: TinyEnvironment(), seed: 4, trials: 9)
    #expect(Set(trials.map(\.configuration)).count == 9)
}

@Test func logExpectedImprovementIsContinuousAndFiniteFarBelowTheIncumbent() {
    // Across the switch to the asymptotic branch (z = −25) the step matches
    // the slope d log h/dz = Φ(z)/h(z): no jump between the two formulas.
    let step = Acquisition.logH(-24.999999) - Acquisition.logH(-25.000001)
    let slope = Acquisition.bigPhi(-25) / Acquisition.h(-25)
    #expect(abs(step - slope * 2e-6) < 1e-8)
    #expect(abs(Acquisition.logH(-1) - log(Acquisition.h(-1))) < 1e-12)
    #expect(Acquisition.logH(-60).isFinite && Acquisition.logH(-60) < Acquisition.logH(-30))
    let ei = Acquisition.expectedImprovement, logEI = Acquisition.logExpectedImprovement
    // Both rank a higher mean (same variance) higher.
    #expect(ei.score(mean: 1.2, variance: 0.04, best: 1) > ei.score(mean: 1.1, variance: 0.04, best: 1))
    #expect(logEI.score(mean: 1.2, variance: 0.04, best: 1) > logEI.score(mean: 1.1, variance: 0.04, best: 1))
}

@Test func boLocalSearchMovesAreTheDesignSpaceNeighbours() throws {
    let env = MixedDomainsEnvironment()
    let objective = Objective.defaultObjective(for: env.metricSpecs)
    let agent = try #require(try Harness.agent("bo", space: env.designSpace, objective: objective, seed: 1, budget: 10)
                             as? BayesianOptimizer)
    var rng = SplitMix64(seed: 12)
    for _ in 0..<5 {
        let c = env.designSpace.sample(using: &rng)
        let moves = agent.neighbours(agent.coding.genes(of: c)).map(agent.coding.configuration)
        #expect(Set(moves) == Set(env.designSpace.neighbours(of: c)))
    }
}
