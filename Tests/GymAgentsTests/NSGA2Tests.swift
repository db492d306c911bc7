import Foundation
import Testing
import GymCore
@testable import GymAgents

/// ZDT1 (Zitzler, Deb & Thiele 2000) on a grid: `f1 = x1`,
/// `g = 1 + 9/(n−1) Σ_{i≥2} x_i`, `f2 = g (1 − √(f1/g))`, both minimised.
/// The Pareto front is `x_i = 0` (i ≥ 2): `f2 = 1 − √f1`, on the grid's f1 values.
struct ZDT1: Environment {
    let dimensions: Int
    let levels: [Double]
    var id: String { "test-zdt1-v1" }
    var fingerprint: String { id }
    var designSpace: DesignSpace { DesignSpace((1...dimensions).map { Parameter.ordinal("x\($0)", levels) }) }
    let metricSpecs = [MetricSpec("f1", "1", .minimize), MetricSpec("f2", "1", .minimize)]

    init(dimensions: Int = 6, gridPoints: Int = 21) {
        self.dimensions = dimensions
        levels = (0..<gridPoints).map { Double($0) / Double(gridPoints - 1) }
    }

    func evaluate(_ configuration: Configuration) throws -> Metrics {
        let x = (1...dimensions).map { configuration.double("x\($0)") }
        let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(dimensions - 1)
        return Metrics([Metric("f1", "1", x[0]), Metric("f2", "1", g * (1 - (x[0] / g).squareRoot()))])
    }

    var trueFront: [[Double]] { levels.map { [$0, 1 - $0.squareRoot()] } }
}

@Test func nsga2ReachesNinetyFivePercentOfTheTrueFrontHypervolumeOnZDT1() throws {
    let env = ZDT1(dimensions: 10)
    let objective = try Objective(spec: SpecObject(["kind": .string("pareto"), "metrics": .array([.string("f1"), .string("f2")])]),
                                  metrics: env.metricSpecs)
    let reference = [1.1, 1.1]
    let ideal = Pareto.hypervolume(env.trueFront, reference: reference)
    for seed: UInt64 in 1...3 {
        let trials = try Harness.run("nsga2", on: env, objective: objective, seed: seed, trials: 1600)
        let points = trials.compactMap { objective.objectiveVector($0.metrics) }
        // Dominated points add nothing to a hypervolume, so the archive's equals its front's.
        let reached = Pareto.hypervolume(points, reference: reference)
        print("NSGA-II seed \(seed): hypervolume \(reached) of \(ideal) (\(reached / ideal))")
        #expect(reached >= 0.95 * ideal)
    }
    // The bar is not trivial: random search with the same budget stays below it.
    let random = try Harness.run("random", on: env, objective: objective, seed: 1, trials: 1600)
    let randomVolume = Pareto.hypervolume(random.compactMap { objective.objectiveVector($0.metrics) }, reference: reference)
    #expect(randomVolume < 0.95 * ideal)
}

@Test func nsga2SelectionKeepsTheFirstFrontAndRanksInfeasibleLast() {
    let pool: [NSGA2.Individual] = [
        .init(genes: [0], objectives: [1, 1]), .init(genes: [1], objectives: [0, 2]),
        .init(genes: [2], objectives: nil), .init(genes: [3], objectives: [2, 2]), .init(genes: [4], objectives: [2, 0])]
    let kept = NSGA2.select(pool, keeping: 3)
    #expect(Set(kept.map(\.genes)) == [[0], [1], [4]])
    #expect(kept.allSatisfy { $0.rank == 0 })
    let all = NSGA2.select(pool, keeping: 5)
    #expect(all.last?.genes == [2])
}

@Test func nsga2OnASingleObjectiveBeatsRandomOnHartmann6() throws {
    let env = try Harness.environment("synthetic-hartmann6")
    let nsga = try Harness.medianBest("nsga2", on: env, seeds: 1...5, trials: 1000)
    let random = try Harness.medianBest("random", on: env, seeds: 1...5, trials: 1000)
    #expect(nsga > random)
}
