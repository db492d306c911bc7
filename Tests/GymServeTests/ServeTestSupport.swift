import Foundation
import GymTesting
@testable import GymServe

/// Drives a `ServeSession` in process, one request line at a time, and reads
/// its responses as Foundation JSON for checking.
final class Client {
    let session: ServeSession
    private var nextID = 1

    init(jobs: Int = 1, openCampaigns: OpenCampaigns = OpenCampaigns(), cacheLimit: Int = ServeSession.defaultCacheLimit) {
        session = ServeSession(jobs: jobs, openCampaigns: openCampaigns, cacheLimit: cacheLimit)
    }

    /// The response line to one raw request line.
    func raw(_ line: String) -> String {
        session.respond(to: line)
    }

    /// Sends `method` with `params` (JSON text) and returns the whole response.
    func send(_ method: String, _ params: String? = nil) -> [String: Any] {
        let id = nextID
        nextID += 1
        let line = "{\"id\": \(id), \"method\": \"\(method)\"" + (params.map { ", \"params\": \($0)" } ?? "") + "}"
        let response = Support.object(raw(line))
        precondition((response["id"] as? NSNumber)?.intValue == id, "id not echoed: \(response)")
        return response
    }

    /// The `result` of a request that must succeed.
    func result(_ method: String, _ params: String? = nil, sourceLine: Int = #line) throws -> [String: Any] {
        let response = send(method, params)
        guard let result = response["result"] as? [String: Any] else {
            throw Failure("line \(sourceLine): \(method) failed: \(response)")
        }
        return result
    }

    /// The error kind and message of a request that must fail.
    func error(_ method: String, _ params: String? = nil, sourceLine: Int = #line) throws -> (kind: String, message: String) {
        let response = send(method, params)
        guard let error = response["error"] as? [String: Any], let kind = error["kind"] as? String,
              let message = error["message"] as? String else {
            throw Failure("line \(sourceLine): \(method) did not fail: \(response)")
        }
        return (kind, message)
    }

    /// Opens a spec of the repository and returns its handle.
    func open(_ spec: String, settings: String? = nil) throws -> String {
        let params = "{\"spec\": \(Support.quote(Support.spec(spec)))" + (settings.map { ", \"settings\": \($0)" } ?? "") + "}"
        return try result("open", params)["handle"] as! String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

enum Support {
    static let packageRoot = BuiltBinary.packageRoot

    /// Absolute path of a spec in the repository (tests may run from any folder).
    static func spec(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    static func temporaryFolder() -> String { BuiltBinary.temporaryFolder("dsegym-serve").path }

    static func object(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? ["unparsable": line]
    }

    static func quote(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed]), as: UTF8.self)
    }

    /// A Foundation JSON value as compact JSON text with sorted keys.
    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]),
               as: UTF8.self)
    }

    static var binary: URL { BuiltBinary.url() }
    typealias Output = BuiltBinary.Output

    /// Ends a server a test started: SIGTERM, then SIGKILL if it lingers.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Runs the built `dsegym` with `input` on stdin.
    static func run(_ arguments: [String], input: String = "") throws -> Output {
        try BuiltBinary.run(arguments, input: input)
    }
}
