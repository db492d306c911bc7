import Foundation
import Testing
@testable import GymCore
@testable import GymAgents
import GymTesting

/// Three 0...9 knobs; the cost falls towards the (9, 9, 9) corner, but the
/// environment refuses every point whose knobs add up to more than 6 (a
/// hidden constraint: no metrics, a reason), and the objective may bound
/// `area` (= the first knob) as a metric constraint.
struct CornerTrapEnvironment: Environment {
    var id: String { "test-corner-trap-v1" }
    var fingerprint: String { id }
    let designSpace = DesignSpace([.integer("a", 0...9), .integer("b", 0...9), .integer("c", 0...9)])
    let metricSpecs = [MetricSpec("cost", "1", .minimize), MetricSpec("area", "1", .minimize)]
    func evaluate(_ c: Configuration) throws -> Metrics {
        let sum = c.int("a") + c.int("b") + c.int("c")
        if sum > 6 { return .infeasible("sum \(sum) above 6") }
        return Metrics([Metric("cost", "1", Double(27 - sum)), Metric("area", "1", Double(c.int("a")))])
    }
}

let lightFeasibility: [String: SpecValue] = ["candidates": .number(200), "local_search_starts": .number(2),
                                             "refit_interval": .number(10), "fit_restarts": .number(1),
                                             "initial_points": .number(8)]

/// Share of the GP-guided proposals (after the initial design) that were feasible.
private func guidedFeasibleShare(_ feasibility: String, objective: Objective? = nil) throws -> Double {
    try guidedRun(feasibility, objective: objective).share
}

/// Share of guided proposals feasible, and the median best reward, over 3 seeds × 40 trials.
private func guidedRun(_ feasibility: String, objective: Objective? = nil) throws -> (share: Double, best: Double) {
    var feasible = 0, total = 0
    var bests: [Double] = []
    for seed in 1...3 as ClosedRange<UInt64> {
        let trials = try Harness.run("bo", lightFeasibility.merging(["feasibility": .string(feasibility)]) { $1 },
                                     on: CornerTrapEnvironment(), objective: objective, seed: seed, trials: 40)
        bests.append(Harness.best(trials))
        for t in trials.dropFirst(8) {
            total += 1
            if t.feasible { feasible += 1 }
        }
    }
    return (Double(feasible) / Double(total), bests.sorted()[1])
}

@Test func boWithAFeasibilityModelStopsProposingTheRefusedCorner() throws {
    let model = try guidedRun("model"), mixed = try guidedRun("model-impute"), imputed = try guidedRun("impute")
    print("guided proposals feasible, median best: model \(model), model-impute \(mixed), impute \(imputed)")
    // 84 of the 1,000 points are feasible: a uniform draw is, 8.4% of the time.
    #expect(model.share >= 0.15 && mixed.share >= 0.15)
    #expect(mixed.share > imputed.share)
    #expect(model.best == -21 && mixed.best == -21)  // the feasible optimum: knobs adding up to 6
}

@Test func boModelsTheSlackOfAMetricConstraint() throws {
    // area ≤ 1 on top of the hidden rule: a metric constraint the slack GP learns.
    let objective = Objective(kind: .minimize, terms: [.init(metric: "cost", direction: .minimize, value: 1)],
                              constraints: [.init(metric: "area", atMost: 1, atLeast: nil)])
    let modelled = try guidedFeasibleShare("model", objective: objective)
    print("with area <= 1, guided proposals feasible: model \(modelled)")
    // 49 of the 1,000 points are feasible: a uniform draw is, 4.9% of the time.
    #expect(modelled >= 0.15)
}

@Test func boNeverProposesAPointThatBreaksAKnownConstraint() throws {
    struct Constrained: Environment {
        var id: String { "test-known-constraint-v1" }
        var fingerprint: String { id }
        let designSpace = DesignSpace([.integer("a", 0...9), .integer("b", 0...9)],
                                      constraints: [Constraint("a+b<=9", message: "a + b must be at most 9") {
                                          $0.int("a") + $0.int("b") <= 9 }])
        let metricSpecs = [MetricSpec("cost", "1", .minimize)]
        func evaluate(_ c: Configuration) throws -> Metrics {
            Metrics([Metric("cost", "1", Double(18 - c.int("a") - c.int("b")))])
        }
    }
    let env = Constrained()
    let trials = try Harness.run("bo", lightFeasibility, on: env, seed: 3, trials: 30)
    #expect(trials.allSatisfy { env.designSpace.violatedConstraint($0.configuration) == nil })
}

@Test func feasibilityRecordSeparatesHiddenRefusalsFromMetricConstraints() {
    let bound = Objective.Bound(metric: "area_mm2", atMost: 4, atLeast: nil)
    func trial(_ metrics: Metrics, _ reward: Double?) -> Trial {
        Trial(index: 0, batch: 0, configuration: Configuration([:]), metrics: metrics, reward: reward,
              reason: nil, cacheHit: false, evalSeconds: 0)
    }
    let refused = FeasibilityRecord(trial(.infeasible("L1 overflow", partial: [Metric("area", "mm2", 5)]), nil),
                                    bounds: [bound])
    #expect(!refused.accepted)
    #expect(refused.slacks == [-0.25])
    let tooBig = FeasibilityRecord(trial(Metrics([Metric("area", "mm2", 6)]), nil), bounds: [bound])
    #expect(tooBig.accepted)
    #expect(tooBig.slacks == [-0.5])
    let fine = FeasibilityRecord(trial(Metrics([Metric("area", "mm2", 2)]), 0.7), bounds: [bound])
    #expect(fine.accepted && fine.slacks == [0.5])
}

@Test func logNormalCDFIsContinuousAcrossItsAsymptoticBranch() {
    let a = FeasibilityModel.logBigPhi(-30.000001), b = FeasibilityModel.logBigPhi(-29.999999)
    #expect(abs(a - b + 30 * 2e-6) < 1e-6)  // the slope d log Φ/dz = φ/Φ ≈ −z there: no jump
    #expect(abs(FeasibilityModel.logBigPhi(-2) - log(Acquisition.bigPhi(-2))) < 1e-12)
    #expect(FeasibilityModel.logBigPhi(-40).isFinite && FeasibilityModel.logBigPhi(-40) < FeasibilityModel.logBigPhi(-20))
}
