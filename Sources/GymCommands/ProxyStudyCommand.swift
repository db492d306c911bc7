import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymProxy
import GymStore

/// `dsegym proxy study`: ArchGym's data-diversity study (REFERENCES.md §1).
/// Equal-sized training sets are gathered by single agents and by a mix of
/// them; a proxy fitted on each is scored on one held-out campaign (random by default).
struct ProxyStudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study", abstract: "Which training data makes the best proxy: single agents vs a mix, on one held-out set.",
        discussion: """
            Runs one campaign of --budget trials per agent on the real environment (reused when the \
            database already has it), takes the same number of distinct trials from each (the smallest \
            count; the mix takes an equal share from every agent), fits one proxy per set and scores all \
            on a separate campaign of --test-agent (seed + 1000), minus every configuration any set trained on.
            """)

    @Option(help: "Environment spec.")
    var env: String

    @Option(help: "Trials per agent campaign.")
    var budget: Int = 2000

    @Option(help: "Agents (names or preset files), comma-separated.")
    var agents: String = "random,ga,aco,random-walker"

    @Option(help: "Trials of the held-out campaign (default: the budget).")
    var testTrials: Int?

    @Option(help: "Agent of the held-out campaign (random: unbiased coverage; another agent tests transfer).")
    var testAgent: String = "random"

    @Option(help: "Seed of the agents, the subsampling and the models.")
    var seed: UInt64 = 0

    @Option(help: "Database for the campaigns (default: a temporary file, removed afterwards).")
    var db: String?

    @Option(help: "Metrics to model, comma-separated keys (default: all).")
    var metrics: String?

    @OptionGroup var options: ProxyModelOptions

    func validate() throws {
        guard budget >= 10 else { throw ValidationError("--budget must be at least 10") }
    }

    func run() throws {
        let path = db ?? temporaryDatabase("proxy-study")
        defer { if db == nil { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } } }
        let references = agents.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard !references.isEmpty else { throw SpecError(key: "--agents", "name at least one agent") }
        let loader = try EnvironmentLoader(path: env)
        var sets: [(label: String, trials: TrialSet)] = []
        for reference in references {
            let name = "study-\(URL(fileURLWithPath: reference).deletingPathExtension().lastPathComponent)-s\(seed)"
            sets.append((URL(fileURLWithPath: reference).deletingPathExtension().lastPathComponent, try campaignTrials(name: name, agent: reference, trials: budget, seed: seed, database: path, loader: loader)))
        }
        let testLabel = URL(fileURLWithPath: testAgent).deletingPathExtension().lastPathComponent
        let held = try campaignTrials(name: "study-heldout-\(testLabel)-s\(seed + 1000)", agent: testAgent, trials: testTrials ?? budget,
                                      seed: seed + 1000, database: path, loader: loader)
        let study = ProxyStudy.make(sets: sets, heldOut: held, seed: seed)
        let keys = metrics.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        var rows: [(label: String, n: Int, accuracy: [(key: String, accuracy: Accuracy)])] = []
        for (label, trials) in study.training {
            let model = try ProxyFitter.fit(trials: trials, environment: loader.environment, environmentSpec: loader.spec.source.value,
                                            specFile: nil, database: path, kind: options.model, metricKeys: keys,
                                            settings: options.settings(folds: 0), seed: seed, jobs: options.jobs)
            rows.append((label, trials.count, ProxyEvaluation.accuracy(model: model, on: study.heldOut, space: loader.environment.designSpace)))
        }
        say("proxy \(options.model.rawValue) on \(loader.environment.id): \(study.size) distinct training trials per set, "
            + "scored on \(study.heldOut.count) held-out \(testLabel) trials (\(study.droppedFromHeldOut) dropped as seen in training)")
        let header = ["training data", "n"] + (rows.first?.accuracy.flatMap { ["\($0.key) R2", "rel RMSE %", "tau"] } ?? [])
        var table = [header]
        for r in rows {
            table.append([r.label, String(r.n)] + r.accuracy.flatMap { _, a in
                [String(format: "%.4f", a.r2), String(format: "%.2f", a.relativeRMSEPercent), String(format: "%.3f", a.kendallTau)]
            })
        }
        for line in TextTable.render(table) { say(line) }
    }

    /// The distinct trials of campaign `name`, running it first when the database lacks it.
    private func campaignTrials(name: String, agent: String, trials: Int, seed: UInt64, database: String,
                                loader: EnvironmentLoader) throws -> TrialSet {
        let exists = FileManager.default.fileExists(atPath: database)
            ? try TrialStore.openReadOnly(database).campaign(named: name) != nil : false
        if !exists {
            _ = try CampaignSession.run(.init(environmentPath: env, agent: try AgentReference(agent), trials: trials, seed: seed,
                                              jobs: options.jobs, database: database, name: name, wallSeconds: nil,
                                              stopAtTarget: false, stopAfter: nil, showProgress: false))
        }
        return try TrialSet.load(store: try TrialStore.openReadOnly(database), names: [name],
                                 fingerprint: loader.environment.fingerprint, space: loader.environment.designSpace)
    }
}

/// Equal-sized training sets and the held-out set of a diversity study.
struct ProxyStudy {
    var training: [(label: String, trials: TrialSet)]
    var heldOut: TrialSet
    var size: Int
    var droppedFromHeldOut: Int

    /// Every single-agent set cut to the smallest distinct count `n` (seeded
    /// subsample), plus a mix drawing from the `k` agents in turn (each in a
    /// seeded random order, skipping designs already in it) until it has `n`;
    /// the held-out set loses every configuration any training set contains.
    static func make(sets: [(label: String, trials: TrialSet)], heldOut: TrialSet, seed: UInt64) -> ProxyStudy {
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
