/// An environment spec file, decoded: which environment kind, its settings,
/// how the spec narrows the design space, and the objective.
///
///     environment: synthetic-hartmann6
///     settings: {grid_points: 11}
///     space: {x1: [0, 0.5, 1], x2: {min: 0.2, max: 0.8}}
///     defaults: {x3: 0.5}
///     objective: {kind: minimize, metric: value}
public struct EnvironmentSpec: Sendable {
    public static let topKeys = ["environment", "name", "description", "settings", "space", "defaults", "objective"]

    public var kind: String
    public var settings: SpecObject
    public var space: SpecObject?
    public var defaults: SpecObject?
    public var objective: SpecObject?
    /// The whole spec as given, for provenance and resume.
    public var source: SpecObject

    public init(_ spec: SpecObject, knownKinds: [String]) throws {
        try spec.requireOnly(EnvironmentSpec.topKeys)
        source = spec
        kind = try spec.requiredString("environment", allowed: knownKinds)
        settings = try spec.object("settings") ?? SpecObject([:], file: spec.file, path: "settings", baseDirectory: spec.baseDirectory)
        space = try spec.object("space")
        defaults = try spec.object("defaults")
        objective = try spec.object("objective")
    }

    /// The spec with `settings.key` replaced (what `--set key=value` does for
    /// keys that are not design parameters).
    public func setting(_ key: String, to value: SpecValue) -> EnvironmentSpec {
        var copy = self
        copy.settings.values[key] = value
        var top = source.values
        top["settings"] = .object(copy.settings.values)
        copy.source.values = top
        return copy
    }

    /// Builds the environment (narrowed as the spec says) and its objective.
    public func build(_ kinds: [EnvironmentKind]) throws -> (environment: any Environment, objective: Objective) {
        guard let k = kinds.first(where: { $0.name == kind }) else {
            throw source.error("environment", "unknown environment '\(kind)'; known: \(kinds.map(\.name).joined(separator: ", "))")
        }
        let base: any Environment
        do { base = try k.make(settings) } catch let e as SpecError { throw e.inFile(source.file) }
        var space = base.designSpace
        if let narrowing = space.isEmptyNarrowing(self.space) ? nil : self.space {
            try space.narrow(by: narrowing)
        }
        if let defaults {
            for key in defaults.keys {
                guard let p = space.parameter(named: key) else {
                    throw defaults.error(key, "unknown parameter; known: \(space.names.joined(separator: ", "))")
                }
                let text = try defaults.string(key) ?? ""
                guard let v = p.domain.parse(text) else {
                    throw defaults.error(key, "value '\(text)' not allowed; allowed: \(p.domain.allowedDescription)")
                }
                space.setDefault(key, v)
            }
        }
        let env: any Environment = space.parameters == base.designSpace.parameters ? base : ScopedEnvironment(base: base, designSpace: space)
        let objective = try self.objective.map { try Objective(spec: $0, metrics: base.metricSpecs) }
            ?? Objective.defaultObjective(for: base.metricSpecs)
        return (env, objective)
    }
}

extension DesignSpace {
    fileprivate func isEmptyNarrowing(_ spec: SpecObject?) -> Bool { spec?.values.isEmpty ?? true }

    /// Narrows parameters as a spec's `space:` says: a list of allowed values,
    /// or `{min, max}` bounds. Every value must lie in the original domain.
    public mutating func narrow(by spec: SpecObject) throws {
        for key in spec.keys {
            guard let p = parameter(named: key) else {
                throw spec.error(key, "unknown parameter; known: \(names.joined(separator: ", "))")
            }
            let allowed = p.domain.allowedDescription
            if let list = try? spec.array(key) {
                var values: [ParameterValue] = []
                for item in list {
                    guard let text = item.scalarText, let v = p.domain.parse(text) else {
                        throw spec.error(key, "value '\(item)' not allowed; allowed: \(allowed)")
                    }
                    values.append(v)
                }
                guard !values.isEmpty else { throw spec.error(key, "an empty list leaves nothing to search") }
                switch p.domain {
                case .categorical: narrow(key, to: .categorical(values.map(\.text)))
                default: narrow(key, to: .ordinal(values.compactMap(\.number).sorted()))
                }
            } else if let bounds = try spec.object(key) {
                try bounds.requireOnly(["min", "max"])
                switch p.domain {
                case .integer(let r, let step):
                    let lo = try bounds.int("min") ?? r.lowerBound, hi = try bounds.int("max") ?? r.upperBound
                    guard r.contains(lo), r.contains(hi), lo <= hi else { throw spec.error(key, "bounds outside \(allowed)") }
                    let aligned = r.lowerBound + ((lo - r.lowerBound + step - 1) / step) * step
                    guard aligned <= hi else { throw spec.error(key, "no value of \(allowed) within bounds") }
                    narrow(key, to: .integer(aligned...hi, step: step))
                case .real(let r, let log):
                    let lo = try bounds.double("min") ?? r.lowerBound, hi = try bounds.double("max") ?? r.upperBound
                    guard r.contains(lo), r.contains(hi), lo < hi else { throw spec.error(key, "bounds outside \(allowed)") }
                    narrow(key, to: .real(lo...hi, log: log))
                case .ordinal(let vs):
                    let lo = try bounds.double("min") ?? -.infinity, hi = try bounds.double("max") ?? .infinity
                    let kept = vs.filter { $0 >= lo && $0 <= hi }
                    guard !kept.isEmpty else { throw spec.error(key, "no value of \(allowed) within bounds") }
                    narrow(key, to: .ordinal(kept))
                case .categorical:
                    throw spec.error(key, "a categorical parameter is narrowed by a list of choices (\(allowed))")
                }
            } else {
                throw spec.error(key, "expected a list of values or {min, max}")
            }
        }
    }
}

/// An environment whose design space a spec narrowed. Outputs are the base
/// environment's, so the fingerprint (and the evaluation cache) are shared.
public struct ScopedEnvironment: DetailedEnvironment {
    public let base: any Environment
    public let designSpace: DesignSpace

    public var id: String { base.id }
    public var metricSpecs: [MetricSpec] { base.metricSpecs }
    public var fingerprint: String { base.fingerprint }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        try base.evaluate(configuration)
    }

    public func evaluate(_ configuration: Configuration, cancellation: Cancellation) throws -> Metrics {
        try base.evaluate(configuration, cancellation: cancellation)
    }

    public func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics]) {
        if let detailed = base as? any DetailedEnvironment { return try detailed.evaluateInDetail(configuration) }
        return (try base.evaluate(configuration), [])
    }
}
