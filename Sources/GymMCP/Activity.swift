import Foundation

/// A flag a running campaign polls between batches (cancellation, shutdown).
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() { lock.withLock { raised = true } }
    var isRaised: Bool { lock.withLock { raised } }
}

/// The campaigns this server is running, so a shutdown can stop them all
/// cleanly (each finishes and logs its batch in flight, status `interrupted`).
final class Activity: @unchecked Sendable {
    private let lock = NSLock()
    private var flags: [ObjectIdentifier: StopFlag] = [:]
    private var stopping = false

    init() {}

    /// Registers a running campaign; raised at once when a shutdown has begun.
    func track(_ flag: StopFlag) {
        let late = lock.withLock {
            flags[ObjectIdentifier(flag)] = flag
            return stopping
        }
        if late { flag.raise() }
    }

    func untrack(_ flag: StopFlag) {
        lock.withLock { _ = flags.removeValue(forKey: ObjectIdentifier(flag)) }
    }

    func stopAll() {
        let all = lock.withLock {
            stopping = true
            return Array(flags.values)
        }
        for f in all { f.raise() }
    }
}

/// Runs blocking work (an evaluation, a whole campaign) on its own thread, so
/// the server's cooperative threads stay free to read requests and send
/// progress and responses meanwhile.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result(catching: work)) }
            // As much stack as the command line's main thread has.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
