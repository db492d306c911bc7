import Foundation
import Testing
@testable import GymStore

/// Issue 20's race: several `dsegym run`s creating the same new database at
/// once. Creation and migration are one immediate transaction, so all of
/// them finish and the file is at the latest schema.
struct ConcurrentCreationTests {
    static let rounds = 20
    static let processes = 4

    @Test func fourProcessesOnOneNewDatabase_allFinish_atTheLatestSchema() throws {
        let dir = CLI.temporaryFolder().path
        for round in 0..<Self.rounds {
            let db = "\(dir)/round\(round).sqlite"
            let runs = try (1...Self.processes).map { seed in
                try Launched(["run", "--env", "environments/synthetic-hartmann6.yaml", "--agent", "ga", "--trials", "60",
                              "--seed", "\(seed)", "--db", db, "--name", "c\(seed)"])
            }
            for (i, run) in runs.enumerated() {
                let (status, stderr) = run.wait()
                #expect(status == 0, "round \(round), process \(i + 1): status \(status), \(stderr)")
            }
            let store = try TrialStore.openReadOnly(db)
            #expect(store.schemaVersion == Migrations.latest, "round \(round)")
            let campaigns = try store.campaigns()
            #expect(campaigns.count == Self.processes, "round \(round)")
            for c in campaigns {
                #expect(c.status == .finished, "round \(round): \(c.name) \(c.status)")
                #expect(try store.storedTrials(of: c.id).count == 60, "round \(round): \(c.name)")
            }
        }
    }

    /// A `dsegym` process started now and waited for later.
    final class Launched {
        let process = Process()
        let stderrFile: URL

        init(_ arguments: [String]) throws {
            stderrFile = CLI.temporaryFolder().appendingPathComponent("stderr.txt")
            _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.currentDirectoryURL = CLI.packageRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: stderrFile)
            try process.run()
        }

        func wait() -> (Int32, String) {
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
        }
    }
}
