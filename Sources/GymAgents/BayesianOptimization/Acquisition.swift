import Foundation

/// Acquisition functions for maximising a reward with a GP surrogate.
enum Acquisition {
    case expectedImprovement, logExpectedImprovement, upperConfidenceBound(beta: Double)

    init(name: String, beta: Double) {
        switch name {
        case "ei": self = .expectedImprovement
        case "ucb": self = .upperConfidenceBound(beta: beta)
        default: self = .logExpectedImprovement
        }
    }

    /// Score of a posterior (mean, variance) given the incumbent best reward.
    func score(mean: Double, variance: Double, best: Double) -> Double {
        let sigma = max(variance, 1e-18).squareRoot()
        switch self {
        case .upperConfidenceBound(let beta):
            return mean + beta * sigma
        case .expectedImprovement:
            let z = (mean - best) / sigma
            return sigma * Acquisition.h(z)
        case .logExpectedImprovement:
            return log(sigma) + Acquisition.logH((mean - best) / sigma)
        }
    }

    /// Score of a posterior times the probability of feasibility `exp(logFeasible)`:
    /// log-EI + log P, EI × P, and for UCB `P · max(0, UCB − floor)` with
    /// `floor` the worst reward observed (UCB shifted to be non-negative).
    func score(mean: Double, variance: Double, best: Double, floor: Double, logFeasible: Double) -> Double {
        guard logFeasible < 0 else { return score(mean: mean, variance: variance, best: best) }
        let plain = score(mean: mean, variance: variance, best: best)
        switch self {
        case .logExpectedImprovement: return plain + logFeasible
        case .expectedImprovement: return plain * exp(logFeasible)
        case .upperConfidenceBound: return max(0, plain - floor) * exp(logFeasible) + floor
        }
    }

    static func phi(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
    static func bigPhi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// `h(z) = φ(z) + z Φ(z)`, the EI of a unit-variance posterior.
    static func h(_ z: Double) -> Double { phi(z) + z * bigPhi(z) }

    /// `log h(z)`, stable far below the incumbent (Ament et al. 2023,
    /// "Unexpected improvements to expected improvement"): the direct formula
    /// loses only ~z² ulps to cancellation but φ(z) underflows near z = −38,
    /// so below z = −25 it uses the asymptotic expansion
    /// `h(z) ≈ φ(z)(1/z² − 3/z⁴ + 15/z⁶ − 105/z⁸)` (relative error < 1e-8 there).
    static func logH(_ z: Double) -> Double {
        if z > -25 { return log(max(h(z), .leastNormalMagnitude)) }
        let w = 1 / (z * z)
        return -0.5 * z * z - 0.5 * log(2 * Double.pi) + log(w * (1 - w * (3 - w * (15 - 105 * w))))
    }
}
