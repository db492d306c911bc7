/// An ordered list of parameters plus feasibility constraints: the one
/// definition of what an environment accepts and what agents search.
///
///     let space = DesignSpace([.choice("policy", ["Open", "Closed"]), .integer("depth", 1...8)])
///     var rng = SplitMix64(seed: 1)
///     let point = space.sample(using: &rng)
public struct DesignSpace: Sendable {
    public private(set) var parameters: [Parameter]
    public var constraints: [Constraint]
    /// Parameter positions in name order, so configurations are built
    /// canonical without a dictionary and a sort (narrowing keeps names).
    private let nameOrder: [Int]
    private let sortedNames: [String]

    public init(_ parameters: [Parameter], constraints: [Constraint] = []) {
        self.parameters = parameters
        self.constraints = constraints
        nameOrder = parameters.indices.sorted { parameters[$0].name < parameters[$1].name }
        sortedNames = nameOrder.map { parameters[$0].name }
    }

    /// The configuration with `values[i]` for `parameters[i]`.
    public func configuration(values: [ParameterValue]) -> Configuration {
        Configuration(sortedNames: sortedNames, values: nameOrder.map { values[$0] })
    }

    public var names: [String] { parameters.map(\.name) }

    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// Number of points, as a double (infinite when a parameter is real).
    public var cardinality: Double {
        parameters.reduce(1.0) { $0 * ($1.domain.isDiscrete ? Double($1.domain.levelCount) : .infinity) }
    }

    /// Exact number of points when every parameter is discrete and it fits an Int.
    public var finiteSize: Int? {
        let c = cardinality
        return c.isFinite && c < Double(Int.max / 2) ? Int(c) : nil
    }

    /// The configuration of every parameter's default.
    public var defaultConfiguration: Configuration {
        Configuration(Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.defaultValue) }))
    }

    /// Replaces a parameter's domain (used when a spec narrows the space).
    /// The default moves to the nearest allowed value if it fell out.
    public mutating func narrow(_ name: String, to domain: Domain) {
        guard let i = parameters.firstIndex(where: { $0.name == name }) else { return }
        parameters[i].domain = domain
        if !domain.contains(parameters[i].defaultValue) {
            parameters[i].defaultValue = domain.value(atUnit: 0.5)
        }
    }

    /// Sets a parameter's default (after checking it is in the domain).
    public mutating func setDefault(_ name: String, _ value: ParameterValue) {
        guard let i = parameters.firstIndex(where: { $0.name == name }) else { return }
        parameters[i].defaultValue = value
    }

    // MARK: Validation

    /// Checks that `configuration` names every parameter exactly once with an
    /// allowed value. Constraints are not checked here: breaking one makes a
    /// point infeasible, not malformed (see `violatedConstraint`).
    public func validate(_ configuration: Configuration) throws {
        for name in configuration.names where parameter(named: name) == nil {
            throw SpecError(key: name, "unknown parameter; known: \(names.joined(separator: ", "))")
        }
        for p in parameters {
            guard let v = configuration[p.name] else {
                throw SpecError(key: p.name, "missing value; allowed: \(p.domain.allowedDescription)")
            }
            guard p.domain.contains(v) else {
                throw SpecError(key: p.name, "value '\(v.text)' not allowed; allowed: \(p.domain.allowedDescription)")
            }
        }
    }

    /// The first constraint `configuration` breaks, if any.
    public func violatedConstraint(_ configuration: Configuration) -> Constraint? {
        constraints.first { !$0.isSatisfied(configuration) }
    }

    // MARK: Encodings

    /// Per-parameter indices of a configuration (see `Domain.index(of:)`).
    public func indices(of configuration: Configuration) -> [Int] {
        parameters.map { p in configuration[p.name].flatMap { p.domain.index(of: $0) } ?? 0 }
    }

    public func configuration(indices: [Int]) -> Configuration {
        configuration(values: zip(parameters, indices).map { $0.domain.value(at: $1) })
    }

    /// The configuration as a point of the unit cube, one coordinate per parameter.
    public func unitVector(of configuration: Configuration) -> [Double] {
        parameters.map { p in configuration[p.name].map { p.domain.unit(of: $0) } ?? 0 }
    }

    public func configuration(unit: [Double]) -> Configuration {
        configuration(values: zip(parameters, unit).map { $0.domain.value(atUnit: $1) })
    }

    /// Level counts per parameter, for index-based agents.
    public var levelCounts: [Int] { parameters.map(\.domain.levelCount) }
}
