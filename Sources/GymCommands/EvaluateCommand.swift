import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymDRAM
import GymStore

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
        var cache: [UInt64: CachedEvaluation] = [:]
        let evaluator = PointEvaluator(environment: loader.environment, objective: loader.objective)
        let result = try evaluator.evaluate([configuration], detail: true, cache: &cache)[0]
        let (metrics, reward, reason, parts) = (result.metrics, result.reward, result.reason, result.parts)
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
            throw StoreError(.io, path: path, "cannot write the command log: \(error.localizedDescription)")
        }
    }
}
