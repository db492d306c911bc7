import GymCore
import GymNumerics

/// The fitted hyperparameters of one of the BO agent's GPs (reward,
/// feasibility classifier, constraint slacks) and when they were fitted:
/// hyperparameters are refitted once `refit_interval` observations arrived
/// since the last fit, on at most `fit_observations` points; in between the
/// GP is only re-conditioned: when the training set only grew at its end
/// (below the `max_observations` cap), the last Cholesky factor is extended
/// by the new rows (`GaussianProcess.extended`, O(k n²)), otherwise
/// refactorised (O(n³)).
struct FittedModel: Sendable {
    var hyperparameters: GaussianProcess.Hyperparameters?
    var fittedAt = 0
    /// The GP last returned, kept to extend its factor.
    private var last: GaussianProcess?

    /// The GP on `(x, y)` after `observations` trials in all.
    mutating func model(_ x: [[Double]], _ y: [Double], observations: Int, categorical: [Bool],
                        settings h: BayesianOptimizer.Hyperparameters, seed: UInt64,
                        standardise: Bool = true) -> GaussianProcess {
        if hyperparameters == nil || observations - fittedAt >= h.refitInterval {
            let subset = BayesianOptimizer.capped(y, h.fitObservations)
            let gp = GaussianProcess.fit(inputs: subset.map { x[$0] }, targets: subset.map { y[$0] },
                                         categorical: categorical, start: hyperparameters,
                                         restarts: h.fitRestarts, maxIterations: h.fitIterations,
                                         seed: seed, standardise: standardise)
            hyperparameters = gp.hyperparameters
            fittedAt = observations
            if subset.count == y.count {
                last = gp
                return gp
            }
            last = nil
        }
        if let last, last.hyperparameters == hyperparameters, last.standardised == standardise,
           let grown = last.extended(inputs: x, targets: y) {
            self.last = grown
            return grown
        }
        let gp = GaussianProcess(inputs: x, targets: y, categorical: categorical, hyperparameters: hyperparameters!,
                                 standardise: standardise)
        last = gp
        return gp
    }
}
