import ArgumentParser
import GymCampaign
import GymCore
import GymStore

/// Options shared by `compare` and `sweep`: a set of campaigns on one
/// environment, how many seeds and trials each, how many at once, where to.
struct CampaignSetOptions: ParsableArguments {
    @Option(help: "Environment spec (YAML).")
    var env: String

    // Unconditional: "--trials -5" is a number out of range, not a missing value.
    @Option(parsing: .unconditional, help: "Seeds per agent or setting (seeds are 1...K).")
    var seeds: Int = 10

    @Option(parsing: .unconditional, help: "Trial budget per campaign.")
    var trials: Int = 1000

    @Option(parsing: .unconditional, help: "Campaigns run at the same time (results do not depend on it).")
    var jobs: Int = 1

    @OptionGroup var store: StoreOptions

    @OptionGroup var cluster: PlanOptions

    @Option(help: "Also export the campaigns' trials to this CSV file.")
    var csv: String?

    @Option(help: "Prefix of the campaign names (default: derived from the spec).")
    var label: String?

    /// Writes the plan (with --plan) or runs it, then prints `table` of the
    /// results and exports the CSV if asked.
    func execute(_ plan: CampaignPlan, heading: String, table: (ComparisonTable) -> [String]) throws {
        if try cluster.writeIfRequested(plan) { return }
        let records = try plan.run(parallel: jobs) { say($0) }
        let trialStore = try TrialStore.openReadOnly(store.db)
        say(heading + ", objective \(records[0].objective.summary)")
        for line in table(try ComparisonTable(store: trialStore, plan: plan, records: records)) { say(line) }
        if let csv {
            say("")
            try exportCSV(trialStore, records, to: csv)
        }
    }
}
