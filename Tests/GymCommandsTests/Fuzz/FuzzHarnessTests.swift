import Foundation
import Testing

/// Issue 20's fuzz and crash checks, run on the built binary over ≥ 500
/// generated bad inputs (the reproducers plus seeded mutations of every
/// shipped spec, memspec, trace and workload). For each: no crash (signal
/// death or an exit status other than 0, 2, 3), done within 20 s, a
/// rejection prints exactly one stderr line starting `error:`, and a
/// rejected `run` leaves no database behind.
@Suite(.serialized)
struct FuzzHarnessTests {
    static let seed: UInt64 = 20
    static let timeLimit = 20.0

    struct Outcome: Sendable {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stderr: String
        var databaseExists: Bool
    }

    /// Runs `input` in a fresh folder, killing it after `timeLimit` seconds.
    static func execute(_ input: FuzzInput) -> Outcome {
        let dir = CLI.temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in input.files { try? text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = input.arguments.map { $0.replacingOccurrences(of: "$DIR", with: dir) }
        process.currentDirectoryURL = CLI.packageRoot
        FileManager.default.createFile(atPath: "\(dir)/.stdout", contents: nil)
        FileManager.default.createFile(atPath: "\(dir)/.stderr", contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: "\(dir)/.stdout")
        process.standardError = FileHandle(forWritingAtPath: "\(dir)/.stderr")
        guard (try? process.run()) != nil else {
            return Outcome(status: -1, signalled: false, timedOut: false, stderr: "could not start \(CLI.binary.path)", databaseExists: false)
        }
        let started = Date()
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(started) > timeLimit {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: "\(dir)/.stderr", encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, stderr: stderr,
                       databaseExists: FileManager.default.fileExists(atPath: "\(dir)/db.sqlite"))
    }

    /// What is wrong with `outcome`, if anything.
    static func problem(_ input: FuzzInput, _ o: Outcome) -> String? {
        if o.timedOut { return "ran past \(Int(timeLimit)) s" }
        if o.signalled { return "killed by signal \(o.status)" }
        guard [0, 2, 3].contains(o.status) else { return "exit \(o.status): \(o.stderr)" }
        guard o.status != 0 else { return nil }
        let lines = o.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        if lines.count != 1 || !lines[0].hasPrefix("error: ") { return "exit \(o.status) with \(lines.count) stderr lines: \(o.stderr)" }
        if input.usesDatabase && o.databaseExists { return "exit \(o.status) but the database was created" }
        return nil
    }

    @Test func generatedBadInputs_neverCrashHangOrLeaveADatabase() throws {
        let inputs = FuzzCorpus.reproducers() + FuzzCorpus.mutations(seed: FuzzHarnessTests.seed)
        #expect(inputs.count >= 500)
        let outcomes = ParallelOutcomes(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            var i = worker
            while i < inputs.count {
                outcomes.set(i, FuzzHarnessTests.execute(inputs[i]))
                i += 2
            }
        }
        var failures: [String] = []
        var rejected = 0
        for (i, input) in inputs.enumerated() {
            let o = outcomes.get(i)
            if o.status == 2 || o.status == 3 { rejected += 1 }
            if let p = FuzzHarnessTests.problem(input, o) { failures.append("\(input.label) [\(input.arguments.joined(separator: " "))]: \(p)") }
        }
        let report = "\(failures.count) of \(inputs.count) inputs failed:\n" + failures.joined(separator: "\n")
        #expect(failures.isEmpty, "\(report)")
        // The mutations must mostly be rejections, or the harness tests little.
        #expect(rejected * 2 > inputs.count, "only \(rejected) of \(inputs.count) inputs were rejected")
        // Every reproducer of the issue is rejected (or, for the idle gap and the clocks, simulated quickly).
        for (i, input) in FuzzCorpus.reproducers().enumerated() where !input.label.contains("idle gap") {
            #expect(outcomes.get(i).status == 2, "\(input.label): exit \(outcomes.get(i).status) \(outcomes.get(i).stderr)")
        }
    }
}

/// Outcomes written by the harness's two worker threads, read after both end.
final class ParallelOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [FuzzHarnessTests.Outcome?]

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ o: FuzzHarnessTests.Outcome) {
        lock.lock()
        items[i] = o
        lock.unlock()
    }

    func get(_ i: Int) -> FuzzHarnessTests.Outcome {
        lock.lock()
        defer { lock.unlock() }
        return items[i]!
    }
}
