import Foundation
import GymCore

/// The campaign sets `dsegym compare` and `dsegym sweep` run.
extension CampaignPlan {
    /// Keys a sweep grid file may hold.
    public static let sweepGridKeys = ["agent", "description", "hyperparameters", "grid"]

    /// Every agent × seed 1...`seeds`, named `<label>/<agent>/s<seed>`, with random
    /// search added as the baseline when it is not listed. An `external:<name>`
    /// agent's campaigns (`<label>/<name>/s<seed>`) are not run: they must
    /// already be logged through `dsegym serve`.
    public static func comparison(env: String, agents: String, seeds: Int, trials: Int, database: String, label: String) throws -> CampaignPlan {
        try RunBounds.check("--seeds", seeds, RunBounds.seeds)
        var references: [(String, AgentReference)] = []
        for item in agents.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let reference = try AgentReference(item)
            let name = reference.externalLabel ?? (item.hasSuffix(".yaml") ? specName(item) : item)
            guard !references.contains(where: { $0.0 == name }) else {
                throw SpecError(key: "--agents", "'\(name)' is listed twice")
            }
            references.append((name, reference))
        }
        guard !references.isEmpty else { throw SpecError(key: "--agents", "name at least one agent") }
        if !references.contains(where: { $0.0 == "random" }) {
            references.insert(("random", try AgentReference("random")), at: 0)
        }
        var entries: [CampaignPlan.Entry] = []
        for (name, reference) in references {
            for seed in 1...seeds {
                entries.append(.init(name: "\(label)/\(name)/s\(seed)", group: name, agent: reference, seed: UInt64(seed)))
            }
        }
        return CampaignPlan(environmentPath: env, trials: trials, database: database, entries: entries)
    }

    /// Every grid setting × seed, named `<label>/<setting>/s<seed>`.
    public static func sweep(env: String, agent: String, grid path: String, seeds: Int, trials: Int, database: String,
                     label: String) throws -> CampaignPlan {
        try RunBounds.check("--seeds", seeds, RunBounds.seeds)
        let file = try SpecLoader.load(path)
        try file.requireOnly(sweepGridKeys)
        let name = try file.requiredString("agent", allowed: Catalog.current.agentNames)
        guard name == agent else {
            throw file.error("agent", "the grid is for '\(name)' but --agent is '\(agent)'")
        }
        let base = try file.object("hyperparameters")?.values ?? [:]
        guard let axes = try file.object("grid"), !axes.values.isEmpty else {
            throw file.error("grid", "missing; give lists of values per hyperparameter")
        }
        var settings: [[(String, SpecValue)]] = [[]]
        for key in axes.keys {
            guard let values = try axes.array(key), !values.isEmpty else {
                throw axes.error(key, "expected a non-empty list of values")
            }
            settings = settings.flatMap { s in values.map { s + [(key, $0)] } }
        }
        var entries: [CampaignPlan.Entry] = []
        for setting in settings {
            var hyperparameters = base
            for (k, v) in setting { hyperparameters[k] = v }
            let group = setting.map { "\($0.0)=\($0.1.canonicalJSON)" }.joined(separator: ",")
            let reference = try AgentReference(
                kind: name, hyperparameters: .object(hyperparameters), file: path)
            for seed in 1...seeds {
                entries.append(.init(name: "\(label)/\(group)/s\(seed)", group: group, agent: reference, seed: UInt64(seed)))
            }
        }
        return CampaignPlan(environmentPath: env, trials: trials, database: database, entries: entries)
    }
}

/// A spec or preset file's name without folder and extension.
public func specName(_ path: String) -> String {
    URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
}

