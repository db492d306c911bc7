import Foundation
import Testing

/// `compare` and `sweep`: one campaign per agent (or setting) × seed, a table
/// computed from the store, independent of how many campaigns ran at once.
struct CompareSweepCommandTests {
    let spec = "environments/synthetic-hartmann6.yaml"

    /// The table without its timing columns (the last two), which vary run to run.
    func table(_ stdout: String, from header: String) -> [String] {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return [] }
        return lines[start...].prefix { !$0.isEmpty }.map { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropLast(2).joined(separator: " ")
        }
    }

    @Test func compare_givesTheSameTable_forOneOrTwoParallelCampaigns_andReusesFinishedOnes() throws {
        let dir = CLI.temporaryFolder().path
        let args = ["compare", "--env", spec, "--agents", "random-walker", "--seeds", "3", "--trials", "300"]
        let one = try CLI.run(args + ["--jobs", "1", "--db", "\(dir)/one.sqlite"])
        let two = try CLI.run(args + ["--jobs", "2", "--db", "\(dir)/two.sqlite", "--csv", "\(dir)/two.csv"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(two.status == 0, "\(two.stderr)")
        let t1 = table(one.stdout, from: "agent")
        #expect(t1.count == 3) // header, random (added as baseline), random-walker
        #expect(t1[1].hasPrefix("random 3 "))
        #expect(t1 == table(two.stdout, from: "agent"))
        #expect(two.stdout.contains("6 campaigns run (0 already finished)"))
        let csvRows = try String(contentsOfFile: "\(dir)/two.csv", encoding: .utf8).split(separator: "\n")
        #expect(csvRows.count == 1 + 6 * 300)
        let again = try CLI.run(args + ["--jobs", "2", "--db", "\(dir)/two.sqlite"])
        #expect(again.stdout.contains("0 campaigns run (6 already finished)"))
        #expect(table(again.stdout, from: "agent") == t1)
    }

    @Test func sweep_tabulatesEverySetting_withTheSpreadAcrossSettings() throws {
        let dir = CLI.temporaryFolder().path
        try "agent: random-walker\ngrid:\n  jump_probability: [0.05, 1.0]\n"
            .write(toFile: "\(dir)/grid.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["sweep", "--env", spec, "--agent", "random-walker", "--grid", "\(dir)/grid.yaml",
                               "--seeds", "3", "--trials", "200", "--jobs", "2", "--db", "\(dir)/s.sqlite"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = out.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.hasPrefix("jump_probability=0.05") })
        #expect(rows.contains { $0.hasPrefix("jump_probability=1 ") })
        #expect(rows.contains { $0.hasPrefix("spread of medians across 2 settings") })
    }

    @Test func sweep_rejectsAGridForAnotherAgent() throws {
        let dir = CLI.temporaryFolder().path
        try "agent: random\ngrid: {batch_size: [1, 2]}\n".write(toFile: "\(dir)/grid.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["sweep", "--env", spec, "--agent", "random-walker", "--grid", "\(dir)/grid.yaml",
                               "--db", "\(dir)/s.sqlite"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("\(dir)/grid.yaml: key 'agent'"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/s.sqlite"))
    }
}
