import Foundation

/// Gaussian-process regression for surrogate-based search (BO) and proxy
/// models: exact inference with a Cholesky factor computed by GSL.
///
/// Inputs are vectors whose ordered coordinates lie in (about) [0, 1] and
/// whose categorical coordinates hold a choice index (`categorical[j]`); the
/// kernel is Matérn-5/2 ARD × Hamming (see `GaussianProcess+Kernel`).
/// Targets are standardised internally (zero mean, unit variance) and
/// predictions come back in the original units.
///
///     let gp = GaussianProcess.fit(inputs: xs, targets: ys, categorical: [false, false])
///     let (mean, variance) = gp.predict([[0.3, 0.7]])[0]
///
/// Value type, `Sendable`; fitting and prediction are pure given the inputs
/// and the seed of the hyperparameter restarts.
public struct GaussianProcess: Sendable {
    /// Kernel hyperparameters, stored as logarithms.
    public struct Hyperparameters: Hashable, Sendable, Codable {
        /// log σ_f², the signal variance (on the standardised target scale).
        public var logSignalVariance: Double
        /// log ℓ_j per input: a lengthscale for ordered inputs, the inverse
        /// mismatch weight for categorical ones.
        public var logLengthscales: [Double]
        /// log σ_n², the noise (and jitter) variance on the standardised scale.
        public var logNoiseVariance: Double

        public init(logSignalVariance: Double, logLengthscales: [Double], logNoiseVariance: Double) {
            self.logSignalVariance = logSignalVariance
            self.logLengthscales = logLengthscales
            self.logNoiseVariance = logNoiseVariance
        }

        /// σ_f² = 1, ℓ = 0.5, σ_n² = 1e-4: a neutral start for standardised data on the unit cube.
        public static func initial(dimensions: Int) -> Hyperparameters {
            Hyperparameters(logSignalVariance: 0, logLengthscales: [Double](repeating: log(0.5), count: dimensions),
                            logNoiseVariance: log(1e-4))
        }

        /// `[log σ_f², log ℓ_1 … log ℓ_D, log σ_n²]`, the order of gradients.
        public var vector: [Double] { [logSignalVariance] + logLengthscales + [logNoiseVariance] }

        public init(vector v: [Double]) {
            self.init(logSignalVariance: v[0], logLengthscales: Array(v[1..<(v.count - 1)]),
                      logNoiseVariance: v[v.count - 1])
        }

        var signalVariance: Double { exp(logSignalVariance) }
        var noiseVariance: Double { exp(logNoiseVariance) }
        var inverseLengthscales: [Double] { logLengthscales.map { exp(-$0) } }
    }

    public let categorical: [Bool]
    public private(set) var hyperparameters: Hyperparameters
    /// Number of training points.
    public internal(set) var count: Int
    /// Mean and scale used to standardise the targets.
    public private(set) var targetMean: Double
    public private(set) var targetScale: Double
    /// False when the targets were taken as they are (`init(…standardise:)`).
    public let standardised: Bool
    /// Training inputs, row-major n × D.
    var inputs: [Double]
    /// Standardised targets.
    private(set) var targets: [Double]
    /// Lower Cholesky factor of `K + σ_n² I`, row-major n × n.
    var cholesky: [Double]
    /// `(K + σ_n² I)⁻¹ y` on the standardised targets.
    private(set) var alpha: [Double]

    /// Conditions the GP on data with fixed hyperparameters. When the
    /// covariance is not numerically positive definite the noise variance is
    /// raised tenfold (up to 8 times) until it is; `hyperparameters` reports
    /// the value used. With `standardise` false the targets are taken as they
    /// are (prior mean 0, unit scale): the right choice for ±1 labels, whose
    /// prior far from the data should be "undecided" (0), not the label mean.
    public init(inputs: [[Double]], targets: [Double], categorical: [Bool], hyperparameters: Hyperparameters,
                standardise: Bool = true) {
        precondition(inputs.count == targets.count, "one target per input")
        precondition(hyperparameters.logLengthscales.count == categorical.count, "one lengthscale per input")
        self.categorical = categorical
        count = inputs.count
        self.inputs = inputs.flatMap { $0 }
        let (mean, scale) = standardise ? GaussianProcess.standardisation(targets) : (0, 1)
        targetMean = mean
        targetScale = scale
        standardised = standardise
        self.targets = targets.map { ($0 - mean) / scale }
        self.hyperparameters = hyperparameters
        cholesky = []
        alpha = []
        factorise()
    }

