import Foundation
import Testing
@testable import GymStore

/// A campaign whose disk fills up: exit 3 with one line, and the database
/// stays consistent with every batch logged before the failure, exactly the
/// trials an uninterrupted run has at that point.
struct FullDiskTests {
    static let arguments = ["run", "--env", "environments/synthetic-hartmann6.yaml", "--agent", "ga", "--trials", "20000",
                            "--seed", "3", "--name", "full"]

    @Test func aFullDisk_exitsThree_andKeepsEveryBatchLoggedBeforeIt() throws {
        let dir = CLI.temporaryFolder().path
        let disk = "\(dir)/disk"
        // A real full disk where this process may mount a tmpfs (root); else a
        // file-size limit (ulimit -f), which fails SQLite's writes the same way.
        let mount = StoreFixtures.canMount ? StoreFixtures.Mount(tmpfsAt: disk, bytes: 512 * 1024) : nil
        let db = "\(disk)/db.sqlite"
        let out: CLI.Output
        if mount != nil {
            out = try CLI.run(Self.arguments + ["--db", db])
        } else {
            try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
            let command = ([CLI.binary.path] + Self.arguments + ["--db", db]).map { "'\($0)'" }.joined(separator: " ")
            out = try CLI.run(shell: "trap '' XFSZ; ulimit -f 1000; exec \(command)")
        }
        #expect(out.status == 3, "\(out.stderr)")
        #expect(out.stderr.split(separator: "\n").count == 1, "\(out.stderr)")
        #expect(out.stderr.hasPrefix("error: \(db): cannot write: "), "\(out.stderr)")
        if mount != nil { #expect(out.stderr.contains("disk full")) }

        #expect(try StoreFixtures.integrity(db) == "ok")
        let store = try TrialStore.openReadOnly(db)
        let campaign = try #require(try store.campaign(named: "full"))
        let logged = try store.storedTrials(of: campaign.id).count
        #expect(logged > 0 && logged < 20000)
        #expect(try CLI.run(["export", "--db", db, "--csv", "\(dir)/full.csv"]).status == 0)

        // The same campaign on a roomy disk, stopped after as many trials: a
        // stop comes between batches, so equal rows mean no partial batch.
        let reference = "\(dir)/reference.sqlite"
        #expect(try CLI.run(Self.arguments + ["--db", reference, "--stop-after", "\(logged)"]).status == 130)
        #expect(try CLI.run(["export", "--db", reference, "--csv", "\(dir)/reference.csv"]).status == 0)
        #expect(try CLI.csvIgnoringTiming("\(dir)/full.csv") == (try CLI.csvIgnoringTiming("\(dir)/reference.csv")))
        withExtendedLifetime(mount) {}
    }
}
