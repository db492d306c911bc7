import Foundation

/// Conditioning on more data without refactorising: between hyperparameter
/// refits a BO agent's training set usually grows by a few points at the
/// end, so the Cholesky factor of the old points is kept and only the new
/// rows are computed, `O(k n²)` instead of `O(n³/3)` (the bordered Cholesky
/// update, Golub & Van Loan §4.2; Rasmussen & Williams 2006, Alg. 2.1 for the
/// solve).
extension GaussianProcess {
    /// The GP on `inputs` and `targets` with the same hyperparameters, or nil
    /// when `inputs` does not start with this GP's training inputs or a new
    /// point is numerically a repeat (the caller then refactorises). The
    /// targets are standardised afresh, as `init` does.
    public func extended(inputs: [[Double]], targets: [Double]) -> GaussianProcess? {
        let n = count, total = inputs.count, dims = categorical.count
        guard total >= n, targets.count == total else { return nil }
        for i in 0..<n where inputs[i].count != dims || !inputs[i].elementsEqual(self.inputs[(i * dims)..<((i + 1) * dims)]) {
            return nil
        }
        var next = self
        if total > n {
            let inv = hyperparameters.inverseLengthscales, signal = hyperparameters.signalVariance
            let diagonal = signal + hyperparameters.noiseVariance
            var l = [Double](repeating: 0, count: total * total)
            for i in 0..<n { for j in 0...i { l[i * total + j] = cholesky[i * n + j] } }
            let flat = inputs.flatMap { $0 }
            var failed = false
            flat.withUnsafeBufferPointer { xp in
                for r in n..<total {
                    let row = UnsafeBufferPointer(rebasing: xp[(r * dims)..<((r + 1) * dims)])
                    // Forward substitution: l_rj = (k_rj − Σ_{t<j} l_rt l_jt) / l_jj.
                    var squares = 0.0
                    for j in 0..<r {
                        let other = UnsafeBufferPointer(rebasing: xp[(j * dims)..<((j + 1) * dims)])
                        var v = GaussianProcess.kernel(row, other, inverseLengthscales: inv, categorical: categorical,
                                                       signal: signal)
                        for t in 0..<j { v -= l[r * total + t] * l[j * total + t] }
                        v /= l[j * total + j]
                        l[r * total + j] = v
                        squares += v * v
                    }
                    let d = diagonal - squares
                    guard d > 1e-10 else { failed = true; return }
                    l[r * total + r] = d.squareRoot()
                }
            }
            guard !failed else { return nil }
            next.cholesky = l
            next.inputs = flat
        }
        next.count = total
        next.restandardise(targets)
        return next
    }
}
