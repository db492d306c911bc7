import GymCore

/// One configuration validated, evaluated and scored.
public struct PointEvaluation: Sendable {
    public var configuration: Configuration
    public var metrics: Metrics
    /// The objective's reward; nil when the point is infeasible.
    public var reward: Double?
    /// Why the point is infeasible (environment, design-space or objective constraint).
    public var reason: String?
    /// Per-part detail (layers), only when asked for and the environment has it.
    public var parts: [NamedMetrics]
    /// True when the metrics came from the cache rather than the model.
    public var cacheHit: Bool

    public var feasible: Bool { reward != nil }
}

/// The one way a design point is validated, evaluated and scored outside a
/// campaign: `dsegym evaluate` and `dsegym serve` both call `evaluate`.
///
///     let evaluator = PointEvaluator(environment: loader.environment, objective: loader.objective)
///     let result = try evaluator.evaluate([loader.configuration], detail: true, cache: &cache)[0]
public struct PointEvaluator: Sendable {
    public let environment: any Environment
    public let objective: Objective
    /// Threads evaluating a batch (results never depend on it).
    public let jobs: Int

    public init(environment: any Environment, objective: Objective, jobs: Int = 1) {
        self.environment = environment
        self.objective = objective
        self.jobs = max(1, jobs)
    }

    /// Evaluates `configurations` in order.
    ///
    /// - Parameters:
    ///   - detail: evaluate one by one with per-part detail where the
    ///     environment has it (the cache is then neither read nor filled).
    ///   - cache: earlier evaluations by configuration hash; new ones are added.
    /// - Throws: `SpecError` naming the parameter when a configuration is
    ///   outside the design space (nothing is evaluated then); the model's
    ///   error when it fails on broken input.
    public func evaluate(_ configurations: [Configuration], detail: Bool = false,
                         cache: inout [UInt64: CachedEvaluation]) throws -> [PointEvaluation] {
        let space = environment.designSpace
        for c in configurations { try space.validate(c) }
        if detail { return try configurations.map(evaluateInDetail) }
        let evaluated = try CampaignRunner.evaluate(configurations, on: environment, jobs: jobs, cache: &cache)
        return zip(configurations, evaluated).map { c, e in
            let (reward, reason) = objective.score(e.metrics)
            return PointEvaluation(configuration: c, metrics: e.metrics, reward: reward, reason: reason, parts: [],
                                   cacheHit: e.cacheHit)
        }
    }

    private func evaluateInDetail(_ configuration: Configuration) throws -> PointEvaluation {
        var metrics: Metrics
        var parts: [NamedMetrics] = []
        if let broken = environment.designSpace.violatedConstraint(configuration) {
            metrics = .infeasible(broken.message)
        } else if let detailed = environment as? any DetailedEnvironment {
            (metrics, parts) = try detailed.evaluateInDetail(configuration)
        } else {
            metrics = try environment.evaluate(configuration)
        }
        let (reward, reason) = objective.score(metrics)
        return PointEvaluation(configuration: configuration, metrics: metrics, reward: reward, reason: reason,
                               parts: parts, cacheHit: false)
    }
}
