import Foundation

/// A "stop now" flag: raised by whoever decides (a SIGINT/SIGTERM trap, a
/// server shutting down), polled by long computations in their outer loops
/// (a simulator every few thousand steps), which then give up by throwing
/// `CancellationError`. Cheap to poll; safe to share between threads.
///
///     let stop = Cancellation()
///     // another thread: stop.raise()
///     try stop.check()   // throws CancellationError once raised
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    public init() {}

    public func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    public var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// Throws `CancellationError` once raised.
    public func check() throws {
        if isRaised { throw CancellationError() }
    }
}
