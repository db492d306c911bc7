import Foundation
import GymCore

/// Which regressor a proxy uses.
public enum ModelKind: String, Codable, Sendable, CaseIterable {
    /// Random forest on the one-hot/log feature encoding.
    case rf
    /// Gaussian process (GymNumerics', the BO surrogate) on a capped training set.
    case gp
    /// k nearest neighbours on the standardised features: a baseline.
    case knn
}

/// How targets are transformed before fitting. A cost metric that spans
/// decades (latency of a 16-PE vs a 4096-PE array) is fitted as its
/// logarithm, so that errors are relative; predictions are transformed back.
public enum TargetTransform: String, Codable, Sendable {
    case none, log

    func forward(_ y: Double) -> Double { self == .log ? Foundation.log(y) : y }
    func inverse(_ y: Double) -> Double { self == .log ? exp(y) : y }

    /// `log` when every target is positive and they span at least two
    /// decades, else `none`. Measured: on DRAM logs (latency within 7×, power
    /// within 4×) fitting raw values gave lower relative RMSE than logs; on
    /// accelerator logs (latency, area, power spanning 10³–10⁴×) logs did no worse.
    static func automatic(for targets: [Double]) -> TargetTransform {
        guard let lo = targets.min(), let hi = targets.max(), lo > 0 else { return .none }
        return hi / lo >= 100 ? .log : .none
    }
}

/// One input point in both encodings the regressors use.
public struct EncodedPoint: Sendable {
    /// One-hot / value / log₂ columns (forest, kNN).
    public var features: [Double]
    /// One coordinate per parameter (GP).
    public var unit: [Double]
}

/// The regressor of one metric.
public enum Regressor: Sendable {
    case forest(RandomForest)
    case gaussianProcess(GaussianProcessRegressor)
    case nearestNeighbours(NearestNeighbours)

    func predict(_ points: [EncodedPoint]) -> [Double] {
        switch self {
        case .forest(let f): return points.map { f.predict($0.features) }
        case .gaussianProcess(let g): return g.predict(points.map(\.unit))
        case .nearestNeighbours(let k): return points.map { k.predict($0.features) }
        }
    }
}

extension Regressor: Codable {
    enum CodingKeys: String, CodingKey { case forest, gaussianProcess = "gaussian_process", nearestNeighbours = "nearest_neighbours" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let f = try c.decodeIfPresent(RandomForest.self, forKey: .forest) { self = .forest(f) }
        else if let g = try c.decodeIfPresent(GaussianProcessRegressor.self, forKey: .gaussianProcess) { self = .gaussianProcess(g) }
        else { self = .nearestNeighbours(try c.decode(NearestNeighbours.self, forKey: .nearestNeighbours)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .forest(let f): try c.encode(f, forKey: .forest)
        case .gaussianProcess(let g): try c.encode(g, forKey: .gaussianProcess)
        case .nearestNeighbours(let k): try c.encode(k, forKey: .nearestNeighbours)
        }
    }
}

/// A fitted model of one metric: its spec (name, unit, direction), the
/// target transform and the regressor.
public struct MetricModel: Codable, Sendable {
    public var metric: MetricSpec
    public var transform: TargetTransform
    public var trainingCount: Int
    public var regressor: Regressor

    enum CodingKeys: String, CodingKey { case metric, transform, trainingCount = "training_count", regressor }

    /// Predictions in the metric's own unit.
    public func predict(_ points: [EncodedPoint]) -> [Double] {
        regressor.predict(points).map(transform.inverse)
    }
}
