import GymCore
@testable import GymAgents
import GymCampaign
import GymTesting
import GymNumerics

/// Builds environments and agents by their catalog names and runs campaigns.
enum Harness {
    static func environment(_ name: String, _ settings: [String: SpecValue] = [:]) throws -> any Environment {
        try Catalog.standard.environment(named: name)!.make(SpecObject(settings))
    }

    static func agent(_ name: String, _ hyper: [String: SpecValue] = [:], space: DesignSpace,
                      objective: Objective, seed: UInt64, budget: Int) throws -> any Agent {
        try AgentConformance.agent(name, hyper, space: space, objective: objective, seed: seed, budget: budget)
    }

    /// Runs one campaign and returns its trials in order.
    static func run(_ agentName: String, _ hyper: [String: SpecValue] = [:], on environment: any Environment,
                    objective: Objective? = nil, seed: UInt64, trials: Int, jobs: Int = 1,
                    replaying prefix: [Trial] = []) throws -> [Trial] {
        try AgentConformance.run(agentName, hyper, on: environment, objective: objective, seed: seed, trials: trials,
                                 jobs: jobs, replaying: prefix)
    }

    /// Best reward of a campaign (−∞ when nothing was feasible).
    static func best(_ trials: [Trial]) -> Double {
        trials.compactMap(\.reward).max() ?? -.infinity
    }

    /// Median of best rewards over `seeds`.
    static func medianBest(_ agentName: String, _ hyper: [String: SpecValue] = [:], on environment: any Environment,
                           seeds: ClosedRange<UInt64>, trials: Int) throws -> Double {
        let bests = try seeds.map { try best(run(agentName, hyper, on: environment, seed: $0, trials: trials)) }
        return CampaignStatistics.median(bests)
    }
}
