import GymCore

/// A failure to read or write the trial database, as opposed to bad input:
/// `dsegym serve` answers it with the error kind `store`. The store reports
/// both kinds as `SpecError`, so callers mark store calls with `storing`.
public struct StoreFailure: Error, CustomStringConvertible, Sendable {
    /// The store's own error, printed as is.
    public var underlying: any Error & Sendable
    public var description: String { "\(underlying)" }
}

/// Runs a store operation, wrapping any error it throws in `StoreFailure`.
func storing<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StoreFailure { throw e } catch let e as SpecError {
        throw StoreFailure(underlying: e)
    } catch {
        throw StoreFailure(underlying: SpecError("\(error)"))
    }
}
