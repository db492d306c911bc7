import Foundation

/// Serves one session over a pair of file descriptors (stdin/stdout, or both
/// ends of one socket connection): one response line per request line, in
/// order, each written with one `write` so a client never sees half a line.
enum LineTransport {
    /// Reads requests until end of input, `shutdown`, a stop, or a failed
    /// write (the client went away), then closes the session's campaigns.
    static func serve(_ session: ServeSession, input: Int32, output: Int32, stop: StopSignal?) {
        var reader = LineReader(descriptor: input, stopDescriptor: stop?.readDescriptor)
        while let item = reader.next() {
            let response: String
            switch item {
            case .line(let line): response = session.respond(to: line)
            case .tooLong(let bytes):
                response = ServeSession.error(id: "null", .request,
                                              "the line has \(bytes) bytes; at most \(ServeProtocol.maximumLineBytes) per request")
            }
            guard writeLine(response, to: output) else { break }
            if session.isShutDown {
                stop?.raise()
                break
            }
        }
        session.closeAll()
    }

    /// Writes `text` and a newline, retrying partial writes; false when the
    /// other end is gone (SIGPIPE is ignored while serving).
    static func writeLine(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 { offset += n } else if n < 0, errno == EINTR { continue } else { return false }
        }
        return true
    }
}
