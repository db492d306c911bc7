import Foundation
import Testing

/// The foundation's "done when": reproducible campaigns for any --jobs, and an
/// interrupted campaign that resumes to exactly the uninterrupted result.
@Suite(.serialized)
struct CampaignCommandTests {
    let spec = "environments/synthetic-hartmann6.yaml"
    let name = "h6"

    func runCampaign(_ db: String, jobs: Int, extra: [String] = []) throws -> CLI.Output {
        try CLI.run(["run", "--env", spec, "--agent", "random", "--trials", "2000", "--seed", "7",
                     "--jobs", String(jobs), "--db", db, "--name", name] + extra)
    }

    func export(_ db: String, _ csv: String) throws -> [String] {
        let out = try CLI.run(["export", "--db", db, "--csv", csv, "--name", name])
        #expect(out.status == 0, "\(out.stderr)")
        return try CLI.csvIgnoringTiming(csv)
    }

    @Test func sameSeed_exportsTheSameCSV_withOneOrTwoJobs_andOnASecondRun() throws {
        let dir = CLI.temporaryFolder().path
        #expect(try runCampaign("\(dir)/a.sqlite", jobs: 1).status == 0)
        #expect(try runCampaign("\(dir)/b.sqlite", jobs: 2).status == 0)
        #expect(try runCampaign("\(dir)/c.sqlite", jobs: 1).status == 0)
        let a = try export("\(dir)/a.sqlite", "\(dir)/a.csv")
        #expect(a.count == 2001)
        #expect(a == (try export("\(dir)/b.sqlite", "\(dir)/b.csv")))
        #expect(a == (try export("\(dir)/c.sqlite", "\(dir)/c.csv")))
    }

    @Test func interruptedHalfway_thenResumed_equalsTheUninterruptedRun() throws {
        let dir = CLI.temporaryFolder().path
        #expect(try runCampaign("\(dir)/full.sqlite", jobs: 1).status == 0)
        let stopped = try runCampaign("\(dir)/cut.sqlite", jobs: 2, extra: ["--stop-after", "1000"])
        #expect(stopped.status == 130)
        #expect(stopped.stdout.contains("dsegym resume"))
        let resumed = try CLI.run(["resume", "--db", "\(dir)/cut.sqlite", "--name", name])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let full = try export("\(dir)/full.sqlite", "\(dir)/full.csv")
        let cut = try export("\(dir)/cut.sqlite", "\(dir)/cut.csv")
        #expect(cut.count == 2001)
        #expect(Set(cut.dropFirst().map { $0.split(separator: ",")[4] }).count == 2000) // no duplicate index
        #expect(cut == full)
    }

    @Test func realSIGINT_stopsCleanly_andResumeCompletesTheBudget() throws {
        let dir = CLI.temporaryFolder().path
        let slow = "\(dir)/slow.yaml"
        try """
        environment: synthetic-hartmann6
        settings: {grid_points: 11, evaluation_delay_ms: 5}
        objective: {kind: minimize, metric: value}
        """.write(toFile: slow, atomically: true, encoding: .utf8)
        let args = ["--agent", "random", "--trials", "600", "--seed", "3", "--db", "\(dir)/s.sqlite", "--name", "slow"]
        let interrupted = try CLI.runInterrupted(["run", "--env", slow] + args, database: "\(dir)/s.sqlite", name: "slow")
        #expect(interrupted.status == 130, "\(interrupted.stdout)\(interrupted.stderr)")
        let resumed = try CLI.run(["resume", "--db", "\(dir)/s.sqlite", "--name", "slow", "--jobs", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("trials: 600"))
        #expect(try CLI.run(["run", "--env", slow] + args.dropLast(2) + ["--db", "\(dir)/u.sqlite", "--name", "slow"]).status == 0)
        let a = try CLI.run(["export", "--db", "\(dir)/s.sqlite", "--csv", "\(dir)/s.csv"])
        let b = try CLI.run(["export", "--db", "\(dir)/u.sqlite", "--csv", "\(dir)/u.csv"])
        #expect(a.status == 0 && b.status == 0)
        #expect(try CLI.csvIgnoringTiming("\(dir)/s.csv") == CLI.csvIgnoringTiming("\(dir)/u.csv"))
    }

    @Test func secondCampaignInTheSameDatabase_isServedFromTheCache() throws {
        let dir = CLI.temporaryFolder().path
        let db = "\(dir)/cache.sqlite"
        #expect(try CLI.run(["run", "--env", spec, "--agent", "random", "--trials", "300", "--seed", "1", "--db", db]).status == 0)
        let again = try CLI.run(["run", "--env", spec, "--agent", "random", "--trials", "300", "--seed", "1", "--db", db])
        #expect(again.status == 0)
        #expect(again.stdout.contains("synthetic-hartmann6-random-s1-2"))
        _ = try CLI.run(["export", "--db", db, "--csv", "\(dir)/cache.csv", "--name", "synthetic-hartmann6-random-s1-2"])
        let rows = try CLI.csvIgnoringTiming("\(dir)/cache.csv").dropFirst()
        #expect(rows.count == 300)
        #expect(rows.allSatisfy { $0.hasSuffix(",true") }) // cache_hit column
    }

    @Test func evaluate_printsMetricsAndReward_asJSON() throws {
        let out = try CLI.run(["evaluate", "--env", spec, "--set", "x1=0.2", "--set", "x2=0.1", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(object["environment"] as? String == "synthetic-hartmann6-v1")
        let configuration = try #require(object["configuration"] as? [String: Any])
        #expect((configuration["x1"] as? NSNumber)?.doubleValue == 0.2)
        let metrics = try #require(object["metrics"] as? [String: Any])
        let value = try #require((metrics["value"] as? NSNumber)?.doubleValue)
        #expect((object["reward"] as? NSNumber)?.doubleValue == -value)
        #expect(object["feasible"] as? Bool == true)
    }

    @Test func envsAndAgents_listWhatExists() throws {
        let envs = try CLI.run(["envs"])
        #expect(envs.status == 0)
        #expect(envs.stdout.contains("synthetic-hartmann6"))
        #expect(envs.stdout.contains("x1: one of 0, 0.1, 0.2"))
        let agents = try CLI.run(["agents"])
        #expect(agents.stdout.contains("random-walker"))
        #expect(agents.stdout.contains("jump_probability = 1.0"))
    }
}
