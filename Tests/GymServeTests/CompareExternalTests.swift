import Foundation
import GymCampaign
import GymCore
import GymStore
import Testing

/// `dsegym compare --agents ga,external:<label>`: the external agent's
/// campaigns are never run, only read, and must already be logged.
struct CompareExternalTests {
    static let spec = "environments/synthetic-hartmann6.yaml"

    /// Logs `seeds` finished campaigns of an external "agent" (seeded random choices) through the server.
    static func logExternal(db: String, label: String, agent: String, seeds: ClosedRange<Int>, trials: Int,
                            finish: Bool = true) throws {
        let client = Client()
        let handle = try client.open(spec)
        for seed in seeds {
            let opened = try client.result("campaign", #"{"db": \#(Support.quote(db)), "name": "\#(label)/\#(agent)/s\#(seed)", "handle": "\#(handle)", "agent": "external:\#(agent)", "seed": \#(seed), "budget": \#(trials)}"#)
            let c = opened["campaign"] as! String
            var rng = SplitMix64(seed: UInt64(seed))
            var told = 0
            while told < (finish ? trials : trials / 2) {
                let batch = (0..<min(10, trials - told)).map { _ in
                    "{" + (1...6).map { "\"x\($0)\": \(Double(rng.next() % 11) / 10)" }.joined(separator: ", ") + "}"
                }
                _ = try client.result("tell", #"{"campaign": "\#(c)", "configs": [\#(batch.joined(separator: ", "))]}"#)
                told += batch.count
            }
            _ = try client.result("close", #"{"campaign": "\#(c)"}"#)
        }
    }

    @Test func compare_showsTheExternalAgentsRow_nextToTheBuiltInOnes() throws {
        let dir = Support.temporaryFolder()
        let db = "\(dir)/cmp.sqlite"
        try Self.logExternal(db: db, label: "cmp", agent: "optuna:TPESampler", seeds: 1...2, trials: 30)
        let out = try Support.run(["compare", "--env", Support.spec(Self.spec), "--agents", "random-walker,external:optuna:TPESampler",
                                   "--seeds", "2", "--trials", "30", "--db", db, "--label", "cmp"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("4 campaigns run (2 already finished)")) // the external ones
        let rows = out.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        let header = try #require(rows.firstIndex { $0.hasPrefix("agent") })
        #expect(Array(rows[(header + 1)...].prefix(3)) == ["random 2", "random-walker 2", "optuna:TPESampler 2"])
    }

    @Test func compare_refusesExternalCampaignsThatAreMissingOrUnfinished_andRunsNothing() throws {
        let dir = Support.temporaryFolder()
        let db = "\(dir)/cmp.sqlite"
        let plan = try CampaignPlan.comparison(env: Support.spec(Self.spec), agents: "ga,external:me", seeds: 2, trials: 20,
                                               database: db, label: "cmp")
        #expect(plan.entries.map(\.name) == ["cmp/random/s1", "cmp/random/s2", "cmp/ga/s1", "cmp/ga/s2", "cmp/me/s1", "cmp/me/s2"])
        #expect(throws: SpecError.self) { try plan.run(parallel: 1) { _ in } }
        #expect(!FileManager.default.fileExists(atPath: db))

        try Self.logExternal(db: db, label: "cmp", agent: "me", seeds: 1...1, trials: 20)
        try Self.logExternal(db: db, label: "cmp", agent: "me", seeds: 2...2, trials: 20, finish: false)
        do {
            _ = try plan.run(parallel: 1) { _ in }
            Issue.record("compare ran with an unfinished external campaign")
        } catch let e as SpecError {
            #expect(e.key == "--agents")
            #expect(e.message.hasPrefix("external:me runs outside dsegym, so its campaigns must already be finished in this database; missing or unfinished: cmp/me/s2 (interrupted); log them through the Python package or `dsegym serve`"))
        }
        let store = try TrialStoreProbe.campaignNames(db)
        #expect(store == ["cmp/me/s1", "cmp/me/s2"]) // nothing was run

        let otherBudget = try CampaignPlan.comparison(env: Support.spec(Self.spec), agents: "external:me", seeds: 1, trials: 25,
                                                      database: db, label: "cmp")
        #expect(throws: SpecError.self) { try otherBudget.run(parallel: 1) { _ in } }
    }

    @Test func anExternalAgent_cannotBePlannedForACluster() throws {
        let plan = try CampaignPlan.comparison(env: Support.spec(Self.spec), agents: "external:me", seeds: 1, trials: 20,
                                               database: "unused.sqlite", label: "cmp")
        #expect(throws: SpecError.self) { _ = try plan.validated() }
    }
}

enum TrialStoreProbe {
    static func campaignNames(_ db: String) throws -> [String] {
        try TrialStore.openExisting(db).campaigns().map(\.name)
    }
}
