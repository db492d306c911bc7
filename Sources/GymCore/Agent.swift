import Foundation

/// A search strategy in ask/tell form.
///
/// Contract:
/// - The runner calls `ask(_:)` with at most `batchSize` configurations to
///   propose, evaluates them (possibly in parallel), then calls `tell(_:)` with
///   the trials **in ask order**. `batchSize` never depends on the number of
///   worker threads, which is why the same seed gives the same trials for any
///   `--jobs`.
/// - An agent draws randomness only from its own `SplitMix64`, seeded from the
///   campaign seed, so replaying the logged trials through ask/tell rebuilds
///   its state exactly (this is how `resume` works).
/// - Agents see their own trials only; they never read the store.
public protocol Agent {
    var batchSize: Int { get }
    mutating func ask(_ count: Int) -> [Configuration]
    mutating func tell(_ trials: [Trial])
}

/// What an agent is built for: the space it searches, the objective (for
/// multi-objective agents), its seed, and the trial budget when known.
public struct AgentContext: Sendable {
    public var designSpace: DesignSpace
    public var objective: Objective
    public var seed: UInt64
    public var budget: Int?

    public init(designSpace: DesignSpace, objective: Objective, seed: UInt64, budget: Int? = nil) {
        self.designSpace = designSpace
        self.objective = objective
        self.seed = seed
        self.budget = budget
    }
}

/// Documentation of one hyperparameter, for `dsegym agents`.
public struct HyperparameterDoc: Sendable {
    public var name: String
    public var defaultValue: String
    public var meaning: String

    public init(_ name: String, _ defaultValue: String, _ meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
    }
}

/// A registered agent: its name in presets, what it does, its hyperparameters,
/// and a factory from (hyperparameters, context).
public struct AgentKind: Sendable {
    public var name: String
    public var summary: String
    public var hyperparameters: [HyperparameterDoc]
    /// Builds an agent; throws `SpecError` for bad hyperparameters. Returns the
    /// agent and its hyperparameters as resolved (defaults filled in) for provenance.
    public var make: @Sendable (SpecObject, AgentContext) throws -> (agent: any Agent, resolved: SpecValue)

    public init(name: String, summary: String, hyperparameters: [HyperparameterDoc],
                make: @escaping @Sendable (SpecObject, AgentContext) throws -> (agent: any Agent, resolved: SpecValue)) {
        self.name = name
        self.summary = summary
        self.hyperparameters = hyperparameters
        self.make = make
    }

    /// The usual way to register an agent with a `Codable` hyperparameter
    /// struct `H`: unknown keys are rejected, missing keys take `H`'s defaults.
    public static func codable<H: Codable & Sendable>(
        name: String, summary: String, defaults: H, docs: [HyperparameterDoc],
        build: @escaping @Sendable (H, AgentContext) throws -> any Agent
    ) -> AgentKind {
        AgentKind(name: name, summary: summary, hyperparameters: docs) { spec, context in
            let h = try HyperparameterDecoding.decode(H.self, from: spec, defaults: defaults)
            let resolved = try SpecValue.parseJSON(String(decoding: try JSONEncoder().encode(h), as: UTF8.self))
            return (try build(h, context), resolved)
        }
    }
}

/// Decodes a `Codable` hyperparameter struct from a spec mapping, merged over
/// defaults, with errors that name the file and key.
public enum HyperparameterDecoding {
    public static func decode<H: Codable>(_ type: H.Type, from spec: SpecObject, defaults: H) throws -> H {
        let defaultsJSON = try JSONEncoder().encode(defaults)
        guard case .object(var merged) = try JSONDecoder().decode(SpecValue.self, from: defaultsJSON) else {
            throw spec.error("", "hyperparameters must be a mapping")
        }
        try spec.requireOnly(Array(merged.keys))
        for (k, v) in spec.values { merged[k] = v }
        do {
            return try JSONDecoder().decode(H.self, from: try JSONEncoder().encode(SpecValue.object(merged)))
        } catch let DecodingError.typeMismatch(expected, ctx), let DecodingError.valueNotFound(expected, ctx) {
            let key = ctx.codingPath.map(\.stringValue).joined(separator: ".")
            throw spec.error(key, "expected \(expected), got '\(merged[key].map(\.description) ?? "nothing")'")
        } catch let DecodingError.dataCorrupted(ctx) {
            let key = ctx.codingPath.map(\.stringValue).joined(separator: ".")
            throw spec.error(key, ctx.debugDescription)
        }
    }
}
