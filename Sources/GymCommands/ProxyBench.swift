import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymProxy

/// `dsegym bench proxy`: evaluations per second of a proxy and of the real
/// environment it imitates, on the same random configurations, one thread.
struct ProxyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy", abstract: "Evaluations per second of a proxy model vs its real environment (the speed-up).")

    @Option(help: "Model file written by `dsegym proxy fit`.")
    var model: String

    @Option(help: "Evaluations to time on each.")
    var evaluations: Int = 1000

    @Option(help: "Seed for the configurations.")
    var seed: UInt64 = 1

    func validate() throws {
        guard evaluations >= 1 else { throw ValidationError("--evaluations must be at least 1") }
    }

    func run() throws {
        var proxy: ProxyEnvironment?
        let loadSeconds = try measure { proxy = try ProxyEnvironment(modelPath: model) }
        let real = try EnvironmentLoader(stored: proxy!.model.environment.spec, file: proxy!.model.environment.specFile).environment
        let configs = randomConfigurations(proxy!.designSpace, count: evaluations, seed: seed)
        let proxySeconds = try timeEvaluations(proxy!, configs).seconds
        let realSeconds = try timeEvaluations(real, configs).seconds
        let proxyRate = Double(evaluations) / proxySeconds, realRate = Double(evaluations) / realSeconds
        say(String(format: "real %@: %d evaluations in %.3f s = %.1f evaluations/s (%.4f ms each)",
                   real.id, evaluations, realSeconds, realRate, realSeconds / Double(evaluations) * 1000))
        say(String(format: "proxy %@ (%@, %d metrics): %.3f s = %.1f evaluations/s (%.4f ms each); model load %.2f s",
                   proxy!.id, proxy!.model.kind.rawValue, proxy!.model.metrics.count, proxySeconds, proxyRate,
                   proxySeconds / Double(evaluations) * 1000, loadSeconds))
        say(String(format: "speed-up: %.1fx", proxyRate / realRate))
    }
}
