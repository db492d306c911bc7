import Foundation
import GymCampaign
import GymCore
import MCP

/// `list_environments`, `describe_environment` and `evaluate`: thin wrappers
/// over `EnvironmentLoader` and `PointEvaluator`, so the answers are the
/// CLI's (`dsegym envs`, `dsegym evaluate --json`).
enum EnvironmentTools {
    /// Every environment kind, and the spec files in `environments/` of the working directory.
    static func list(_ arguments: [String: Value]?) throws -> ToolOutput {
        _ = try ToolArguments(tool: "list_environments", arguments, allowed: [])
        var lines: [String] = []
        var kinds: [Value] = []
        for kind in Catalog.current.environments {
            lines.append("\(kind.name): \(kind.summary)")
            for s in kind.settings { lines.append("  setting \(s.key): \(s.help)") }
            kinds.append(.object([
                "name": .string(kind.name), "summary": .string(kind.summary),
                "settings": .array(kind.settings.map { .object(["key": .string($0.key), "help": .string($0.help)]) }),
            ]))
        }
        var specs: [Value] = []
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: "environments")) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if !files.isEmpty { lines.append("spec files:") }
        for file in files {
            let path = "environments/\(file)"
            var entry: [String: Value] = ["path": .string(path)]
            do {
                let object = try SpecLoader.load(path)
                let kind = try object.string("environment")
                let description = try object.string("description")
                entry["environment"] = kind.map(Value.string) ?? .null
                entry["description"] = description.map(Value.string) ?? .null
                lines.append("  \(path) (\(kind ?? "?"))" + (description.map { " — \($0)" } ?? ""))
            } catch {
                entry["error"] = .string("\(error)")
                lines.append("  \(path): \(error)")
            }
            specs.append(.object(entry))
        }
        return ToolOutput(text: lines.joined(separator: "\n"),
                          structured: .object(["environments": .array(kinds), "specs": .array(specs)]))
    }

    /// The space, metrics and objective a spec (plus settings) builds.
    static func describe(_ arguments: [String: Value]?) throws -> ToolOutput {
        let args = try ToolArguments(tool: "describe_environment", arguments, allowed: ["spec", "settings"])
        let spec = try args.requiredString("spec")
        let loader = try EnvironmentLoader(path: spec, sets: try args.assignments("settings"))
        try rejectParameters(in: args.keys("settings"), loader, tool: "describe_environment")
        let env = loader.environment
        let space = env.designSpace
        var lines = ["environment \(env.id) (\(loader.spec.kind)), \(space.parameters.count) parameters, \(String(format: "%.3g", space.cardinality)) points"]
        for p in space.parameters {
            lines.append("  \(p.name): \(p.domain.allowedDescription); default \(p.defaultValue.text)" + (p.summary.isEmpty ? "" : " — \(p.summary)"))
        }
        for c in space.constraints { lines.append("  constraint \(c.name): \(c.message)") }
        lines.append("metrics: " + env.metricSpecs.map { "\($0.key) (\($0.direction.rawValue))" }.joined(separator: ", "))
        lines.append("objective: \(loader.objective.summary)")
        var objective = try JSONValue.encode(loader.objective).objectValue ?? [:]
        objective["summary"] = .string(loader.objective.summary)
        let structured: Value = .object([
            "spec": .string(spec),
            "environment": .string(env.id),
            "kind": .string(loader.spec.kind),
            "fingerprint": .string(env.fingerprint),
            "settings": try JSONValue.encode(loader.spec.settings.value),
            "size": JSONValue.number(space.cardinality),
            "parameters": .array(space.parameters.map(describe)),
            "constraints": .array(space.constraints.map { .object(["name": .string($0.name), "message": .string($0.message)]) }),
            "metrics": .array(env.metricSpecs.map { m in
                .object(["key": .string(m.key), "name": .string(m.name), "unit": .string(m.unit),
                         "direction": .string(m.direction.rawValue), "summary": .string(m.summary)])
            }),
            "objective": .object(objective),
        ])
        return ToolOutput(text: lines.joined(separator: "\n"), structured: structured)
    }

    private static func describe(_ p: Parameter) -> Value {
        var out: [String: Value] = [
            "name": .string(p.name), "default": JSONValue.parameter(p.defaultValue),
            "summary": .string(p.summary), "allowed": .string(p.domain.allowedDescription),
        ]
        switch p.domain {
        case .categorical(let choices):
            out["kind"] = "categorical"
            out["values"] = .array(choices.map(Value.string))
        case .integer(let range, let step):
            out["kind"] = "integer"
            out["range"] = .array([.int(range.lowerBound), .int(range.upperBound)])
            out["step"] = .int(step)
        case .ordinal(let values):
            out["kind"] = "ordinal"
            out["values"] = .array(values.map { JSONValue.number($0) })
        case .real(let range, let log):
            out["kind"] = "real"
            out["range"] = .array([JSONValue.number(range.lowerBound), JSONValue.number(range.upperBound)])
            out["log"] = .bool(log)
        }
        return .object(out)
    }

    /// One configuration, evaluated as `dsegym evaluate --json` evaluates it.
    static func evaluate(_ arguments: [String: Value]?) throws -> ToolOutput {
        let args = try ToolArguments(tool: "evaluate", arguments, allowed: ["spec", "settings", "config"])
        let spec = try args.requiredString("spec")
        let settings = try args.assignments("settings")
        let loader: EnvironmentLoader
        do {
            loader = try EnvironmentLoader(path: spec, sets: settings + args.assignments("config"))
        } catch {
            // A config key that is no design parameter reads as a setting; say what was meant.
            if let base = try? EnvironmentLoader(path: spec, sets: settings) {
                try requireParameters(args.keys("config"), in: base)
            }
            throw error
        }
        try rejectParameters(in: args.keys("settings"), loader, tool: "evaluate")
        try requireParameters(args.keys("config"), in: loader)
        var cache: [UInt64: CachedEvaluation] = [:]
        let e = try PointEvaluator(environment: loader.environment, objective: loader.objective)
            .evaluate([loader.configuration], detail: true, cache: &cache)[0]
        let json = EvaluationReport.json(environment: loader.environment.id, configuration: e.configuration,
                                         metrics: e.metrics, reward: e.reward, reason: e.reason, parts: e.parts)
        return ToolOutput(text: json, structured: try JSONValue.parse(json))
    }

    private static func requireParameters(_ keys: [String], in loader: EnvironmentLoader) throws {
        let space = loader.environment.designSpace
        for key in keys where space.parameter(named: key) == nil {
            throw ToolError("evaluate: '\(key)' is not a design parameter of \(loader.environment.id); parameters: \(space.names.joined(separator: ", "))")
        }
    }

    /// Settings must not name design parameters (those go in `config`).
    private static func rejectParameters(in settings: [String], _ loader: EnvironmentLoader, tool: String) throws {
        for key in settings where loader.environment.designSpace.parameter(named: key) != nil {
            throw ToolError("\(tool): '\(key)' is a design parameter, not a setting" + (tool == "evaluate" ? "; give it in config" : ""))
        }
    }
}
