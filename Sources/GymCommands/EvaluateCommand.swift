import ArgumentParser
import Foundation
import GymCore
import GymEnvironments

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Evaluate one configuration and print its metrics.")

    @Option(help: "Environment spec (YAML).")
    var env: String

    @Option(name: .customLong("set"), help: "key=value: a design parameter, or a spec setting such as workload or trace. Repeatable.")
    var sets: [String] = []

    @Flag(help: "Print one JSON object.")
    var json = false

    @Flag(help: "Add per-layer (per-part) detail where the environment has it.")
    var perLayer = false

    @Option(help: "Write the issued DRAM commands with their cycles to this file (dram environment).")
    var commandLog: String?

    func run() throws {
        let loader = try EnvironmentLoader(path: env, sets: sets)
        let configuration = loader.configuration
        try loader.environment.designSpace.validate(configuration)
        let detailed = loader.environment as? any DetailedEnvironment
        var (metrics, parts) = try detailed.map { try $0.evaluateInDetail(configuration) }
            ?? (try loader.environment.evaluate(configuration), [])
        if let broken = loader.environment.designSpace.violatedConstraint(configuration) {
            metrics = .infeasible(broken.message)
            parts = []
        }
        let (reward, reason) = loader.objective.score(metrics)
        if let commandLog { try writeCommandLog(loader.environment, configuration, to: commandLog) }
        if json {
            say(EvaluationReport.json(environment: loader.environment.id, configuration: configuration, metrics: metrics,
                                      reward: reward, reason: reason, parts: parts))
        } else {
            say(EvaluationReport.text(environment: loader.environment.id, configuration: configuration, metrics: metrics,
                                      reward: reward, reason: reason, parts: perLayer ? parts : []))
        }
    }
}

extension EvaluateCommand {
    private func writeCommandLog(_ environment: any Environment, _ configuration: Configuration, to path: String) throws {
        guard let text = try DRAMEnvironment.commandLog(of: environment, for: configuration) else {
            throw SpecError(key: "--command-log", "only the dram environment issues DRAM commands; \(environment.id) does not")
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw SpecError(file: path, "cannot write the command log: \(error.localizedDescription)")
        }
    }
}

/// Renders one evaluation as text or JSON.
enum EvaluationReport {
    static func json(environment: String, configuration: Configuration, metrics: Metrics, reward: Double?,
                     reason: String?, parts: [NamedMetrics]) -> String {
        var pairs: [(String, String)] = [
            ("environment", JSONText.quote(environment)),
            ("configuration", configuration.json),
            ("feasible", reward != nil ? "true" : "false"),
            ("reason", reason.map(JSONText.quote) ?? "null"),
            ("metrics", metrics.json),
            ("reward", reward.map(JSONText.number) ?? "null"),
        ]
        if !parts.isEmpty {
            let layers = parts.map { p in
                JSONText.object([("name", JSONText.quote(p.name)),
                                 ("metrics", Metrics(p.metrics).json)]
                                + (p.notes.isEmpty ? [] : [("notes", JSONText.object(p.notes.map { ($0.0, JSONText.quote($0.1)) }))]))
            }
            pairs.append(("layers", "[" + layers.joined(separator: ", ") + "]"))
        }
        return JSONText.object(pairs)
    }

    static func text(environment: String, configuration: Configuration, metrics: Metrics, reward: Double?,
                     reason: String?, parts: [NamedMetrics]) -> String {
        var lines = ["environment: \(environment)", "configuration: \(configuration)"]
        if let reason { lines.append("infeasible: \(reason)") }
        let width = metrics.values.map(\.key.count).max() ?? 0
        for m in metrics.values {
            lines.append("  " + m.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + ParameterValue.format(m.value))
        }
        lines.append("reward: " + (reward.map { "\($0)" } ?? "none (infeasible)"))
        if !parts.isEmpty {
            let keys = parts[0].metrics.map(\.key)
            let noteKeys = parts[0].notes.map(\.0)
            let header = ["layer"] + keys + noteKeys
            var rows = [header]
            for p in parts {
                let values = keys.map { k in p.metrics.first { $0.key == k }.map { ParameterValue.format($0.value) } ?? "" }
                rows.append([p.name] + values + p.notes.map(\.1))
            }
            lines.append("")
            lines.append(contentsOf: TextTable.render(rows))
        }
        return lines.joined(separator: "\n")
    }
}

/// Plain left-aligned text tables.
enum TextTable {
    static func render(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
