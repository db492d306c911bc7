import Dispatch
import Foundation
import GymCore

/// Turns SIGINT/SIGTERM into a raised `Cancellation`, which the campaign
/// runner checks between batches and simulators poll inside one long
/// evaluation, so an interrupted campaign stops within a second, keeps every
/// logged batch, discards the one in flight, commits, and exits cleanly
/// instead of dying mid-write.
public final class SignalTrap: @unchecked Sendable {
    public let cancellation = Cancellation()
    private var sources: [DispatchSourceSignal] = []

    public init(signals: [Int32] = [SIGINT, SIGTERM]) {
        for s in signals {
            signal(s, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    public func raise() { cancellation.raise() }

    public var isRaised: Bool { cancellation.isRaised }
}
