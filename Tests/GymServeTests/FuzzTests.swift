import Foundation
import GymCore
import Testing
@testable import GymServe

/// Thousands of malformed lines from a seeded generator: each gets exactly one
/// response line carrying an error, and the server answers `hello` after.
struct FuzzTests {
    /// Valid requests the mutations start from (on a session with e1 and c1 open).
    static let valid = [
        #"{"id":1,"method":"hello","params":{"protocol":1}}"#,
        #"{"id":2,"method":"evaluate","params":{"handle":"e1","config":{"x1":0.2,"x2":0.1}}}"#,
        #"{"id":"q","method":"evaluate_batch","params":{"handle":"e1","configs":[{"x1":0.2},{"x3":0.5}]}}"#,
        #"{"id":4,"method":"tell","params":{"campaign":"c1","configs":[{"x1":0.3}]}}"#,
        #"{"id":5,"method":"best","params":{"campaign":"c1","count":2}}"#,
        #"{"id":6,"method":"environments"}"#,
    ]

    /// Values that are wrong wherever a field expects something else.
    static let oddValues = ["1e400", "-1e400", "1180591620717411303424", "-1180591620717411303424", "1.5", "-1", "null",
                            "true", "\"\"", "[]", "{}", "\"e999\"", "\"c999\"", "[[[[[[1]]]]]]", "1e-400", "\"\\ud800\""]

