import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymProxy
import GymStore

/// `dsegym proxy`: fit, score, use and check proxy cost models.
struct ProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy", abstract: "Proxy cost models fitted on logged trials (random forest, GP, kNN).",
        subcommands: [ProxyFitCommand.self, ProxyEvalCommand.self, ProxyCheckCommand.self, ProxyStudyCommand.self])
}

extension ModelKind: ExpressibleByArgument {}
extension ProxyFitSettings.TransformChoice: ExpressibleByArgument {}

/// Regressor settings shared by `proxy fit` and `proxy study`.
struct ProxyModelOptions: ParsableArguments {
    @Option(help: "Regressor: rf (random forest), gp (Gaussian process, capped training set) or knn (baseline).")
    var model: ModelKind = .rf

    @Option(help: "Trees per forest.")
    var trees: Int = 64

    @Option(help: "Maximum tree depth.")
    var maxDepth: Int = 32

    @Option(help: "Minimum trials per leaf.")
    var minSamplesLeaf: Int = 1

    // 1 (plain bagging, scikit-learn's default) beat 0.5 on DRAM and accelerator logs.
    @Option(help: "Fraction of feature columns tried per split, in (0, 1] (1: all, as scikit-learn's default).")
    var maxFeatures: Double = 1

    @Option(help: "Target transform: auto (log when all values are positive and span 100x or more), log or none.")
    var transform: ProxyFitSettings.TransformChoice = .auto

    @Option(help: "GP: at most this many training trials (a seeded subsample; exact GP costs O(n^3)).")
    var gpMaxPoints: Int = 400

    @Option(help: "kNN: neighbours averaged.")
    var neighbours: Int = 5

    @Option(help: "Threads growing trees (results do not depend on it).")
    var jobs: Int = 2

    func validate() throws {
        guard trees >= 1 else { throw ValidationError("--trees must be at least 1") }
        guard maxDepth >= 1, minSamplesLeaf >= 1 else { throw ValidationError("--max-depth and --min-samples-leaf must be at least 1") }
        guard maxFeatures > 0, maxFeatures <= 1 else { throw ValidationError("--max-features must be in (0, 1]") }
        guard gpMaxPoints >= 2, neighbours >= 1, jobs >= 1 else { throw ValidationError("--gp-max-points >= 2, --neighbours >= 1, --jobs >= 1") }
    }

    func settings(folds: Int) -> ProxyFitSettings {
        var s = ProxyFitSettings()
        s.forest = RandomForest.Settings(trees: trees, maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf, maxFeatures: maxFeatures)
        s.gaussianProcess.maxPoints = gpMaxPoints
        s.neighbours = neighbours
        s.transform = transform
        s.folds = folds
        return s
    }
}

struct ProxyFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "Fit one model per metric on logged trials; report k-fold cross-validation.")

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("name"), help: "Campaign to train on (repeat; default: every campaign of the environment).")
    var names: [String] = []

    @Option(help: "Environment spec the trials were logged on (its fingerprint must match).")
    var env: String

    @Option(help: "Model file to write (JSON).")
    var out: String

    @Option(help: "Metrics to model, comma-separated keys (default: all).")
    var metrics: String?

    @Option(help: "Seed (bootstrap, feature subsampling, folds).")
    var seed: UInt64 = 0

    @Option(help: "Folds of the cross-validation (0: none).")
    var folds: Int = 5

    @OptionGroup var options: ProxyModelOptions

    func run() throws {
        let loader = try EnvironmentLoader(path: env)
        let db = try TrialStore.openReadOnly(store.db)
        let trials = try TrialSet.load(store: db, names: names, fingerprint: loader.environment.fingerprint,
                                       space: loader.environment.designSpace)
        let specFile = env.hasPrefix("proxy:") ? nil : URL(fileURLWithPath: env).standardizedFileURL.path
        var model: ProxyModel?
        let seconds = try measure {
            model = try ProxyFitter.fit(
                trials: trials, environment: loader.environment, environmentSpec: loader.spec.source.value, specFile: specFile,
                database: URL(fileURLWithPath: store.db).standardizedFileURL.path, kind: options.model,
                metricKeys: metrics.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? [],
                settings: options.settings(folds: folds), seed: seed, jobs: options.jobs)
        }
        try model!.save(to: out)
        for line in ProxyReport.fitLines(model!, seconds: seconds, path: out) { say(line) }
    }
}

/// Text the proxy commands print.
enum ProxyReport {
    static func fitLines(_ model: ProxyModel, seconds: Double, path: String) -> [String] {
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

    static func accuracyTable(_ rows: [(key: String, accuracy: Accuracy)], transforms: [String: String] = [:]) -> [String] {
        var table = [["metric", "n", "RMSE", "rel RMSE %", "MAPE %", "R2", "Kendall tau"] + (transforms.isEmpty ? [] : ["target"])]
        for (key, a) in rows {
            table.append([key, String(a.count), format(a.rmse), String(format: "%.3f", a.relativeRMSEPercent),
                          String(format: "%.3f", a.mapePercent), String(format: "%.4f", a.r2), String(format: "%.4f", a.kendallTau)]
                         + (transforms.isEmpty ? [] : [transforms[key] ?? ""]))
        }
        return TextTable.render(table)
    }

    static func format(_ v: Double) -> String {
        v.isFinite ? String(format: abs(v) >= 1e5 || (abs(v) < 1e-2 && v != 0) ? "%.4g" : "%.4f", v) : "-"
    }

    /// `{"metric": {"rmse": …, "rel_rmse_pct": …, "mape_pct": …, "r2": …, "kendall_tau": …, "count": n}, …}`.
    static func json(_ rows: [(key: String, accuracy: Accuracy)]) -> String {
        JSONText.object(rows.map { key, a in
            (key, JSONText.object([("rmse", JSONText.number(a.rmse)), ("rel_rmse_pct", JSONText.number(a.relativeRMSEPercent)),
                                   ("mape_pct", JSONText.number(a.mapePercent)), ("r2", JSONText.number(a.r2)),
                                   ("kendall_tau", JSONText.number(a.kendallTau)), ("count", String(a.count))]))
        })
    }
}

/// Prints a warning to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data(("WARNING: " + text + "\n").utf8))
}
