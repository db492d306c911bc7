import Foundation
import GymCore
import GymStore

extension LiveCampaign {
    /// What `open` opens: a campaign `name` in `database`, on the environment
    /// `loader` built from `specPath`.
    public struct Opening {
        public var database: String
        public var name: String
        public var loader: EnvironmentLoader
        /// The spec path as given (stored absolute, as `dsegym run` stores it).
        public var specPath: String
        public var agent: AgentReference
        public var seed: UInt64
        public var budget: Budget
        /// Threads evaluating each batch (results never depend on it).
        public var jobs: Int

        public init(database: String, name: String, loader: EnvironmentLoader, specPath: String, agent: AgentReference,
                    seed: UInt64, budget: Budget, jobs: Int) {
            self.database = database
            self.name = name
            self.loader = loader
            self.specPath = specPath
            self.agent = agent
            self.seed = seed
            self.budget = budget
            self.jobs = jobs
        }
    }

    /// Opens campaign `name`: a new one, or the stored one of that name to
    /// continue it, which must be the same experiment (environment
    /// fingerprint, objective, agent, hyperparameters, seed and budget).
    /// Its logged trials are replayed into the built-in agent.
    /// - Throws: `SpecError` for bad input or a mismatch, `StoreError`
    ///   when the database cannot be read or written.
    public static func open(_ o: Opening) throws -> LiveCampaign {
        guard o.budget.trials >= 1 else { throw SpecError(key: "budget", "must be at least 1") }
        let environment = o.loader.environment
        let context = AgentContext(designSpace: environment.designSpace, objective: o.loader.objective,
                                   seed: o.seed, budget: o.budget.trials)
        // Build the agent before touching the database: bad input writes nothing.
        let made = o.agent.isExternal ? nil : try o.agent.kind.make(o.agent.hyperparameters, context)
        let resolved = made?.resolved ?? .object([:])
        let store = try TrialStore(path: o.database)
        if let existing = try store.campaign(named: o.name) {
            try check(existing, matches: o, resolved: resolved)
            return try continuing(existing, in: store, environment: environment, agent: made?.agent, jobs: o.jobs)
        }
        let record = try store.createCampaign(newRecord(name: o.name, loader: o.loader, specPath: o.specPath,
                                                        agent: o.agent.kind.name, resolved: resolved, seed: o.seed,
                                                        budget: o.budget, jobs: o.jobs))
        return try LiveCampaign(store: store, record: record, environment: environment, objective: o.loader.objective,
                                agent: made?.agent, previous: [], jobs: o.jobs, resumed: false)
    }

    /// The provenance `dsegym run` and `dsegym serve` store for a new campaign.
    static func newRecord(name: String, loader: EnvironmentLoader, specPath: String, agent: String, resolved: SpecValue,
                          seed: UInt64, budget: Budget, jobs: Int) -> CampaignRecord {
        let absoluteSpecPath = URL(fileURLWithPath: specPath).standardizedFileURL.path
        return CampaignRecord(
            name: name, environment: loader.environment, environmentSpec: loader.spec.source.value,
            environmentSpecFile: absoluteSpecPath, objective: loader.objective, agent: agent,
            hyperparameters: resolved, seed: seed, budget: budget, jobs: jobs)
    }

    /// Continues a stored campaign: its logged trials are replayed into
    /// `agent` (nil: an external agent) with its stored objective.
    static func continuing(_ record: CampaignRecord, in store: TrialStore, environment: any Environment,
                           agent: (any Agent)?, jobs: Int) throws -> LiveCampaign {
        let previous = try store.trials(of: record, space: environment.designSpace)
        return try LiveCampaign(store: store, record: record, environment: environment, objective: record.objective,
                                agent: agent, previous: previous, jobs: jobs, resumed: true)
    }

    private static func check(_ c: CampaignRecord, matches o: Opening, resolved: SpecValue) throws {
        var problems: [String] = []
        let fingerprint = o.loader.environment.fingerprint
        if c.fingerprint != fingerprint { problems.append("environment \(c.fingerprint) vs \(fingerprint)") }
        if c.objective != o.loader.objective { problems.append("objective \(c.objective.summary) vs \(o.loader.objective.summary)") }
        if c.agent != o.agent.kind.name { problems.append("agent \(c.agent) vs \(o.agent.kind.name)") }
        if c.hyperparameters.canonicalJSON != resolved.canonicalJSON {
            problems.append("hyperparameters \(c.hyperparameters.canonicalJSON) vs \(resolved.canonicalJSON)")
        }
        if c.seed != o.seed { problems.append("seed \(c.seed) vs \(o.seed)") }
        if c.budget.trials != o.budget.trials { problems.append("budget \(c.budget.trials) vs \(o.budget.trials) trials") }
        if !problems.isEmpty {
            throw SpecError(file: o.database, key: o.name, "a campaign of this name exists with other settings (\(problems.joined(separator: "; "))); choose another name or database")
        }
    }
}
