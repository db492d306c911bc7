import Foundation
import GymTesting
import MCP

/// The built `dsegym mcp` as a subprocess, spoken to as an MCP client would:
/// one JSON-RPC message per line on stdin, answers and notifications read
/// line by line from stdout, decoded as the SDK's `Value` (JSONDecoder keeps
/// every double exact, which JSONSerialization on Linux does not).
final class MCPProcess: @unchecked Sendable {
    static let packageRoot = BuiltBinary.packageRoot
    static var binary: URL { BuiltBinary.url() }

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSCondition()
    private var lines: [[String: Value]] = []
    private var ended = false
    private var nextID = 100
    /// Every notification received so far, in order.
    private(set) var notifications: [[String: Value]] = []

    init(arguments: [String] = ["mcp"]) throws {
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[pending.startIndex..<newline]
                    pending = Data(pending[(newline + 1)...])
                    if let object = try? JSONDecoder().decode([String: Value].self, from: line) {
                        lock.lock(); lines.append(object); lock.broadcast(); lock.unlock()
                    }
                }
            }
            lock.lock(); ended = true; lock.broadcast(); lock.unlock()
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Sends one message (a request or a notification).
    func send(_ message: [String: Value]) throws {
        var data = try JSONEncoder().encode(message.merging(["jsonrpc": "2.0"]) { a, _ in a })
        data.append(UInt8(ascii: "\n"))
        input.fileHandleForWriting.write(data)
    }

    /// Sends a request and waits for its response; notifications that arrive meanwhile are kept.
    @discardableResult
    func request(_ method: String, _ params: [String: Value]? = nil, id: Int? = nil, timeout: Double = 120) throws -> [String: Value] {
        let id = id ?? { nextID += 1; return nextID }()
        var message: [String: Value] = ["id": .int(id), "method": .string(method)]
        if let params { message["params"] = .object(params) }
        try send(message)
        return try response(to: id, timeout: timeout)
    }

    /// Waits for the response with this id.
    func response(to id: Int, timeout: Double = 120) throws -> [String: Value] {
        try next(timeout: timeout, what: "the response to request \(id)") { $0["id"]?.intValue == id && $0["method"] == nil }
    }

    /// Waits for the next notification named `method`.
    func notification(_ method: String, timeout: Double = 60) throws -> [String: Value] {
        try next(timeout: timeout, what: method) { $0["method"]?.stringValue == method }
    }

    /// `tools/call` returning the result object.
    func callTool(_ name: String, _ arguments: [String: Value], progressToken: String? = nil) throws -> [String: Value] {
        var params: [String: Value] = ["name": .string(name), "arguments": .object(arguments)]
        if let progressToken { params["_meta"] = ["progressToken": .string(progressToken)] }
        let response = try request("tools/call", params)
        guard let result = response["result"]?.objectValue else { throw Timeout(what: "a result, got \(response)") }
        return result
    }

    /// Closes stdin (the client going away) and waits for the server to exit; returns its status.
    func finish(timeout: Double = 120) throws -> Int32 {
        try input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else { throw Timeout(what: "the server to exit") }
        return process.terminationStatus
    }

    /// Every line received after stdin closed and the server exited.
    func remainingLines() -> [[String: Value]] {
        lock.lock(); defer { lock.unlock() }
        while !ended { lock.wait() }
        let out = lines
        lines.removeAll()
        return out
    }

    private func next(timeout: Double, what: String, _ matches: ([String: Value]) -> Bool) throws -> [String: Value] {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock(); defer { lock.unlock() }
        while true {
            // Notifications are consumed into `notifications` as they are passed over.
            if let i = lines.firstIndex(where: matches) {
                let found = lines[i]
                var kept: [[String: Value]] = []
                for (j, line) in lines.enumerated() where j != i {
                    if j < i, line["method"] != nil { notifications.append(line) } else { kept.append(line) }
                }
                if found["method"] != nil { notifications.append(found) }
                lines = kept
                return found
            }
            if ended { throw Timeout(what: "\(what) (the server closed its output)") }
            if !lock.wait(until: deadline) { throw Timeout(what: what) }
        }
    }
}

/// Runs the built `dsegym` once (e.g. `evaluate --json`) and captures its output.
enum DSEGymCLI {
    typealias Output = BuiltBinary.Output

    static func run(_ arguments: [String]) throws -> Output { try BuiltBinary.run(arguments) }

    static func temporaryFolder() -> String { BuiltBinary.temporaryFolder("dsegym-mcp").path }
}
