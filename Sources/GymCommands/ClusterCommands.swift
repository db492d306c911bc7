import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymStore

/// Options that turn `compare`/`sweep` into a written plan for Slurm.
struct PlanOptions: ParsableArguments {
    @Option(help: "Write the campaigns and a Slurm job-array script to this folder instead of running them.")
    var plan: String?

    @Option(help: "Slurm partition (with --plan).")
    var partition: String?

    @Option(help: "Slurm time limit per task (with --plan).")
    var timeLimit: String = "01:00:00"

    @Option(help: "CPUs per array task; a task runs that many of its campaigns at once (with --plan).")
    var cpusPerTask: Int = 1

    @Option(help: "Campaigns per array task, to amortise start-up (with --plan).")
    var campaignsPerTask: Int = 1

    @Option(help: "At most this many array tasks at once (with --plan).")
    var concurrentTasks: Int?

    /// Writes `plan` if `--plan` was given; true when it did (and nothing should run).
    func writeIfRequested(_ plan: CampaignPlan) throws -> Bool {
        guard let folder = self.plan else { return false }
        _ = try plan.validated() // before writing anything
        let written = try PlanDirectory.write(plan, to: folder, slurm: .init(
            partition: partition, timeLimit: timeLimit, cpusPerTask: cpusPerTask,
            campaignsPerTask: campaignsPerTask, concurrentTasks: concurrentTasks))
        say("planned \(plan.entries.count) campaigns in \(written.taskCount) array tasks: \(written.path)")
        say("submit with: sbatch \(written.path)/submit.sbatch")
        say("then: dsegym status --plan \(written.path); dsegym merge --into MERGED.sqlite \(written.path)/shards")
        return true
    }
}

struct RunTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-task",
        abstract: "Run one array task of a plan into its own shard (idempotent: finished campaigns are kept, interrupted ones resumed).")

    @Option(help: "Plan folder written by compare/sweep --plan.")
    var plan: String

    @Option(help: "Task index (SLURM_ARRAY_TASK_ID).")
    var index: Int

    @Option(help: "Shard database this task writes.")
    var db: String

    @Option(help: "Campaigns of this task run at once.")
    var jobs: Int = 1

    func validate() throws {
        guard !db.isEmpty else { throw ValidationError("--db must name a database file") }
    }

    func run() throws {
        let directory = try PlanDirectory.read(plan)
        guard (0..<directory.taskCount).contains(index) else {
            throw SpecError(key: "--index", "\(index) is out of range; allowed: 0...\(directory.taskCount - 1)")
        }
        var task = directory.plan
        task.entries = Array(directory.entries(ofTask: index))
        task.database = db
        let records = try task.run(parallel: jobs) { say($0) }
        say("task \(index): \(records.count) campaigns finished in \(db)")
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge shard databases into one, losslessly and idempotently.")

    @Option(help: "Database to merge into (created if missing).")
    var into: String

    @Argument(help: "Shard databases, or folders of them (*.sqlite).")
    var shards: [String]

    func validate() throws {
        guard !into.isEmpty else { throw ValidationError("--into must name a database file") }
    }

    func run() throws {
        let paths = try ShardMerge.paths(shards)
        let (total, seconds) = try ShardMerge.merge(paths, into: into)
        say(String(format: "merged %d shards into %@: %d campaigns added, %d extended, %d trials added in %.2f s (%.0f trials/s)",
                   paths.count, into, total.campaignsAdded, total.campaignsExtended, total.trialsAdded, seconds,
                   Double(total.trialsAdded) / max(seconds, 1e-9)))
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Which array tasks of a plan finished, which to resubmit.")

    @Option(help: "Plan folder.")
    var plan: String

    func run() throws {
        let directory = try PlanDirectory.read(plan)
        var rows = [["task", "state", "campaigns finished"]]
        var resubmit: [Int] = []
        for task in 0..<directory.taskCount {
            let entries = directory.entries(ofTask: task)
            let shard = directory.shard(task)
            guard FileManager.default.fileExists(atPath: shard) else {
                rows.append(["\(task)", "missing", "0/\(entries.count)"])
                resubmit.append(task)
                continue
            }
            let store = try TrialStore.openReadOnly(shard)
            let records = try entries.map { try store.campaign(named: $0.name) }
            let finished = records.filter { $0?.status == .finished }.count
            let failed = records.contains { $0?.status == .failed }
            let state = finished == entries.count ? "finished" : (failed ? "failed" : "incomplete")
            rows.append(["\(task)", state, "\(finished)/\(entries.count)"])
            if finished < entries.count { resubmit.append(task) }
        }
        for line in TextTable.render(rows) { say(line) }
        if resubmit.isEmpty {
            say("all \(directory.taskCount) tasks finished; merge with: dsegym merge --into MERGED.sqlite \(directory.path)/shards")
        } else {
            say("resubmit: sbatch --array=\(resubmit.map(String.init).joined(separator: ",")) \(directory.path)/submit.sbatch")
        }
    }
}
