import Foundation
import GymCore

/// One generated input of the fuzz harness: files to write into a fresh
/// folder and the `dsegym` arguments to run on them ($DIR is the folder).
struct FuzzInput: Sendable {
    var label: String
    var files: [String: String]
    var arguments: [String]

    /// Whether the command may create a database (`run`, on `$DIR/db.sqlite`).
    var usesDatabase: Bool { arguments.first == "run" }
}

/// Seeded text mutations: each replaces one number with a hostile value,
/// deletes a line, changes a value's type, truncates, or adds noise.
struct Mutator {
    var rng: SplitMix64

    /// Values that have crashed, hung or been silently accepted before:
    /// huge, negative, zero, not a number, beyond Double, Int.max, 2^40.
    static let hostileNumbers = ["1e18", "-1", "-1e18", "nan", "1e400", "0", "9223372036854775807",
                                 "1099511627776", "0.001", "1e-9", "-0.5", "1e15", "inf", "4294967297"]

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    mutating func index(_ count: Int) -> Int { Int(rng.next() % UInt64(max(1, count))) }

    /// Ranges of the numbers in `text` outside `#` comments.
    static func numberRanges(_ text: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var searchStart = text.startIndex
        while let r = text.range(of: #"(?<![A-Za-z_0-9.])-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"#,
                                 options: .regularExpression, range: searchStart..<text.endIndex) {
            let lineStart = text[..<r.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            if !text[lineStart..<r.lowerBound].contains("#") { out.append(r) }
            searchStart = r.upperBound
        }
        return out
    }

    /// The `k`-th number (modulo their count) replaced by `value`.
    static func replacingNumber(_ text: String, _ k: Int, with value: String) -> String? {
        let ranges = numberRanges(text)
        guard !ranges.isEmpty else { return nil }
        return text.replacingCharacters(in: ranges[k % ranges.count], with: value)
    }

    /// One random mutation of `text`; `json` picks type changes JSON can hold.
    mutating func mutate(_ text: String, json: Bool) -> (String, String) {
        var lines = text.components(separatedBy: "\n")
        switch index(7) {
        case 0, 1, 2:
            let value = pick(Mutator.hostileNumbers)
            let k = index(1000)
            if let t = Mutator.replacingNumber(text, k, with: value) { return (t, "number \(k) → \(value)") }
            return (text + "\n", "unchanged")
        case 3:
            let k = index(lines.count)
            lines.remove(at: k)
            return (lines.joined(separator: "\n"), "line \(k + 1) deleted")
        case 4:
            let value = json ? pick(["\"x\"", "[]", "{}", "null", "true", "[1, 2]"]) : pick(["[1, 2]", "{a: 1}", "x", "true", "~", "\"\""])
            let k = index(1000)
            if let t = Mutator.replacingNumber(text, k, with: value) { return (t, "number \(k) → \(value)") }
            return (text, "unchanged")
        case 5:
            let cut = index(text.utf8.count)
            return (String(decoding: Array(text.utf8.prefix(cut)), as: UTF8.self), "truncated at byte \(cut)")
        default:
            let k = index(lines.count)
            lines.insert(json ? pick(["{", "]", "\"k\": 1e999,", "garbage"]) : pick(["  - - -", ": :", "a: &a [*a]", "\t\tbad: [", "k: 1e400"]), at: k)
            return (lines.joined(separator: "\n"), "noise at line \(k + 1)")
        }
    }
}
