import Foundation
import GymCampaign
import GymCore
import GymStore

/// One client's state: its open environments and campaigns, and the
/// function from a request line to its response line.
///
/// A session is driven by one thread (the stdin loop, or one socket
/// connection); sessions share only `OpenCampaigns`.
///
///     let session = ServeSession()
///     session.respond(to: #"{"id":1,"method":"hello"}"#)  // {"id": 1, "result": {...}}
public final class ServeSession {
    /// Threads evaluating each batch (results never depend on it).
    public let jobs: Int
    let openCampaigns: OpenCampaigns
    /// Raised when the server stops: a `run` then stops between batches and
    /// abandons the one in flight (not logged, as on the command line).
    let cancellation: Cancellation?
    /// True once `shutdown` was answered: the transport stops reading.
    public private(set) var isShutDown = false

    var environments: [String: EnvironmentHandle] = [:]
    var campaigns: [String: CampaignHandle] = [:]
    /// Evaluations by environment fingerprint, for `evaluate`'s `cached`.
    var evaluationCache: [String: [UInt64: CachedEvaluation]] = [:]
    /// Most evaluations the cache keeps: a long-lived client must not grow the
    /// server without bound, so past it the cache starts afresh.
    let cacheLimit: Int
    /// The default `cacheLimit`: about 100 MB of metrics at worst.
    public static let defaultCacheLimit = 100_000
    /// Handles issued so far, by prefix ("e": environments, "c": campaigns).
    private var issued: [String: Int] = [:]

    public init(jobs: Int = 1, openCampaigns: OpenCampaigns = OpenCampaigns(), cacheLimit: Int = defaultCacheLimit,
                cancellation: Cancellation? = nil) {
        self.cancellation = cancellation
        self.jobs = max(1, jobs)
        self.cacheLimit = max(0, cacheLimit)
        self.openCampaigns = openCampaigns
    }

    /// An environment opened with `open`.
    struct EnvironmentHandle {
        var loader: EnvironmentLoader
        var specPath: String
        var evaluator: PointEvaluator
    }

    /// A campaign opened with `campaign`, with the environment it decodes configurations against.
    struct CampaignHandle {
        var live: LiveCampaign
        var loader: EnvironmentLoader
        var key: String
    }

    /// Answers one request line (without its newline) with one response line
    /// (without newline). Never throws: every failure is an error response.
    public func respond(to line: Data) -> String {
        let request: RequestLine
        switch RequestLine.decode(line) {
        case .success(let r): request = r
        case .failure(let f): return Self.error(id: f.id, f.error.kind, f.error.message)
        }
        do {
            let result = try handle(request.method, request.params)
            return "{\"id\": " + request.id + ", \"result\": " + result + "}"
        } catch {
            let (kind, message) = Self.classify(error)
            return Self.error(id: request.id, kind, message)
        }
    }

    public func respond(to line: String) -> String {
        respond(to: Data(line.utf8))
    }

    /// Closes every campaign (finished, or interrupted with budget left) and
    /// forgets every handle: at end of input, on `shutdown`, or when the
    /// connection drops. Failures go to stderr; the trials are already logged.
    public func closeAll() {
        for key in campaigns.keys.sorted() {
            do { try closeCampaign(key) } catch {
                FileHandle.standardError.write(Data("dsegym serve: closing campaign \(key): \(error)\n".utf8))
            }
        }
        environments = [:]
    }

    static func error(id: String, _ kind: ErrorKind, _ message: String) -> String {
        "{\"id\": " + id + ", \"error\": " + JSONText.object([("kind", JSONText.quote(kind.rawValue)),
                                                               ("message", JSONText.quote(message))]) + "}"
    }

    /// The error kind and message of anything a handler throws.
    static func classify(_ error: Error) -> (ErrorKind, String) {
        switch error {
        case let e as ProtocolError: return (e.kind, e.message)
        case let e as StoreError: return (.store, e.description)
        case let e as CampaignStateError: return (.state, e.description)
        case let e as SpecError: return (.spec, e.description)
        default: return (.internal, "\(error)")
        }
    }

    func markShutDown() {
        isShutDown = true
    }

    func newHandle(_ prefix: String) -> String {
        issued[prefix, default: 0] += 1
        return "\(prefix)\(issued[prefix]!)"
    }

    // MARK: Dispatch

    static let methods = ["ask", "best", "campaign", "close", "environments", "evaluate", "evaluate_batch", "hello",
                          "open", "run", "shutdown", "tell", "trials"]

    private func handle(_ method: String, _ params: Params) throws -> String {
        switch method {
        case "hello": return try hello(params)
        case "environments": return try environmentList(params)
        case "open": return try open(params)
        case "evaluate": return try evaluate(params)
        case "evaluate_batch": return try evaluateBatch(params)
        case "campaign": return try campaign(params)
        case "ask": return try ask(params)
        case "tell": return try tell(params)
        case "run": return try run(params)
        case "trials": return try trials(params)
        case "best": return try best(params)
        case "close": return try close(params)
        case "shutdown": return try shutdown(params)
        default:
            throw ProtocolError.request("unknown method '\(method)'; known: \(Self.methods.joined(separator: ", "))")
        }
    }
}
