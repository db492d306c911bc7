import Foundation
import Testing
@testable import GymServe

/// The envelope: ids echoed, one response per line, every malformed line
/// answered with the right error kind, the server still serving after.
struct EnvelopeTests {
    @Test func hello_reportsProtocolOne_andRefusesAnotherVersion() throws {
        let client = Client()
        let hello = try client.result("hello", #"{"protocol": 1}"#)
        #expect(hello["protocol"] as? Int == 1)
        #expect(hello["server"] as? String == "dsegym")
        #expect(!(hello["version"] as? String ?? "").isEmpty)
        #expect(try client.result("hello")["protocol"] as? Int == 1)
        let refused = try client.error("hello", #"{"protocol": 2}"#)
        #expect(refused.kind == "version")
        #expect(refused.message == "this server speaks protocol 1, not 2")
    }

    @Test func environments_listsEveryKindWithItsSettings() throws {
        let list = try Client().result("environments")["environments"] as! [[String: Any]]
        let names = list.map { $0["name"] as! String }
        #expect(names.contains("synthetic-hartmann6") && names.contains("dram") && names.contains("proxy"))
        let hartmann = list.first { $0["name"] as? String == "synthetic-hartmann6" }!
        let keys = (hartmann["settings"] as! [[String: Any]]).map { $0["key"] as! String }
        #expect(keys.contains("grid_points"))
    }

    @Test func ids_areEchoedAsGiven_numbersAndStrings() {
        let client = Client()
        #expect(client.raw(#"{"id": 7, "method": "hello"}"#).hasPrefix(#"{"id": 7, "result""#))
        #expect(client.raw(#"{"id": "a\"b", "method": "hello"}"#).hasPrefix(#"{"id": "a\"b", "result""#))
        #expect(client.raw(#"{"id": -2.5, "method": "hello"}"#).hasPrefix(#"{"id": -2.5, "result""#))
        #expect(client.raw(#"{"id": 1180591620717411303424, "method": "hello"}"#).hasPrefix(#"{"id": 1.1805916207174113e+21, "result""#))
    }

    /// (line, expected kind, expected message or a part of it)
    static let malformed: [(String, String, String)] = [
        ("", "parse", "the line is not JSON"),
        ("   ", "parse", "the line is not JSON"),
        (#"{"id": 1, "method": "hel"#, "parse", "the line is not JSON"),
        ("[1, 2]", "parse", "the line is not a JSON object"),
        (#""hello""#, "parse", "the line is not JSON"),
        (#"{"method": "hello"}"#, "request", "missing field 'id' (a number or a string)"),
        (#"{"id": [1], "method": "hello"}"#, "request", "field 'id': expected a number or a string, got [1]"),
        (#"{"id": 1e400, "method": "hello"}"#, "request", "a number does not fit a double"),
        (#"{"id": 1, "method": "hello", "parms": {}}"#, "request", "unknown field 'parms' in the request; allowed: id, method, params"),
        (#"{"id": 1}"#, "request", "field 'method': expected a method name"),
        (#"{"id": 1, "method": 5}"#, "request", "field 'method': expected a method name, got 5"),
        (#"{"id": 1, "method": "helo"}"#, "request", "unknown method 'helo'; known: ask, best, campaign, close, environments, evaluate, evaluate_batch, hello, open, run, shutdown, tell"),
        (#"{"id": 1, "method": "hello", "params": []}"#, "request", "field 'params': expected an object, got []"),
        (#"{"id": 1, "method": "hello", "params": {"protocl": 1}}"#, "request", "unknown field 'protocl' in the params of hello; allowed: protocol"),
        (#"{"id": 1, "method": "hello", "params": {"protocol": "1"}}"#, "request", "field 'protocol': expected an integer, got \"1\""),
        (#"{"id": 1, "method": "hello", "params": {"protocol": 1180591620717411303424}}"#, "request", "field 'protocol': 1.1805916207174113e+21 is out of range; allowed: 0...2147483647"),
        (#"{"id": 1, "method": "environments", "params": {"x": 1}}"#, "request", "unknown field 'x' in the params of environments; allowed: none"),
        (#"{"id": 1, "method": "evaluate", "params": {"handle": "e9", "config": {}}}"#, "handle", "no open environment 'e9' (none is open)"),
        (#"{"id": 1, "method": "ask", "params": {"campaign": "c1"}}"#, "handle", "no open campaign 'c1' (none is open)"),
        (#"{"id": 1, "method": "close", "params": {}}"#, "request", "missing field 'handle' (an environment) or 'campaign'"),
        (#"{"id": 1, "method": "close", "params": {"handle": "e1", "campaign": "c1"}}"#, "request", "give either 'handle' or 'campaign', not both"),
        (#"{"id": 1, "method": "open", "params": {}}"#, "request", "missing field 'spec' (a string)"),
    ]

    @Test(arguments: malformed)
    func malformedLines_getOneErrorOfTheRightKind(line: String, kind: String, message: String) {
        let client = Client()
        let response = client.raw(line)
        #expect(!response.contains("\n"))
        let error = Support.object(response)["error"] as? [String: Any]
        #expect(error?["kind"] as? String == kind, "\(response)")
        #expect((error?["message"] as? String ?? "").hasPrefix(message), "\(response)")
    }

    @Test func invalidUTF8_isAParseError() {
        var line = Data(#"{"id": 1, "method": "hel"#.utf8)
        line.append(contentsOf: [0xFF, 0xFE])
        line.append(contentsOf: Array(#"lo"}"#.utf8))
        let response = Support.object(ServeSession().respond(to: line))
        #expect((response["error"] as? [String: Any])?["kind"] as? String == "parse")
        #expect(response["id"] is NSNull)
    }

    @Test func deepNesting_isAnErrorNotACrash() {
        let client = Client()
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let response = Support.object(client.raw(#"{"id": 1, "method": "hello", "params": {"protocol": \#(deep)}}"#))
        #expect((response["error"] as? [String: Any])?["kind"] as? String == "parse")
        let shallow = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let typed = Support.object(client.raw(#"{"id": 2, "method": "hello", "params": {"protocol": \#(shallow)}}"#))
        #expect((typed["error"] as? [String: Any])?["kind"] as? String == "request")
    }
}
