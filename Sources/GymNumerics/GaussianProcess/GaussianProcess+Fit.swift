import Foundation
@preconcurrency import CGSL
import GymCore

/// Hyperparameter fitting: maximise the log marginal likelihood plus weak
/// log-normal priors (MAP, as BoTorch and Optuna do, so a handful of points
/// cannot drive lengthscales to extremes) with GSL's BFGS (`vector_bfgs2`)
/// on analytic gradients, from a warm start and seeded random restarts.
/// Each log-hyperparameter is kept inside a box by a logistic
/// reparameterisation `θ = lo + (hi − lo)·σ(u)`.
extension GaussianProcess {
    /// Boxes for `[log σ_f², log ℓ…, log σ_n²]`.
    static let signalBox = log(1e-2)...log(1e2)
    static let lengthBox = log(1e-2)...log(1e2)
    static let noiseBox = log(1e-6)...log(0.5)
    /// Prior means and standard deviations (on the log scale).
    static let signalPrior = (mean: 0.0, sd: 1.5)
    static let lengthPrior = (mean: log(0.5), sd: 1.5)
    static let noisePrior = (mean: log(1e-4), sd: 3.0)

    /// Fits hyperparameters to the data, then conditions on it.
    /// - Parameters:
    ///   - start: warm start (e.g. the previous fit); defaults to `Hyperparameters.initial`.
    ///   - restarts: total optimiser runs: the warm start plus `restarts − 1` random starts.
    ///   - maxIterations: BFGS iterations per run.
    ///   - seed: seeds the random restarts.
    ///   - standardise: false to take the targets as they are (see `init`).
    public static func fit(inputs: [[Double]], targets: [Double], categorical: [Bool],
                           start: Hyperparameters? = nil, restarts: Int = 2, maxIterations: Int = 50,
                           seed: UInt64 = 0, standardise: Bool = true) -> GaussianProcess {
        let dims = categorical.count
        let initial = start ?? .initial(dimensions: dims)
        guard inputs.count >= 2 else {
            return GaussianProcess(inputs: inputs, targets: targets, categorical: categorical, hyperparameters: initial,
                                   standardise: standardise)
        }
        let (mean, scale) = standardise ? standardisation(targets) : (0, 1)
        let x = inputs.flatMap { $0 }, y = targets.map { ($0 - mean) / scale }
        let boxes = [signalBox] + [ClosedRange<Double>](repeating: lengthBox, count: dims) + [noiseBox]
        let priors = [signalPrior] + [(mean: Double, sd: Double)](repeating: lengthPrior, count: dims) + [noisePrior]
        let problem = MAPProblem(x: x, n: inputs.count, y: y, categorical: categorical, boxes: boxes, priors: priors)

        var rng = SplitMix64(seed: seed)
        var starts = [problem.unconstrained(initial.vector)]
        for _ in 1..<max(1, restarts) {
            starts.append(boxes.map { _ in 1.5 * (2 * rng.nextUnit() - 1) })
        }
        var best = (value: Double.infinity, theta: initial.vector)
        for u0 in starts {
            let (value, u) = problem.minimise(from: u0, maxIterations: maxIterations)
            if value < best.value { best = (value, problem.constrained(u)) }
        }
        return GaussianProcess(inputs: inputs, targets: targets, categorical: categorical,
                               hyperparameters: Hyperparameters(vector: best.theta), standardise: standardise)
    }
}

/// The negative log posterior in the unconstrained coordinates `u`.
final class MAPProblem {
    let x: [Double], n: Int, y: [Double], categorical: [Bool]
    let boxes: [ClosedRange<Double>]
    let priors: [(mean: Double, sd: Double)]

    init(x: [Double], n: Int, y: [Double], categorical: [Bool],
         boxes: [ClosedRange<Double>], priors: [(mean: Double, sd: Double)]) {
        self.x = x; self.n = n; self.y = y; self.categorical = categorical
        self.boxes = boxes; self.priors = priors
    }

