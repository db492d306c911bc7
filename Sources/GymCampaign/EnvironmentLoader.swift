import Foundation
import GymCore
import GymProxy

/// Builds environments from spec files or stored provenance, applying
/// `--set key=value` overrides: a design parameter sets the configuration,
/// any other key sets `settings.key`.
public struct EnvironmentLoader {
    public var spec: EnvironmentSpec
    public var environment: any Environment
    public var objective: Objective
    /// Parameter values given with `--set`.
    public var assignments: [String: ParameterValue] = [:]

    /// `path` is a spec file, or `proxy:<model.json>` for a proxy model.
    public init(path: String, sets: [String] = []) throws {
        let object = path.hasPrefix("proxy:")
            ? try ProxyEnvironment.spec(forModel: String(path.dropFirst(6)), baseDirectory: FileManager.default.currentDirectoryPath)
            : try SpecLoader.load(path)
        try self.init(spec: try EnvironmentSpec(object, knownKinds: Catalog.current.environmentNames), sets: sets)
    }

    /// Rebuilds from provenance; relative settings resolve against the
    /// folder of the spec file the campaign was started with (stored absolute).
    public init(stored: SpecValue, file: String?) throws {
        let folder = file.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        let object = SpecObject(stored.objectValue ?? [:], file: file, baseDirectory: folder)
        try self.init(spec: try EnvironmentSpec(object, knownKinds: Catalog.current.environmentNames), sets: [])
    }

    private init(spec initial: EnvironmentSpec, sets: [String]) throws {
        var spec = initial
        var pending: [(String, String)] = []
        for item in sets {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw SpecError(key: "--set", "'\(item)' is not key=value")
            }
            let key = String(item[..<eq]), value = String(item[item.index(after: eq)...])
            if let earlier = pending.first(where: { $0.0 == key }) {
                throw SpecError(key: "--set", "'\(key)' is set twice ('\(earlier.1)' and '\(value)'); give each key once")
            }
            pending.append((key, value))
        }
        // Settings first (they can change the space, e.g. a workload), then parameters.
        var built = try spec.build(Catalog.current.environments)
        for (key, value) in pending where built.environment.designSpace.parameter(named: key) == nil {
            spec = spec.setting(key, to: SpecLoader.scalar(value))
        }
        if !pending.isEmpty { built = try spec.build(Catalog.current.environments) }
        self.spec = spec
        environment = built.environment
        objective = built.objective
        for (key, text) in pending where environment.designSpace.parameter(named: key) != nil {
            assignments[key] = try value(of: key, text: text)
        }
    }

    /// The configuration to evaluate: defaults, overridden by `--set`.
    public var configuration: Configuration {
        configuration(setting: assignments)
    }
}

extension SpecLoader {
    /// A `--set` value as YAML would read it (number, bool, or text).
    public static func scalar(_ text: String) -> SpecValue {
        if let object = try? parse("v: \(text)", file: "--set", baseDirectory: nil), let v = object.values["v"] {
            return v
        }
        return .string(text)
    }
}

