import Foundation
import GymCore

/// The campaign table: provenance, budget, outcome and time of each campaign.
enum CampaignTable {
    static func html(_ campaigns: [CampaignData]) -> String {
        guard !campaigns.isEmpty else { return "<p>No campaigns in this database.</p>\n" }
        var out = """
            <div class="table-wrap"><table>
            <thead><tr><th>campaign</th><th>environment</th><th>agent</th><th>hyperparameters</th><th>seed</th>\
            <th>budget</th><th>trials</th><th>feasible</th><th>best reward</th><th>best at trial</th>\
            <th>eval time (s)</th><th>wall time (s)</th><th>status</th><th class="screen-only">started (UTC)</th><th class="screen-only">tool, host</th></tr></thead>
            <tbody>

            """
        for c in campaigns {
            let r = c.record
            let feasible = c.trials.filter(\.feasible).count
            let share = c.trials.isEmpty ? "–" : "\(feasible) (\(Int((100 * Double(feasible) / Double(c.trials.count)).rounded())) %)"
            let best = c.best
            let evalSeconds = c.trials.reduce(0) { $0 + $1.evalSeconds }
            let wall = wallSeconds(from: r.startedAt, to: r.finishedAt).map { TickFormat.value($0) } ?? "–"
            let status = r.status.rawValue + (r.stopReason.map { " (\($0))" } ?? "")
            let started = String(r.startedAt.prefix(19))
            let cells = [
                cell(r.name), cell(r.environment), cell(r.agent), cell(hyperparameters(r.hyperparameters)),
                cell(String(r.seed), numeric: true), cell(budget(r.budget)), cell(String(c.trials.count), numeric: true),
                cell(share, numeric: true), cell(best?.reward.map(TickFormat.value) ?? "–", numeric: true),
                cell(best.map { String($0.index) } ?? "–", numeric: true), cell(TickFormat.value(evalSeconds), numeric: true),
                cell(wall, numeric: true), cell(status), cell(started, screenOnly: true),
                cell("dsegym \(r.toolVersion), \(r.host)", screenOnly: true),
            ]
            out += "<tr>" + cells.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>\n<p class=\"meta\">Trials are numbered from 0, as in the CSV export; "
            + "eval time sums the environment's evaluation seconds; wall time runs from start to the last finish. "
            + "Environment fingerprints and spec files are listed in each environment's section; "
            + "start times and hosts are shown on screen only.</p>\n"
    }

    private static func cell(_ text: String, numeric: Bool = false, screenOnly: Bool = false) -> String {
        let classes = (numeric ? ["num"] : []) + (screenOnly ? ["screen-only"] : [])
        return "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(SVGText.escape(text))</td>"
    }

    /// `key=value, ...` in key order.
    static func hyperparameters(_ v: SpecValue) -> String {
        guard let o = v.objectValue else { return v.canonicalJSON }
        return o.keys.sorted().map { "\($0)=\(o[$0]!.scalarText ?? o[$0]!.canonicalJSON)" }.joined(separator: ", ")
    }

    static func budget(_ b: Budget) -> String {
        var parts = ["\(b.trials) trials"]
        if let s = b.wallSeconds { parts.append("\(TickFormat.value(s)) s") }
        if b.stopAtTarget { parts.append("stop at target") }
        return parts.joined(separator: ", ")
    }

    /// Seconds between two store timestamps (`2026-11-27 23:56:26.978858`, UTC).
    static func wallSeconds(from start: String, to end: String?) -> Double? {
        guard let end, let a = seconds(start), let b = seconds(end) else { return nil }
        return b - a
    }

    static func seconds(_ stamp: String) -> Double? {
        let parts = stamp.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == ":" })
        guard parts.count == 6, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let hour = Int(parts[3]), let minute = Int(parts[4]), let second = Double(parts[5]) else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return Double(days * 86400 + hour * 3600 + minute * 60) + second
    }
}