    func constrained(_ u: [Double]) -> [Double] {
        zip(u, boxes).map { u, b in b.lowerBound + (b.upperBound - b.lowerBound) / (1 + exp(-u)) }
    }

    func unconstrained(_ theta: [Double]) -> [Double] {
        zip(theta, boxes).map { t, b in
            let p = min(max((t - b.lowerBound) / (b.upperBound - b.lowerBound), 1e-6), 1 - 1e-6)
            return log(p / (1 - p))
        }
    }

    /// Negative log posterior and its gradient in `u`; a large value when the
    /// covariance is singular, so the line search backs off.
    func evaluate(_ u: [Double], gradient: Bool) -> (Double, [Double]) {
        let theta = constrained(u)
        guard let (lml, g) = GaussianProcess.likelihood(x, n, y, categorical, .init(vector: theta), gradient: gradient)
        else { return (1e10, [Double](repeating: 0, count: u.count)) }
        var value = -lml
        var grad = [Double](repeating: 0, count: u.count)
        for i in 0..<u.count {
            let z = (theta[i] - priors[i].mean) / priors[i].sd
            value += 0.5 * z * z
            if gradient {
                let b = boxes[i]
                let dTheta = (theta[i] - b.lowerBound) * (b.upperBound - theta[i]) / (b.upperBound - b.lowerBound)
                grad[i] = (-g[i] + z / priors[i].sd) * dTheta
            }
        }
        return (value, grad)
    }

    /// BFGS from `u0`; returns the best value and point reached.
    func minimise(from u0: [Double], maxIterations: Int) -> (Double, [Double]) {
        _ = GSLLinearAlgebra.errorHandlerOff
        let dims = u0.count
        let context = Unmanaged.passRetained(self)
        defer { context.release() }
        var function = gsl_multimin_function_fdf(
            f: { v, p in MAPProblem.box(p).evaluate(MAPProblem.read(v, ), gradient: false).0 },
            df: { v, p, g in MAPProblem.write(MAPProblem.box(p).evaluate(MAPProblem.read(v), gradient: true).1, g) },
            fdf: { v, p, f, g in
                let (value, grad) = MAPProblem.box(p).evaluate(MAPProblem.read(v), gradient: true)
                f?.pointee = value
                MAPProblem.write(grad, g)
            },
            n: dims, params: context.toOpaque())
        let start = gsl_vector_alloc(dims)!
        defer { gsl_vector_free(start) }
        for (i, v) in u0.enumerated() { gsl_vector_set(start, i, v) }
        let solver = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, dims)!
        defer { gsl_multimin_fdfminimizer_free(solver) }
        gsl_multimin_fdfminimizer_set(solver, &function, start, 0.1, 0.1)
        for _ in 0..<maxIterations {
            if gsl_multimin_fdfminimizer_iterate(solver) != GSL_SUCCESS { break }
            if gsl_multimin_test_gradient(solver.pointee.gradient, 1e-3) == GSL_SUCCESS { break }
        }
        let value = solver.pointee.f
        let u = MAPProblem.read(UnsafePointer(solver.pointee.x))
        return value.isFinite ? (value, u) : (Double.infinity, u0)
    }

    private static func box(_ p: UnsafeMutableRawPointer?) -> MAPProblem {
        Unmanaged<MAPProblem>.fromOpaque(p!).takeUnretainedValue()
    }

    private static func read(_ v: UnsafePointer<gsl_vector>?) -> [Double] {
        guard let v else { return [] }
        return (0..<v.pointee.size).map { gsl_vector_get(v, $0) }
    }

    private static func write(_ values: [Double], _ g: UnsafeMutablePointer<gsl_vector>?) {
        guard let g else { return }
        for (i, x) in values.enumerated() { gsl_vector_set(g, i, x) }
    }
}
