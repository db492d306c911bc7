import Foundation
import GymCore
import GymStore

/// A campaign plan written to a folder for a cluster, instead of run here:
///
/// - `campaigns.jsonl`: one line per campaign (name, group, environment spec,
///   agent and hyperparameters, seed, trial budget);
/// - `plan.json`: how campaigns are grouped into array tasks;
/// - `submit.sbatch`: a Slurm job array, one task per chunk of campaigns, each
///   writing its own SQLite shard under `shards/` (SQLite must never be
///   shared by writers on a network file system);
/// - `shards/`, `logs/`: filled by the tasks.
public struct PlanDirectory {
    public struct Slurm {
        public var partition: String?
        public var timeLimit: String
        public var cpusPerTask: Int
        public var campaignsPerTask: Int
        public var concurrentTasks: Int?

        public init(partition: String?, timeLimit: String, cpusPerTask: Int, campaignsPerTask: Int, concurrentTasks: Int?) {
            self.partition = partition
            self.timeLimit = timeLimit
            self.cpusPerTask = cpusPerTask
            self.campaignsPerTask = campaignsPerTask
            self.concurrentTasks = concurrentTasks
        }
    }

    public var path: String
    public var plan: CampaignPlan
    public var campaignsPerTask: Int

    public var taskCount: Int { (plan.entries.count + campaignsPerTask - 1) / campaignsPerTask }

    public func shard(_ task: Int) -> String { "\(path)/shards/task-\(task).sqlite" }

    public func entries(ofTask task: Int) -> ArraySlice<CampaignPlan.Entry> {
        let start = task * campaignsPerTask
        return plan.entries[start..<min(plan.entries.count, start + campaignsPerTask)]
    }

    // MARK: Writing

    public static func write(_ plan: CampaignPlan, to folder: String, slurm: Slurm) throws -> PlanDirectory {
        guard slurm.campaignsPerTask >= 1 else { throw SpecError(key: "--campaigns-per-task", "must be at least 1") }
        guard slurm.cpusPerTask >= 1 else { throw SpecError(key: "--cpus-per-task", "must be at least 1") }
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        var absolute = plan
        absolute.environmentPath = URL(fileURLWithPath: plan.environmentPath).standardizedFileURL.path
        let directory = PlanDirectory(path: root, plan: absolute, campaignsPerTask: slurm.campaignsPerTask)
        let fm = FileManager.default
        do {
            for sub in ["", "/shards", "/logs"] { try fm.createDirectory(atPath: root + sub, withIntermediateDirectories: true) }
            let lines = absolute.entries.map { e in
                JSONText.object([("name", JSONText.quote(e.name)), ("group", JSONText.quote(e.group)),
                                 ("environment", JSONText.quote(absolute.environmentPath)),
                                 ("agent", JSONText.quote(e.agent.kind.name)),
                                 ("hyperparameters", e.agent.hyperparameters.value.canonicalJSON),
                                 ("seed", String(e.seed)), ("trials", String(absolute.trials))])
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: root + "/campaigns.jsonl", atomically: true, encoding: .utf8)
            let meta = JSONText.object([("version", "1"), ("campaigns_per_task", String(slurm.campaignsPerTask)),
                                        ("tasks", String(directory.taskCount)), ("cpus_per_task", String(slurm.cpusPerTask))])
            try (meta + "\n").write(toFile: root + "/plan.json", atomically: true, encoding: .utf8)
            try directory.sbatchScript(slurm).write(toFile: root + "/submit.sbatch", atomically: true, encoding: .utf8)
        } catch let e as SpecError {
            throw e
        } catch {
            throw StoreError(.io, path: root, "cannot write the plan: \(error.localizedDescription)")
        }
        return directory
    }

    public func sbatchScript(_ slurm: Slurm) -> String {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0], relativeTo:
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        let limit = slurm.concurrentTasks.map { "%\($0)" } ?? ""
        var lines = ["#!/bin/bash",
                     "# DSEGym plan: \(plan.entries.count) campaigns in \(taskCount) array tasks of up to \(campaignsPerTask).",
                     "# Submit: sbatch \(path)/submit.sbatch   Check: dsegym status --plan \(path)",
                     "#SBATCH --job-name=dsegym",
                     "#SBATCH --array=0-\(taskCount - 1)\(limit)",
                     "#SBATCH --cpus-per-task=\(slurm.cpusPerTask)",
                     "#SBATCH --time=\(slurm.timeLimit)",
                     "#SBATCH --output=\(path)/logs/task-%a.out"]
        if let p = slurm.partition { lines.append("#SBATCH --partition=\(p)") }
        lines += ["set -euo pipefail",
                  "cd \(FileManager.default.currentDirectoryPath)",
                  "exec \(binary) run-task --plan \(path) --index \"$SLURM_ARRAY_TASK_ID\" "
                  + "--db \(path)/shards/task-\"$SLURM_ARRAY_TASK_ID\".sqlite --jobs \(slurm.cpusPerTask)"]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Reading

    public static func read(_ folder: String) throws -> PlanDirectory {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        let metaPath = root + "/plan.json", listPath = root + "/campaigns.jsonl"
        guard let metaText = try? String(contentsOfFile: metaPath, encoding: .utf8),
              case .object(let meta) = try SpecValue.parseJSON(metaText) else {
            throw SpecError(file: metaPath, "not a plan folder (missing or unreadable plan.json)")
        }
        guard case .number(let perTask)? = meta["campaigns_per_task"] else {
            throw SpecError(file: metaPath, key: "campaigns_per_task", "missing")
        }
        guard let listText = try? String(contentsOfFile: listPath, encoding: .utf8) else {
            throw SpecError(file: listPath, "cannot read the campaign list")
        }
        var entries: [CampaignPlan.Entry] = []
        var environment = "", trials = 0
        for (n, line) in listText.split(separator: "\n").enumerated() {
            let at = "line \(n + 1)"
            guard case .object(let o) = try SpecValue.parseJSON(String(line)),
                  case .string(let name)? = o["name"], case .string(let group)? = o["group"],
                  case .string(let env)? = o["environment"], case .string(let agent)? = o["agent"],
                  let hyper = o["hyperparameters"], case .number(let seed)? = o["seed"],
                  case .number(let budget)? = o["trials"] else {
                throw SpecError(file: listPath, key: at, "expected name, group, environment, agent, hyperparameters, seed, trials")
            }
            environment = env
            trials = Int(budget)
            entries.append(.init(name: name, group: group,
                                 agent: try AgentReference(kind: agent, hyperparameters: hyper, file: listPath),
                                 seed: UInt64(seed)))
        }
        let plan = CampaignPlan(environmentPath: environment, trials: trials, database: "", entries: entries)
        return PlanDirectory(path: root, plan: plan, campaignsPerTask: Int(perTask))
    }
}
