import Foundation
import Testing
import GymCore
@testable import GymAgents
import GymCampaign
import GymTesting

/// Every catalogued agent, with settings light enough for a debug build.
let conformanceAgents: [(String, [String: SpecValue])] = Catalog.standard.agentNames.map {
    ($0, AgentConformance.lightHyperparameters($0))
}

private func signature(_ trials: [Trial]) -> [String] { AgentConformance.signature(trials) }

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

/// The `SpecError` building agent `name` with `hyper` on the mixed space raises, if any.
private func error(_ name: String, _ hyper: [String: SpecValue]) -> SpecError? {
    let env = MixedDomainsEnvironment()
    let objective = Objective.defaultObjective(for: env.metricSpecs)
    do {
        _ = try Harness.agent(name, hyper, space: env.designSpace, objective: objective, seed: 1, budget: 10)
        return nil
    } catch let e as SpecError { return e } catch { return nil }
}

@Test func hyperparameterErrorsNameTheKeyAndTheAllowedValues() throws {
    #expect(error("ga", ["population_size": .number(1)])?.key == "population_size")
    #expect(error("bo", ["acquisition": .string("pi")])?.message.contains("log-ei") == true)
    #expect(error("rl", ["algorithm": .string("dqn")])?.message.contains("reinforce") == true)
    #expect(error("aco", ["evaporation": .number(2)])?.key == "evaporation")
    #expect(error("nsga2", ["populaton_size": .number(8)]) != nil)
    #expect(error("ga", [:]) == nil)
}

/// Sizes that feed allocations or loops are bounded when the agent is built.
@Test func oversizedHyperparametersAreRefusedWithTheirRange() throws {
    #expect(error("ga", ["population_size": .number(1e12)])?.message.contains("allowed: 2...1000000") == true)
    #expect(error("ga", ["population_size": .number(32), "tournament_size": .number(1000)])?.key == "tournament_size")
    #expect(error("bo", ["max_observations": .number(1e6)])?.key == "max_observations")
    #expect(error("rl", ["hidden_layers": .array([.number(100_000)])])?.key == "hidden_layers")
    #expect(error("aco", ["ant_count": .number(1e9)])?.key == "ant_count")
}
