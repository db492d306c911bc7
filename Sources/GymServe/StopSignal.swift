import Dispatch
import Foundation
import GymCore

/// The server-wide "stop now": raised by SIGINT/SIGTERM or a `shutdown`
/// request, seen by every connection loop (its read end becomes readable and
/// stays so) and by long `run`s between batches.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [DispatchSourceSignal] = []
    /// A pipe whose read end turns readable once raised; polled with the input.
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    /// Raised with the signal, for evaluations in flight (a long simulation
    /// stops within a few thousand steps instead of at the end of its batch).
    let cancellation = Cancellation()

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ServeTransportError("cannot create a pipe: \(String(cString: strerror(errno)))") }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        for s in sources { s.cancel() }
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Raises the signal on SIGINT and SIGTERM (instead of dying mid-write).
    func trapSignals() {
        for s in [SIGINT, SIGTERM] {
            signal(s, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    func raise() {
        lock.lock()
        let first = !raised
        raised = true
        lock.unlock()
        cancellation.raise()
        if first {
            var byte: UInt8 = 1
            _ = write(writeDescriptor, &byte, 1)
        }
    }

    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}

/// A failure of the transport itself (socket, pipe): reported at start.
struct ServeTransportError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
