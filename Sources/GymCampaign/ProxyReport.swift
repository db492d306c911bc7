import Foundation
import GymCore
import GymProxy


/// Text the proxy commands print.
public enum ProxyReport {
    public static func fitLines(_ model: ProxyModel, seconds: Double, path: String) -> [String] {
        var lines = [String(format: "proxy %@ of %@ fitted in %.1f s on %d distinct trials from %d campaign(s) (%@): wrote %@",
                            model.kind.rawValue, model.environment.id, seconds, model.training.trials,
                            model.training.campaigns.count,
                            model.training.campaigns.map(\.name).joined(separator: ", "), path)]
        lines.append("trials per metric model: " + model.metrics.map { "\($0.metric.key) \($0.trainingCount)" }.joined(separator: ", ")
                     + (model.kind == .gp ? " (GP: a seeded subsample of the feasible trials, --gp-max-points)" : " (feasible trials)"))
        if let f = model.feasibility {
            lines.append(String(format: "feasibility model: %.1f%% of training trials feasible", 100 * f.feasibleFraction))
        }
        if let cv = model.crossValidation {
            lines.append("\(cv.folds)-fold cross-validation:")
            let rows = model.metrics.compactMap { m in cv.metrics[m.metric.key].map { (m.metric.key, $0) } }
            lines += accuracyTable(rows, transforms: Dictionary(model.metrics.map { ($0.metric.key, $0.transform.rawValue) }, uniquingKeysWith: { a, _ in a }))
        }
        return lines
    }

    public static func accuracyTable(_ rows: [(key: String, accuracy: Accuracy)], transforms: [String: String] = [:]) -> [String] {
        var table = [["metric", "n", "RMSE", "rel RMSE %", "MAPE %", "R2", "Kendall tau"] + (transforms.isEmpty ? [] : ["target"])]
        for (key, a) in rows {
            table.append([key, String(a.count), format(a.rmse), String(format: "%.3f", a.relativeRMSEPercent),
                          String(format: "%.3f", a.mapePercent), String(format: "%.4f", a.r2), String(format: "%.4f", a.kendallTau)]
                         + (transforms.isEmpty ? [] : [transforms[key] ?? ""]))
        }
        return TextTable.render(table)
    }

    public static func format(_ v: Double) -> String {
        v.isFinite ? String(format: abs(v) >= 1e5 || (abs(v) < 1e-2 && v != 0) ? "%.4g" : "%.4f", v) : "-"
    }

    /// `{"metric": {"rmse": …, "rel_rmse_pct": …, "mape_pct": …, "r2": …, "kendall_tau": …, "count": n}, …}`.
    public static func json(_ rows: [(key: String, accuracy: Accuracy)]) -> String {
        JSONText.object(rows.map { key, a in
            (key, JSONText.object([("rmse", JSONText.number(a.rmse)), ("rel_rmse_pct", JSONText.number(a.relativeRMSEPercent)),
                                   ("mape_pct", JSONText.number(a.mapePercent)), ("r2", JSONText.number(a.r2)),
                                   ("kendall_tau", JSONText.number(a.kendallTau)), ("count", String(a.count))]))
        })
    }
}
