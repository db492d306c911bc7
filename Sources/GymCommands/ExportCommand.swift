import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export trials as CSV (one row per trial).")

    @OptionGroup var store: StoreOptions

    @Option(help: "CSV file to write.")
    var csv: String

    @Option(help: "Export only this campaign (default: all).")
    var name: String?

    func run() throws {
        let trialStore = try TrialStore.openReadOnly(store.db)
        var campaigns = try trialStore.campaigns()
        if let name {
            campaigns = campaigns.filter { $0.name == name }
            guard !campaigns.isEmpty else {
                throw SpecError(file: store.db, key: "--name", "no campaign named '\(name)'")
            }
        }
        let text = try CSVExport.csv(store: trialStore, campaigns: campaigns)
        do { try text.write(toFile: csv, atomically: true, encoding: .utf8) } catch {
            throw StoreError(.io, path: csv, "cannot write: \(error.localizedDescription)")
        }
        say("wrote \(text.split(separator: "\n").count - 1) trials of \(campaigns.count) campaign(s) to \(csv)")
    }
}
