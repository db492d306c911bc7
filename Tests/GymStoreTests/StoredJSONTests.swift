import Foundation
import Testing
@testable import GymCore
@testable import GymStore

/// The store's one JSON reader: exact on what `JSONText` writes, and on what
/// Python (Optuna) writes with `\uXXXX` escapes.
struct StoredJSONTests {
    static let awkwardStrings = [
        "plain", "", "say \"hi\"", #"back\slash"#, #"\"#, "\"\\\"", "tab\tnew\nline\rreturn",
        "\u{00}\u{01}\u{08}\u{0C}\u{1F}", "slash / and \u{7F}", "é ü ß", "日本語", "😀 and 🇫🇷",
        "Closed, adaptive", "{\"key\": [1, 2]}", "\u{2028}\u{2029}",
    ]

    @Test(arguments: awkwardStrings)
    func stringsWrittenByJSONText_readBackExactly(_ s: String) throws {
        #expect(try StoredJSON.value(JSONText.quote(s)) == .string(s))
        let object = JSONText.object([(s, JSONText.quote(s))])
        let members = try StoredJSON.members(object)
        #expect(members.count == 1 && members[0].key == s && members[0].value == .string(s))
    }

    @Test func escapesOtherWritersUse_readAsJSONDecoderReadsThem() throws {
        // Python's json.dumps (ensure_ascii) escapes every non-ASCII scalar, astral ones as surrogate pairs.
        let cases: [(String, String)] = [
            (#""\u00e9\u65e5""#, "é日"),
            (#""\ud83d\ude00""#, "😀"),
            (#""\uD83C\uDDEB\uD83C\uDDF7""#, "🇫🇷"),
            (#""\b\f\/\n\r\t\"\\""#, "\u{08}\u{0C}/\n\r\t\"\\"),
            (#""\u0000\u001f""#, "\u{00}\u{1F}"),
        ]
        for (json, expected) in cases {
            #expect(try StoredJSON.value(json) == .string(expected), "\(json)")
            let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
            #expect(decoded == expected, "\(json)")
        }
        // A lone surrogate is not a scalar: read as U+FFFD rather than refusing a whole export.
        #expect(try StoredJSON.value(#""a\ud800b""#) == .string("a\u{FFFD}b"))
        #expect(try StoredJSON.value(#""\udc00""#) == .string("\u{FFFD}"))
    }

    @Test func numbers_roundTripBitForBit() throws {
        var rng = SplitMix64(seed: 7)
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123456789012345680,
                                2.5e-8, 1e15, 1e16, 0.30000000000000004]
        for _ in 0..<2000 { values.append(Double(bitPattern: rng.next()) ) }
        for v in values where v.isFinite {
            let read = try StoredJSON.value(JSONText.number(v))
            guard case .number(let d) = read else { Issue.record("\(v) read as \(read)"); continue }
            #expect(d.bitPattern == v.bitPattern || (d == 0 && v == 0), "\(v) read back as \(d)")
        }
        #expect(try StoredJSON.value(JSONText.number(.nan)) == .null)
    }

    @Test func storedObjects_keepTheirOrder_andNestedValuesParse() throws {
        let metrics = try StoredJSON.members(#"{"latency_ns": 12.5, "energy_pJ": null, "area_mm2": 3}"#)
        #expect(metrics.map(\.key) == ["latency_ns", "energy_pJ", "area_mm2"])
        #expect(metrics.map(\.value) == [.number(12.5), .null, .number(3)])
        let spec = try StoredJSON.value(#"{"a": [1, true, false, null, {"b": "c"}], "d": {}, "e": []}"#)
        #expect(spec == .object(["a": .array([.number(1), .bool(true), .bool(false), .null, .object(["b": .string("c")])]),
                                 "d": .object([:]), "e": .array([])]))
        let provenance = SpecValue.object(["environment": .string("dram \"x\""), "n": .number(0.1), "list": .array([.string("\u{1F}")])])
        #expect(try StoredJSON.value(provenance.canonicalJSON) == provenance)
    }

    @Test(arguments: [#"{"a": 1"#, #"{"a" 1}"#, #"{"a": 1,}"#, #"["a""#, #""open"#, #""\x""#, #""\u12""#, "nul", "1 2", "inf", "{} x", ""])
    func malformedText_isAnError(_ text: String) {
        #expect(throws: StoredJSON.SyntaxError.self) { try StoredJSON.value(text) }
    }

    @Test func nesting_isReadToTheLimit_andDeeperIsMalformed_notAStackOverflow() throws {
        func nested(_ depth: Int, _ open: String, _ close: String) -> String {
            String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
        }
        let limit = StoredJSON.maximumDepth
        #expect(try StoredJSON.value(nested(limit, "[", "]")) != .null)
        #expect(throws: StoredJSON.SyntaxError.self) { try StoredJSON.value(nested(limit + 1, "[", "]")) }
        #expect(throws: StoredJSON.SyntaxError.self) { try StoredJSON.value(nested(1_000_000, "[", "]")) }
        #expect(throws: StoredJSON.SyntaxError.self) { try StoredJSON.members("{\"a\":" + nested(1_000_000, "{\"b\":", "}") + "}") }
    }

    @Test func aDamagedStoredConfiguration_isACorruptStore() throws {
        let helper = TrialStoreTests()
        let store = try TrialStore(path: temporaryPath("json"))
        let record = try helper.campaign(store)
        try store.writer(for: record).append(try helper.trials(3, seed: 1))
        try store.db.execute("UPDATE dsegym_trials SET config_json = '{\"depth\": 4' WHERE trial_index = 1")
        #expect { try store.trials(of: record, space: helper.env.designSpace) } throws: { e in
            (e as? StoreError)?.kind == .corrupt
        }
    }
}
