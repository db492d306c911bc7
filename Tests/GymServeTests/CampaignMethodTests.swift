import Foundation
import GymCampaign
import GymCore
@testable import GymStore
import Testing
@testable import GymServe

/// Campaigns through the server log the rows `dsegym run` logs; external
/// agents tell their own configurations; campaigns continue when reopened and
/// are marked interrupted when the client goes away.
struct CampaignMethodTests {
    static let hartmann = "environments/synthetic-hartmann6.yaml"

    /// What a campaign logged, without timings and ids.
    static func rows(_ database: String, _ name: String) throws -> [String] {
        let store = try TrialStore.openExisting(database)
        let record = try #require(try store.campaign(named: name))
        return try store.storedTrials(of: record.id).map {
            "\($0.index)|\($0.batch)|\($0.configurationJSON)|\($0.metricsJSON)|\(String(describing: $0.reward))|\($0.feasible)|\($0.reason ?? "")|\($0.cacheHit)"
        }
    }

    /// The provenance a campaign was stored with, without ids, host and times.
    static func provenance(_ database: String, _ name: String) throws -> String {
        let r = try #require(try TrialStore.openExisting(database).campaign(named: name))
        return [r.environment, r.fingerprint, r.environmentSpec.canonicalJSON, r.environmentSpecFile ?? "", r.objective.summary,
                r.agent, r.hyperparameters.canonicalJSON, String(r.seed), String(r.budget.trials), String(r.jobs),
                r.parameters.map(\.name).joined(separator: ","), r.metrics.map(\.key).joined(separator: ",")]
            .joined(separator: "\n")
    }

    static func status(_ database: String, _ name: String) throws -> CampaignRecord.Status? {
        try TrialStore.openExisting(database).campaign(named: name)?.status
    }

