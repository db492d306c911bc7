import Foundation
import MCP
import Testing
@testable import GymMCP
@testable import GymStore

/// The tools called in process: bounded, typed arguments; describe, list,
/// and the Pareto front of a multi-objective campaign.
@Suite(.serialized)
struct ToolTests {
    init() {
        _ = FileManager.default.changeCurrentDirectoryPath(MCPProcess.packageRoot.path)
    }

    func call(_ name: String, _ arguments: [String: Value]) async throws -> CallTool.Result {
        try await DSEGymMCP.call(CallTool.Parameters(name: name, arguments: arguments), server: nil, activity: Activity())
    }

    func message(_ result: CallTool.Result) -> String {
        if case .text(let text, _, _)? = result.content.first { return text }
        return ""
    }

    @Test(arguments: [
        ("run_campaign", ["spec": "environments/synthetic-branin.yaml", "agent": "random", "trials": 10_000_001], "'trials' must be an integer in 1...10000000"),
        ("run_campaign", ["spec": "environments/synthetic-branin.yaml", "agent": "random", "trials": 0], "'trials' must be an integer in 1...10000000"),
        ("run_campaign", ["spec": "environments/synthetic-branin.yaml", "agent": "random", "trials": 1.5], "'trials' must be an integer"),
        ("run_campaign", ["spec": "environments/synthetic-branin.yaml", "agent": "random", "seed": -1], "'seed' must be an integer"),
        ("run_campaign", ["spec": "environments/synthetic-branin.yaml", "agent": "random", "jobs": 1_000_000], "'jobs' must be an integer"),
        ("run_campaign", ["spec": "environments/synthetic-branin.yaml", "agent": "no-such-agent"], "unknown agent 'no-such-agent'"),
        ("run_campaign", ["spec": "environments/synthetic-branin.yaml"], "missing required argument 'agent'"),
        ("run_campaign", ["spec": "environments/synthetic-branin.yaml", "agent": "random", "wall_seconds": -3], "'wall_seconds' must be a positive number"),
        ("best_trials", ["campaign": "x", "count": 10_001], "'count' must be an integer in 1...10000"),
        ("best_trials", ["campaign": "x", "db": "/nonexistent/none.sqlite"], "no such database"),
        ("best_trials", ["db": "x.sqlite"], "missing required argument 'campaign'"),
        ("evaluate", ["spec": 3], "'spec' must be a string"),
        ("evaluate", ["spec": "environments/synthetic-branin.yaml", "config": ["nope": 1]], "not a design parameter"),
        ("evaluate", ["spec": "environments/synthetic-branin.yaml", "config": "x1=1"], "'config' must be an object"),
        ("evaluate", ["spec": "environments/synthetic-branin.yaml", "settings": ["x1": 1]], "'x1' is a design parameter, not a setting"),
        ("evaluate", ["spec": "environments/synthetic-branin.yaml", "confg": [:]], "unknown argument 'confg'"),
        ("describe_environment", [:], "missing required argument 'spec'"),
    ] as [(String, [String: Value], String)])
    func badArguments_areToolErrorsNamingTheProblem(tool: String, arguments: [String: Value], expected: String) async throws {
        let result = try await call(tool, arguments)
        #expect(result.isError == true)
        #expect(message(result).contains(expected), "\(message(result))")
    }

    @Test func unknownTool_isAnInvalidParamsError() async throws {
        await #expect(throws: MCPError.self) { try await call("no_such_tool", [:]) }
    }

    @Test func describe_listsParameterKindsMetricsAndObjective() async throws {
        let result = try await call("describe_environment", ["spec": "environments/dram-stream.yaml"])
        #expect(result.isError == false)
        let o = try #require(result.structuredContent?.objectValue)
        let parameters = try #require(o["parameters"]?.arrayValue?.compactMap { $0.objectValue })
        #expect(!parameters.isEmpty)
        #expect(parameters.allSatisfy { p in p["name"]?.stringValue != nil && p["default"] != nil && p["kind"]?.stringValue != nil })
        let page = try #require(parameters.first { $0["name"]?.stringValue == "PagePolicy" })
        #expect(page["kind"]?.stringValue == "categorical")
        #expect(page["values"]?.arrayValue?.contains("Open") == true)
        let metrics = try #require(o["metrics"]?.arrayValue?.compactMap { $0.objectValue })
        #expect(metrics.allSatisfy { ["minimize", "maximize"].contains($0["direction"]?.stringValue ?? "") && $0["unit"] != nil })
        #expect(o["objective"]?.objectValue?["kind"]?.stringValue != nil)
    }

    @Test func describe_settingsOverrideTheSpec_asSetDoes() async throws {
        let spec: Value = "environments/accelerator-resnet50.yaml"
        let plain = try await call("describe_environment", ["spec": spec])
        let other = try await call("describe_environment", ["spec": spec, "settings": ["workload": "resnet18"]])
        let o = try #require(other.structuredContent?.objectValue)
        #expect(o["settings"]?.objectValue?["workload"]?.stringValue == "resnet18")
        #expect(o["fingerprint"] != plain.structuredContent?.objectValue?["fingerprint"])
    }

    @Test func list_hasEveryKindAndTheShippedSpecs() async throws {
        let result = try await call("list_environments", [:])
        let o = try #require(result.structuredContent?.objectValue)
        let kinds = try #require(o["environments"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue })
        #expect(kinds.contains("dram") && kinds.contains("proxy"))
        let specs = try #require(o["specs"]?.arrayValue?.compactMap { $0.objectValue })
        #expect(specs.contains { $0["path"]?.stringValue == "environments/synthetic-branin.yaml" && $0["environment"]?.stringValue == "synthetic-branin" })
    }

    @Test func bestTrials_paretoCampaign_returnsTheFrontTheStoreRecorded() async throws {
        let db = DSEGymCLI.temporaryFolder() + "/pareto.sqlite"
        let run = try await call("run_campaign", ["spec": "environments/codesign-cifar10-nuclei-pareto.yaml", "agent": "nsga2",
                                                   "trials": 120, "seed": 3, "db": .string(db), "name": "p"])
        #expect(run.isError == false, "\(message(run))")
        let best = try await call("best_trials", ["db": .string(db), "campaign": "p", "count": 3])
        let pareto = try #require(best.structuredContent?.objectValue?["pareto"]?.objectValue)
        let front = try #require(pareto["front"]?.arrayValue?.compactMap { $0.objectValue?["index"]?.intValue })

        let store = try TrialStore.openExisting(db)
        let s = try store.db.prepare("SELECT front_json, hypervolume FROM dsegym_fronts ORDER BY batch DESC LIMIT 1")
        #expect(try s.step())
        #expect("[" + front.map(String.init).joined(separator: ", ") + "]" == s.text(0))
        #expect(pareto["hypervolume"]?.doubleValue == s.double(1))
    }
}
