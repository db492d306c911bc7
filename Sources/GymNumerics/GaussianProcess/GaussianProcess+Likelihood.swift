import Foundation

/// Log marginal likelihood of the standardised targets and its gradient in
/// the log-hyperparameters (Rasmussen & Williams 2006, eq. 5.8–5.9):
/// `log p(y) = −½ yᵀα − Σ log L_ii − n/2 log 2π`,
/// `∂/∂θ_j = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_j)`.
extension GaussianProcess {
    /// The log marginal likelihood of `targets` (standardised internally as
    /// the GP does) under `hyperparameters`, and its gradient in
    /// `Hyperparameters.vector` order; nil when the covariance is not
    /// positive definite.
    public static func logMarginalLikelihood(inputs: [[Double]], targets: [Double], categorical: [Bool],
                                             hyperparameters: Hyperparameters) -> (value: Double, gradient: [Double])? {
        let (mean, scale) = standardisation(targets)
        return likelihood(inputs.flatMap { $0 }, inputs.count, targets.map { ($0 - mean) / scale },
                          categorical, hyperparameters, gradient: true)
    }

    static func likelihood(_ x: [Double], _ n: Int, _ y: [Double], _ categorical: [Bool],
                           _ h: Hyperparameters, gradient wantGradient: Bool) -> (value: Double, gradient: [Double])? {
        var l = gram(x, n, categorical, h)
        guard GSLLinearAlgebra.choleskyInPlace(&l, n) else { return nil }
        let alpha = GSLLinearAlgebra.choleskySolve(l, n, y)
        var value = -0.5 * Double(n) * log(2 * Double.pi)
        for a in 0..<n { value -= 0.5 * y[a] * alpha[a] + log(l[a * n + a]) }
        guard wantGradient else { return (value, []) }

        let dims = categorical.count
        let inv = GSLLinearAlgebra.choleskyInverse(l, n)
        let signal = h.signalVariance, lengthInverse = h.inverseLengthscales
        var grad = [Double](repeating: 0, count: dims + 2)
        var d2 = [Double](repeating: 0, count: dims)
        x.withUnsafeBufferPointer { xp in
            for a in 0..<n {
                let waa = alpha[a] * alpha[a] - inv[a * n + a]
                grad[0] += 0.5 * waa * signal
                grad[dims + 1] += 0.5 * waa * h.noiseVariance
                for b in 0..<a {
                    // The pair (a, b) and (b, a): the ½ in the trace cancels.
                    let w = alpha[a] * alpha[b] - inv[a * n + b]
                    var r2 = 0.0, mismatch = 0.0
                    for j in 0..<dims {
                        if categorical[j] {
                            d2[j] = xp[a * dims + j] != xp[b * dims + j] ? lengthInverse[j] : 0
                            mismatch += d2[j]
                        } else {
                            let d = (xp[a * dims + j] - xp[b * dims + j]) * lengthInverse[j]
                            d2[j] = d * d
                            r2 += d2[j]
                        }
                    }
                    let s5r = root5 * r2.squareRoot()
                    let e = exp(-s5r - mismatch)
                    let k = signal * (1 + s5r + 5 * r2 / 3) * e
                    grad[0] += w * k
                    let radial = w * signal * (5.0 / 3) * (1 + s5r) * e
                    for j in 0..<dims {
                        grad[1 + j] += categorical[j] ? w * k * d2[j] : radial * d2[j]
                    }
                }
            }
        }
        return (value, grad)
    }
}
