import Foundation
import GymCore

/// What `--agent` names: a preset YAML file (`agent: ga` plus
/// `hyperparameters: {...}`) or just an agent kind with default hyperparameters.
public struct AgentReference: Sendable {
    public static let presetKeys = ["agent", "description", "hyperparameters"]

    public var kind: AgentKind
    public var hyperparameters: SpecObject

    public init(_ reference: String) throws {
        if reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") || reference.contains("/") {
            let preset = try SpecLoader.load(reference)
            try preset.requireOnly(AgentReference.presetKeys)
            let name = try preset.requiredString("agent", allowed: Catalog.current.agentNames)
            kind = Catalog.current.agent(named: name)!
            hyperparameters = try preset.object("hyperparameters") ?? SpecObject([:], file: reference, path: "hyperparameters")
        } else {
            guard let k = Catalog.current.agent(named: reference) else {
                throw SpecError(key: "--agent", "unknown agent '\(reference)'; known: \(Catalog.current.agentNames.joined(separator: ", ")) (or a preset .yaml file)")
            }
            kind = k
            hyperparameters = SpecObject([:], path: "hyperparameters")
        }
    }

    /// From stored provenance (resume).
    public init(kind name: String, hyperparameters: SpecValue, file: String? = nil) throws {
        guard let k = Catalog.current.agent(named: name) else {
            throw SpecError(file: file, key: "agent", "the agent '\(name)' is not known to this dsegym; known: \(Catalog.current.agentNames.joined(separator: ", "))")
        }
        kind = k
        self.hyperparameters = SpecObject(hyperparameters.objectValue ?? [:], file: file, path: "hyperparameters")
    }
}
