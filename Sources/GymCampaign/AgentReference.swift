import Foundation
import GymCore

/// What `--agent` names: a preset YAML file (`agent: ga` plus
/// `hyperparameters: {...}`), just an agent kind with default hyperparameters,
/// or `external:<label>`, an agent that runs in a client of `dsegym serve`
/// (its campaigns are stored with agent `<label>` and never run here).
public struct AgentReference: Sendable {
    public static let presetKeys = ["agent", "description", "hyperparameters"]
    public static let externalPrefix = "external:"

    public var kind: AgentKind
    public var hyperparameters: SpecObject
    /// The label of an external agent (nil for a built-in one).
    public var externalLabel: String?

    public init(_ reference: String) throws {
        if reference.hasPrefix(AgentReference.externalPrefix) {
            self = try AgentReference(external: String(reference.dropFirst(AgentReference.externalPrefix.count)))
        } else if reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") || reference.contains("/") {
            let preset = try SpecLoader.load(reference)
            try preset.requireOnly(AgentReference.presetKeys)
            let name = try preset.requiredString("agent", allowed: Catalog.current.agentNames)
            kind = Catalog.current.agent(named: name)!
            hyperparameters = try preset.object("hyperparameters") ?? SpecObject([:], file: reference, path: "hyperparameters")
        } else {
            guard let k = Catalog.current.agent(named: reference) else {
                throw SpecError(key: "--agent", "unknown agent '\(reference)'; known: \(Catalog.current.agentNames.joined(separator: ", ")) (or a preset .yaml file, or external:<label>)")
            }
            kind = k
            hyperparameters = SpecObject([:], path: "hyperparameters")
        }
    }

    /// An external agent labelled `label`. Its kind cannot build an agent:
    /// the client proposes the configurations.
    public init(external label: String) throws {
        guard !label.isEmpty, !label.contains(where: \.isNewline) else {
            throw SpecError(key: "--agent", "external:<label> needs a label, e.g. external:optuna:TPESampler")
        }
        guard Catalog.current.agent(named: label) == nil else {
            throw SpecError(key: "--agent", "external:\(label) would be stored as the built-in agent '\(label)'; choose another label")
        }
        kind = AgentKind(name: label, summary: "external agent (runs in a client of dsegym serve)", hyperparameters: []) { _, _ in
            throw SpecError(key: "--agent", "external:\(label) runs in a client, not in dsegym: log its campaigns through the Python package or `dsegym serve`")
        }
        hyperparameters = SpecObject([:], path: "hyperparameters")
        externalLabel = label
    }

    /// From stored provenance (resume).
    public init(kind name: String, hyperparameters: SpecValue, file: String? = nil) throws {
        guard let k = Catalog.current.agent(named: name) else {
            throw SpecError(file: file, key: "agent", "the agent '\(name)' is not known to this dsegym; known: \(Catalog.current.agentNames.joined(separator: ", ")) (a campaign of an external agent is continued through `dsegym serve`)")
        }
        kind = k
        self.hyperparameters = SpecObject(hyperparameters.objectValue ?? [:], file: file, path: "hyperparameters")
    }

    public var isExternal: Bool { externalLabel != nil }
}
