import Foundation
import GymCore

/// Writes trials as CSV for pandas, R or gnuplot: one header row, then one row
/// per trial with provenance columns, every parameter, every metric (unit in
/// the column name, e.g. `latency_ns`), reward, feasibility and cache flag.
/// Campaigns with different spaces share one file: columns are the union, in
/// first-seen order, and a cell a campaign lacks is empty.
public enum CSVExport {
    /// Columns that hold timing, which differ between otherwise identical runs.
    public static let timingColumns = ["eval_seconds"]

    public static func csv(store: TrialStore, campaigns: [CampaignRecord]) throws -> String {
        var parameterNames: [String] = []
        var metricKeys: [String] = []
        for c in campaigns {
            for p in c.parameters where !parameterNames.contains(p.name) { parameterNames.append(p.name) }
            for m in c.metrics where !metricKeys.contains(m.key) { metricKeys.append(m.key) }
        }
        let header = ["campaign", "environment", "agent", "seed", "trial"] + parameterNames + metricKeys
            + ["reward", "feasible", "reason", "cache_hit", "eval_seconds"]
        var lines = [header.map(field).joined(separator: ",")]
        for c in campaigns {
            for t in try store.storedTrials(of: c.id) {
                let config = Dictionary(try store.storedMembers(t.configurationJSON, "configuration"), uniquingKeysWith: { a, _ in a })
                let metrics = Dictionary(try store.storedMembers(t.metricsJSON, "metrics"), uniquingKeysWith: { a, _ in a })
                var row = [c.name, c.environment, c.agent, String(c.seed), String(t.index)]
                row += parameterNames.map { text(config[$0]) }
                row += metricKeys.map { text(metrics[$0]) }
                row += [t.reward.map { "\($0)" } ?? "", t.feasible ? "true" : "false", t.reason ?? "",
                        t.cacheHit ? "true" : "false", "\(t.evalSeconds)"]
                lines.append(row.map(field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func text(_ v: SpecValue?) -> String {
        // Non-finite numbers are stored as null: an empty cell, as before.
        v?.scalarText ?? ""
    }

    /// RFC 4180 quoting where needed.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