    func openCampaign(_ client: Client, db: String, name: String, agent: String, seed: Int = 1, budget: Int,
                      extra: String = "") throws -> [String: Any] {
        let handle = try client.open(Self.hartmann)
        return try client.result("campaign", #"{"db": \#(Support.quote(db)), "name": "\#(name)", "handle": "\#(handle)", "agent": "\#(agent)", "seed": \#(seed), "budget": \#(budget)\#(extra)}"#)
    }

    @Test(arguments: ["ga", "random-walker", "aco"])
    func run_logsExactlyTheTrialsOfDsegymRun(agent: String) throws {
        let dir = Support.temporaryFolder()
        _ = try CampaignSession.run(.init(environmentPath: Support.spec(Self.hartmann), agent: try AgentReference(agent),
                                          trials: 90, seed: 7, jobs: 1, database: "\(dir)/cli.sqlite", name: "x",
                                          wallSeconds: nil, stopAtTarget: false, stopAfter: nil, showProgress: false))
        let client = Client()
        let opened = try openCampaign(client, db: "\(dir)/served.sqlite", name: "x", agent: agent, seed: 7, budget: 90)
        let campaign = opened["campaign"] as! String
        #expect(opened["resumed"] as? Bool == false)
        let run = try client.result("run", #"{"campaign": "\#(campaign)"}"#)
        #expect(run["trials"] as? Int == 90 && run["new"] as? Int == 90 && run["remaining"] as? Int == 0)
        #expect(try client.result("close", #"{"campaign": "\#(campaign)"}"#).isEmpty)
        #expect(try Self.rows("\(dir)/served.sqlite", "x") == (try Self.rows("\(dir)/cli.sqlite", "x")))
        #expect(try Self.provenance("\(dir)/served.sqlite", "x") == (try Self.provenance("\(dir)/cli.sqlite", "x")))
        #expect(try Self.status("\(dir)/served.sqlite", "x") == .finished)
        // Optuna's tables hold the same trials too.
        #expect(try Self.optunaRows("\(dir)/served.sqlite") == (try Self.optunaRows("\(dir)/cli.sqlite")))
    }

    /// Optuna's view of the database: trial numbers, states, values and parameters.
    static func optunaRows(_ database: String) throws -> [String] {
        let store = try TrialStore.openExisting(database)
        let s = try store.db.prepare("""
            SELECT t.number, t.state, v.value, (SELECT group_concat(param_name || '=' || param_value, ';')
              FROM trial_params p WHERE p.trial_id = t.trial_id) FROM trials t
            LEFT JOIN trial_values v ON v.trial_id = t.trial_id ORDER BY t.number
            """)
        var rows: [String] = []
        while try s.step() { rows.append("\(s.int(0))|\(s.text(1) ?? "")|\(s.double(2) ?? .nan)|\(s.text(3) ?? "")") }
        return rows
    }

    @Test func askAndTell_ofABuiltInAgent_inPieces_logTheTrialsOfOneRun() throws {
        let dir = Support.temporaryFolder()
        let whole = Client()
        let a = try openCampaign(whole, db: "\(dir)/whole.sqlite", name: "g", agent: "ga", seed: 3, budget: 70)["campaign"] as! String
        _ = try whole.result("run", #"{"campaign": "\#(a)"}"#)
        whole.session.closeAll()

        let stepped = Client()
        let b = try openCampaign(stepped, db: "\(dir)/stepped.sqlite", name: "g", agent: "ga", seed: 3, budget: 70)["campaign"] as! String
        let asked = try stepped.result("ask", #"{"campaign": "\#(b)"}"#)["configs"] as! [Any]
        #expect(!asked.isEmpty)
        let again = try stepped.error("ask", #"{"campaign": "\#(b)"}"#)
        #expect(again.kind == "state")
        let wrong = try stepped.error("tell", #"{"campaign": "\#(b)", "configs": [{"x1": 0.1}]}"#)
        #expect(wrong.kind == "state")
        #expect(wrong.message.contains("exactly the \(asked.count) configurations of the last ask"))
        let told = try stepped.result("tell", #"{"campaign": "\#(b)", "configs": \#(Support.json(asked))}"#)
        #expect((told["trials"] as! [[String: Any]]).map { $0["index"] as! Int } == Array(0..<asked.count))
        #expect(told["remaining"] as? Int == 70 - asked.count)
        let notAsked = try stepped.error("tell", #"{"campaign": "\#(b)", "configs": \#(Support.json(asked))}"#)
        #expect(notAsked.kind == "state")
        _ = try stepped.result("run", #"{"campaign": "\#(b)", "trials": 15}"#)
        stepped.session.closeAll()
        #expect(try Self.status("\(dir)/stepped.sqlite", "g") == .interrupted)

        // Reopened: the agent is replayed and the campaign completes as one run.
        let later = Client()
        let reopened = try openCampaign(later, db: "\(dir)/stepped.sqlite", name: "g", agent: "ga", seed: 3, budget: 70)
        #expect(reopened["resumed"] as? Bool == true)
        #expect(reopened["trials"] as? Int == asked.count + 15)
        let c = reopened["campaign"] as! String
        let rest = try later.result("run", #"{"campaign": "\#(c)"}"#)
        #expect(rest["trials"] as? Int == 70 && rest["remaining"] as? Int == 0)
        let best = try later.result("best", #"{"campaign": "\#(c)", "count": 3}"#)
        let rewards = (best["trials"] as! [[String: Any]]).map { $0["reward"] as! Double }
        #expect(rewards.count == 3 && rewards == rewards.sorted(by: >))
        #expect(best["pareto"] == nil)
        later.session.closeAll()
        #expect(try Self.rows("\(dir)/stepped.sqlite", "g").map { $0.split(separator: "|")[2...].joined() }
                == (try Self.rows("\(dir)/whole.sqlite", "g")).map { $0.split(separator: "|")[2...].joined() })
        #expect(try Self.status("\(dir)/stepped.sqlite", "g") == .finished)
    }

    @Test func externalAgent_tellsItsOwnBatches_andReopeningContinues() throws {
        let dir = Support.temporaryFolder()
        let db = "\(dir)/ext.sqlite"
        let client = Client()
        let opened = try openCampaign(client, db: db, name: "tpe/s1", agent: "external:optuna:TPESampler", budget: 6)
        #expect(opened["agent"] as? String == "optuna:TPESampler")
        let c = opened["campaign"] as! String
        #expect(try client.error("ask", #"{"campaign": "\#(c)"}"#).kind == "state")
        #expect(try client.error("run", #"{"campaign": "\#(c)"}"#).kind == "state")
        let first = try client.result("tell", #"{"campaign": "\#(c)", "configs": [{"x1": 0.2}, {"x1": 0.3, "x2": 0.1}]}"#)
        let trials = first["trials"] as! [[String: Any]]
        #expect(trials.map { $0["index"] as! Int } == [0, 1])
        #expect(trials.allSatisfy { $0["feasible"] as? Bool == true && $0["cached"] as? Bool == false })
        #expect(first["remaining"] as? Int == 4)
        let best = first["best"] as! [String: Any]
        #expect(best["reward"] as? Double == trials.map { $0["reward"] as! Double }.max())
        client.session.closeAll() // the client went away
        #expect(try Self.status(db, "tpe/s1") == .interrupted)

        let later = Client()
        let mismatch = try later.error("campaign", #"{"db": \#(Support.quote(db)), "name": "tpe/s1", "handle": "\#(try later.open(Self.hartmann))", "agent": "external:optuna:TPESampler", "seed": 2, "budget": 6}"#)
        #expect(mismatch.kind == "spec")
        #expect(mismatch.message.contains("seed 1 vs 2"))
        let reopened = try openCampaign(later, db: db, name: "tpe/s1", agent: "external:optuna:TPESampler", budget: 6)
        #expect(reopened["resumed"] as? Bool == true && reopened["trials"] as? Int == 2)
        let c2 = reopened["campaign"] as! String
        // The outside agent rebuilds its state from what was logged, as it was told.
        let replayed = try later.result("trials", #"{"campaign": "\#(c2)"}"#)
        #expect(replayed["total"] as? Int == 2)
        let logged = replayed["trials"] as! [[String: Any]]
        #expect(logged.map { $0["index"] as! Int } == [0, 1])
        #expect(logged.map { $0["reward"] as! Double } == trials.map { $0["reward"] as! Double })
        let config = logged[1]["config"] as! [String: Any]
        #expect(config.count == 6 && config["x1"] as? Double == 0.3 && config["x2"] as? Double == 0.1)
        #expect(Support.json(logged[0]["metrics"]!) == Support.json(trials[0]["metrics"]!))
        #expect(logged.allSatisfy { $0["feasible"] as? Bool == true && $0["reason"] is NSNull })
        let page = try later.result("trials", #"{"campaign": "\#(c2)", "start": 1, "count": 5}"#)["trials"] as! [[String: Any]]
        #expect(page.map { $0["index"] as! Int } == [1])
        #expect(try later.error("trials", #"{"campaign": "\#(c2)", "count": 0}"#).kind == "request")
        let past = try later.error("tell", #"{"campaign": "\#(c2)", "configs": [{}, {}, {}, {}, {}]}"#)
        #expect(past.kind == "state")
        #expect(past.message == "campaign 'tpe/s1': 5 configurations but only 4 trials of the budget of 6 are left")
        // A configuration seen before in this database comes from the store's cache.
        let second = try later.result("tell", #"{"campaign": "\#(c2)", "configs": [{"x1": 0.2}, {}, {}, {"x6": 0.9}]}"#)
        let told = second["trials"] as! [[String: Any]]
        #expect(told.map { $0["index"] as! Int } == [2, 3, 4, 5])
        #expect(told.map { $0["cached"] as! Bool } == [true, false, true, false])
        #expect(second["remaining"] as? Int == 0)
        #expect(try later.error("tell", #"{"campaign": "\#(c2)", "configs": [{}]}"#).kind == "state")
        #expect(try later.result("close", #"{"campaign": "\#(c2)"}"#).isEmpty)
        #expect(try later.error("best", #"{"campaign": "\#(c2)"}"#).kind == "handle")
        #expect(try Self.status(db, "tpe/s1") == .finished)
        let rows = try Self.rows(db, "tpe/s1")
        #expect(rows.map { Int($0.split(separator: "|")[1])! } == [0, 0, 1, 1, 1, 1]) // one batch per tell
        let record = try #require(try TrialStore.openExisting(db).campaign(named: "tpe/s1"))
        #expect(record.agent == "optuna:TPESampler" && record.hyperparameters == .object([:]))
    }

    @Test func campaignRequests_areCheckedBeforeTheDatabaseIsTouched() throws {
        let dir = Support.temporaryFolder()
        let client = Client()
        let handle = try client.open(Self.hartmann)
        func attempt(_ fields: String) throws -> (kind: String, message: String) {
            try client.error("campaign", #"{"db": "\#(dir)/x.sqlite", "handle": "\#(handle)", \#(fields)}"#)
        }
        let unknownAgent = try attempt(#""name": "n", "agent": "gaa", "seed": 1, "budget": 5"#)
        #expect(unknownAgent.kind == "spec" && unknownAgent.message.hasPrefix("key '--agent': unknown agent 'gaa'; known: random"))
        let badHyper = try attempt(#""name": "n", "agent": "ga", "seed": 1, "budget": 5, "hyperparameters": {"populaton": 8}"#)
        #expect(badHyper.kind == "spec" && badHyper.message.contains("populaton"))
        let externalHyper = try attempt(#""name": "n", "agent": "external:me", "seed": 1, "budget": 5, "hyperparameters": {}"#)
        #expect(externalHyper.kind == "request")
        let builtInLabel = try attempt(#""name": "n", "agent": "external:ga", "seed": 1, "budget": 5"#)
        #expect(builtInLabel.kind == "spec")
        let budget = try attempt(#""name": "n", "agent": "ga", "seed": 1, "budget": 1e10"#)
        #expect(budget.kind == "request" && budget.message == "field 'budget': 10000000000 is out of range; allowed: 1...1000000000")
        let seed = try attempt(#""name": "n", "agent": "ga", "seed": -1, "budget": 5"#)
        #expect(seed.kind == "request" && seed.message == "field 'seed': -1 is out of range; allowed: 0...9007199254740992")
        let missing = try attempt(#""agent": "ga", "seed": 1, "budget": 5"#)
        #expect(missing.message == "missing field 'name' (a string)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x.sqlite"))
        let store = try client.error("campaign", #"{"db": "/dev/null/x.sqlite", "name": "n", "handle": "\#(handle)", "agent": "ga", "seed": 1, "budget": 5}"#)
        #expect(store.kind == "store")
    }

    @Test func hyperparameters_overrideAPresetKeyByKey_andMustMatchOnReopening() throws {
        let dir = Support.temporaryFolder()
        let client = Client()
        let preset = Support.quote(Support.spec("agents/ga.yaml"))
        let opened = try openCampaign(client, db: "\(dir)/h.sqlite", name: "h", agent: "ga", budget: 40,
                                      extra: #", "hyperparameters": {"population_size": 8}"#)
        let c = opened["campaign"] as! String
        #expect((try client.result("ask", #"{"campaign": "\#(c)", "count": 100}"#)["configs"] as! [Any]).count == 8)
        client.session.closeAll()
        let record = try #require(try TrialStore.openExisting("\(dir)/h.sqlite").campaign(named: "h"))
        #expect(record.hyperparameters.objectValue?["population_size"] == .number(8))
        #expect(record.hyperparameters.objectValue?["mutation_probability"] == .number(0.1))
        // The preset with the same override is the same experiment; without it, it is not.
        let again = Client()
        let handle = try again.open(Self.hartmann)
        let same = try again.result("campaign", #"{"db": "\#(dir)/h.sqlite", "name": "h", "handle": "\#(handle)", "agent": \#(preset), "seed": 1, "budget": 40, "hyperparameters": {"population_size": 8}}"#)
        #expect(same["resumed"] as? Bool == true && same["trials"] as? Int == 0)
        _ = try again.result("close", #"{"campaign": "\#(same["campaign"] as! String)"}"#)
        let other = try again.error("campaign", #"{"db": "\#(dir)/h.sqlite", "name": "h", "handle": "\#(handle)", "agent": \#(preset), "seed": 1, "budget": 40}"#)
        #expect(other.kind == "spec" && other.message.contains("hyperparameters"))
    }

    @Test func run_logsTheSameTrials_forAnyNumberOfThreads() throws {
        let dir = Support.temporaryFolder()
        for jobs in [1, 3] {
            let client = Client(jobs: jobs)
            let c = try openCampaign(client, db: "\(dir)/j\(jobs).sqlite", name: "j", agent: "random", budget: 150)["campaign"] as! String
            _ = try client.result("run", #"{"campaign": "\#(c)"}"#)
            client.session.closeAll()
        }
        #expect(try Self.rows("\(dir)/j1.sqlite", "j") == (try Self.rows("\(dir)/j3.sqlite", "j")))
    }

    @Test func aCampaignIsDrivenByOneSessionAtATime() throws {
        let dir = Support.temporaryFolder()
        let shared = OpenCampaigns()
        let one = Client(openCampaigns: shared), two = Client(openCampaigns: shared)
        let c = try openCampaign(one, db: "\(dir)/s.sqlite", name: "n", agent: "external:me", budget: 5)["campaign"] as! String
        let elsewhere = try two.error("campaign", #"{"db": "\#(dir)/./s.sqlite", "name": "n", "handle": "\#(try two.open(Self.hartmann))", "agent": "external:me", "seed": 1, "budget": 5}"#)
        #expect(elsewhere.kind == "state" && elsewhere.message.hasSuffix("is already open on another connection"))
        let here = try one.error("campaign", #"{"db": "\#(dir)/s.sqlite", "name": "n", "handle": "e1", "agent": "external:me", "seed": 1, "budget": 5}"#)
        #expect(here.message.hasSuffix("is already open as \(c)"))
        _ = try one.result("close", #"{"campaign": "\#(c)"}"#)
        #expect(try two.result("campaign", #"{"db": "\#(dir)/s.sqlite", "name": "n", "handle": "e1", "agent": "external:me", "seed": 1, "budget": 5}"#)["resumed"] as? Bool == true)
    }

    @Test func shutdown_closesEveryCampaign() throws {
        let dir = Support.temporaryFolder()
        let client = Client()
        let c = try openCampaign(client, db: "\(dir)/s.sqlite", name: "n", agent: "external:me", budget: 5)["campaign"] as! String
        _ = try client.result("tell", #"{"campaign": "\#(c)", "configs": [{}]}"#)
        #expect(try client.result("shutdown").isEmpty)
        #expect(client.session.isShutDown)
        #expect(try Self.status("\(dir)/s.sqlite", "n") == .interrupted)
        #expect(try Self.rows("\(dir)/s.sqlite", "n").count == 1)
    }
}
