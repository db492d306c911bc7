import ArgumentParser
import Foundation
import GymCore
import GymStore
#if canImport(Glibc)
import Glibc
#endif

/// `dsegym mcp` hands over to the `dsegym-mcp` executable built beside this one.
/// The MCP server lives in its own product so that building `dsegym` (the
/// README's first command) does not compile the MCP SDK and its dependencies,
/// about a quarter of a clean release build's CPU.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve DSEGym's tools to an LLM agent over the Model Context Protocol (stdio).",
        discussion: """
        Reads JSON-RPC from stdin and answers on stdout until stdin closes; see docs/mcp.md. \
        Runs the dsegym-mcp executable next to dsegym (`swift build -c release` builds both).
        """)

    @Option(help: "Working directory: specs and databases given as relative paths resolve against it.")
    var directory: String?

    func run() throws {
        let server = try Self.serverExecutable()
        let arguments = [server] + (directory.map { ["--directory", $0] } ?? [])
        var argv = arguments.map { strdup($0) } + [nil]
        execv(server, &argv)
        // execv returns only on failure.
        throw StoreError(.io, path: server, "cannot start the MCP server: \(String(cString: strerror(errno)))")
    }

    /// `dsegym-mcp` in the directory of the running `dsegym`.
    static func serverExecutable() throws -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        let server = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("dsegym-mcp").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw SpecError(key: "mcp", "the MCP server is a separate executable, not built here: run `swift build -c release --product dsegym-mcp` (expected at \(server))")
        }
        return server
    }
}
