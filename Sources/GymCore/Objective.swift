import Foundation

/// Turns metrics into one reward that every agent **maximises**.
///
/// The direction is fixed once here (ArchGym flipped it between environments
/// and agents): cost-like objectives return a negated cost, so "higher is
/// better" always holds, and the store records the study as MAXIMIZE.
/// Infeasible points (environment or objective constraints) get no reward.
///
/// Kinds:
/// - `target-spec` (bounded, the default): with normalised shortfall
///   `s_i = max(0, (x_i - t_i)/|t_i|)` for metrics to minimise (mirrored for
///   maximise), `reward = 1 / (1 + Σ s_i)`, in (0, 1], equal to 1 exactly when
///   every target is met or beaten.
/// - `archgym-target`: ArchGym's DRAM reward `Π t_i / |x_i - t_i|` (kept for
///   comparison; it diverges at the target, so it is capped at `archGymCap`).
/// - `timeloop-cost`: ArchGym's Timeloop cost `Σ max((x_i - t_i)/t_i, 0)`,
///   rewarded as its negation (0 when every target is met).
/// - `weighted-sum`: `Σ w_i · x_i`, each term signed by its metric's direction.
/// - `minimize` / `maximize`: one metric, negated for minimise.
/// - `pareto`: several metrics for multi-objective agents; its scalar reward
///   is the signed sum of the metrics divided by their `scale`s (default 1).
public struct Objective: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case targetSpec = "target-spec"
        case archGymTarget = "archgym-target"
        case timeloopCost = "timeloop-cost"
        case weightedSum = "weighted-sum"
        case minimize, maximize, pareto
    }

    /// One metric in the objective: its key, which way is better, and the
    /// target (target kinds), weight (weighted sum) or scale (pareto).
    public struct Term: Hashable, Sendable, Codable {
        public var metric: String
        public var direction: Direction
        public var value: Double
    }

    /// A hard limit; breaking it makes the point infeasible.
    public struct Bound: Hashable, Sendable, Codable {
        public var metric: String
        public var atMost: Double?
        public var atLeast: Double?
    }

    public static let archGymCap = 1e12

    public var kind: Kind
    public var terms: [Term]
    public var constraints: [Bound]
    /// A reward at which a campaign may stop ("target reached").
    public var stopAtReward: Double?
    /// Hypervolume reference point of a `pareto` objective, in
    /// `objectiveVector` space (every entry minimised); nil: chosen from the
    /// first feasible batch (see `ParetoArchive`).
    public var reference: [Double]?

    public init(kind: Kind, terms: [Term], constraints: [Bound] = [], stopAtReward: Double? = nil,
                reference: [Double]? = nil) {
        self.kind = kind
        self.terms = terms
        self.constraints = constraints
        self.stopAtReward = stopAtReward
        self.reference = reference
    }

    /// The reward at which the user's target counts as reached, if defined.
    public var targetReward: Double? {
        if let stopAtReward { return stopAtReward }
        switch kind {
        case .targetSpec: return 1
        case .timeloopCost: return 0
        default: return nil
        }
    }

    /// Metric vector for multi-objective agents, every entry to be minimised.
    public func objectiveVector(_ metrics: Metrics) -> [Double]? {
        guard metrics.feasible else { return nil }
        var out: [Double] = []
        for t in terms {
            guard let x = metrics[t.metric] else { return nil }
            out.append(t.direction == .minimize ? x : -x)
        }
        return out
    }

    /// Reward of a metrics record, or nil with the reason when it is infeasible.
    public func score(_ metrics: Metrics) -> (reward: Double?, reason: String?) {
        guard metrics.feasible else { return (nil, metrics.reason ?? "infeasible") }
        for b in constraints {
            guard let x = metrics[b.metric] else { return (nil, "constraint metric \(b.metric) missing") }
            if let hi = b.atMost, x > hi {
                return (nil, "constraint \(b.metric) <= \(ParameterValue.format(hi)) violated (\(ParameterValue.format(x)))")
            }
            if let lo = b.atLeast, x < lo {
                return (nil, "constraint \(b.metric) >= \(ParameterValue.format(lo)) violated (\(ParameterValue.format(x)))")
            }
        }
        var xs: [Double] = []
        for t in terms {
            guard let x = metrics[t.metric], x.isFinite else { return (nil, "metric \(t.metric) missing or not finite") }
            xs.append(x)
        }
        return (reward(xs), nil)
    }

    private func reward(_ xs: [Double]) -> Double {
        switch kind {
        case .targetSpec:
            var shortfall = 0.0
            for (t, x) in zip(terms, xs) {
                let excess = t.direction == .minimize ? x - t.value : t.value - x
                shortfall += max(0, excess / abs(t.value))
            }
            return 1 / (1 + shortfall)
        case .archGymTarget:
            var r = 1.0
            for (t, x) in zip(terms, xs) { r *= min(Objective.archGymCap, t.value / abs(x - t.value)) }
            return min(Objective.archGymCap, r)
        case .timeloopCost:
            var cost = 0.0
            for (t, x) in zip(terms, xs) {
                let excess = t.direction == .minimize ? x - t.value : t.value - x
                cost += max(excess / t.value, 0)
            }
            return -cost
        case .weightedSum, .pareto:
            var sum = 0.0
            for (t, x) in zip(terms, xs) {
                let signed = t.direction == .maximize ? x : -x
                sum += kind == .pareto ? signed / t.value : t.value * signed
            }
            return sum
        case .minimize: return -xs[0]
        case .maximize: return xs[0]
        }
    }
}
