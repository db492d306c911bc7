import Foundation
import GymCore

/// Bounds on the numbers and names a user gives a campaign (flags of `run`,
/// `compare`, `sweep`, and the servers' equivalents), each checked with a
/// `SpecError` naming the flag and the allowed range.
public enum RunBounds {
    /// Trials per campaign: a budget beyond this is a typo, not an experiment.
    public static let trials = 1...1_000_000_000
    /// Worker threads or campaigns at once.
    public static let jobs = 1...1024
    /// Seeds per agent or setting.
    public static let seeds = 1...100_000

    /// Throws unless `range` holds `value`.
    public static func check(_ key: String, _ value: Int, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw SpecError(key: key, "\(value) is out of range; allowed: \(range.lowerBound)...\(range.upperBound)")
        }
    }

    /// A campaign name: not empty, one line, no control characters (it is
    /// printed in tables and used as a key by `resume` and `export`).
    public static func checkName(_ key: String, _ name: String) throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SpecError(key: key, "the name is empty; give a name of visible characters")
        }
        if let bad = name.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw SpecError(key: key, "the name holds a control character (U+\(String(bad.value, radix: 16, uppercase: true))); give a one-line name")
        }
    }
}
