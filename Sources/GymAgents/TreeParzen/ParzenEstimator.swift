import Foundation
import GymCore

/// A multivariate Parzen estimator over index genes, as Optuna's TPE builds
/// it (Watanabe 2023, "Tree-structured Parzen estimator: understanding its
/// algorithm components"; Optuna's `_ParzenEstimator`, docs/references.md §6):
/// a mixture with one component per observation plus a prior component,
///
///     p(x) = Σ_k w_k Π_d p_kd(x_d),
///
/// where, per dimension,
/// - an **ordered** gene (integer, ordinal, real grid; levels `0..<L`) is a
///   normal centred on the observed level, truncated to `[−½, L − ½]` and
///   discretised to unit bins; the bandwidth is Optuna's multivariate rule
///   `σ = 0.2 · n^(−1/(D+4)) · L` clipped to `[L / min(100, 1 + n + 1), L]`
///   (the "magic clip"), the prior component is centred at the middle with
///   `σ = L`;
/// - a **categorical** gene is a categorical distribution putting weight 1 on
///   the observed choice plus `prior_weight / (n + 1)` on every choice,
///   normalised (the prior component is uniform).
///
/// Component weights are Optuna's `default_weights`: 1 for the 25 most recent
/// observations, a linear ramp from `1/n` for older ones; the prior has
/// `prior_weight`. Observations are given in trial order.
struct ParzenEstimator {
    private let levels: [Int]
    private let categorical: [Bool]
    /// Component centres (genes as numbers); the prior is the last
    /// component, centred at the middle of each ordered gene's range.
    private let centres: [[Double]]
    private let logWeights: [Double]
    /// Per ordered dimension: the bandwidth shared by the observations and the prior's.
    private let sigma: [Double]
    private let priorSigma: [Double]
    /// Per categorical dimension: the mass on the observed choice and on each other one.
    private let hit: Double, miss: [Double]

    init(observations: [[Int]], levels: [Int], categorical: [Bool], priorWeight: Double) {
        self.levels = levels
        self.categorical = categorical
        let n = observations.count
        let dims = levels.count
        var weights = ParzenEstimator.defaultWeights(n) + [priorWeight]
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        logWeights = weights.map { Foundation.log(max($0, .leastNormalMagnitude)) }
        centres = observations.map { $0.map(Double.init) } + [levels.map { Double($0 - 1) / 2 }]

        let shrink = 0.2 * pow(Double(max(n, 1)), -1.0 / Double(dims + 4))
        let kernels = Double(n + 1)
        sigma = levels.map { l in
            let span = Double(l)
            return min(max(shrink * span, span / min(100, 1 + kernels)), span)
        }
        priorSigma = levels.map(Double.init)
        // Categorical kernel of an observation: 1 on its choice + prior_weight / kernels on each choice.
        let spread = priorWeight / kernels
        hit = 1 + spread
        miss = levels.map { _ in spread }
    }

    /// Optuna's `default_weights(n)`: ones for n < 25, else a ramp over the
    /// oldest `n − 25` observations and ones for the most recent 25.
    static func defaultWeights(_ n: Int) -> [Double] {
        guard n >= 25 else { return [Double](repeating: 1, count: n) }
        let older = n - 25
        let ramp: [Double] = older == 1 ? [1.0 / Double(n)]
            : (0..<older).map { 1.0 / Double(n) + (1 - 1.0 / Double(n)) * Double($0) / Double(older - 1) }
        return ramp + [Double](repeating: 1, count: 25)
    }

    /// A draw: a component by weight, then each gene from its kernel.
    func sample(using rng: inout SplitMix64) -> [Int] {
        let u = rng.nextUnit()
        var k = centres.count - 1, acc = 0.0
        for (i, lw) in logWeights.enumerated() {
            acc += exp(lw)
            if u < acc { k = i; break }
        }
        let isPrior = k == centres.count - 1
        return (0..<levels.count).map { d in
            let l = levels[d]
            guard l > 1 else { return 0 }
            if categorical[d] {
                if isPrior { return rng.index(below: l) }
                // P(choice) ∝ spread, plus 1 on the observed choice.
                let spread = miss[d], totalMass = Double(l) * spread + 1
                var v = rng.nextUnit() * totalMass
                if v < 1 { return Int(centres[k][d]) }
                v -= 1
                return min(l - 1, Int(v / spread))
            }
            let mu = centres[k][d], s = isPrior ? priorSigma[d] : sigma[d]
            let low = -0.5, high = Double(l) - 0.5
            // Rejection from the normal: μ lies inside and σ ≤ the span, so at least a third is accepted.
            for _ in 0..<64 {
                let x = mu + s * rng.gaussian()
                if x >= low, x < high { return min(l - 1, max(0, Int((x + 0.5).rounded(.down)))) }
            }
            return min(l - 1, max(0, Int(mu.rounded())))
        }
    }

    /// `log p(x)` of each gene vector.
    func logDensity(_ points: [[Int]]) -> [Double] {
        points.map { x in
            var terms = [Double](repeating: 0, count: centres.count)
            for k in centres.indices {
                let isPrior = k == centres.count - 1
                var s = logWeights[k]
                for d in 0..<levels.count where levels[d] > 1 {
                    let l = levels[d]
                    if categorical[d] {
                        s += isPrior ? -Foundation.log(Double(l))
                            : Foundation.log((x[d] == Int(centres[k][d]) ? hit : miss[d]) / (Double(l) * miss[d] + 1))
                    } else {
                        s += ParzenEstimator.logBinMass(Double(x[d]), mu: centres[k][d],
                                                        sigma: isPrior ? priorSigma[d] : sigma[d], levels: l)
                    }
                }
                terms[k] = s
            }
            let top = terms.max()!
            return top + Foundation.log(terms.reduce(0) { $0 + exp($1 - top) })
        }
    }

    /// Log mass of the unit bin around level `x` under a normal(μ, σ)
    /// truncated to `[−½, L − ½]`.
    static func logBinMass(_ x: Double, mu: Double, sigma: Double, levels: Int) -> Double {
        let bin = normalMass(from: (x - 0.5 - mu) / sigma, to: (x + 0.5 - mu) / sigma)
        let all = normalMass(from: (-0.5 - mu) / sigma, to: (Double(levels) - 0.5 - mu) / sigma)
        return Foundation.log(max(bin, 1e-300)) - Foundation.log(max(all, 1e-300))
    }

    /// `Φ(b) − Φ(a)` for a < b, computed on the side of the tails where it
    /// keeps its precision.
    static func normalMass(from a: Double, to b: Double) -> Double {
        if a > 0 { return 0.5 * (erfc(a / 2.0.squareRoot()) - erfc(b / 2.0.squareRoot())) }
        if b < 0 { return 0.5 * (erfc(-b / 2.0.squareRoot()) - erfc(-a / 2.0.squareRoot())) }
        return 1 - 0.5 * erfc(-a / 2.0.squareRoot()) - 0.5 * erfc(b / 2.0.squareRoot())
    }
}
