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

/// The comparison behind `proxy check`.
struct ProxyCheck {
    struct Row {
        var configuration: Configuration
        var proxyReward: Double
        var proxy: Metrics
        var real: Metrics
        var realReward: Double?
    }

    var rows: [Row]
    var metrics: [MetricSpec]

    static func proxyModel(of environment: any Environment, campaign: String) throws -> ProxyModel {
        if let p = environment as? ProxyEnvironment { return p.model }
        if let s = environment as? ScopedEnvironment, let p = s.base as? ProxyEnvironment { return p.model }
        throw SpecError(key: "--name", "campaign '\(campaign)' does not name a proxy model in its environment spec")
    }

    /// The `top` distinct feasible designs by proxy reward, evaluated on `real`.
    static func run(trials: [Trial], top: Int, objective: Objective, metrics: [MetricSpec], real: any Environment) throws -> ProxyCheck {
        var seen = Set<UInt64>()
        let best = trials.filter { $0.reward != nil }
            .sorted { ($0.reward!, -$0.index) > ($1.reward!, -$1.index) }
            .filter { seen.insert($0.configuration.stableHash).inserted }
            .prefix(top)
        guard !best.isEmpty else { throw SpecError(key: "--name", "the campaign has no feasible trial to check") }
        let rows = try best.map { t -> Row in
            let m = try real.evaluate(t.configuration)
            return Row(configuration: t.configuration, proxyReward: t.reward!, proxy: t.metrics, real: m, realReward: objective.score(m).reward)
        }
        return ProxyCheck(rows: rows, metrics: metrics)
    }

    /// Signed gap of the proxy, in percent of the real value.
    static func gapPercent(proxy: Double?, real: Double?) -> Double? {
        guard let p = proxy, let r = real, r != 0, p.isFinite, r.isFinite else { return nil }
        return 100 * (p - r) / abs(r)
    }

    func lines(campaign: String, realID: String) -> [String] {
        var out = ["top \(rows.count) designs of proxy campaign \(campaign), re-evaluated on \(realID):"]
        var table = [["#", "proxy reward", "real reward"] + metrics.flatMap { ["\($0.key) proxy", "real", "gap %"] }]
        for (i, r) in rows.enumerated() {
            table.append([String(i + 1), ProxyReport.format(r.proxyReward), r.realReward.map(ProxyReport.format) ?? "infeasible"]
                         + metrics.flatMap { m -> [String] in
                             let p = r.proxy[m.key], q = r.real.feasible ? r.real[m.key] : nil
                             return [p.map(ProxyReport.format) ?? "-", q.map(ProxyReport.format) ?? "-",
                                     ProxyCheck.gapPercent(proxy: p, real: q).map { String(format: "%+.2f", $0) } ?? "-"]
                         })
        }
        out += TextTable.render(table)
        for m in metrics {
            let gaps = rows.compactMap { ProxyCheck.gapPercent(proxy: $0.proxy[m.key], real: $0.real.feasible ? $0.real[m.key] : nil) }
            guard !gaps.isEmpty else { continue }
            out.append(String(format: "%@: mean |gap| %.2f%%, max |gap| %.2f%%, mean gap %+.2f%% over %d designs", m.key,
                              gaps.map(abs).reduce(0, +) / Double(gaps.count), gaps.map(abs).max()!,
                              gaps.reduce(0, +) / Double(gaps.count), gaps.count))
        }
        let infeasible = rows.filter { !$0.real.feasible }
        if !infeasible.isEmpty {
            out.append("\(infeasible.count) of \(rows.count) designs are infeasible on the real environment: "
                       + (infeasible.first?.real.reason ?? ""))
        }
        // The first (best by proxy) of the designs with the highest real reward.
        if let bestReal = rows.indices.filter({ rows[$0].realReward != nil })
            .reduce(nil as Int?, { best, i in best.map { rows[i].realReward! > rows[$0].realReward! ? i : $0 } ?? i }) {
            out.append("best real reward \(ProxyReport.format(rows[bestReal].realReward!)) is the proxy's #\(bestReal + 1): \(rows[bestReal].configuration)")
        }
        return out
    }
}
