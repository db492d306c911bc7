import Foundation
import GymCore

/// `dsegym serve`: the JSON-lines protocol on stdin/stdout, or on a Unix socket.
public enum Server {
    /// Serves until end of input (stdin) or `shutdown` (either transport),
    /// or SIGINT/SIGTERM; every open campaign is then closed, its trials kept.
    /// - Parameters:
    ///   - jobs: threads evaluating each batch (results never depend on it).
    ///   - socket: a Unix-domain socket path to listen on instead of stdin.
    /// - Throws: `SpecError` for bad options or when the socket cannot be set up.
    public static func run(jobs: Int, socket: String?) throws {
        guard jobs >= 1 else { throw SpecError(key: "--jobs", "must be at least 1") }
        // A client that goes away must not kill the server mid-campaign: a
        // failed write ends that client's session instead.
        signal(SIGPIPE, SIG_IGN)
        let stop: StopSignal
        do { stop = try StopSignal() } catch { throw SpecError("\(error)") }
        stop.trapSignals()
        if let socket {
            do {
                try SocketServer(path: socket, jobs: jobs, stop: stop).serve { message in
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
            } catch let e as ServeTransportError {
                throw SpecError(e.description)
            }
        } else {
            let session = ServeSession(jobs: jobs, cancellation: stop.cancellation)
            LineTransport.serve(session, input: STDIN_FILENO, output: STDOUT_FILENO, stop: stop)
        }
    }
}
