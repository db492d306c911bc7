import ArgumentParser
import GymServe

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve environments and campaigns to agents in other languages (JSON lines; see docs/protocol.md).",
        discussion: """
        Reads one JSON request per line on stdin and writes one JSON response per line on stdout \
        (or the same over each connection to --socket). Stops at end of input or on a shutdown \
        request; open campaigns are then closed with every logged trial kept.
        """)

    @Option(help: "Worker threads evaluating each batch (results do not depend on it).")
    var jobs: Int = 1

    @Option(help: "Listen on this Unix-domain socket instead of stdin/stdout.")
    var socket: String?

    func run() throws {
        try Server.run(jobs: jobs, socket: socket)
    }
}
