import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Unix-domain socket server: each connection is served on its own thread
/// with its own session (handles and campaigns), until `shutdown` on any
/// connection or a signal stops them all.
struct SocketServer {
    let path: String
    let jobs: Int
    let stop: StopSignal

    /// Binds `path` (replacing a stale socket file, never another kind of
    /// file), serves until stopped, waits for open connections, removes the socket.
    func serve(announce: (String) -> Void) throws {
        let listener = try bindListener()
        defer {
            close(listener)
            unlink(path)
        }
        announce("dsegym serve: listening on \(path)")
        let openCampaigns = OpenCampaigns()
        let connections = DispatchGroup()
        var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: stop.readDescriptor, events: Int16(POLLIN), revents: 0)]
        while !stop.isRaised {
            fds[0].revents = 0
            fds[1].revents = 0
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                throw ServeTransportError("poll failed: \(String(cString: strerror(errno)))")
            }
            if fds[1].revents != 0 { break }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            connections.enter()
            let (jobs, stop) = (self.jobs, self.stop)
            let thread = Thread {
                let session = ServeSession(jobs: jobs, openCampaigns: openCampaigns, cancellation: stop.cancellation)
                LineTransport.serve(session, input: connection, output: connection, stop: stop)
                close(connection)
                connections.leave()
            }
            // Deeply nested requests are parsed recursively: give the thread the main thread's room.
            thread.stackSize = 8 << 20
            thread.start()
        }
        connections.wait()
    }

    private func bindListener() throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw ServeTransportError("--socket: the path must have 1 to \(MemoryLayout.size(ofValue: address.sun_path) - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        try removeStaleSocket(&address)
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ServeTransportError("cannot create a socket: \(String(cString: strerror(errno)))") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ServeTransportError("--socket \(path): cannot listen: \(reason)")
        }
        return descriptor
    }

    /// A socket file left by a server that is gone is removed; a live server's
    /// socket, or a file that is not a socket, is an error.
    private func removeStaleSocket(_ address: inout sockaddr_un) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw ServeTransportError("--socket \(path): exists and is not a socket; refusing to replace it")
        }
        #if canImport(Glibc)
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let probe = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        defer { close(probe) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected != 0 else {
            throw ServeTransportError("--socket \(path): another server is listening there")
        }
        unlink(path)
    }
}
