import Foundation
import GymCore
import GymNumerics

/// What one trial says about feasibility, as the BO agent keeps it.
///
/// - `accepted`: false when the point is infeasible and no objective
///   constraint explains it: a **hidden** constraint (the environment
///   refused it, e.g. a buffer that overflows, a dataflow that cannot map,
///   with a reason but possibly no metrics).
/// - `slacks[j]`: the normalised slack of the objective's constraint `j`
///   (`(max − x)/|max|`, `(x − min)/|min|`; ≥ 0 when satisfied) when the trial
///   reported that metric — also in the partial metrics of a refused point.
struct FeasibilityRecord: Sendable, Equatable {
    var accepted: Bool
    var slacks: [Double?]

    init(_ trial: Trial, bounds: [Objective.Bound]) {
        slacks = bounds.map { FeasibilityRecord.slack(of: $0, in: trial.metrics) }
        let explained = slacks.contains { ($0 ?? 0) < 0 }
        accepted = trial.reward != nil || (trial.metrics.feasible && explained)
    }

    /// The smaller normalised slack of a bound's limits, nil without the metric.
    static func slack(of bound: Objective.Bound, in metrics: Metrics) -> Double? {
        guard let x = metrics[bound.metric], x.isFinite else { return nil }
        var s = Double.infinity
        if let hi = bound.atMost { s = min(s, (hi - x) / max(abs(hi), 1e-12)) }
        if let lo = bound.atLeast { s = min(s, (x - lo) / max(abs(lo), 1e-12)) }
        // Clamped so one far-off point does not dominate the GP's scale.
        return s.isFinite ? min(max(s, -3), 3) : nil
    }
}

/// The probability that a candidate is feasible, as a product of
/// independent GP models (Gardner et al. 2014, "Bayesian optimization with
/// inequality constraints"; Optuna's constrained GP sampler; BaCO's
/// feasibility model — docs/references.md §6):
///
/// - hidden constraints: a GP on ±1 labels (accepted/refused) with a zero
///   prior mean, read through a probit link,
///   `P(accepted) = Φ(μ / √(σ² + s²))`, `s = labelScale` — least-squares
///   classification (Rasmussen & Williams 2006, §6.5) with a fixed probit
///   calibration: a point next to a refused one gets ≈ Φ(−1/s), an
///   unexplored one ≈ ½;
/// - each objective constraint on a metric: a GP on its normalised slack,
///   `P(slack ≥ 0) = Φ(μ / σ)`.
///
/// A model is built only once the data show the constraint can fail (some
/// refused point, some negative slack): before that it contributes 1.
struct FeasibilityModel {
    static let labelScale = 0.5

    var classifier: GaussianProcess?
    var slackModels: [GaussianProcess] = []

    var isTrivial: Bool { classifier == nil && slackModels.isEmpty }

    /// `log P(feasible)` at each input.
    func logProbability(_ points: [[Double]]) -> [Double] {
        var out = [Double](repeating: 0, count: points.count)
        guard !isTrivial, !points.isEmpty else { return out }
        if let classifier {
            for (i, p) in classifier.predict(points).enumerated() {
                let z = p.mean / (p.variance + FeasibilityModel.labelScale * FeasibilityModel.labelScale).squareRoot()
                out[i] += FeasibilityModel.logBigPhi(z)
            }
        }
        for model in slackModels {
            for (i, p) in model.predict(points).enumerated() {
                out[i] += FeasibilityModel.logBigPhi(p.mean / max(p.variance, 1e-18).squareRoot())
            }
        }
        return out
    }

    /// `log Φ(z)`: `erfc` keeps its relative precision down to z ≈ −37 where
    /// it underflows, so below z = −30 the asymptotic series
    /// `Φ(z) ≈ φ(z)/(−z) · (1 − 1/z² + 3/z⁴ − 15/z⁶)` (relative error < 1e-10 there).
    static func logBigPhi(_ z: Double) -> Double {
        if z > -30 { return log(max(Acquisition.bigPhi(z), .leastNormalMagnitude)) }
        let w = 1 / (z * z)
        return -0.5 * z * z - 0.5 * log(2 * Double.pi) - log(-z) + log(1 - w * (1 - w * (3 - 15 * w)))
    }
}
