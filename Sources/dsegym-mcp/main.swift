import Foundation
import GymMCP

// `dsegym-mcp [--directory DIR]`: the MCP server as its own executable, so that
// building `dsegym` does not compile the MCP SDK (`dsegym mcp` execs this).
// Arguments are parsed by hand: the server has one flag, and pulling the
// argument parser in here would only repeat the CLI's.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(2)
}

var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch flag {
    case "--directory":
        guard let directory = arguments.popFirst() else { fail("--directory needs a value (see --help)") }
        guard FileManager.default.changeCurrentDirectoryPath(directory) else { fail("--directory: cannot change to '\(directory)'") }
    case "-h", "--help":
        print("""
        OVERVIEW: Serve DSEGym's tools to an LLM agent over the Model Context Protocol (stdio).

        Reads JSON-RPC from stdin and answers on stdout until stdin closes; see docs/mcp.md.

        USAGE: dsegym mcp [--directory <directory>]

        OPTIONS:
          --directory <directory> Working directory: specs and databases given as relative paths resolve against it.
          -h, --help              Show help information.
        """)
        exit(0)
    default:
        fail("unknown argument '\(flag)' (see --help)")
    }
}

do {
    try DSEGymMCP.serveBlocking()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