    /// One malformed line: never a valid request, never a newline inside.
    static func malformed(_ rng: inout SplitMix64) -> Data {
        let base = valid[Int(rng.next() % UInt64(valid.count))]
        var bytes = Array(base.utf8)
        switch rng.next() % 10 {
        case 0: // truncated
            bytes = Array(bytes[..<Int(rng.next() % UInt64(bytes.count - 1))])
        case 1: // invalid UTF-8 inserted anywhere
            let at = Int(rng.next() % UInt64(bytes.count))
            bytes.insert(contentsOf: [[0xFF], [0xC3], [0xE2, 0x82], [0xF5, 0x80], [0xC0, 0xAF]][Int(rng.next() % 5)], at: at)
        case 2: // a field of the wrong type or out of range
            let field = ["handle", "config", "configs", "campaign", "count", "protocol"][Int(rng.next() % 6)]
            let method = ["evaluate", "evaluate_batch", "tell", "best", "hello", "ask"][Int(rng.next() % 6)]
            var value = oddValues[Int(rng.next() % UInt64(oddValues.count))]
            if method == "hello", field == "protocol", value == "null" { value = "\"1\"" } // null would mean "not given"
            bytes = Array("{\"id\":9,\"method\":\"\(method)\",\"params\":{\"\(field)\":\(value)}}".utf8)
        case 3: // unknown handles
            bytes = Array(base.replacingOccurrences(of: "\"e1\"", with: "\"e\(2 + rng.next() % 50)\"")
                .replacingOccurrences(of: "\"c1\"", with: "\"c\(2 + rng.next() % 50)\"")
                .replacingOccurrences(of: "\"hello\"", with: "\"hallo\"")
                .replacingOccurrences(of: "\"environments\"", with: "\"environment\"")
                .replacingOccurrences(of: "\"best\"", with: "\"bets\"").utf8)
        case 4: // deep nesting, legal and not
            let depth = 1 + Int(rng.next() % 2000)
            bytes = Array("{\"id\":9,\"method\":\"hello\",\"params\":{\"protocol\":\(String(repeating: "[", count: depth))\(String(repeating: "]", count: depth))}}".utf8)
        case 5: // empty and blank lines
            bytes = Array(["", " ", "\t", "\r", "  \t "][Int(rng.next() % 5)].utf8)
        case 6: // an unknown field at the top or in params
            bytes = Array(base.replacingOccurrences(of: "\"method\"", with: "\"xtra\":\(oddValues[Int(rng.next() % UInt64(oddValues.count))]),\"method\"").utf8)
            if rng.next() % 2 == 0 {
                bytes = Array(base.replacingOccurrences(of: "\"params\":{", with: "\"params\":{\"zz\":1,").utf8)
                if !base.contains("params") { bytes = Array("{\"id\":1,\"method\":\"environments\",\"params\":{\"zz\":1}}".utf8) }
            }
        case 7: // not an object at the top
            bytes = Array(["[\(base)]", "42", "\"\(base.count)\"", "null", "true", "1e400"][Int(rng.next() % 6)].utf8)
        case 8: // random bytes
            bytes = (0..<(1 + Int(rng.next() % 200))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        default: // an id that cannot be read
            bytes = Array(base.replacingOccurrences(of: "\"id\":", with: "\"id\":\(["[1],", "{},", "null,", "true,", "1e400,"][Int(rng.next() % 5)])\"was\":").utf8)
        }
        return Data(bytes.map { $0 == 0x0A ? 0x20 : $0 })
    }

    func preparedSession() throws -> Client {
        let client = Client()
        _ = try client.open("environments/synthetic-hartmann6.yaml")
        _ = try client.result("campaign", #"{"db": "\#(Support.temporaryFolder())/f.sqlite", "name": "f", "handle": "e1", "agent": "external:fuzz", "seed": 1, "budget": 1000000}"#)
        return client
    }

    @Test func malformedLines_eachGetOneErrorLine_andTheServerStillAnswers() throws {
        let client = try preparedSession()
        var rng = SplitMix64(seed: 2024)
        var kinds: [String: Int] = [:]
        for n in 0..<4000 {
            let line = Self.malformed(&rng)
            let response = client.session.respond(to: line)
            #expect(!response.contains("\n"))
            let object = Support.object(response)
            guard let error = object["error"] as? [String: Any], let kind = error["kind"] as? String else {
                Issue.record("line \(n) \(String(decoding: line, as: UTF8.self).prefix(200)) got \(response.prefix(300))")
                continue
            }
            kinds[kind, default: 0] += 1
            #expect(ErrorKind(rawValue: kind) != nil && kind != "internal", "\(response)")
        }
        #expect(Set(kinds.keys).isSuperset(of: ["parse", "request", "handle"]), "\(kinds)")
        #expect(try client.result("hello")["protocol"] as? Int == 1)
        // Nothing malformed was logged.
        #expect((try client.result("best", #"{"campaign": "c1"}"#)["trials"] as? [Any])?.isEmpty == true)
    }

    @Test func overThePipe_everyLineGetsExactlyOneResponseLine_inOrder() throws {
        var rng = SplitMix64(seed: 99)
        var lines: [Data] = []
        for i in 0..<1500 {
            lines.append(i % 3 == 0 ? Data(#"{"id":\#(i),"method":"hello"}"#.utf8) : Self.malformed(&rng))
        }
        let responses = try Pipes.serve(lines, session: ServeSession())
        #expect(responses.count == lines.count)
        for (i, r) in responses.enumerated() where i % 3 == 0 {
            #expect(r.hasPrefix("{\"id\": \(i), \"result\""))
        }
        #expect(responses.enumerated().allSatisfy { $0.offset % 3 == 0 || $0.element.contains("\"error\"") })
    }

    @Test func anOverlongLine_isSkippedWithOneError() throws {
        let writer = try Pipes.feed([Data(repeating: 0x61, count: 300), Data(#"{"id":1,"method":"hello"}"#.utf8),
                                     Data(repeating: 0x62, count: 1000)])
        var reader = LineReader(descriptor: writer, maximumBytes: 100)
        #expect(reader.next() == .tooLong(bytes: 300))
        #expect(reader.next() == .line(Data(#"{"id":1,"method":"hello"}"#.utf8)))
        #expect(reader.next() == .tooLong(bytes: 1000))
        #expect(reader.next() == nil)
        close(writer)
    }
}

/// Runs the line transport over real pipes.
enum Pipes {
    /// A readable descriptor delivering `lines` (each with a newline), then end of input.
    static func feed(_ lines: [Data]) throws -> Int32 {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Client.Failure("pipe") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var all = Data()
        for l in lines { all.append(l); all.append(0x0A) }
        let payload = all
        Thread.detachNewThread {
            payload.withUnsafeBytes { p in
                var offset = 0
                while offset < p.count {
                    let n = write(writeEnd, p.baseAddress! + offset, p.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(writeEnd)
        }
        return readEnd
    }

    /// Serves `lines` through `LineTransport` and returns the response lines.
    static func serve(_ lines: [Data], session: ServeSession) throws -> [String] {
        let input = try feed(lines)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Client.Failure("pipe") }
        let (outRead, outWrite) = (fds[0], fds[1])
        let collected = Collector()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let handle = FileHandle(fileDescriptor: outRead, closeOnDealloc: true)
            collected.data = handle.readDataToEndOfFile()
            done.signal()
        }
        LineTransport.serve(session, input: input, output: outWrite, stop: nil)
        close(outWrite)
        close(input)
        done.wait()
        let text = String(decoding: collected.data, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    final class Collector: @unchecked Sendable {
        var data = Data()
    }
}
