import ArgumentParser
import GymCampaign
import GymCore

struct EnvsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs", abstract: "List environments with their settings, design spaces and metrics.")

    @Argument(help: "Show only this environment.")
    var name: String?

    func run() throws {
        let kinds = Catalog.current.environments.filter { name == nil || $0.name == name }
        if let name, kinds.isEmpty {
            throw SpecError(key: "name", "unknown environment '\(name)'; known: \(Catalog.current.environments.map(\.name).joined(separator: ", "))")
        }
        for kind in kinds {
            say("\(kind.name): \(kind.summary)")
            for s in kind.settings { say("  setting \(s.key): \(s.help)") }
            guard let env = try? kind.make(SpecObject([:])) else {
                say("  (its design space depends on settings; see the example specs in environments/)")
                continue
            }
            say("  id \(env.id), \(env.designSpace.parameters.count) parameters, \(String(format: "%.3g", env.designSpace.cardinality)) points")
            for p in env.designSpace.parameters {
                say("    \(p.name): \(p.domain.allowedDescription); default \(p.defaultValue.text)" + (p.summary.isEmpty ? "" : " — \(p.summary)"))
            }
            say("  metrics: " + env.metricSpecs.map { "\($0.key) (\($0.direction.rawValue))" }.joined(separator: ", "))
        }
    }
}

struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents", abstract: "List agents with their hyperparameters and defaults.")

    func run() throws {
        for kind in Catalog.current.agents {
            say("\(kind.name): \(kind.summary)")
            for h in kind.hyperparameters { say("  \(h.name) = \(h.defaultValue): \(h.meaning)") }
        }
    }
}
