import ArgumentParser
import Foundation
import GymAgents
import GymCampaign
import GymCore
import GymStore

/// Benchmarks (never tests): store write rate, campaign throughput, and
/// evaluations per second of any environment spec.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure DSEGym's speed.",
        subcommands: [StoreBench.self, CampaignBench.self, EnvironmentBench.self, MergeBench.self, AgentBench.self, SuggestionBench.self, ProxyBench.self])
}

/// Wall-clock seconds of `body`.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

/// `count` uniformly drawn configurations of `space`, seeded.
func randomConfigurations(_ space: DesignSpace, count: Int, seed: UInt64) -> [Configuration] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in space.sample(using: &rng) }
}

/// Seconds to evaluate `configurations` one after another on this thread,
/// and how many were feasible.
func timeEvaluations(_ environment: any Environment, _ configurations: [Configuration]) throws -> (seconds: Double, feasible: Int) {
    var feasible = 0
    let seconds = try measure {
        for c in configurations where try environment.evaluate(c).feasible { feasible += 1 }
    }
    return (seconds, feasible)
}

func temporaryDatabase(_ label: String) -> String {
    NSTemporaryDirectory() + "dsegym-bench-\(label)-\(UUID().uuidString).sqlite"
}

struct StoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Trials written per second (10 parameters, 5 metrics, Optuna tables included).")

    @Option(help: "Trials to write.")
    var trials: Int = 100_000

    @Option(help: "Trials per transaction (one ask batch).")
    var batch: Int = 256

    func run() throws {
        let env = BenchEnvironment()
        let path = temporaryDatabase("store")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try TrialStore(path: path)
        let writer = try store.writer(for: try env.benchCampaign(in: store, name: "bench", trials: trials))
        let pending = try env.syntheticTrials(trials, batch: batch, seed: 1)
        let seconds = try measure {
            var start = 0
            while start < trials {
                try writer.append(Array(pending[start..<min(trials, start + batch)]))
                start += batch
            }
        }
        say(String(format: "store: %d trials in %.3f s = %.0f trials/s written (batches of %d, 10 params, 5 metrics)",
                   trials, seconds, Double(trials) / seconds, batch))
    }
}

struct CampaignBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Wall time of a random-search campaign on a synthetic environment, store included.")

    @Option(help: "Environment spec.")
    var env: String = "environments/synthetic-hartmann6.yaml"

    @Option(help: "Trial budget.")
    var trials: Int = 100_000

    @Option(help: "Worker threads.")
    var jobs: Int = 1

    func run() throws {
        let path = temporaryDatabase("campaign")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var result: CampaignSession.Result?
        let seconds = try measure {
            result = try CampaignSession.run(.init(environmentPath: env, agent: try AgentReference("random"), trials: trials, seed: 1,
                                                   jobs: jobs, database: path, name: "bench", wallSeconds: nil,
                                                   stopAtTarget: false, stopAfter: nil))
        }
        say(String(format: "campaign: %d trials of %@ in %.3f s (%.0f trials/s, jobs %d), best reward %@",
                   result!.outcome.totalTrials, result!.environment.id, seconds,
                   Double(result!.outcome.totalTrials) / seconds, jobs,
                   result!.outcome.best?.reward.map { "\($0)" } ?? "-"))
    }
}

struct EnvironmentBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env", abstract: "Evaluations per second of an environment on one thread (random configurations).")

    @Option(help: "Environment spec.")
    var env: String

    @Option(help: "Evaluations to time.")
    var evaluations: Int = 1000

    @Option(help: "Seed for the configurations.")
    var seed: UInt64 = 1

    func run() throws {
        let loader = try EnvironmentLoader(path: env)
        let configs = randomConfigurations(loader.environment.designSpace, count: evaluations, seed: seed)
        let (seconds, feasible) = try timeEvaluations(loader.environment, configs)
        say(String(format: "env %@: %d evaluations in %.3f s = %.1f evaluations/s, %.3f ms each (%d feasible)",
                   loader.environment.id, evaluations, seconds, Double(evaluations) / seconds,
                   seconds / Double(evaluations) * 1000, feasible))
    }
}

/// A 10-parameter, 5-metric stand-in for the store benchmark.
struct BenchEnvironment: Environment {
    let designSpace = DesignSpace((0..<10).map { i in
        i % 2 == 0 ? Parameter.integer("p\(i)", 0...1000) : Parameter.choice("p\(i)", ["a", "b", "c", "d"])
    })
    let metricSpecs = [MetricSpec("latency", "ns", .minimize), MetricSpec("energy", "pJ", .minimize),
                       MetricSpec("power", "mW", .minimize), MetricSpec("area", "mm2", .minimize),
                       MetricSpec("bandwidth", "GBps", .maximize)]
    var id: String { "bench-v1" }
    var fingerprint: String { id }

    func evaluate(_ c: Configuration) throws -> Metrics {
        let x = Double(c.stableHash % 10_000) / 100
        return Metrics(metricSpecs.enumerated().map { i, s in Metric(s.name, s.unit, x * Double(i + 1)) })
    }

    func benchCampaign(in store: TrialStore, name: String, trials: Int) throws -> CampaignRecord {
        try store.createCampaign(CampaignRecord(
            name: name, environment: self, environmentSpec: .object([:]), environmentSpecFile: nil,
            objective: .defaultObjective(for: metricSpecs), agent: "random", hyperparameters: .object([:]),
            seed: 1, budget: Budget(trials: trials), jobs: 1))
    }

