import GymCore
@testable import GymAgents
import GymCampaign

/// An in-memory trial log for tests.
final class MemoryLog: TrialLog {
    var trials: [Trial] = []
    func append(_ batch: [Trial]) throws { trials += batch }
}

/// Builds environments and agents by their catalog names and runs campaigns.
enum Harness {
    static func environment(_ name: String, _ settings: [String: SpecValue] = [:]) throws -> any Environment {
        try Catalog.standard.environment(named: name)!.make(SpecObject(settings))
    }

    static func agent(_ name: String, _ hyper: [String: SpecValue] = [:], space: DesignSpace,
                      objective: Objective, seed: UInt64, budget: Int) throws -> any Agent {
        let context = AgentContext(designSpace: space, objective: objective, seed: seed, budget: budget)
        return try AgentCatalog.kind(named: name)!.make(SpecObject(hyper), context).agent
    }

    /// Runs one campaign and returns its trials in order.
    static func run(_ agentName: String, _ hyper: [String: SpecValue] = [:], on environment: any Environment,
                    objective: Objective? = nil, seed: UInt64, trials: Int, jobs: Int = 1,
                    replaying prefix: [Trial] = []) throws -> [Trial] {
        let objective = objective ?? Objective.defaultObjective(for: environment.metricSpecs)
        let agent = try agent(agentName, hyper, space: environment.designSpace, objective: objective,
                              seed: seed, budget: trials)
        let log = MemoryLog()
        log.trials = prefix
        let runner = CampaignRunner(environment: environment, objective: objective, agent: agent,
                                    budget: Budget(trials: trials), jobs: jobs, log: log)
        try runner.replay(prefix)
        _ = try runner.run()
        return log.trials
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
