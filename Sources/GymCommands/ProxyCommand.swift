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

/// Prints a warning to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data(("WARNING: " + text + "\n").utf8))
}
