import Foundation
import GymCore
import GymProxy

/// The comparison behind `proxy check`.
public struct ProxyCheck {
    public struct Row {
        public var configuration: Configuration
        public var proxyReward: Double
        public var proxy: Metrics
        public var real: Metrics
        public var realReward: Double?
    }

    public var rows: [Row]
    public var metrics: [MetricSpec]

    public static func proxyModel(of environment: any Environment, campaign: String) throws -> ProxyModel {
        if let p = environment as? ProxyEnvironment { return p.model }
        if let s = environment as? ScopedEnvironment, let p = s.base as? ProxyEnvironment { return p.model }
        throw SpecError(key: "--name", "campaign '\(campaign)' does not name a proxy model in its environment spec")
    }

    /// The `top` distinct feasible designs by proxy reward, evaluated on `real`.
    public static func run(trials: [Trial], top: Int, objective: Objective, metrics: [MetricSpec], real: any Environment) throws -> ProxyCheck {
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
    public static func gapPercent(proxy: Double?, real: Double?) -> Double? {
        guard let p = proxy, let r = real, r != 0, p.isFinite, r.isFinite else { return nil }
        return 100 * (p - r) / abs(r)
    }

    public func lines(campaign: String, realID: String) -> [String] {
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
