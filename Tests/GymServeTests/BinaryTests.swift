import Foundation
import GymTesting
import Testing

/// The real `dsegym serve`: stdin/stdout, and a Unix-domain socket.
struct BinaryTests {
    @Test func stdin_answersEachLine_andExitsZeroAtShutdown() throws {
        let dir = Support.temporaryFolder()
        let lines = [
            #"{"id":1,"method":"hello","params":{"protocol":1}}"#,
            #"{"id":2,"method":"open","params":{"spec":"environments/synthetic-hartmann6.yaml"}}"#,
            "not json",
            #"{"id":3,"method":"campaign","params":{"db":"\#(dir)/s.sqlite","name":"n","handle":"e1","agent":"external:me","seed":1,"budget":4}}"#,
            #"{"id":4,"method":"tell","params":{"campaign":"c1","configs":[{"x1":0.5}]}}"#,
            #"{"id":5,"method":"shutdown"}"#,
            #"{"id":6,"method":"hello"}"#,
        ]
        let out = try Support.run(["serve", "--jobs", "2"], input: lines.joined(separator: "\n") + "\n")
        #expect(out.status == 0, "\(out.stderr)")
        let responses = out.stdout.split(separator: "\n").map { Support.object(String($0)) }
        #expect(responses.count == 6) // nothing after shutdown
        #expect(responses.map { ($0["id"] as? NSNumber)?.intValue } == [1, 2, nil, 3, 4, 5])
        #expect((responses[2]["error"] as? [String: Any])?["kind"] as? String == "parse")
        #expect(try CampaignMethodTests.status("\(dir)/s.sqlite", "n") == .interrupted)
    }

    @Test func endOfInput_closesCampaignsAsInterrupted() throws {
        let dir = Support.temporaryFolder()
        let lines = [
            #"{"id":1,"method":"open","params":{"spec":"environments/synthetic-hartmann6.yaml"}}"#,
            #"{"id":2,"method":"campaign","params":{"db":"\#(dir)/s.sqlite","name":"n","handle":"e1","agent":"ga","seed":1,"budget":100}}"#,
            #"{"id":3,"method":"run","params":{"campaign":"c1","trials":30}}"#,
        ]
        let out = try Support.run(["serve"], input: lines.joined(separator: "\n")) // no final newline
        #expect(out.status == 0, "\(out.stderr)")
        let run = Support.object(String(out.stdout.split(separator: "\n")[2]))["result"] as? [String: Any]
        #expect(run?["new"] as? Int == 30 && run?["remaining"] as? Int == 70)
        #expect(try CampaignMethodTests.status("\(dir)/s.sqlite", "n") == .interrupted)
    }

    @Test func socket_servesConnections_refusesNonSockets_andShutsDown() throws {
        let dir = Support.temporaryFolder()
        let notSocket = "\(dir)/file"
        try "keep me".write(toFile: notSocket, atomically: true, encoding: .utf8)
        let refused = try Support.run(["serve", "--socket", notSocket])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("exists and is not a socket"))
        #expect(try String(contentsOfFile: notSocket, encoding: .utf8) == "keep me")

        // A socket file left by a server that died is replaced.
        let path = "\(dir)/s.sock"
        try SocketClient.leaveStaleSocket(at: path)
        let process = Process()
        process.executableURL = Support.binary
        process.arguments = ["serve", "--socket", path]
        process.currentDirectoryURL = Support.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { Support.stop(process) }
        let one = try SocketClient(path: path, retryingFor: 20), two = try SocketClient(path: path)
        #expect(try one.call(#"{"id":1,"method":"open","params":{"spec":"environments/synthetic-hartmann6.yaml"}}"#).contains("\"handle\": \"e1\""))
        // Each connection has its own handles.
        #expect(try two.call(#"{"id":2,"method":"evaluate","params":{"handle":"e1","config":{}}}"#).contains("\"kind\": \"handle\""))
        #expect(try one.call(#"{"id":3,"method":"evaluate","params":{"handle":"e1","config":{}}}"#).contains("\"result\""))
        #expect(try two.call(#"{"id":4,"method":"shutdown"}"#) == #"{"id": 4, "result": {}}"#)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

extension BinaryTests {
    /// `dsegym serve` on pipes: the process, its stdin and its stdout.
    static func startServer() throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Support.binary
        process.arguments = ["serve"]
        process.currentDirectoryURL = Support.packageRoot
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        return (process, input, output)
    }

