import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymProxy
import GymStore

/// `dsegym proxy eval`: accuracy of a model on trials it was not trained on.
struct ProxyEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a proxy on held-out trials: RMSE, relative RMSE, MAPE, R2, Kendall tau per metric.",
        discussion: """
            Refuses (exit 2) when the evaluation data overlaps the training data: a campaign the model \
            was trained on, or any configuration it was trained on. --drop-overlap scores only the new \
            configurations; --allow-overlap scores everything with a loud warning.
            """)

    @Option(help: "Model file written by `dsegym proxy fit`.")
    var model: String

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("name"), help: "Campaign to evaluate on (repeat; default: every campaign of the real environment).")
    var names: [String] = []

    @Flag(help: "Print {metric: {rmse, rel_rmse_pct, mape_pct, r2, kendall_tau, count}} as JSON.")
    var json = false

    @Flag(help: "Leave out configurations the model was trained on (campaign overlap still refuses).")
    var dropOverlap = false

    @Flag(help: "Evaluate even on training data (the figures then flatter the model).")
    var allowOverlap = false

    @Option(help: "Also write every prediction to this CSV (metric, measured, predicted, error %, configuration).")
    var predictions: String?

    func run() throws {
        let proxy = try ProxyModel.load(model)
        let space = try proxy.encoding.designSpace(file: model)
        let policy: ProxyHeldOutTrials.OverlapPolicy = allowOverlap ? .allow : (dropOverlap ? .drop : .refuse)
        let heldOut = try ProxyHeldOutTrials(model: proxy, space: space, database: store.db, names: names, policy: policy)
        if let warning = heldOut.warning { warn(warning) }
        let trials = heldOut.trials
        let rows = ProxyEvaluation.accuracy(model: proxy, on: trials, space: space)
        if let predictions {
            do { try ProxyEvaluation.predictionsCSV(model: proxy, on: trials, space: space).write(toFile: predictions, atomically: true, encoding: .utf8) }
            catch { throw StoreError(.io, path: predictions, "cannot write: \(error.localizedDescription)") }
        }
        if json {
            say(ProxyReport.json(rows))
            return
        }
        say("proxy \(proxy.kind.rawValue) of \(proxy.environment.id) on \(trials.count) held-out trials from "
            + trials.sources.map { "\($0.name) (\($0.agent))" }.joined(separator: ", ") + ":")
        for line in ProxyReport.accuracyTable(rows) { say(line) }
        if let agreement = ProxyEvaluation.feasibilityAgreement(model: proxy, on: trials) {
            say(String(format: "feasibility: %.1f%% of trials classified as the environment did", 100 * agreement))
        }
    }
}
