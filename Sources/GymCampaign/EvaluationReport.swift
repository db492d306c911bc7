import GymCore

/// Renders one evaluation as text or JSON.
public enum EvaluationReport {
    public static func json(environment: String, configuration: Configuration, metrics: Metrics, reward: Double?,
                     reason: String?, parts: [NamedMetrics]) -> String {
        var pairs: [(String, String)] = [
            ("environment", JSONText.quote(environment)),
            ("configuration", configuration.json),
            ("feasible", reward != nil ? "true" : "false"),
            ("reason", reason.map(JSONText.quote) ?? "null"),
            ("metrics", metrics.json),
            ("reward", reward.map(JSONText.number) ?? "null"),
        ]
        if !parts.isEmpty {
            let layers = parts.map { p in
                JSONText.object([("name", JSONText.quote(p.name)),
                                 ("metrics", Metrics(p.metrics).json)]
                                + (p.notes.isEmpty ? [] : [("notes", JSONText.object(p.notes.map { ($0.0, JSONText.quote($0.1)) }))]))
            }
            pairs.append(("layers", "[" + layers.joined(separator: ", ") + "]"))
        }
        return JSONText.object(pairs)
    }

    public static func text(environment: String, configuration: Configuration, metrics: Metrics, reward: Double?,
                     reason: String?, parts: [NamedMetrics]) -> String {
        var lines = ["environment: \(environment)", "configuration: \(configuration)"]
        if let reason { lines.append("infeasible: \(reason)") }
        let width = metrics.values.map(\.key.count).max() ?? 0
        for m in metrics.values {
            lines.append("  " + m.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + ParameterValue.format(m.value))
        }
        lines.append("reward: " + (reward.map { "\($0)" } ?? "none (infeasible)"))
        if !parts.isEmpty {
            let keys = parts[0].metrics.map(\.key)
            let noteKeys = parts[0].notes.map(\.0)
            let header = ["layer"] + keys + noteKeys
            var rows = [header]
            for p in parts {
                let values = keys.map { k in p.metrics.first { $0.key == k }.map { ParameterValue.format($0.value) } ?? "" }
                rows.append([p.name] + values + p.notes.map(\.1))
            }
            lines.append("")
            lines.append(contentsOf: TextTable.render(rows))
        }
        return lines.joined(separator: "\n")
    }
}