    /// What `output` says until it has given `lines` newlines.
    static func read(lines: Int, from output: Pipe) -> Data {
        var answered = Data()
        while answered.filter({ $0 == 0x0A }).count < lines { answered.append(output.fileHandleForReading.availableData) }
        return answered
    }

    @Test func sigterm_closesOpenCampaignsAsInterrupted_andExitsZero() throws {
        let dir = Support.temporaryFolder()
        let (process, input, output) = try Self.startServer()
        defer { Support.stop(process) }
        let lines = [
            #"{"id":1,"method":"open","params":{"spec":"environments/synthetic-hartmann6.yaml"}}"#,
            #"{"id":2,"method":"campaign","params":{"db":"\#(dir)/s.sqlite","name":"n","handle":"e1","agent":"external:me","seed":1,"budget":9}}"#,
            #"{"id":3,"method":"tell","params":{"campaign":"c1","configs":[{},{"x1":0}]}}"#,
        ]
        input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        _ = Self.read(lines: 3, from: output)
        process.terminate() // SIGTERM, stdin still open
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try CampaignMethodTests.status("\(dir)/s.sqlite", "n") == .interrupted)
        #expect(try CampaignMethodTests.rows("\(dir)/s.sqlite", "n").count == 2)
    }
}

/// A blocking line client over a Unix-domain socket.
final class SocketClient {
    let descriptor: Int32

    /// Connects to `path`, retrying while the server starts (up to `seconds`).
    init(path: String, retryingFor seconds: Double = 0) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            #if canImport(Glibc)
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let fd = socket(AF_UNIX, SOCK_STREAM, 0)
            #endif
            let rc = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if rc == 0 {
                descriptor = fd
                return
            }
            let reason = String(cString: strerror(errno))
            close(fd)
            guard Date() < deadline else { throw Client.Failure("connect \(path): \(reason)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    deinit { close(descriptor) }

    /// Binds a socket at `path` and closes it without removing the file.
    static func leaveStaleSocket(at path: String) throws {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(fd)
        guard rc == 0, FileManager.default.fileExists(atPath: path) else { throw Client.Failure("no stale socket at \(path)") }
    }

    func call(_ line: String) throws -> String {
        let bytes = Array((line + "\n").utf8)
        guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else { throw Client.Failure("write") }
        var response: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1, byte != 0x0A { response.append(byte) }
        return String(decoding: response, as: UTF8.self)
    }
}

extension BinaryTests {
    /// A SIGTERM during one long evaluation of a `run` (a DRAM simulation of
    /// seconds) stops the server without finishing it: the batch in flight is
    /// abandoned, not logged, and the campaign is closed as interrupted. (Had
    /// the server waited for the batch, `new` would be 1: no clock involved.)
    @Test func sigtermDuringALongRun_abandonsTheBatchInFlight() throws {
        let dir = Support.temporaryFolder()
        try Fixtures.writeRandomReadTrace(count: 300_000, to: "\(dir)/long.stl")
        try "environment: dram\nsettings: {trace: long.stl}\n".write(toFile: "\(dir)/long.yaml", atomically: true, encoding: .utf8)
        let (process, input, output) = try Self.startServer()
        defer { Support.stop(process) }
        let lines = [
            #"{"id":1,"method":"open","params":{"spec":"\#(dir)/long.yaml"}}"#,
            #"{"id":2,"method":"campaign","params":{"db":"\#(dir)/s.sqlite","name":"n","handle":"e1","agent":"random","seed":1,"budget":2}}"#,
        ]
        input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        var answered = Self.read(lines: 2, from: output)
        input.fileHandleForWriting.write(Data((#"{"id":3,"method":"run","params":{"campaign":"c1","trials":2}}"# + "\n").utf8))
        Thread.sleep(forTimeInterval: 1)
        try #require(process.isRunning)
        process.terminate()
        answered.append(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        let responses = String(decoding: answered, as: UTF8.self).split(separator: "\n").map { Support.object(String($0)) }
        let run = responses.last?["result"] as? [String: Any]
        #expect(run?["new"] as? Int == 0, "\(responses)")
        #expect(process.terminationStatus == 0)
        #expect(try CampaignMethodTests.status("\(dir)/s.sqlite", "n") == .interrupted)
        #expect(try CampaignMethodTests.rows("\(dir)/s.sqlite", "n").isEmpty)
    }
}
