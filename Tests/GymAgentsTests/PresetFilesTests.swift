import Foundation
import Testing
import GymCore
@testable import GymAgents

/// The repository's agents/ folder, found from this file's path.
private let agentsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("agents")

/// `key: value` pairs indented under `section:` in a flat preset file.
private func entries(_ file: String, under section: String) throws -> (agent: String?, pairs: [String: String]) {
    let text = try String(contentsOf: agentsFolder.appendingPathComponent(file), encoding: .utf8)
    var agent: String?
    var inside = false
    var pairs: [String: String] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.hasPrefix("#") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { continue }
        let key = String(trimmed[..<colon]), value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if !line.hasPrefix(" ") {
            if key == "agent" { agent = value }
            inside = key == section
        } else if inside {
            pairs[key] = value
        }
    }
    return (agent, pairs)
}

/// Equal as numbers when both are numbers, else as text without spaces.
private func sameValue(_ a: String, _ b: String) -> Bool {
    if let x = Double(a), let y = Double(b) { return x == y }
    return a.filter { !$0.isWhitespace } == b.filter { !$0.isWhitespace }
}

@Test(arguments: AgentCatalog.names)
func presetListsEveryHyperparameterAtItsDocumentedDefault(name: String) throws {
    let (agent, pairs) = try entries("\(name).yaml", under: "hyperparameters")
    let kind = try #require(AgentCatalog.kind(named: name))
    #expect(agent == name)
    #expect(Set(pairs.keys) == Set(kind.hyperparameters.map(\.name)))
    for doc in kind.hyperparameters {
        #expect(sameValue(pairs[doc.name] ?? "-", doc.defaultValue),
                "\(name).\(doc.name): preset \(pairs[doc.name] ?? "-") vs default \(doc.defaultValue)")
    }
}

@Test(arguments: ["ga", "aco", "bo", "rl", "nsga2", "random-walker"])
func lotteryGridNamesOnlyKnownHyperparameters(name: String) throws {
    let (agent, pairs) = try entries("\(name)-lottery.yaml", under: "grid")
    let kind = try #require(AgentCatalog.kind(named: name))
    #expect(agent == name)
    #expect(!pairs.isEmpty)
    #expect(Set(pairs.keys).isSubset(of: Set(kind.hyperparameters.map(\.name))))
}

@Test func documentedDefaultsMatchTheDecodedDefaults() throws {
    let space = DesignSpace([.integer("x", 0...3)])
    let objective = Objective.defaultObjective(for: [MetricSpec("v", "1", .minimize)])
    for kind in AgentCatalog.all {
        let resolved = try kind.make(SpecObject([:]), AgentContext(designSpace: space, objective: objective, seed: 1)).resolved
        guard case .object(let values) = resolved else { Issue.record("\(kind.name): not a mapping"); continue }
        #expect(Set(values.keys) == Set(kind.hyperparameters.map(\.name)), "\(kind.name)")
        for doc in kind.hyperparameters {
            let text = values[doc.name]?.description ?? "-"
            #expect(sameValue(text, doc.defaultValue),
                    "\(kind.name).\(doc.name): decoded \(text) vs documented \(doc.defaultValue)")
        }
    }
}
