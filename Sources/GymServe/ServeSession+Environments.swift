import Foundation
import GymCampaign
import GymCore
import GymStore

/// `hello`, `environments`, `open`, `evaluate`, `evaluate_batch`.
extension ServeSession {
    func hello(_ params: Params) throws -> String {
        try params.requireOnly(["protocol"], method: "hello")
        if let asked = try params.int("protocol", in: 0...Int(Int32.max)), asked != ServeProtocol.version {
            throw ProtocolError(.version, "this server speaks protocol \(ServeProtocol.version), not \(asked)")
        }
        return JSONText.object([("protocol", String(ServeProtocol.version)), ("version", JSONText.quote(DSEGymVersion.current)),
                                ("server", "\"dsegym\"")])
    }

    func environmentList(_ params: Params) throws -> String {
        try params.requireOnly([], method: "environments")
        return JSONText.object([("environments", ResultJSON.environmentKinds(Catalog.current.environments))])
    }

    func open(_ params: Params) throws -> String {
        try params.requireOnly(["spec", "settings"], method: "open")
        let spec = try params.requiredString("spec")
        var sets: [String] = []
        for (key, value) in (try params.object("settings") ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard !key.isEmpty, !key.contains("=") else {
                throw ProtocolError.request("field 'settings': '\(key)' is not a setting name")
            }
            guard let text = Self.scalarText(value) else {
                throw ProtocolError.request("field 'settings.\(key)': expected a string, number or boolean, got \(Params.show(value))")
            }
            sets.append("\(key)=\(text)")
        }
        let loader = try EnvironmentLoader(path: spec, sets: sets)
        if let parameter = loader.assignments.keys.sorted().first {
            throw SpecError(key: "settings.\(parameter)", "a design parameter, not a setting; give it in each configuration")
        }
        let handle = newHandle("e")
        environments[handle] = EnvironmentHandle(
            loader: loader, specPath: spec,
            evaluator: PointEvaluator(environment: loader.environment, objective: loader.objective, jobs: jobs))
        return ResultJSON.environment(handle: handle, loader.environment, objective: loader.objective)
    }

    func evaluate(_ params: Params) throws -> String {
        try params.requireOnly(["handle", "config"], method: "evaluate")
        let environment = try environmentHandle(params)
        let configuration = try Self.configuration(.object(try params.requiredObject("config")), field: "config",
                                                   loader: environment.loader)
        let result = try evaluate([configuration], with: environment.evaluator)[0]
        return ResultJSON.evaluation(result)
    }

    func evaluateBatch(_ params: Params) throws -> String {
        try params.requireOnly(["handle", "configs"], method: "evaluate_batch")
        let environment = try environmentHandle(params)
        let configurations = try Self.configurations(try params.requiredArray("configs", limit: ServeProtocol.maximumBatch),
                                                     loader: environment.loader)
        let results = try evaluate(configurations, with: environment.evaluator)
        return JSONText.object([("results", ResultJSON.array(results.map(ResultJSON.evaluation)))])
    }

    private func evaluate(_ configurations: [Configuration], with evaluator: PointEvaluator) throws -> [PointEvaluation] {
        let results = try evaluator.evaluate(configurations, cache: &evaluationCache[evaluator.environment.fingerprint, default: [:]])
        if evaluationCache.values.reduce(0, { $0 + $1.count }) > cacheLimit { evaluationCache.removeAll() }
        return results
    }

    func environmentHandle(_ params: Params) throws -> EnvironmentHandle {
        let handle = try params.requiredString("handle")
        guard let environment = environments[handle] else {
            throw ProtocolError(.handle, "no open environment '\(handle)'" + Self.openList(environments.keys))
        }
        return environment
    }

    static func openList(_ handles: Dictionary<String, some Any>.Keys) -> String {
        handles.isEmpty ? " (none is open)" : "; open: " + handles.sorted().joined(separator: ", ")
    }

    // MARK: Configurations

    /// A JSON configuration: parameter name to value, the rest at their
    /// defaults. Each value is read as the text `--set` would give, so a value
    /// outside the design space gets the very `SpecError` of `dsegym evaluate --set`.
    static func configuration(_ value: SpecValue, field: String, loader: EnvironmentLoader) throws -> Configuration {
        guard case .object(let object) = value else {
            throw ProtocolError.request("field '\(field)': expected an object of parameter values, got \(Params.show(value))")
        }
        var values: [String: ParameterValue] = [:]
        // In name order, so that the first bad value reported is always the same.
        for (name, v) in object.count > 1 ? object.sorted(by: { $0.key < $1.key }) : Array(object) {
            switch v {
            case .number(let d): values[name] = try loader.value(of: name, number: d)
            case .string(let s): values[name] = try loader.value(of: name, text: s)
            case .bool: values[name] = try loader.value(of: name, text: v.scalarText!)
            default:
                throw ProtocolError.request("field '\(field).\(name)': expected a number or a string, got \(Params.show(v))")
            }
        }
        return loader.configuration(setting: values)
    }

    /// An array of configurations; the first invalid one fails the whole
    /// request, its message prefixed by its index (`configs[3]: ...`).
    static func configurations(_ items: [SpecValue], loader: EnvironmentLoader, field: String = "configs") throws -> [Configuration] {
        var out: [Configuration] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            do {
                out.append(try configuration(item, field: "\(field)[\(i)]", loader: loader))
            } catch let e as SpecError {
                throw SpecError("\(field)[\(i)]: \(e)")
            }
        }
        return out
    }

    /// A JSON scalar as the text a `--set` would carry.
    static func scalarText(_ v: SpecValue) -> String? {
        switch v {
        case .string, .bool: return v.scalarText
        case .number(let d): return d.isFinite ? ParameterValue.format(d) : nil
        default: return nil
        }
    }
}
