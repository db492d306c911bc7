import Foundation
import GymCampaign
import GymCore
import GymStore
import Logging
import MCP

/// DSEGym as a Model Context Protocol server: LLM agents list environments,
/// evaluate configurations and run campaigns whose every trial lands in the
/// SQLite store, through five tools (`ToolCatalog`).
///
/// Relative paths (specs, databases) resolve against the working directory,
/// as on the command line.
///
///     try DSEGymMCP.serveBlocking()   // `dsegym mcp`: stdio until stdin closes
public enum DSEGymMCP {
    public static let instructions = """
        DSEGym: design-space exploration for computer architecture. Start with list_environments, then \
        describe_environment on a spec file to see its parameters and metrics; evaluate tries one configuration \
        (nothing is stored); run_campaign searches with an agent and logs every trial in the SQLite store; \
        best_trials reads a stored campaign back. Rewards are maximised.
        """

    /// A server with the tools registered, not yet started.
    static func makeServer(activity: Activity) async -> Server {
        let server = Server(name: "dsegym", version: DSEGymVersion.current, title: "DSEGym",
                            instructions: instructions, capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: ToolCatalog.all) }
        await server.withMethodHandler(CallTool.self) { [weak server] params in
            try await call(params, server: server, activity: activity)
        }
        return server
    }

    /// Serves on `transport` until its input ends (answering every request
    /// received before that) or SIGINT/SIGTERM (running campaigns then stop
    /// after their batch in flight, logged as `interrupted`).
    static func serve(transport inner: any Transport) async throws {
        let activity = Activity()
        let transport = DrainingTransport(inner, logger: Logger(label: "dsegym.mcp", factory: { _ in SwiftLogNoOpLogHandler() }))
        let server = await makeServer(activity: activity)
        let trap = SignalTrap()
        try await server.start(transport: transport)
        let signalled = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await server.waitUntilCompleted()
                return false
            }
            group.addTask {
                while !trap.isRaised {
                    if Task.isCancelled { return false }
                    try? await Task.sleep(for: .milliseconds(100))
                }
                return true
            }
            let first = await group.next() ?? false
            if first {
                activity.stopAll()
                await transport.waitUntilAnswered(timeout: 60)
                await server.stop()
            }
            group.cancelAll()
            return first
        }
        if !signalled {
            await transport.waitUntilAnswered()
            await server.stop()
        }
    }

    /// `dsegym mcp`: serves on stdin/stdout and returns when the client goes away.
    public static func serve() async throws {
        try await serve(transport: StdioTransport())
    }

    /// `serve()` for a synchronous caller (the command line's `run()`).
    public static func serveBlocking() throws {
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task.detached {
            do { try await serve() } catch { failure.error = error }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw error }
    }

    // MARK: Tool calls

    static func call(_ params: CallTool.Parameters, server: Server?, activity: Activity) async throws -> CallTool.Result {
        let arguments = params.arguments
        do {
            switch params.name {
            case "list_environments": return try await Blocking.run { try EnvironmentTools.list(arguments) }.result
            case "describe_environment": return try await Blocking.run { try EnvironmentTools.describe(arguments) }.result
            case "evaluate": return try await Blocking.run { try EnvironmentTools.evaluate(arguments) }.result
            case "best_trials": return try await Blocking.run { try CampaignTools.best(arguments) }.result
            case "run_campaign":
                return try await runCampaign(arguments, progressToken: params._meta?.progressToken, server: server,
                                             activity: activity).result
            default:
                throw MCPError.invalidParams("unknown tool '\(params.name)'; tools: \(ToolCatalog.all.map(\.name).joined(separator: ", "))")
            }
        } catch let error as MCPError {
            throw error
        } catch is CancellationError {
            throw CancellationError()  // the SDK then sends no response, as MCP asks for cancelled requests
        } catch let error as ToolError {
            return ToolOutput.failure(error.message)
        } catch {
            return ToolOutput.failure("\(error)")
        }
    }

    /// Runs the campaign on its own thread; progress goes out as MCP
    /// notifications (at most every 0.2 s, and at the end) while it runs, and
    /// cancelling the request stops the campaign after the batch in flight
    /// (then this throws `CancellationError`).
    static func runCampaign(_ arguments: [String: Value]?, progressToken: ProgressToken?, server: Server?,
                            activity: Activity) async throws -> ToolOutput {
        let flag = StopFlag()
        activity.track(flag)
        defer { activity.untrack(flag) }
        let (updates, continuation) = AsyncStream.makeStream(of: CampaignProgress.self, bufferingPolicy: .bufferingNewest(1))
        let reporter = Task {
            for await p in updates {
                guard let progressToken, let server else { continue }
                let best = p.bestReward.map { String(format: "%.6g", $0) } ?? "-"
                let message = String(format: "%d/%d trials, %.0f trials/s, best reward %@", p.completed, p.budget, p.rate, best)
                try? await server.notify(ProgressNotification.message(.init(
                    progressToken: progressToken, progress: Double(p.completed), total: Double(p.budget), message: message)))
            }
        }
        defer { reporter.cancel() }
        let wantsProgress = progressToken != nil
        let output = try await withTaskCancellationHandler {
            try await Blocking.run {
                defer { continuation.finish() }
                let request = try CampaignTools.request(arguments)
                var last = -Double.infinity
                let observer = CampaignSession.Observer(progress: { p in
                    guard wantsProgress, p.elapsedSeconds - last >= 0.2 || p.completed >= p.budget else { return }
                    last = p.elapsedSeconds
                    continuation.yield(p)
                }, shouldStop: { flag.isRaised })
                return try CampaignTools.run(request, observer: observer)
            }
        } onCancel: {
            flag.raise()
        }
        // Every progress notification goes out before the response.
        await reporter.value
        // A cancelled campaign is logged `interrupted`; the client gets no response for it.
        try Task.checkCancellation()
        return output
    }
}

private final class FailureBox: @unchecked Sendable {
    var error: Error?
}
