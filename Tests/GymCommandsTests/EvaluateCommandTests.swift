import Foundation
import Testing

/// `dsegym evaluate` on the real environments: per-layer detail, JSON, the DRAM command log.
struct EvaluateCommandTests {
    func json(_ arguments: [String]) throws -> [String: Any] {
        let out = try CLI.run(["evaluate"] + arguments + ["--json"])
        #expect(out.status == 0, "\(out.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    }

    @Test func accelerator_jsonHasOneLayerEntryPerWorkloadLayer_andTotalsWithUnits() throws {
        let o = try json(["--env", "environments/accelerator-resnet50.yaml", "--set", "dataflow=kcp_ws", "--set", "pes=256"])
        let layers = try #require(o["layers"] as? [[String: Any]])
        let csv = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("environments/workloads/resnet50.csv").path, encoding: .utf8)
        let rows = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.count - 1
        #expect(layers.count == rows)
        let metrics = try #require(o["metrics"] as? [String: Any])
        #expect(metrics["latency_cycles"] != nil && metrics["energy_uJ"] != nil && metrics["area_mm2"] != nil)
        let macs = layers.compactMap { ($0["metrics"] as? [String: Any])?["macs"] as? NSNumber }.map(\.doubleValue)
        #expect(macs.reduce(0, +) == (metrics["macs"] as? NSNumber)?.doubleValue)
    }

    @Test func eyeriss_perLayerTablePrintsTheMappingAndFemtojoulesPerMAC() throws {
        let out = try CLI.run(["evaluate", "--env", "environments/accelerator-eyeriss-alexnet.yaml", "--per-layer"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("total_fJ_per_MAC"))
        #expect(out.stdout.contains("conv1"))
    }

    @Test func dram_commandLog_startsWithAnActivate_andHasAReadPerRequest() throws {
        let dir = CLI.temporaryFolder().path
        let out = try CLI.run(["evaluate", "--env", "environments/dram-stream.yaml", "--set", "PagePolicy=Open",
                               "--command-log", "\(dir)/commands.log"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = try String(contentsOfFile: "\(dir)/commands.log", encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.first?.split(separator: " ")[1] == "ACT")
        let reads = lines.filter { $0.split(separator: " ")[1].hasPrefix("RD") }.count
        #expect(reads == 10_000) // the shipped stream trace has 10,000 reads
        let notDRAM = try CLI.run(["evaluate", "--env", "environments/synthetic-branin.yaml", "--command-log", "\(dir)/x.log"])
        #expect(notDRAM.status == 2)
        #expect(notDRAM.stderr.contains("key '--command-log'"))
    }
}
