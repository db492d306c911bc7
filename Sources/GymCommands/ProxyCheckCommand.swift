import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymProxy
import GymStore

/// `dsegym proxy check`: re-evaluates a proxy campaign's best designs on the
/// real environment, so a proxy search never ends on unverified numbers.
struct ProxyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-evaluate a proxy campaign's top-k designs on the real environment and report the gap per metric.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Name of a campaign run on a proxy environment.")
    var name: String

    @Option(help: "Designs to re-evaluate (best proxy rewards first).")
    var top: Int = 10

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let db = try TrialStore.openReadOnly(store.db)
        guard let campaign = try db.campaign(named: name) else {
            throw SpecError(file: store.db, key: "--name", "no campaign named '\(name)'; campaigns: \(try db.campaigns().map(\.name).joined(separator: ", "))")
        }
        guard ProxyEnvironment.isProxy(environmentID: campaign.environment) else {
            throw SpecError(file: store.db, key: "--name", "campaign '\(name)' ran on \(campaign.environment), not on a proxy; its metrics are already real")
        }
        let proxyLoader = try EnvironmentLoader(stored: campaign.environmentSpec, file: campaign.environmentSpecFile)
        let model = try ProxyCheck.proxyModel(of: proxyLoader.environment, campaign: name)
        let real = try EnvironmentLoader(stored: model.environment.spec, file: model.environment.specFile).environment
        if real.fingerprint != model.environment.fingerprint {
            warn("the real environment changed since the model was fitted (fingerprint \(real.fingerprint) vs \(model.environment.fingerprint)); the gap below includes that change")
        }
        let trials = try db.trials(of: campaign, space: proxyLoader.environment.designSpace)
        let check = try ProxyCheck.run(trials: trials, top: top, objective: campaign.objective, metrics: model.metricSpecs, real: real)
        for line in check.lines(campaign: name, realID: real.id) { say(line) }
    }
}
