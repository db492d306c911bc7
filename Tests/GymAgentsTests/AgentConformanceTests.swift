import Foundation
import Testing
import GymCore
@testable import GymAgents

/// A test space with every kind of domain and infeasible corners: a
/// categorical, a stepped integer, an ordinal, and a log-scale real.
struct MixedDomainsEnvironment: Environment {
    var id: String { "test-mixed-domains-v1" }
    var fingerprint: String { id }
    let designSpace = DesignSpace([
        .choice("kind", ["a", "b", "c"]), .integer("count", 0...20, step: 2),
        .ordinal("size", Parameter.powersOfTwo(1, 64)), .real("rate", 0.1...10, log: true),
    ])
    let metricSpecs = [MetricSpec("cost", "1", .minimize)]

    func evaluate(_ c: Configuration) throws -> Metrics {
        if c.string("kind") == "c", c.int("count") > 14 { return .infeasible("kind c supports count up to 14") }
        let bias: Double = ["a": 0.5, "b": 0, "c": 1][c.string("kind")]!
        let cost = bias + pow(Double(c.int("count")) - 6, 2) / 10 + pow(log2(c.double("size")) - 3, 2)
            + pow(log(c.double("rate")), 2)
        return Metrics([Metric("cost", "1", cost)])
    }
}

/// Every catalogued agent, with settings light enough for a debug build.
let conformanceAgents: [(String, [String: SpecValue])] = AgentCatalog.names.map { name in
    name == "bo" ? (name, ["candidates": .number(100), "fit_restarts": .number(1), "initial_points": .number(6)]) : (name, [:])
}

private func signature(_ trials: [Trial]) -> [String] {
    trials.map { "\($0.index):\($0.batch):\($0.configuration):\($0.reward.map { "\($0)" } ?? "nil")" }
}

@Test(arguments: conformanceAgents.map(\.0))
func agentProposesOnlyValidConfigurationsOnMixedDomains(name: String) throws {
    let env = MixedDomainsEnvironment()
    let hyper = conformanceAgents.first { $0.0 == name }!.1
    let trials = try Harness.run(name, hyper, on: env, seed: 11, trials: 48)
    #expect(trials.count == 48)
    for t in trials { try env.designSpace.validate(t.configuration) }
    #expect(trials.contains { $0.reward != nil })
}

@Test(arguments: conformanceAgents.map(\.0))
func agentGivesIdenticalTrialsForOneOrTwoJobs(name: String) throws {
    let env = MixedDomainsEnvironment()
    let hyper = conformanceAgents.first { $0.0 == name }!.1
    let one = try Harness.run(name, hyper, on: env, seed: 5, trials: 40, jobs: 1)
    let two = try Harness.run(name, hyper, on: env, seed: 5, trials: 40, jobs: 2)
    #expect(signature(one) == signature(two))
    let other = try Harness.run(name, hyper, on: env, seed: 6, trials: 40, jobs: 1)
    #expect(signature(one) != signature(other), "a different seed should change the trials")
}

@Test(arguments: conformanceAgents.map(\.0))
func agentResumedFromALoggedPrefixContinuesIdentically(name: String) throws {
    let env = MixedDomainsEnvironment()
    let hyper = conformanceAgents.first { $0.0 == name }!.1
    let full = try Harness.run(name, hyper, on: env, seed: 9, trials: 100)
    let cut = max(1, full[full.count / 2].batch)
    let prefix = full.filter { $0.batch < cut }
    try #require(!prefix.isEmpty && prefix.count < full.count)
    let resumed = try Harness.run(name, hyper, on: env, seed: 9, trials: 100, replaying: prefix)
    #expect(signature(resumed) == signature(full))
}

@Test func hyperparameterErrorsNameTheKeyAndTheAllowedValues() throws {
    let env = MixedDomainsEnvironment()
    let objective = Objective.defaultObjective(for: env.metricSpecs)
    func error(_ name: String, _ hyper: [String: SpecValue]) -> SpecError? {
        do {
            _ = try Harness.agent(name, hyper, space: env.designSpace, objective: objective, seed: 1, budget: 10)
            return nil
        } catch let e as SpecError { return e } catch { return nil }
    }
    #expect(error("ga", ["population_size": .number(1)])?.key == "population_size")
    #expect(error("bo", ["acquisition": .string("pi")])?.message.contains("log-ei") == true)
    #expect(error("rl", ["algorithm": .string("dqn")])?.message.contains("reinforce") == true)
    #expect(error("aco", ["evaporation": .number(2)])?.key == "evaporation")
    #expect(error("nsga2", ["populaton_size": .number(8)]) != nil)
    #expect(error("ga", [:]) == nil)
}
