import Foundation
import Testing

/// `dsegym workload llm` writes the CSV the generator builds, and bad flags get
/// one line naming the flag and the allowed range.
struct WorkloadCommandTests {
    @Test func writesTheShippedDecodeCSV() throws {
        let dir = CLI.temporaryFolder()
        let out = dir.appendingPathComponent("d.csv").path
        let r = try CLI.run(["workload", "llm", "--config", "environments/llm/llama3-8b.yaml", "--phase", "decode",
                             "--batch", "8", "--context", "4096", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        let shipped = try String(contentsOf: CLI.packageRoot.appendingPathComponent("environments/workloads/llama3-8b-decode-b8-c4096.csv"), encoding: .utf8)
        #expect(written == shipped)
    }

    @Test func badFlagsNameTheirRange() throws {
        let config = ["--config", "environments/llm/gpt2-small.yaml"]
        let cases: [([String], [String])] = [
            (["--phase", "training", "--sequence", "4"], ["--phase", "prefill, decode"]),
            (["--phase", "prefill"], ["--sequence", "missing"]),
            (["--phase", "decode", "--batch", "0"], ["--batch", "1...4096"]),
            (["--phase", "decode", "--context=-1"], ["--context", "0...1048576"]),
        ]
        for (flags, mentions) in cases {
            let r = try CLI.run(["workload", "llm"] + config + flags)
            #expect(r.status == 2, "\(flags)")
            let line = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!line.contains("\n"), "\(flags): \(line)")
            for m in mentions { #expect(line.contains(m), "\(flags): \(line)") }
        }
        let missing = try CLI.run(["workload", "llm", "--config", "no/such.yaml", "--phase", "decode"])
        #expect(missing.status == 2 && missing.stderr.contains("no/such.yaml"))
    }
}