    static func standardisation(_ y: [Double]) -> (mean: Double, scale: Double) {
        guard !y.isEmpty else { return (0, 1) }
        let mean = y.reduce(0, +) / Double(y.count)
        let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)
        let scale = variance.squareRoot()
        return (mean, scale > 1e-12 ? scale : 1)
    }

    private mutating func factorise() {
        for _ in 0..<9 {
            var k = GaussianProcess.gram(inputs, count, categorical, hyperparameters)
            if GSLLinearAlgebra.choleskyInPlace(&k, count) {
                cholesky = k
                alpha = GSLLinearAlgebra.choleskySolve(k, count, targets)
                return
            }
            hyperparameters.logNoiseVariance += log(10)
        }
        preconditionFailure("GP covariance not positive definite even with noise \(hyperparameters.noiseVariance)")
    }

    /// Standardises `targets` (original units, one per training input) as
    /// `init` does and recomputes `alpha` from the current factor.
    mutating func restandardise(_ targets: [Double]) {
        let (mean, scale) = standardised ? GaussianProcess.standardisation(targets) : (0, 1)
        targetMean = mean
        targetScale = scale
        self.targets = targets.map { ($0 - mean) / scale }
        alpha = GSLLinearAlgebra.choleskySolve(cholesky, count, self.targets)
    }

    /// Posterior mean and variance of the latent function at each point, in
    /// target units (the variance excludes observation noise).
    public func predict(_ points: [[Double]]) -> [(mean: Double, variance: Double)] {
        let m = points.count
        let signal = hyperparameters.signalVariance
        guard count > 0 else {
            return [(mean: Double, variance: Double)](repeating: (targetMean, signal * targetScale * targetScale), count: m)
        }
        var kStar = crossCovariance(points)
        var means = [Double](repeating: 0, count: m)
        for a in 0..<count where alpha[a] != 0 {
            let w = alpha[a], row = a * m
            for c in 0..<m { means[c] += kStar[row + c] * w }
        }
        GSLLinearAlgebra.solveTriangular(cholesky, count, columns: &kStar, m)
        var reduction = [Double](repeating: 0, count: m)
        for a in 0..<count {
            let row = a * m
            for c in 0..<m { reduction[c] += kStar[row + c] * kStar[row + c] }
        }
        let s2 = targetScale * targetScale
        return (0..<m).map { c in
            (targetMean + targetScale * means[c], max(1e-12, signal - reduction[c]) * s2)
        }
    }

    /// The GP with one more observation (same hyperparameters and target
    /// standardisation), by extending the Cholesky factor in O(n²): the step
    /// behind constant-liar batches.
    public func adding(_ x: [Double], target: Double) -> GaussianProcess {
        var next = self
        let n = count, n1 = count + 1
        var l = GSLLinearAlgebra.solveTriangularVector(self, x)
        let lsq = l.reduce(0) { $0 + $1 * $1 }
        let diagonal = hyperparameters.signalVariance + hyperparameters.noiseVariance - lsq
        guard diagonal > 1e-10 else {
            // Numerically a repeat of a training input: refactorise from scratch.
            return GaussianProcess(inputs: rows + [x], targets: originalTargets + [target], categorical: categorical,
                                   hyperparameters: hyperparameters, standardise: standardised)
        }
        var grown = [Double](repeating: 0, count: n1 * n1)
        for i in 0..<n { for j in 0...i { grown[i * n1 + j] = cholesky[i * n + j] } }
        l.append(diagonal.squareRoot())
        for j in 0..<n1 { grown[n * n1 + j] = l[j] }
        next.cholesky = grown
        next.count = n1
        next.inputs += x
        next.targets.append((target - targetMean) / targetScale)
        next.alpha = GSLLinearAlgebra.choleskySolve(grown, n1, next.targets)
        return next
    }

    /// Training inputs as rows.
    public var rows: [[Double]] {
        let d = categorical.count
        return (0..<count).map { Array(inputs[($0 * d)..<(($0 + 1) * d)]) }
    }

    /// Training targets in their original units.
    public var originalTargets: [Double] { targets.map { targetMean + targetScale * $0 } }
}

extension GSLLinearAlgebra {
    /// `L⁻¹ k(X, x)` for one new point of `gp`.
    static func solveTriangularVector(_ gp: GaussianProcess, _ x: [Double]) -> [Double] {
        var k = gp.crossCovariance([x])
        solveTriangular(gp.cholesky, gp.count, &k)
        return k
    }
}
