import Foundation

/// The product kernel
/// `k(x, x') = σ_f² · Matérn₅/₂(r) · exp(−Σ_c [x_c ≠ x'_c] / ℓ_c)`, with
/// `r² = Σ_o ((x_o − x'_o) / ℓ_o)²` over the ordered inputs `o` (ARD
/// lengthscales) and a Hamming-distance factor over the categorical inputs
/// `c` (their value is a choice index; `1/ℓ_c` is the weight of a mismatch).
/// See docs/references.md §6 (BoTorch/Optuna practice for mixed spaces).
extension GaussianProcess {
    /// √5, used throughout the Matérn-5/2 formulas.
    static let root5 = 5.0.squareRoot()

    /// Kernel value between two inputs (without the noise term).
    static func kernel(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                       inverseLengthscales: [Double], categorical: [Bool], signal: Double) -> Double {
        var r2 = 0.0, mismatch = 0.0
        for j in 0..<inverseLengthscales.count {
            if categorical[j] {
                if a[j] != b[j] { mismatch += inverseLengthscales[j] }
            } else {
                let d = (a[j] - b[j]) * inverseLengthscales[j]
                r2 += d * d
            }
        }
        let s5r = root5 * r2.squareRoot()
        return signal * (1 + s5r + 5 * r2 / 3) * exp(-s5r - mismatch)
    }

    /// Kernel values between each training input and each of `points`, as an
    /// n×m row-major matrix (training inputs down, points across).
    func crossCovariance(_ points: [[Double]]) -> [Double] {
        let m = points.count, dims = categorical.count
        var out = [Double](repeating: 0, count: count * m)
        let inv = hyperparameters.inverseLengthscales, signal = hyperparameters.signalVariance
        inputs.withUnsafeBufferPointer { xp in
            for (c, z) in points.enumerated() {
                z.withUnsafeBufferPointer { zp in
                    for a in 0..<count {
                        let row = UnsafeBufferPointer(rebasing: xp[(a * dims)..<((a + 1) * dims)])
                        out[a * m + c] = GaussianProcess.kernel(row, zp, inverseLengthscales: inv,
                                                                categorical: categorical, signal: signal)
                    }
                }
            }
        }
        return out
    }

    /// The training covariance `K + σ_n² I` (n×n, row-major).
    static func gram(_ x: [Double], _ n: Int, _ categorical: [Bool], _ h: Hyperparameters) -> [Double] {
        let dims = categorical.count
        var k = [Double](repeating: 0, count: n * n)
        let inv = h.inverseLengthscales, signal = h.signalVariance
        x.withUnsafeBufferPointer { xp in
            for a in 0..<n {
                let ra = UnsafeBufferPointer(rebasing: xp[(a * dims)..<((a + 1) * dims)])
                k[a * n + a] = signal + h.noiseVariance
                for b in 0..<a {
                    let rb = UnsafeBufferPointer(rebasing: xp[(b * dims)..<((b + 1) * dims)])
                    let v = kernel(ra, rb, inverseLengthscales: inv, categorical: categorical, signal: signal)
                    k[a * n + b] = v
                    k[b * n + a] = v
                }
            }
        }
        return k
    }
}
