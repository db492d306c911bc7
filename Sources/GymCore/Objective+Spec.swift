/// Reading an objective from the `objective:` mapping of an environment spec.
///
///     objective:
///       kind: target-spec
///       targets: {power_mW: 1000, latency_ns: 100}
///       constraints: {area_mm2: {max: 2.0}}
extension Objective {
    public static let specKeys = ["kind", "targets", "weights", "metric", "metrics", "constraints", "stop_at_reward", "reference"]

    /// Builds an objective, checking every metric against what the environment measures.
    public init(spec: SpecObject, metrics: [MetricSpec]) throws {
        try spec.requireOnly(Objective.specKeys)
        let kindName = try spec.requiredString("kind", allowed: Kind.allCases.map(\.rawValue))
        let kind = Kind(rawValue: kindName)!
        let known = metrics.map(\.key)

        func direction(of key: String, at specKey: String) throws -> Direction {
            guard let m = metrics.first(where: { $0.key == key }) else {
                throw spec.error(specKey, "unknown metric '\(key)'; known: \(known.joined(separator: ", "))")
            }
            return m.direction
        }

        func numberMap(_ key: String) throws -> [Term] {
            guard let obj = try spec.object(key), !obj.values.isEmpty else {
                throw spec.error(key, "missing; give a mapping metric: number (metrics: \(known.joined(separator: ", ")))")
            }
            return try obj.keys.map { m in
                guard let v = try obj.double(m) else { throw obj.error(m, "expected a number") }
                guard v.isFinite else { throw obj.error(m, "expected a finite number, got \(ParameterValue.format(v))") }
                return Term(metric: m, direction: try direction(of: m, at: "\(key).\(m)"), value: v)
            }
        }

        var terms: [Term]
        switch kind {
        case .targetSpec, .archGymTarget, .timeloopCost:
            terms = try numberMap("targets")
            if let zero = terms.first(where: { $0.value == 0 }) {
                throw spec.error("targets.\(zero.metric)", "a target of 0 cannot normalise a distance; use a positive target")
            }
            // target-spec normalises by |target|, so a negative target is fine for a
            // metric that can go negative; ArchGym's two formulas divide by the
            // target itself, where a negative one turns a shortfall into a bonus.
            if kind != .targetSpec, let negative = terms.first(where: { $0.value < 0 }) {
                throw spec.error("targets.\(negative.metric)", "\(ParameterValue.format(negative.value)) is negative; \(kindName) divides by the target, so it must be positive (target-spec accepts negative targets)")
            }
        case .weightedSum:
            terms = try numberMap("weights")
        case .minimize, .maximize:
            let m = try spec.requiredString("metric", allowed: known)
            terms = [Term(metric: m, direction: kind == .minimize ? .minimize : .maximize, value: 1)]
        case .pareto:
            guard let list = try spec.array("metrics"), list.count >= 2 else {
                throw spec.error("metrics", "a pareto objective needs a list of at least two metrics from: \(known.joined(separator: ", "))")
            }
            terms = try list.map { v in
                guard let m = v.scalarText else { throw spec.error("metrics", "expected metric names") }
                return Term(metric: m, direction: try direction(of: m, at: "metrics"), value: 1)
            }
        }

        var bounds: [Bound] = []
        if let c = try spec.object("constraints") {
            for m in c.keys {
                _ = try direction(of: m, at: "constraints.\(m)")
                guard let limits = try c.object(m) else { continue }
                try limits.requireOnly(["max", "min"])
                let atMost = try limits.double("max"), atLeast = try limits.double("min")
                for (key, v) in [("max", atMost), ("min", atLeast)] {
                    if let v, v.isNaN { throw limits.error(key, "expected a number, got nan") }
                }
                if let atMost, let atLeast, atLeast > atMost {
                    throw limits.error("min", "min \(ParameterValue.format(atLeast)) exceeds max \(ParameterValue.format(atMost)): no point could be feasible")
                }
                bounds.append(Bound(metric: m, atMost: atMost, atLeast: atLeast))
            }
        }
        var reference: [Double]?
        if let r = try spec.object("reference") {
            guard kind == .pareto else { throw spec.error("reference", "only a pareto objective has a hypervolume reference point") }
            try r.requireOnly(terms.map(\.metric))
            reference = try terms.map { t in
                guard let v = try r.double(t.metric) else { throw r.error(t.metric, "missing; give a value for every pareto metric") }
                return t.direction == .minimize ? v : -v
            }
        }
        let stopAtReward = try spec.double("stop_at_reward")
        if let stopAtReward, !stopAtReward.isFinite {
            throw spec.error("stop_at_reward", "expected a finite number, got \(ParameterValue.format(stopAtReward))")
        }
        self.init(kind: kind, terms: terms, constraints: bounds, stopAtReward: stopAtReward,
                  reference: reference)
    }

    /// Minimise the environment's first metric: the objective of a spec that names none.
    public static func defaultObjective(for metrics: [MetricSpec]) -> Objective {
        let m = metrics[0]
        return Objective(kind: m.direction == .minimize ? .minimize : .maximize,
                         terms: [Term(metric: m.key, direction: m.direction, value: 1)])
    }

    /// One line for summaries and provenance.
    public var summary: String {
        let parts = terms.map { "\($0.metric)(\($0.direction == .minimize ? "min" : "max") \(ParameterValue.format($0.value)))" }
        return "\(kind.rawValue): " + parts.joined(separator: ", ")
    }
}
