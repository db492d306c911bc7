import GymCore

/// Design specs (upper limits on latency, energy and area) and the
/// NASAIC-style reward computed from them.
///
/// GymCore's objective kinds are fixed, so the NASAIC reward is a metric the
/// environment computes, `nasaic_reward`, which a spec maximises
/// (`objective: {kind: maximize, metric: nasaic_reward}`):
///
/// - every spec met: the weighted accuracy, in [0, 1];
/// - otherwise: `-Σ (x - limit) / limit` over the violated specs, negative
///   and growing with the violation, so any design that meets the specs
///   beats any that does not, and among violators the closer one wins.
///
/// (NASAIC prunes spec-violating designs before estimating accuracy; the
/// graded penalty gives a search a direction towards the specs. The
/// `prune_violations` setting makes violators infeasible instead.)
public struct CodesignSpecs: Sendable, Hashable {
    /// Metric keys a spec may limit.
    public static let keys = ["latency_cycles", "energy_nJ", "area_um2"]

    /// Limits by metric key, in `keys` order.
    public var limits: [(key: String, limit: Double)]

    public init(_ limits: [String: Double]) {
        self.limits = CodesignSpecs.keys.compactMap { k in limits[k].map { (k, $0) } }
    }

    public static func == (a: CodesignSpecs, b: CodesignSpecs) -> Bool {
        a.limits.map(\.key) == b.limits.map(\.key) && a.limits.map(\.limit) == b.limits.map(\.limit)
    }

    public func hash(into hasher: inout Hasher) {
        for (k, v) in limits { hasher.combine(k); hasher.combine(v) }
    }

    /// Reads `specs: {latency_cycles: ..., energy_nJ: ..., area_um2: ...}`.
    public init(spec: SpecObject?) throws {
        var limits: [String: Double] = [:]
        if let spec {
            try spec.requireOnly(CodesignSpecs.keys)
            for k in spec.keys {
                guard let v = try spec.double(k), v > 0 else { throw spec.error(k, "a spec limit must be a positive number") }
                limits[k] = v
            }
        }
        self.init(limits)
    }

    /// A spec that `metrics` breaks: key, value and limit.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var value: Double
        public var limit: Double

        /// How far over, as a fraction of the limit.
        public var excess: Double { (value - limit) / limit }

        public var description: String {
            "\(key) \(ParameterValue.format(value)) > spec \(ParameterValue.format(limit))"
        }
    }

    /// The specs `metrics` break, in `keys` order.
    public func violations(_ metrics: [String: Double]) -> [Violation] {
        limits.compactMap { k, limit in
            guard let v = metrics[k], v > limit else { return nil }
            return Violation(key: k, value: v, limit: limit)
        }
    }

    /// The NASAIC-style reward (see the type's documentation).
    public static func reward(accuracy: Double, violations: [Violation]) -> Double {
        violations.isEmpty ? accuracy : -violations.reduce(0) { $0 + $1.excess }
    }

    public var fingerprint: String {
        limits.map { "\($0.key)<=\($0.limit)" }.joined(separator: ",")
    }
}
