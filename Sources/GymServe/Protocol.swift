/// Protocol version 1 of `dsegym serve`: the contract in `docs/protocol.md`.
public enum ServeProtocol {
    public static let version = 1
    /// The longest request line read; a longer one is answered with an error and skipped.
    public static let maximumLineBytes = 64 << 20
    /// The most configurations in one `evaluate_batch`, `tell` or `ask`.
    public static let maximumBatch = 100_000
    /// The largest trial budget (and `run` limit).
    public static let maximumBudget = 1_000_000_000
    /// The largest seed: JSON clients send doubles, exact up to 2^53.
    public static let maximumSeed = 1 << 53
}

/// The `kind` of an error response.
public enum ErrorKind: String, Sendable, CaseIterable {
    case parse, request, version, handle, spec, store, state, `internal`
}

/// An error answered with a given kind and message (the kinds that are not
/// `SpecError`, `StoreError` or `CampaignStateError`).
struct ProtocolError: Error, CustomStringConvertible {
    var kind: ErrorKind
    var message: String

    init(_ kind: ErrorKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    var description: String { message }

    static func request(_ message: String) -> ProtocolError { ProtocolError(.request, message) }
}
