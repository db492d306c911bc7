import Foundation
import Logging
import MCP

/// Stdio (or any) transport that knows which requests still await their
/// response, so the server can answer everything it was asked before it
/// exits when its input closes (`printf '…' | dsegym mcp` gets every answer).
actor DrainingTransport: Transport {
    private let inner: any Transport
    private var pending: Set<String> = []
    private var forwarding: Task<Void, Never>?
    private var continuation: AsyncThrowingStream<Data, Error>.Continuation?

    nonisolated let logger: Logger

    init(_ inner: any Transport, logger: Logger) {
        self.inner = inner
        self.logger = logger
    }

    func connect() async throws { try await inner.connect() }

    func disconnect() async {
        forwarding?.cancel()
        continuation?.finish()
        await inner.disconnect()
    }

    func send(_ data: Data) async throws {
        try await inner.send(data)
        for message in Self.messages(data) where message["method"] == nil {
            if let id = Self.key(message["id"]) { pending.remove(id) }
        }
    }

    func receive() -> AsyncThrowingStream<Data, Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        self.continuation = continuation
        let source = inner
        forwarding = Task {
            do {
                for try await data in await source.receive() {
                    self.noteIncoming(data)
                    continuation.yield(data)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        return stream
    }

    /// Returns once every request received so far has been answered (or
    /// cancelled by the client), or after `timeout` seconds when one is given.
    func waitUntilAnswered(timeout: Double? = nil) async {
        let deadline = timeout.map { ContinuousClock.now + .seconds($0) }
        while !pending.isEmpty, deadline.map({ ContinuousClock.now < $0 }) ?? true {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private func noteIncoming(_ data: Data) {
        for message in Self.messages(data) {
            guard let method = message["method"] as? String else { continue }
            if method == "notifications/cancelled" {
                if let id = Self.key((message["params"] as? [String: Any])?["requestId"]) { pending.remove(id) }
            } else if let id = Self.key(message["id"]) {
                pending.insert(id)
            }
        }
    }

    private static func messages(_ data: Data) -> [[String: Any]] {
        switch try? JSONSerialization.jsonObject(with: data) {
        case let one as [String: Any]: return [one]
        case let batch as [Any]: return batch.compactMap { $0 as? [String: Any] }
        default: return []
        }
    }

    private static func key(_ id: Any?) -> String? {
        switch id {
        case let s as String: return "s:" + s
        case let n as NSNumber: return "n:" + n.stringValue
        default: return nil
        }
    }
}
