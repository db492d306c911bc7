import Foundation
import GymCore
import GymProxy
import GymStore

/// Equal-sized training sets and the held-out set of a diversity study.
public struct ProxyStudy {
    public var training: [(label: String, trials: TrialSet)]
    public var heldOut: TrialSet
    public var size: Int
    public var droppedFromHeldOut: Int

    /// Every single-agent set cut to the smallest distinct count `n` (seeded
    /// subsample), plus a mix drawing from the `k` agents in turn (each in a
    /// seeded random order, skipping designs already in it) until it has `n`;
    /// the held-out set loses every configuration any training set contains.
    public static func make(sets: [(label: String, trials: TrialSet)], heldOut: TrialSet, seed: UInt64) -> ProxyStudy {
        let n = sets.map(\.trials.count).min() ?? 0
        var rng = SplitMix64(seed: seed).derived(0x57D)
        let orders = sets.map { s -> [Int] in
            var order = Array(0..<s.trials.count)
            order.shuffle(using: &rng)
            return order
        }
        var training = zip(sets, orders).map { ($0.label, $0.trials.subset(Array($1.prefix(n)).sorted())) }
        if sets.count > 1 {
            var picks = [[Int]](repeating: [], count: sets.count)
            var taken = Set<UInt64>(), cursor = [Int](repeating: 0, count: sets.count)
            var agent = 0
            while taken.count < n, zip(cursor, orders).contains(where: { $0 < $1.count }) {
                while cursor[agent] < orders[agent].count {
                    let i = orders[agent][cursor[agent]]
                    cursor[agent] += 1
                    if taken.insert(sets[agent].trials.configurations[i].stableHash).inserted { picks[agent].append(i); break }
                }
                agent = (agent + 1) % sets.count
            }
            var mix = TrialSet()
            for (s, p) in zip(sets, picks) { mix = mix.merging(s.trials.subset(p.sorted())) }
            training.append(("mix of " + sets.map(\.label).joined(separator: "+"), mix))
        }
        var seen = Set<UInt64>()
        for (_, t) in training { seen.formUnion(t.hashes) }
        let kept = (0..<heldOut.count).filter { !seen.contains(heldOut.configurations[$0].stableHash) }
        return ProxyStudy(training: training, heldOut: heldOut.subset(kept), size: n, droppedFromHeldOut: heldOut.count - kept.count)
    }
}

extension ProxyStudy {
    /// What `dsegym proxy study` runs: one campaign per agent, one held-out campaign.
    public struct Request {
        public var environmentPath: String
        public var agents: [String]
        public var budget: Int
        public var testAgent: String
        public var testTrials: Int
        public var seed: UInt64
        public var database: String
        public var kind: ModelKind
        public var settings: ProxyFitSettings
        public var metricKeys: [String]
        public var jobs: Int

        public init(environmentPath: String, agents: [String], budget: Int, testAgent: String, testTrials: Int,
                    seed: UInt64, database: String, kind: ModelKind, settings: ProxyFitSettings,
                    metricKeys: [String], jobs: Int) {
            self.environmentPath = environmentPath
            self.agents = agents
            self.budget = budget
            self.testAgent = testAgent
            self.testTrials = testTrials
            self.seed = seed
            self.database = database
            self.kind = kind
            self.settings = settings
            self.metricKeys = metricKeys
            self.jobs = jobs
        }
    }

    /// The study's sets and, per training set, the proxy's accuracy on the held-out set.
    public struct Outcome {
        public var study: ProxyStudy
        public var environmentID: String
        public var testLabel: String
        public var rows: [(label: String, n: Int, accuracy: [(key: String, accuracy: Accuracy)])]
    }

    /// Runs (or reuses) the campaigns, builds the sets, fits one proxy per set
    /// and scores each on the held-out trials.
    public static func run(_ request: Request) throws -> Outcome {
        let references = request.agents.filter { !$0.isEmpty }
        guard !references.isEmpty else { throw SpecError(key: "--agents", "name at least one agent") }
        let loader = try EnvironmentLoader(path: request.environmentPath)
        var sets: [(label: String, trials: TrialSet)] = []
        for reference in references {
            let label = specName(reference)
            sets.append((label, try campaignTrials(name: "study-\(label)-s\(request.seed)", agent: reference,
                                                   trials: request.budget, seed: request.seed, request, loader)))
        }
        let testLabel = specName(request.testAgent)
        let held = try campaignTrials(name: "study-heldout-\(testLabel)-s\(request.seed + 1000)", agent: request.testAgent,
                                      trials: request.testTrials, seed: request.seed + 1000, request, loader)
        let study = make(sets: sets, heldOut: held, seed: request.seed)
        let rows = try study.training.map { label, trials in
            let model = try ProxyFitter.fit(trials: trials, environment: loader.environment,
                                            environmentSpec: loader.spec.source.value, specFile: nil,
                                            database: request.database, kind: request.kind, metricKeys: request.metricKeys,
                                            settings: request.settings, seed: request.seed, jobs: request.jobs)
            return (label, trials.count, ProxyEvaluation.accuracy(model: model, on: study.heldOut,
                                                                  space: loader.environment.designSpace))
        }
        return Outcome(study: study, environmentID: loader.environment.id, testLabel: testLabel, rows: rows)
    }

    /// The distinct trials of campaign `name`, running it first when the database lacks it.
    private static func campaignTrials(name: String, agent: String, trials: Int, seed: UInt64, _ request: Request,
                                       _ loader: EnvironmentLoader) throws -> TrialSet {
        let exists = FileManager.default.fileExists(atPath: request.database)
            ? try TrialStore.openReadOnly(request.database).campaign(named: name) != nil : false
        if !exists {
            _ = try CampaignSession.run(.init(environmentPath: request.environmentPath, agent: try AgentReference(agent),
                                              trials: trials, seed: seed, jobs: request.jobs, database: request.database,
                                              name: name, wallSeconds: nil, stopAtTarget: false, stopAfter: nil,
                                              showProgress: false))
        }
        return try TrialSet.load(store: try TrialStore.openReadOnly(request.database), names: [name],
                                 fingerprint: loader.environment.fingerprint, space: loader.environment.designSpace)
    }
}
