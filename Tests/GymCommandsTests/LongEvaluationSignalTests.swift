import Foundation
import GymStore
import GymTesting
import Testing

/// Issue 20: SIGTERM inside one long evaluation (a DRAM simulation of many
/// seconds) ends `dsegym run` with exit 130 without finishing it: the batch in
/// flight is discarded, not half-logged. "Without finishing it" is checked by
/// the trial count, not a clock (had the run waited for its batch, that batch
/// would be logged); on a quiet machine the exit takes well under a second,
/// the 30 s bound only keeps a broken build from hanging the suite.
@Suite(.serialized)
struct LongEvaluationSignalTests {
    @Test func sigtermDuringOneLongEvaluation_exits130_andLogsNoPartialBatch() throws {
        let dir = CLI.temporaryFolder().path
        try Fixtures.writeRandomReadTrace(count: 300_000, to: "\(dir)/long.stl")
        try "environment: dram\nsettings: {trace: long.stl}\n".write(toFile: "\(dir)/long.yaml", atomically: true, encoding: .utf8)
        let db = "\(dir)/long.sqlite"
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "--env", "\(dir)/long.yaml", "--agent", "random", "--trials", "2", "--db", db, "--name", "long"]
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The campaign is registered once the spec has loaded; the signal
        // trap is set right after, and a second later the first simulation
        // is under way. (A signal before the trap would kill the process, or
        // be lost if the test runner left SIGTERM ignored for its children.)
        var waited = 0.0
        while process.isRunning, waited < 180,
              (try? TrialStore.openReadOnly(db).campaign(named: "long")) == nil {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 0.1
        }
        Thread.sleep(forTimeInterval: 1)
        try #require(process.isRunning, "the evaluation ended before the signal: make the trace longer")
        kill(process.processIdentifier, SIGTERM)
        let signalled = Date()
        while process.isRunning, Date().timeIntervalSince(signalled) < 30 { Thread.sleep(forTimeInterval: 0.02) }
        let exitedInTime = !process.isRunning
        if !exitedInTime { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(exitedInTime, "still running 30 s after SIGTERM")
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(process.terminationStatus) \(stdout) \(stderr)")
        #expect(stdout.contains("trials: 0 (0 this run"), "\(stdout)")
        #expect(stdout.contains("dsegym resume"))
        #expect(stderr.isEmpty, "\(stderr)")
        let export = try CLI.run(["export", "--db", db, "--name", "long", "--csv", "\(dir)/long.csv"])
        #expect(export.status == 0, "\(export.stderr)")
        let rows = try String(contentsOfFile: "\(dir)/long.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1, "only the header: no trial of the interrupted batch is logged, got \(rows.count - 1)")
    }
}
