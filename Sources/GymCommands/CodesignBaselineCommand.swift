import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymCodesign

/// `dsegym codesign-baseline`: NASAIC's comparison of "NAS first, then the
/// best ASIC" against co-exploration of networks and hardware (see
/// `CodesignBaseline`), side by side.
struct CodesignBaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codesign-baseline",
        abstract: "Compare NAS-then-ASIC with network/hardware co-exploration on a codesign environment.",
        discussion: """
            successive: the most accurate network per task (regardless of hardware), then a campaign over \
            the hardware for it; coexploration: one campaign over networks and hardware. Both use the same \
            agent, trials and seed and maximise nasaic_reward.
            """)

    @Option(help: "Environment spec (YAML) of kind codesign.")
    var env: String

    @Option(help: "Trial budget of each of the two campaigns.")
    var trials: Int = 1000

    @Option(help: "Seed of both campaigns' agent.")
    var seed: UInt64 = 1

    @Option(help: "Agent kind or preset .yaml used by both campaigns.")
    var agent: String = "random"

    @Option(help: "Worker threads per campaign (results do not depend on it).")
    var jobs: Int = 1

    @Option(name: .customLong("set"), help: "key=value: a spec setting such as specs or tasks (design parameters are searched, not set). Repeatable.")
    var sets: [String] = []

    @Flag(help: "Print one JSON object {\"successive\": {...}, \"coexploration\": {...}}.")
    var json = false

    func validate() throws {
        guard trials >= 1 else { throw ValidationError("--trials must be at least 1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws { say(try report()) }

    /// Runs both flows and renders the comparison.
    func report() throws -> String {
        let (baseline, successive, coexploration) = try comparison()
        if json {
            return CodesignBaselineCommand.json(successive, coexploration)
        }
        return CodesignBaselineCommand.table(successive, coexploration, baseline: baseline)
    }

    /// Both flows' best designs.
    func comparison() throws -> (CodesignBaseline, successive: CodesignBaseline.Outcome, coexploration: CodesignBaseline.Outcome) {
        let loader = try EnvironmentLoader(path: env, sets: sets)
        if let key = loader.assignments.keys.sorted().first {
            throw SpecError(key: "--set", "'\(key)' is a design parameter; codesign-baseline searches it (narrow it with the spec's space: instead)")
        }
        let reference = try AgentReference(agent)
        let baseline = try CodesignBaseline(environment: loader.environment, agent: reference.kind,
                                            hyperparameters: reference.hyperparameters, trials: trials, seed: seed, jobs: jobs)
        return (baseline, try baseline.successive(), try baseline.coexploration())
    }

    static func json(_ s: CodesignBaseline.Outcome, _ c: CodesignBaseline.Outcome) -> String {
        JSONText.object([("successive", s.json), ("coexploration", c.json)])
    }

    static func table(_ s: CodesignBaseline.Outcome, _ c: CodesignBaseline.Outcome, baseline: CodesignBaseline) -> String {
        // Large quantities to whole units, accuracies and rewards to 4 decimals.
        func value(_ o: CodesignBaseline.Outcome, _ key: String) -> String {
            guard let v = o.metrics?[key] else { return "-" }
            return abs(v) >= 1000 ? ParameterValue.format(v.rounded()) : String(format: "%.4f", v)
        }
        var rows = [["", "successive (NAS, then ASIC)", "co-exploration"]]
        rows.append(["meets specs", s.meetsSpecs ? "yes" : "no", c.meetsSpecs ? "yes" : "no"])
        for key in ["latency_cycles", "energy_nJ", "area_um2", "accuracy"] + baseline.environment.tasks.map({ "\($0.name)_accuracy" })
            + ["nasaic_reward"] {
            rows.append([key, value(s, key), value(c, key)])
        }
        let n = max(s.violations.count, c.violations.count)
        if n == 0 { rows.append(["violations", "none", "none"]) }
        for i in 0..<n {
            rows.append(["violation \(i + 1)", i < s.violations.count ? s.violations[i] : "-",
                         i < c.violations.count ? c.violations[i] : "-"])
        }
        let limits = baseline.environment.specs.limits.map { "\($0.key) <= \(ParameterValue.format($0.limit))" }
        var lines = ["specs: " + (limits.isEmpty ? "none" : limits.joined(separator: ", ")),
                     "agent \(baseline.agent.name), \(baseline.trials) trials per flow, seed \(baseline.seed)", ""]
        lines += TextTable.render(rows)
        for (label, o) in [("successive", s), ("co-exploration", c)] {
            lines.append("")
            lines.append("\(label) design: " + (o.configuration?.description ?? "none"))
        }
        return lines.joined(separator: "\n")
    }
}
