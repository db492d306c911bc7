import Foundation
import GymCampaign
import GymCore
import GymStore
import MCP

/// `run_campaign` and `best_trials`: a campaign session into the store, and
/// the store read back.
enum CampaignTools {
    static let runArguments = ["spec", "agent", "seed", "trials", "db", "name", "jobs", "wall_seconds", "stop_at_target"]

    /// The session request the arguments describe (checked before anything runs).
    static func request(_ arguments: [String: Value]?) throws -> CampaignSession.Request {
        let args = try ToolArguments(tool: "run_campaign", arguments, allowed: runArguments)
        return CampaignSession.Request(
            environmentPath: try args.requiredString("spec"), agent: try AgentReference(try args.requiredString("agent")),
            trials: try args.int("trials", default: 1000, in: 1...ToolCatalog.maxTrials),
            seed: UInt64(try args.int("seed", default: 0, in: 0...Int.max)),
            jobs: try args.int("jobs", default: 1, in: 1...ToolCatalog.maxJobs),
            database: try args.string("db") ?? ToolCatalog.defaultDatabase, name: try args.string("name"),
            wallSeconds: try args.positiveDouble("wall_seconds"), stopAtTarget: try args.bool("stop_at_target", default: false),
            stopAfter: nil, showProgress: false)
    }

    /// Runs the campaign on the calling thread (it blocks until the campaign stops).
    static func run(_ request: CampaignSession.Request, observer: CampaignSession.Observer) throws -> ToolOutput {
        let result = try CampaignSession.run(request, observer: observer)
        let o = result.outcome
        var lines = [
            "campaign \(result.campaign.name) in \(request.database)",
            "  trials: \(o.totalTrials) (\(String(format: "%.2f", o.seconds)) s), stopped: \(o.stop.rawValue)",
        ]
        var best: Value = .null
        if let b = o.best, let reward = b.reward {
            lines.append("  best reward: \(reward) (trial \(b.index))")
            lines.append("  best configuration: \(b.configuration)")
            lines.append("  metrics: " + b.metrics.values.map { "\($0.key)=\(ParameterValue.format($0.value))" }.joined(separator: " "))
            best = .object(["index": .int(b.index), "reward": JSONValue.number(reward),
                            "configuration": try JSONValue.parse(b.configuration.json),
                            "metrics": try JSONValue.parse(b.metrics.json)])
        } else {
            lines.append("  no feasible trial")
        }
        if o.stop == .interrupted {
            lines.append("interrupted; continue with: dsegym resume --db \(request.database) --name \(result.campaign.name)")
        }
        return ToolOutput(text: lines.joined(separator: "\n"), structured: .object([
            "campaign": .string(result.campaign.name), "database": .string(request.database),
            "environment": .string(result.environment.id), "agent": .string(result.campaign.agent),
            "seed": .int(Int(request.seed)), "trials": .int(o.totalTrials), "new_trials": .int(o.newTrials),
            "seconds": JSONValue.number(o.seconds), "stop": .string(o.stop.rawValue), "best": best,
        ]))
    }

    /// The best `count` trials of a stored campaign, and its Pareto front for pareto objectives.
    static func best(_ arguments: [String: Value]?) throws -> ToolOutput {
        let args = try ToolArguments(tool: "best_trials", arguments, allowed: ["db", "campaign", "count"])
        let database = try args.string("db") ?? ToolCatalog.defaultDatabase
        let name = try args.requiredString("campaign")
        let count = try args.int("count", default: 10, in: 1...ToolCatalog.maxCount)
        let store = try TrialStore.openExisting(database)
        guard let record = try store.campaign(named: name) else {
            let names = try store.campaigns().map(\.name)
            throw SpecError(file: database, key: "campaign", "no campaign named '\(name)'; campaigns: \(names.joined(separator: ", "))")
        }
        let stored = try store.storedTrials(of: record.id)
        let ranked = stored.filter { $0.reward?.isFinite ?? false }
            .sorted { ($0.reward!, -$0.index) > ($1.reward!, -$1.index) }
            .prefix(count)
        var lines = ["campaign \(record.name): \(record.environment), agent \(record.agent), seed \(record.seed), \(stored.count) trials, \(record.status.rawValue)",
                     "objective: \(record.objective.summary)"]
        var best: [Value] = []
        for (rank, s) in ranked.enumerated() {
            lines.append("  \(rank + 1). trial \(s.index): reward \(s.reward!)  \(s.configurationJSON)  \(s.metricsJSON)")
            best.append(try trialValue(s))
        }
        if ranked.isEmpty { lines.append("  no feasible trial") }
        var structured: [String: Value] = [
            "campaign": .string(record.name), "database": .string(database), "environment": .string(record.environment),
            "agent": .string(record.agent), "seed": .int(Int(clamping: record.seed)), "status": .string(record.status.rawValue),
            "objective": .string(record.objective.summary), "trials": .int(stored.count),
            "feasible": .int(stored.filter { $0.reward != nil }.count), "best": .array(best),
        ]
        if record.objective.kind == .pareto {
            let archive = try store.paretoArchive(of: record)
            let byIndex = Dictionary(stored.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
            var front: [Value] = []
            for point in archive.front {
                guard let s = byIndex[point.index], case .object(var entry) = try trialValue(s) else { continue }
                entry["objectives"] = .array(point.vector.map { JSONValue.number($0) })
                front.append(.object(entry))
            }
            lines.append("pareto front: \(archive.front.count) trials (" + archive.front.map { String($0.index) }.joined(separator: ", ") + ")"
                         + (archive.hypervolume.map { ", hypervolume \($0)" } ?? ""))
            structured["pareto"] = .object([
                "front": .array(front), "hypervolume": JSONValue.number(archive.hypervolume),
                "reference": archive.reference.map { .array($0.map { JSONValue.number($0) }) } ?? .null,
                // What each entry of a front trial's `objectives` is: the metric, negated when maximised.
                "objectives": .array(record.objective.terms.map {
                    .object(["metric": .string($0.metric), "direction": .string($0.direction.rawValue)])
                }),
            ])
        }
        return ToolOutput(text: lines.joined(separator: "\n"), structured: .object(structured))
    }

    private static func trialValue(_ s: StoredTrial) throws -> Value {
        .object(["index": .int(s.index), "batch": .int(s.batch), "reward": JSONValue.number(s.reward),
                 "feasible": .bool(s.reward != nil), "reason": s.reason.map(Value.string) ?? .null,
                 "configuration": try JSONValue.parse(s.configurationJSON), "metrics": try JSONValue.parse(s.metricsJSON)])
    }
}
