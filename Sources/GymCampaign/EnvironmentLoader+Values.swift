import GymCore

/// Design-parameter values given by a user: as `--set` text, or as JSON
/// scalars sent to `dsegym serve`; both get the same values and errors.
extension EnvironmentLoader {
    /// A design parameter's value written as text, as `Domain.parse` reads
    /// it, with the `--set` error when it is not allowed.
    public func value(of key: String, text: String) throws -> ParameterValue {
        let p = try parameter(key)
        guard let v = p.domain.parse(text) else { throw notAllowed(p, text) }
        return v
    }

    /// A design parameter's value given as a number: exactly
    /// `value(of: key, text: ParameterValue.format(number))`, value and
    /// error, without writing the number out and reading it back (the server's hot path).
    public func value(of key: String, number: Double) throws -> ParameterValue {
        let p = try parameter(key)
        let number = number == 0 ? 0 : number // -0 reads as "0"
        let v: ParameterValue?
        switch p.domain {
        case .integer: v = number == number.rounded() && abs(number) < 0x1p62 ? .int(Int(number)) : nil
        case .ordinal, .real: v = number.isFinite ? .real(number) : nil
        case .categorical: v = .text(ParameterValue.format(number))
        }
        guard let v, p.domain.contains(v) else { throw notAllowed(p, ParameterValue.format(number)) }
        return v
    }

    /// The defaults with `values` (already checked) overriding them.
    public func configuration(setting values: [String: ParameterValue]) -> Configuration {
        let space = environment.designSpace
        return space.configuration(values: space.parameters.map { values[$0.name] ?? $0.defaultValue })
    }

    private func parameter(_ key: String) throws -> Parameter {
        let space = environment.designSpace
        guard let p = space.parameter(named: key) else {
            throw SpecError(key: key, "unknown parameter; known: \(space.names.joined(separator: ", "))")
        }
        return p
    }

    private func notAllowed(_ p: Parameter, _ text: String) -> SpecError {
        SpecError(file: spec.source.file, key: p.name, "--set value '\(text)' not allowed; allowed: \(p.domain.allowedDescription)")
    }
}