    /// `count` random trials, as a campaign would log them.
    func syntheticTrials(_ count: Int, batch: Int, seed: UInt64) throws -> [Trial] {
        var rng = SplitMix64(seed: seed)
        return try (0..<count).map { i in
            let c = designSpace.sample(using: &rng)
            return Trial(index: i, batch: i / batch, configuration: c, metrics: try evaluate(c),
                         reward: rng.nextUnit(), reason: nil, cacheHit: false, evalSeconds: 1e-6)
        }
    }
}

struct MergeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge throughput: trials per second merged from shards.")

    @Option(help: "Trials per shard.")
    var trials: Int = 100_000

    @Option(help: "Shards to merge.")
    var shards: Int = 2

    func run() throws {
        let env = BenchEnvironment()
        var paths: [String] = []
        defer {
            for p in paths + [paths.first.map { $0 + ".merged" } ?? ""] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + suffix) }
            }
        }
        for s in 0..<shards {
            let path = temporaryDatabase("shard\(s)")
            paths.append(path)
            let store = try TrialStore(path: path)
            let writer = try store.writer(for: try env.benchCampaign(in: store, name: "bench-\(s)", trials: trials))
            let all = try env.syntheticTrials(trials, batch: 1024, seed: UInt64(s))
            for start in stride(from: 0, to: trials, by: 1024) {
                try writer.append(Array(all[start..<min(trials, start + 1024)]))
            }
        }
        let target = try TrialStore(path: paths[0] + ".merged")
        var added = 0
        let seconds = try measure { for p in paths { added += try target.merge(shard: p).trialsAdded } }
        say(String(format: "merge: %d shards of %d trials (10 params, 5 metrics) in %.3f s = %.0f trials/s",
                   shards, trials, seconds, Double(added) / seconds))
    }
}

struct AgentBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "An agent's own overhead per trial (ask + tell), without evaluation or store.")

    @Option(help: "Agent name or preset.")
    var agent: String = "random"

    @Option(help: "Environment spec whose space the agent searches (a cheap one keeps the run short).")
    var env: String = "environments/synthetic-hartmann6.yaml"

    @Option(help: "Trials.")
    var trials: Int = 100_000

    @Option(help: "Seed.")
    var seed: UInt64 = 1

    func run() throws {
        let loader = try EnvironmentLoader(path: env)
        let reference = try AgentReference(agent)
        let context = AgentContext(designSpace: loader.environment.designSpace, objective: loader.objective,
                                   seed: seed, budget: trials)
        let (made, _) = try reference.kind.make(reference.hyperparameters, context)
        let runner = CampaignRunner(environment: loader.environment, objective: loader.objective, agent: made,
                                    budget: Budget(trials: trials), jobs: 1, log: DiscardingTrialLog())
        let outcome = try runner.run()
        say(String(format: "agent %@: %d trials, %.2f µs per trial in ask + tell (%.3f s of %.3f s total)",
                   reference.kind.name, outcome.totalTrials, runner.agentSeconds / Double(max(1, outcome.totalTrials)) * 1e6,
                   runner.agentSeconds, outcome.seconds))
    }
}

/// Median seconds per suggestion of an agent once it holds N observations:
/// the agent runs its own campaign (evaluations untimed, no store) and the
/// asks made while it held N ..< N + window trials are timed.
struct SuggestionBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggestion",
        abstract: "Median time per suggestion (ask ÷ points asked) at given numbers of observed trials.")

    @Option(help: "Agent name or preset.")
    var agent: String = "bo"

    @Option(help: "Environment spec whose space the agent searches and whose model gives the trials.")
    var env: String = "environments/synthetic-hartmann6.yaml"

    @Option(help: "Comma-separated observation counts to measure at.")
    var at: String = "100,1000"

    @Option(help: "Trials over which the asks are timed, from each count on.")
    var window: Int = 20

    @Option(help: "Seed.")
    var seed: UInt64 = 1

    func run() throws {
        let points = at.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.sorted()
        guard !points.isEmpty, points.allSatisfy({ $0 >= 0 }) else {
            throw ValidationError("--at: expected comma-separated non-negative counts, e.g. 100,1000; got '\(at)'")
        }
        guard window >= 1 else { throw ValidationError("--window: expected at least 1, got \(window)") }
        let loader = try EnvironmentLoader(path: env)
        let reference = try AgentReference(agent)
        let end = points.last! + window
        let context = AgentContext(designSpace: loader.environment.designSpace, objective: loader.objective,
                                   seed: seed, budget: end)
        var made = try reference.kind.make(reference.hyperparameters, context).agent
        var timed = [Int: [Double]]()
        var index = 0, batch = 0
        while index < end {
            var asked: [Configuration] = []
            let seconds = measure { asked = made.ask(min(made.batchSize, end - index)) }
            guard !asked.isEmpty else { break }
            if let p = points.last(where: { $0 <= index }), index < p + window {
                timed[p, default: []].append(seconds / Double(asked.count))
            }
            let trials = try asked.map { c -> Trial in
                defer { index += 1 }
                let metrics = try loader.environment.evaluate(c)
                let (reward, reason) = loader.objective.score(metrics)
                return Trial(index: index, batch: batch, configuration: c, metrics: metrics, reward: reward,
                             reason: reason, cacheHit: false, evalSeconds: 0)
            }
            batch += 1
            made.tell(trials)
        }
        for p in points {
            guard let s = timed[p], !s.isEmpty else { say("at \(p) trials: no ask timed (the agent stopped)"); continue }
            let median = s.sorted()[s.count / 2]
            say(String(format: "agent %@ at %d trials: median %.2f ms per suggestion over %d asks",
                       reference.kind.name, p, median * 1e3, s.count))
        }
    }
}
