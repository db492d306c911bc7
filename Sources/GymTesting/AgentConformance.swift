import Foundation
import GymCampaign
import GymCore

/// The contract every agent in the catalogue must keep, on a space with every
/// kind of domain: it proposes only valid configurations, its trials depend on
/// the seed and not on the number of threads, and a campaign resumed from a
/// logged prefix continues exactly as the uninterrupted one.
public enum AgentConformance {
    /// Hyperparameters light enough for a debug build, per agent (default: none).
    public static func lightHyperparameters(_ agent: String) -> [String: SpecValue] {
        agent == "bo" ? ["candidates": .number(100), "fit_restarts": .number(1), "initial_points": .number(6)] : [:]
    }

    /// Builds an agent of the catalogue by name.
    public static func agent(_ name: String, _ hyperparameters: [String: SpecValue] = [:], space: DesignSpace,
                             objective: Objective, seed: UInt64, budget: Int,
                             catalog: Catalog = .standard) throws -> any Agent {
        guard let kind = catalog.agent(named: name) else {
            throw SpecError(key: "agent", "unknown agent '\(name)'; known: \(catalog.agentNames.joined(separator: ", "))")
        }
        let context = AgentContext(designSpace: space, objective: objective, seed: seed, budget: budget)
        return try kind.make(SpecObject(hyperparameters), context).agent
    }

    /// Runs one campaign in memory and returns its trials in order.
    public static func run(_ agentName: String, _ hyperparameters: [String: SpecValue] = [:],
                           on environment: any Environment, objective: Objective? = nil, seed: UInt64,
                           trials: Int, jobs: Int = 1, replaying prefix: [Trial] = []) throws -> [Trial] {
        let objective = objective ?? Objective.defaultObjective(for: environment.metricSpecs)
        let agent = try agent(agentName, hyperparameters, space: environment.designSpace, objective: objective,
                              seed: seed, budget: trials)
        let log = MemoryTrialLog(prefix)
        let runner = CampaignRunner(environment: environment, objective: objective, agent: agent,
                                    budget: Budget(trials: trials), jobs: jobs, log: log)
        try runner.replay(prefix)
        _ = try runner.run()
        return log.trials
    }

    /// What identifies a campaign's trials: index, batch, configuration, reward.
    public static func signature(_ trials: [Trial]) -> [String] {
        trials.map { "\($0.index):\($0.batch):\($0.configuration):\($0.reward.map { "\($0)" } ?? "nil")" }
    }
}

/// A test space with every kind of domain and infeasible corners: a
/// categorical, a stepped integer, an ordinal, and a log-scale real.
public struct MixedDomainsEnvironment: Environment {
    public init() {}
    public var id: String { "test-mixed-domains-v1" }
    public var fingerprint: String { id }
    public let designSpace = DesignSpace([
        .choice("kind", ["a", "b", "c"]), .integer("count", 0...20, step: 2),
        .ordinal("size", Parameter.powersOfTwo(1, 64)), .real("rate", 0.1...10, log: true),
    ])
    public let metricSpecs = [MetricSpec("cost", "1", .minimize)]

    public func evaluate(_ c: Configuration) throws -> Metrics {
        if c.string("kind") == "c", c.int("count") > 14 { return .infeasible("kind c supports count up to 14") }
        let bias: Double = ["a": 0.5, "b": 0, "c": 1][c.string("kind")]!
        let cost = bias + pow(Double(c.int("count")) - 6, 2) / 10 + pow(log2(c.double("size")) - 3, 2)
            + pow(log(c.double("rate")), 2)
        return Metrics([Metric("cost", "1", cost)])
    }
}
