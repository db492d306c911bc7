/// A cost model of some hardware: a typed design space in, metrics with units out.
///
/// Contract:
/// - `evaluate` is pure and thread-safe: the same configuration always gives
///   the same metrics, whichever thread calls it, so the campaign runner may
///   call it concurrently and cache its results.
/// - `id` is versioned (`dram-v1`) and `fingerprint` covers everything that can
///   change the outputs (model version, workload contents, constants); any
///   change to outputs changes the fingerprint, which invalidates the cache.
/// - A configuration the hardware cannot realise returns
///   `Metrics.infeasible(reason)`; `evaluate` throws only for broken inputs
///   (an unreadable trace), never for a bad design point.
public protocol Environment: Sendable {
    var id: String { get }
    var designSpace: DesignSpace { get }
    var metricSpecs: [MetricSpec] { get }
    var fingerprint: String { get }
    func evaluate(_ configuration: Configuration) throws -> Metrics
    /// `evaluate`, giving up with `CancellationError` soon after `cancellation`
    /// is raised. Models whose one evaluation can take seconds (simulators)
    /// implement it; the default evaluates to the end.
    func evaluate(_ configuration: Configuration, cancellation: Cancellation) throws -> Metrics
}

extension Environment {
    public func evaluate(_ configuration: Configuration, cancellation: Cancellation) throws -> Metrics {
        try evaluate(configuration)
    }
}

/// An environment that can also explain an evaluation part by part (per layer).
public protocol DetailedEnvironment: Environment {
    func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics])
}

/// A registered environment family: its name in specs, what it is, the spec
/// keys it understands, and how to build it from a spec.
public struct EnvironmentKind: Sendable {
    public var name: String
    public var summary: String
    /// Settings a spec may give (key, meaning with default).
    public var settings: [(key: String, help: String)]
    public var make: @Sendable (SpecObject) throws -> any Environment

    public init(name: String, summary: String, settings: [(key: String, help: String)] = [],
                make: @escaping @Sendable (SpecObject) throws -> any Environment) {
        self.name = name
        self.summary = summary
        self.settings = settings
        self.make = make
    }
}
