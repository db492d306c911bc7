import Foundation
import Testing
@testable import GymStore

/// Every failure is one line, `error: …`, with the documented status: 2 bad
/// input, 3 store or I/O, 4 a campaign that cannot be continued; and a
/// rejected command leaves the file it rejected byte for byte as it was.
struct ExitCodeTests {
    static let env = "environments/synthetic-hartmann6.yaml"

    func expectOneErrorLine(_ out: CLI.Output, status: Int32, mentioning fragments: [String] = [],
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(out.status == status, "status \(out.status): \(out.stderr)", sourceLocation: sourceLocation)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(out.stderr)", sourceLocation: sourceLocation)
        #expect(out.stderr.hasPrefix("error: "), "\(out.stderr)", sourceLocation: sourceLocation)
        for f in fragments { #expect(out.stderr.contains(f), "'\(f)' missing from \(out.stderr)", sourceLocation: sourceLocation) }
    }

    @Test func usageErrors_exitTwo_withOneLine_notTheUsage() throws {
        expectOneErrorLine(try CLI.run(["run", "--env", Self.env]), status: 2, mentioning: ["--agent"])
        expectOneErrorLine(try CLI.run(["export", "--csv", "x.csv", "--db", "x.sqlite", "--bogus"]), status: 2, mentioning: ["--bogus"])
        expectOneErrorLine(try CLI.run(["run", "--env", Self.env, "--agent", "random", "--trials", "many"]), status: 2, mentioning: ["many"])
        let help = try CLI.run(["export", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE"))
    }

    @Test func anEmptyDatabasePath_isRejectedWithTwo_andNothingIsWritten() throws {
        let dir = CLI.temporaryFolder().path
        let run = try CLI.run(["run", "--env", Self.env, "--agent", "random", "--trials", "5", "--db", ""])
        expectOneErrorLine(run, status: 2, mentioning: ["--db"])
        #expect(!run.stdout.contains("best"))
        expectOneErrorLine(try CLI.run(["export", "--db", "", "--csv", "\(dir)/x.csv"]), status: 2, mentioning: ["--db"])
        expectOneErrorLine(try CLI.run(["merge", "--into", "", "\(dir)"]), status: 2, mentioning: ["--into"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func aNonFiniteWallTime_isBadInput_beforeAnyDatabaseExists() throws {
        let db = CLI.temporaryFolder().path + "/db.sqlite"
        let out = try CLI.run(["run", "--env", Self.env, "--agent", "random", "--db", db, "--wall-seconds", "nan"])
        expectOneErrorLine(out, status: 2, mentioning: ["--wall-seconds"])
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    struct RejectedFile: CustomTestStringConvertible, Sendable {
        var label: String
        /// Makes the file at the path it is given.
        var make: @Sendable (String) throws -> Void
        var arguments: [String]
        var mentions: [String]
        var testDescription: String { label }
    }

    static let rejected: [RejectedFile] = [
        RejectedFile(label: "export of a text file", make: { try "a,b\n1,2\n".write(toFile: $0, atomically: true, encoding: .utf8) },
                     arguments: ["export", "--db", "$DB", "--csv", "$DIR/out.csv"], mentions: ["not an SQLite database"]),
        RejectedFile(label: "export of a foreign SQLite file", make: { try StoreFixtures.sqlite($0, "CREATE TABLE people (name TEXT)") },
                     arguments: ["export", "--db", "$DB", "--csv", "$DIR/out.csv"], mentions: ["not a DSEGym database", "people"]),
        RejectedFile(label: "report of a foreign SQLite file", make: { try StoreFixtures.sqlite($0, "CREATE TABLE people (name TEXT)") },
                     arguments: ["report", "--db", "$DB", "--out", "$DIR/r.html"], mentions: ["not a DSEGym database"]),
        RejectedFile(label: "run into a file with a wrong dsegym_campaigns table",
                     make: { try StoreFixtures.sqlite($0, "CREATE TABLE dsegym_campaigns (id INTEGER)") },
                     arguments: ["run", "--env", env, "--agent", "random", "--trials", "5", "--db", "$DB"], mentions: ["dsegym_campaigns"]),
        RejectedFile(label: "resume on an Optuna-only database", make: { try StoreFixtures.sqlite($0, Migrations.optunaSchema) },
                     arguments: ["resume", "--db", "$DB", "--name", "x"], mentions: ["Optuna"]),
        RejectedFile(label: "resume on an empty file", make: { _ = FileManager.default.createFile(atPath: $0, contents: Data()) },
                     arguments: ["resume", "--db", "$DB", "--name", "x"], mentions: ["empty"]),
        RejectedFile(label: "export of a newer schema", make: { path in
                        _ = try TrialStore(path: path)
                        try StoreFixtures.sqlite(path, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE")
                     }, arguments: ["export", "--db", "$DB", "--csv", "$DIR/out.csv"], mentions: ["schema version 99 is newer"]),
        RejectedFile(label: "merge of a foreign shard", make: { try StoreFixtures.sqlite($0, "CREATE TABLE people (name TEXT)") },
                     arguments: ["merge", "--into", "$DIR/merged.sqlite", "$DB"], mentions: ["not a DSEGym database"]),
    ]

    @Test(arguments: rejected)
    func aFileThatIsNotOurs_exitsThree_andIsLeftByteForByte(_ c: RejectedFile) throws {
        let dir = CLI.temporaryFolder().path
        let db = "\(dir)/db.sqlite"
        try c.make(db)
        let before = try StoreFixtures.Fingerprint(db)
        let out = try CLI.run(c.arguments.map { $0.replacingOccurrences(of: "$DB", with: db).replacingOccurrences(of: "$DIR", with: dir) })
        expectOneErrorLine(out, status: 3, mentioning: [db + ":"] + c.mentions)
        #expect(try StoreFixtures.Fingerprint(db) == before, "\(c.label): the file changed")
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"), "\(c.label): a WAL appeared")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/merged.sqlite"), "\(c.label): a merge target was created")
    }

    @Test func aResumeThatDiverges_exitsFour_namingTheTrial() throws {
        let dir = CLI.temporaryFolder().path
        let db = "\(dir)/db.sqlite"
        let first = try CLI.run(["run", "--env", Self.env, "--agent", "random", "--trials", "1000", "--db", db, "--name", "c",
                                 "--stop-after", "10"])
        #expect(first.status == 130)
        // Another seed: the agent no longer proposes what the log holds.
        try StoreFixtures.sqlite(db, "UPDATE dsegym_campaigns SET seed = '12345' WHERE name = 'c'")
        expectOneErrorLine(try CLI.run(["resume", "--db", db, "--name", "c"]), status: 4, mentioning: ["resume diverged"])
    }
}
