import Foundation
import GymCore
import GymStore

/// A fitted proxy of a real environment, as saved in a model file (JSON,
/// versioned): the real environment's identity and spec, the feature
/// encoding, one model per metric, an optional feasibility model, where the
/// training data came from and how well the model cross-validated.
///
///     let model = try ProxyModel.load("accelerator-rf.json")
///     let metrics = model.predict(configuration)
public struct ProxyModel: Codable, Sendable {
    public static let formatName = "dsegym-proxy-model"
    public static let currentVersion = 1

    /// The real environment the proxy imitates.
    public struct EnvironmentRecord: Codable, Sendable {
        public var id: String
        public var fingerprint: String
        /// The environment spec as resolved (rebuilds the real environment).
        public var spec: SpecValue
        /// Absolute path of the spec file, for relative settings inside it.
        public var specFile: String?

        enum CodingKeys: String, CodingKey { case id, fingerprint, spec, specFile = "spec_file" }
    }

    /// Identity of the training data.
    public struct TrainingRecord: Codable, Sendable {
        public var database: String
        public var campaigns: [TrialSet.Source]
        /// Distinct configurations used (feasible or not).
        public var trials: Int
        public var trialSetHash: String
        /// `Configuration.hashHex` of every training configuration, sorted:
        /// what `proxy eval` checks evaluation data against.
        public var configurationHashes: [String]

        enum CodingKeys: String, CodingKey {
            case database, campaigns, trials, trialSetHash = "trial_set_hash", configurationHashes = "configuration_hashes"
        }
    }

    /// k-fold cross-validation on the training data.
    public struct CrossValidation: Codable, Sendable {
        public var folds: Int
        public var metrics: [String: Accuracy]
    }

    /// A classifier of environment feasibility: a forest regressing the 0/1
    /// verdict, so its prediction is the fraction of similar trials that were
    /// feasible; below 0.5 the proxy answers infeasible.
    public struct FeasibilityModel: Codable, Sendable {
        public var forest: RandomForest
        public var feasibleFraction: Double

        enum CodingKeys: String, CodingKey { case forest, feasibleFraction = "feasible_fraction" }
    }

    public var format: String
    public var version: Int
    public var kind: ModelKind
    public var seed: UInt64
    public var toolVersion: String
    public var environment: EnvironmentRecord
    public var encoding: FeatureEncoding
    public var settings: ProxyFitSettings
    public var metrics: [MetricModel]
    public var feasibility: FeasibilityModel?
    public var training: TrainingRecord
    public var crossValidation: CrossValidation?

    enum CodingKeys: String, CodingKey {
        case format, version, kind, seed, toolVersion = "tool_version", environment, encoding, settings, metrics
        case feasibility, training, crossValidation = "cross_validation"
    }

    public var metricSpecs: [MetricSpec] { metrics.map(\.metric) }

    /// The encodings of configurations the regressors need (the GP's only
    /// when a metric has a GP), for `predict`.
    public func encode(_ configurations: [Configuration], space: DesignSpace) -> [EncodedPoint] {
        let needsUnit = metrics.contains { if case .gaussianProcess = $0.regressor { return true } else { return false } }
        return configurations.map {
            EncodedPoint(features: encoding.features($0), unit: needsUnit ? encoding.gaussianProcessInputs($0, space: space) : [])
        }
    }

    /// Predicted metrics of each configuration: infeasible (with the reason)
    /// when the feasibility model says so.
    public func predict(_ configurations: [Configuration], space: DesignSpace) -> [Metrics] {
        let points = encode(configurations, space: space)
        let columns = metrics.map { $0.predict(points) }
        return points.indices.map { i in
            if let f = feasibility {
                let p = f.forest.predict(points[i].features)
                if p < 0.5 {
                    return .infeasible(String(format: "the proxy predicts the real environment rejects this design (%.0f%% of similar logged designs were feasible); check it with the real environment", 100 * p))
                }
            }
            return Metrics(metrics.indices.map { m in Metric(metrics[m].metric.name, metrics[m].metric.unit, columns[m][i]) })
        }
    }

    // MARK: Files

    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { try encoder.encode(self).write(to: URL(fileURLWithPath: path)) }
        catch { throw StoreError(.io, path: path, "cannot write the model file: \(error.localizedDescription)") }
    }

    /// Reads and checks a model file.
    /// - Throws: `SpecError` naming the file when it is missing, not a proxy
    ///   model, of another format version, or internally inconsistent.
    public static func load(_ path: String) throws -> ProxyModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, "cannot read the model file (missing or unreadable)")
        }
        return try decode(data, file: path)
    }

    static func decode(_ data: Data, file: String) throws -> ProxyModel {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? decoder.decode(Header.self, from: data), header.format == formatName else {
            throw SpecError(file: file, key: "format", "not a DSEGym proxy model (expected \"format\": \"\(formatName)\"); make one with `dsegym proxy fit`")
        }
        guard header.version == currentVersion else {
            throw SpecError(file: file, key: "version", "model format version \(header.version.map(String.init) ?? "?") is not supported; this dsegym reads version \(currentVersion) (refit the model)")
        }
        let model: ProxyModel
        do { model = try decoder.decode(ProxyModel.self, from: data) }
        catch { throw SpecError(file: file, "corrupt model file: \(error)") }
        let columns = model.encoding.featureCount
        for m in model.metrics {
            if case .forest(let f) = m.regressor, !(f.isConsistent && f.featureCount == columns) {
                throw SpecError(file: file, key: "metrics.\(m.metric.key)", "forest does not match the feature encoding (\(columns) columns)")
            }
        }
        if let f = model.feasibility, !(f.forest.isConsistent && f.forest.featureCount == columns) {
            throw SpecError(file: file, key: "feasibility", "forest does not match the feature encoding (\(columns) columns)")
        }
        guard !model.metrics.isEmpty else { throw SpecError(file: file, key: "metrics", "the model has no metrics") }
        return model
    }
}
