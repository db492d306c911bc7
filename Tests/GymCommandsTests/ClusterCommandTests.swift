import Foundation
import Testing

/// Scale-out without a cluster: a planned comparison run task by task into
/// shards, merged, gives the same table as the comparison run in one go.
struct ClusterCommandTests {
    let spec = "environments/synthetic-hartmann6.yaml"

    @Test func plannedTasks_mergedShards_giveTheSameTableAsALocalRun() throws {
        let dir = CLI.temporaryFolder().path
        let args = ["compare", "--env", spec, "--agents", "random-walker", "--seeds", "3", "--trials", "200"]
        let planned = try CLI.run(args + ["--plan", "\(dir)/plan", "--campaigns-per-task", "2", "--cpus-per-task", "2"])
        #expect(planned.status == 0, "\(planned.stderr)")
        let script = try String(contentsOfFile: "\(dir)/plan/submit.sbatch", encoding: .utf8)
        #expect(script.contains("#SBATCH --array=0-2"))
        #expect(script.contains("#SBATCH --cpus-per-task=2"))
        #expect(script.contains("run-task --plan \(dir)/plan"))
        let lines = try String(contentsOfFile: "\(dir)/plan/campaigns.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)

        let before = try CLI.run(["status", "--plan", "\(dir)/plan"])
        #expect(before.stdout.contains("resubmit: sbatch --array=0,1,2"))
        for task in 0..<3 {
            let out = try CLI.run(["run-task", "--plan", "\(dir)/plan", "--index", "\(task)",
                                   "--db", "\(dir)/plan/shards/task-\(task).sqlite"])
            #expect(out.status == 0, "\(out.stderr)")
        }
        // Rerunning a finished task does nothing.
        let rerun = try CLI.run(["run-task", "--plan", "\(dir)/plan", "--index", "1", "--db", "\(dir)/plan/shards/task-1.sqlite"])
        #expect(rerun.stdout.contains("0 campaigns run (2 already finished)"))
        #expect(try CLI.run(["status", "--plan", "\(dir)/plan"]).stdout.contains("all 3 tasks finished"))

        let merged = try CLI.run(["merge", "--into", "\(dir)/merged.sqlite", "\(dir)/plan/shards"])
        #expect(merged.stdout.contains("6 campaigns added, 0 extended, 1200 trials added"), "\(merged.stdout)\(merged.stderr)")
        let again = try CLI.run(["merge", "--into", "\(dir)/merged.sqlite", "\(dir)/plan/shards"])
        #expect(again.stdout.contains("0 campaigns added, 0 extended, 0 trials added"))

        let fromMerged = try CLI.run(args + ["--db", "\(dir)/merged.sqlite"])
        let local = try CLI.run(args + ["--db", "\(dir)/local.sqlite", "--jobs", "2"])
        #expect(fromMerged.stdout.contains("0 campaigns run (6 already finished)"))
        let strip = { (s: String) in
            s.split(separator: "\n").filter { !$0.contains("campaigns run") }
                .map { $0.split(separator: " ").dropLast(2).joined(separator: " ") }
        }
        #expect(strip(fromMerged.stdout) == strip(local.stdout))
    }

    @Test func runTask_outOfRange_isABadInput() throws {
        let dir = CLI.temporaryFolder().path
        _ = try CLI.run(["compare", "--env", spec, "--agents", "random", "--seeds", "1", "--trials", "10", "--plan", "\(dir)/p"])
        let out = try CLI.run(["run-task", "--plan", "\(dir)/p", "--index", "5", "--db", "\(dir)/s.sqlite"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("key '--index'"))
    }
}
