import Foundation
import Testing
import GymCore
@testable import GymAgents
import GymTesting
import GymNumerics

/// Each estimator is a probability distribution over the gene vectors: its
/// masses sum to 1 over the whole (small) space, for ordered and categorical genes.
@Test func parzenEstimatorMassesSumToOne() {
    let levels = [4, 3, 5], categorical = [false, true, false]
    let observations = [[0, 1, 4], [3, 2, 2], [1, 1, 0]]
    let estimator = ParzenEstimator(observations: observations, levels: levels, categorical: categorical, priorWeight: 1)
    var all: [[Int]] = []
    for a in 0..<4 { for b in 0..<3 { for c in 0..<5 { all.append([a, b, c]) } } }
    let total = estimator.logDensity(all).map(exp).reduce(0, +)
    #expect(abs(total - 1) < 1e-9)
    // Mass concentrates on the observations: an observed point outweighs the average point.
    let observed = estimator.logDensity([observations[0]])[0]
    #expect(exp(observed) > 1.5 / Double(all.count))
    // Draws follow the density: the observed point is drawn more often than uniform.
    var rng = SplitMix64(seed: 3)
    let hits = (0..<6000).filter { _ in estimator.sample(using: &rng) == observations[0] }.count
    let expected = 6000 * exp(observed)
    #expect(abs(Double(hits) - expected) < 5 * expected.squareRoot())
}

@Test func parzenWeightsFollowOptunasDefaultWeights() {
    #expect(ParzenEstimator.defaultWeights(3) == [1, 1, 1])
    let w = ParzenEstimator.defaultWeights(30)
    #expect(w.count == 30 && w.suffix(25).allSatisfy { $0 == 1 })
    #expect(abs(w[0] - 1.0 / 30) < 1e-12 && w[0] < w[4] && w[4] == 1)
}

@Test func tpeGoodCountIsOptunasGamma() throws {
    let env = MixedDomainsEnvironment()
    let agent = TreeParzenEstimator(.init(), AgentContext(designSpace: env.designSpace,
                                                          objective: Objective.defaultObjective(for: env.metricSpecs), seed: 1))
    #expect([1, 10, 11, 100, 249, 251, 1000].map(agent.goodCount) == [1, 1, 2, 10, 25, 25, 25])
}

@Test func tpeBeatsRandomSearchOnHartmann6() throws {
    let env = try Harness.environment("synthetic-hartmann6")
    let tpe = try Harness.medianBest("tpe", on: env, seeds: 1...5, trials: 150)
    let random = try Harness.medianBest("random", on: env, seeds: 1...5, trials: 150)
    print("TPE median best \(tpe), random \(random) on Hartmann-6 after 150 trials")
    #expect(tpe > random)
}

/// Infeasible trials rank as bad: after its startup, TPE proposes refused
/// points (kind c with count > 14) less often than uniform sampling does.
@Test func tpeLearnsToAvoidRefusedPoints() throws {
    let env = MixedDomainsEnvironment()
    let refused = { (trials: [Trial]) in Double(trials.dropFirst(20).filter { $0.reward == nil }.count) }
    var tpe = 0.0, random = 0.0
    for seed in 1...4 as ClosedRange<UInt64> {
        tpe += refused(try Harness.run("tpe", on: env, seed: seed, trials: 120))
        random += refused(try Harness.run("random", ["without_replacement": .bool(false)], on: env, seed: seed, trials: 120))
    }
    #expect(tpe < random, "refused proposals after startup: tpe \(tpe), random \(random)")
}
