import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymReport
import GymStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report (inline SVG figures) and each figure as a standalone SVG.",
        discussion: """
            Figures per environment and objective: best-so-far median and IQR across seeds per agent, \
            trials-to-target ECDF (objectives with a target), hyperparameter lottery (an agent with several \
            settings), Pareto fronts (pareto objectives), parameter importance. The figures folder also gets \
            campaigns.csv (one row per campaign) for the notebooks in notebooks-export/.
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("name"), help: "Include only this campaign (repeatable; default: all).")
    var names: [String] = []

    @Option(help: "HTML file to write.")
    var out: String = "results/report.html"

    @Option(help: "Folder for the standalone SVG figures (default: 'figures' beside the HTML file).")
    var figures: String?

    @Flag(name: .customLong("log-x"), help: "Log-scale trial axes.")
    var logX = false

    @Option(help: "Title of the report.")
    var title: String = "DSEGym results"

    @Option(help: "A proxy model (from `dsegym proxy fit`): adds parity plots of its predictions against the measured trials it never trained on.")
    var proxyModel: String?

    func run() throws {
        let trialStore = try TrialStore.openReadOnly(store.db)
        let sources: [any FigureSource] = try proxyModel.map { [try ProxyParitySource(modelPath: $0, store: trialStore)] } ?? []
        let report = try Report.build(store: trialStore, databasePath: store.db, names: names,
                                      options: ReportOptions(logTrials: logX), sources: sources, title: title)
        let folder = figures ?? URL(fileURLWithPath: out).deletingLastPathComponent().appendingPathComponent("figures").path
        let written = try report.write(html: out, figures: folder)
        say("wrote \(out) (\(report.campaigns.count) campaign(s), \(report.figures.joined().count) figure(s)) and \(written.count - 1) file(s) in \(folder)")
    }
}
