import Foundation
import MCP
import Testing
@testable import GymStore

/// A scripted MCP session against the built `dsegym mcp`, as an LLM client
/// would drive it over stdio.
@Suite(.serialized)
struct MCPSessionTests {
    static let tools = ["list_environments", "describe_environment", "evaluate", "run_campaign", "best_trials"]

    func initialized() throws -> MCPProcess {
        let server = try MCPProcess()
        let reply = try server.request("initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "dsegym-tests", "version": "1"],
        ])
        let result = try #require(reply["result"]?.objectValue)
        #expect(result["serverInfo"]?.objectValue?["name"]?.stringValue == "dsegym")
        #expect(result["capabilities"]?.objectValue?["tools"] != nil)
        try server.send(["method": "notifications/initialized"])
        return server
    }

    func structured(_ result: [String: Value]) throws -> [String: Value] {
        #expect(result["isError"]?.boolValue == false, "\(result)")
        return try #require(result["structuredContent"]?.objectValue)
    }

    func text(_ result: [String: Value]) -> String {
        result["content"]?.arrayValue?.first?.objectValue?["text"]?.stringValue ?? ""
    }

    static func number(_ v: Value?) -> Double? {
        v?.doubleValue ?? v?.intValue.map(Double.init)
    }

    func numbers(_ v: Value?) -> [String: Double] {
        (v?.objectValue ?? [:]).compactMapValues(Self.number)
    }

    /// The CLI's stdout parsed with the same decoder (exact doubles).
    func parse(_ text: String) throws -> [String: Value] {
        try JSONDecoder().decode([String: Value].self, from: Data(text.utf8))
    }

    @Test func session_initializeListEvaluateRun_evaluateMatchesCLI_andCampaignTrialsLandInTheStore() throws {
        let server = try initialized()

        // tools/list: the five tools, each with an object input schema.
        let list = try #require(try server.request("tools/list")["result"]?.objectValue)
        let tools = try #require(list["tools"]?.arrayValue?.compactMap { $0.objectValue })
        #expect(tools.compactMap { $0["name"]?.stringValue } == Self.tools)
        #expect(tools.allSatisfy { $0["inputSchema"]?.objectValue?["type"]?.stringValue == "object" })

        // evaluate: the very metrics, reward and configuration `dsegym evaluate --json` prints.
        let cases: [(String, [String: Value], [String])] = [
            ("environments/accelerator-resnet50.yaml", ["dataflow": "kcp_ws", "pes": 256], ["dataflow=kcp_ws", "pes=256"]),
            ("environments/synthetic-branin.yaml", ["x1": 0.5, "x2": 7.25], ["x1=0.5", "x2=7.25"]),
            ("environments/dram-stream.yaml", ["PagePolicy": "Closed"], ["PagePolicy=Closed"]),
        ]
        for (spec, config, sets) in cases {
            let result = try server.callTool("evaluate", ["spec": .string(spec), "config": .object(config)])
            let mcp = try structured(result)
            let cli = try DSEGymCLI.run(["evaluate", "--env", spec, "--json"] + sets.flatMap { ["--set", $0] })
            #expect(cli.status == 0, "\(cli.stderr)")
            let expected = try parse(cli.stdout)
            #expect(!numbers(mcp["metrics"]).isEmpty)
            #expect(numbers(mcp["metrics"]) == numbers(expected["metrics"]), "\(spec)")
            #expect(Self.number(mcp["reward"]) == Self.number(expected["reward"]))
            #expect(mcp["feasible"] == expected["feasible"])
            #expect(mcp["environment"] == expected["environment"])
            #expect(mcp["configuration"] == expected["configuration"])
            #expect(text(result) + "\n" == cli.stdout)
        }

        // run_campaign with a progress token: notifications while it runs, trials in the database.
        let db = DSEGymCLI.temporaryFolder() + "/mcp.sqlite"
        let run = try structured(try server.callTool("run_campaign", [
            "spec": "environments/synthetic-hartmann6.yaml", "agent": "ga", "seed": 7, "trials": 600, "db": .string(db),
            "name": "mcp-ga",
        ], progressToken: "run-1"))
        #expect(run["campaign"]?.stringValue == "mcp-ga")
        #expect(run["trials"]?.intValue == 600)
        #expect(run["stop"]?.stringValue == "budget")
        let progress = server.notifications.filter { $0["method"]?.stringValue == "notifications/progress" }
            .compactMap { $0["params"]?.objectValue }
        #expect(!progress.isEmpty)
        #expect(progress.allSatisfy { $0["progressToken"]?.stringValue == "run-1" && Self.number($0["total"]) == 600 })
        let done = progress.compactMap { Self.number($0["progress"]) }
        #expect(done == done.sorted() && done.last == 600)

        let store = try TrialStore.openExisting(db)
        let record = try #require(try store.campaign(named: "mcp-ga"))
        #expect(record.status == .finished)
        let trials = try store.storedTrials(of: record.id)
        #expect(trials.count == 600)
        let bestReward = try #require(Self.number(run["best"]?.objectValue?["reward"]))
        #expect(bestReward == trials.compactMap(\.reward).max())

        // best_trials reads the same campaign back, best first.
        let best = try structured(try server.callTool("best_trials", ["db": .string(db), "campaign": "mcp-ga", "count": 5]))
        let rows = try #require(best["best"]?.arrayValue?.compactMap { $0.objectValue })
        #expect(rows.count == 5)
        #expect(Self.number(rows.first?["reward"]) == bestReward)
        let rewards = rows.compactMap { Self.number($0["reward"]) }
        #expect(rewards == rewards.sorted(by: >))
        #expect(rows.allSatisfy { $0["configuration"]?.objectValue?.count == 6 })

        #expect(try server.finish() == 0)
    }

    @Test func evaluate_badValue_isAToolErrorCarryingTheCLIsMessage() throws {
        let server = try initialized()
        let result = try server.callTool("evaluate", ["spec": "environments/synthetic-branin.yaml", "config": ["x1": 99]])
        #expect(result["isError"]?.boolValue == true)
        let cli = try DSEGymCLI.run(["evaluate", "--env", "environments/synthetic-branin.yaml", "--set", "x1=99", "--json"])
        #expect(cli.status == 2)
        #expect("error: " + text(result) + "\n" == cli.stderr)

        let missing = try server.callTool("evaluate", ["spec": "environments/no-such.yaml"])
        #expect(missing["isError"]?.boolValue == true)
        let cliMissing = try DSEGymCLI.run(["evaluate", "--env", "environments/no-such.yaml"])
        #expect("error: " + text(missing) + "\n" == cliMissing.stderr)
        #expect(try server.finish() == 0)
    }

    @Test func runCampaign_cancelled_stopsAfterTheBatchInFlight_andIsLoggedInterrupted() throws {
        let server = try initialized()
        let db = DSEGymCLI.temporaryFolder() + "/cancel.sqlite"
        try server.send(["id": 9, "method": "tools/call", "params": [
            "name": "run_campaign", "_meta": ["progressToken": 9],
            "arguments": ["spec": "environments/synthetic-hartmann6.yaml", "agent": "random", "trials": 10_000_000,
                          "db": .string(db), "name": "long"],
        ]])
        _ = try server.notification("notifications/progress")
        try server.send(["method": "notifications/cancelled", "params": ["requestId": 9, "reason": "test"]])
        let deadline = Date().addingTimeInterval(60)
        var status: String?
        while Date() < deadline {
            status = try TrialStore.openExisting(db).campaign(named: "long")?.status.rawValue
            if status == "interrupted" { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(status == "interrupted")
        let store = try TrialStore.openExisting(db)
        let record = try #require(try store.campaign(named: "long"))
        #expect(try store.storedTrials(of: record.id).count < 10_000_000)
        // The server goes on serving, and sends no response for the cancelled request.
        #expect(try server.request("ping")["result"] != nil)
        #expect(try server.finish() == 0)
        #expect(!server.remainingLines().contains { $0["id"]?.intValue == 9 })
    }

    @Test func inputClosed_whileACampaignRuns_theAnswerStillComes() throws {
        let server = try initialized()
        let db = DSEGymCLI.temporaryFolder() + "/eof.sqlite"
        try server.send(["id": 5, "method": "tools/call", "params": [
            "name": "run_campaign",
            "arguments": ["spec": "environments/synthetic-branin.yaml", "agent": "random", "trials": 3000, "db": .string(db)],
        ]])
        #expect(try server.finish() == 0)
        let answer = try #require(server.remainingLines().first { $0["id"]?.intValue == 5 })
        #expect(answer["result"]?.objectValue?["structuredContent"]?.objectValue?["trials"]?.intValue == 3000)
    }
}
