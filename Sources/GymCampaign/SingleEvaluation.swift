import GymCore
import GymEnvironments

/// One configuration evaluated exactly as `dsegym evaluate` does it: the
/// configuration is validated, per-part detail is kept where the environment
/// has it, a violated design-space constraint makes the point infeasible, and
/// the objective scores the metrics.
///
/// Shared by the CLI's `evaluate` and the servers, so that every front end
/// reports the same metrics for the same configuration.
///
///     let e = try SingleEvaluation(try EnvironmentLoader(path: "environments/synthetic-branin.yaml", sets: ["x=0.5"]))
///     print(e.json)
public struct SingleEvaluation: Sendable {
    public var environmentID: String
    public var configuration: Configuration
    public var metrics: Metrics
    /// Per-part (per-layer) metrics; empty when the environment has none or the point is infeasible.
    public var parts: [NamedMetrics]
    public var reward: Double?
    public var reason: String?

    /// Evaluates `loader.configuration` (defaults overridden by the loader's assignments).
    /// - Throws: `SpecError` when the configuration is outside the design space,
    ///   or whatever the environment throws for broken inputs.
    public init(_ loader: EnvironmentLoader) throws {
        let configuration = loader.configuration
        try loader.environment.designSpace.validate(configuration)
        let detailed = loader.environment as? any DetailedEnvironment
        var (metrics, parts) = try detailed.map { try $0.evaluateInDetail(configuration) }
            ?? (try loader.environment.evaluate(configuration), [])
        if let broken = loader.environment.designSpace.violatedConstraint(configuration) {
            metrics = .infeasible(broken.message)
            parts = []
        }
        (reward, reason) = loader.objective.score(metrics)
        environmentID = loader.environment.id
        self.configuration = configuration
        self.metrics = metrics
        self.parts = parts
    }

    /// The object `dsegym evaluate --json` prints.
    public var json: String {
        EvaluationReport.json(environment: environmentID, configuration: configuration, metrics: metrics,
                              reward: reward, reason: reason, parts: parts)
    }
}
