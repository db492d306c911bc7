import ArgumentParser
import Foundation
import GymCore
import GymMCP

struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve DSEGym's tools to an LLM agent over the Model Context Protocol (stdio).",
        discussion: "Reads JSON-RPC from stdin and answers on stdout until stdin closes; see docs/mcp.md.")

    @Option(help: "Working directory: specs and databases given as relative paths resolve against it.")
    var directory: String?

    func run() throws {
        if let directory, !FileManager.default.changeCurrentDirectoryPath(directory) {
            throw SpecError(key: "--directory", "cannot change to '\(directory)'")
        }
        try DSEGymMCP.serveBlocking()
    }
}
