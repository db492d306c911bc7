import Foundation
import GymCore

/// Measured accuracies that override a task's surrogate: a CSV with one
/// column per choice (short names, any order) and an `accuracy` column, a
/// fraction in [0, 1]. Lines starting with `#` are comments.
///
///     filters1,filters2,filters3,blocks1,blocks2,blocks3,skip,accuracy
///     16,32,64,3,3,3,on,0.9125
///
/// Choice vectors the table does not list keep the surrogate's accuracy, and
/// the per-task detail says which source each evaluation used.
public struct AccuracyTable: Sendable, Hashable {
    public var task: String
    /// Canonical choice text (`Configuration.canonicalText`) → accuracy.
    public var entries: [String: Double]

    public init(task: String, entries: [String: Double]) {
        self.task = task
        self.entries = entries
    }

    /// Parses CSV text; errors name the file, line and column.
    public init(csv text: String, family: any TaskNetworkFamily, file: String? = nil) throws {
        task = family.name
        entries = [:]
        var columns: [String]?
        let names = family.choices.map(\.name)
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let place = "line \(number + 1)"
            guard let header = columns else {
                let expected = (names + ["accuracy"]).sorted()
                guard cells.sorted() == expected else {
                    throw SpecError(file: file, key: place, "expected a header naming each of \(names.joined(separator: ", ")) and accuracy (any order) for task \(family.name)")
                }
                columns = cells
                continue
            }
            guard cells.count == header.count else {
                throw SpecError(file: file, key: place, "expected \(header.count) columns, found \(cells.count)")
            }
            var choice: [String: ParameterValue] = [:]
            var accuracy = 0.0
            for (column, cell) in zip(header, cells) {
                if column == "accuracy" {
                    guard let a = Double(cell), (0...1).contains(a) else {
                        throw SpecError(file: file, key: "\(place) column accuracy", "'\(cell)' is not a fraction in 0...1")
                    }
                    accuracy = a
                    continue
                }
                let domain = family.choices.first { $0.name == column }!.domain
                guard let v = domain.parse(cell) else {
                    throw SpecError(file: file, key: "\(place) column \(column)", "'\(cell)' not allowed; allowed: \(domain.allowedDescription)")
                }
                choice[column] = v
            }
            let key = Configuration(choice).canonicalText
            guard entries[key] == nil else {
                throw SpecError(file: file, key: place, "the choice vector \(key) is listed twice")
            }
            entries[key] = accuracy
        }
        guard !entries.isEmpty else { throw SpecError(file: file, "the accuracy table has no rows") }
    }

    /// Reads a table from a file.
    public static func load(_ path: String, family: any TaskNetworkFamily) throws -> AccuracyTable {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SpecError(file: path, "cannot read the accuracy table (missing or unreadable)")
        }
        return try AccuracyTable(csv: text, family: family, file: path)
    }

    /// The measured accuracy of a choice vector, if listed.
    public func accuracy(for choice: Configuration) -> Double? { entries[choice.canonicalText] }

    /// Stable digest of the contents, for the environment's fingerprint.
    public var fingerprint: String {
        let text = entries.keys.sorted().map { "\($0)=\(entries[$0]!)" }.joined(separator: "\n")
        return "\(task):" + Configuration(["t": .text(text)]).hashHex
    }
}
