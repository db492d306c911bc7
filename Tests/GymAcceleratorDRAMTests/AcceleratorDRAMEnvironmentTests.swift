import Foundation
import GymAccelerator
@testable import GymAcceleratorDRAM
import GymCampaign
import GymCore
import GymDRAM
import GymTesting
import Testing

/// The `accelerator-dram` environment: its space, how it combines compute and
/// memory time (docs/references.md §11), and its errors.
struct AcceleratorDRAMEnvironmentTests {
    static func make(_ settings: [String: SpecValue]) throws -> AcceleratorDRAMEnvironment {
        try AcceleratorDRAMEnvironment(settings: SpecObject(settings, file: "test.yaml", path: "settings",
                                                            baseDirectory: Fixtures.environments))
    }

    /// A one-layer GEMM workload in a temporary CSV.
    static func gemm(rows: Int, inFeatures: Int, outFeatures: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-coupled-\(UUID()).csv").path
        try "name,type,N,K,C,R,S,Y,X,stride,groups\nfc,GEMM,\(rows),\(outFeatures),\(inFeatures),1,1,1,1,1,1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func configuration(_ env: AcceleratorDRAMEnvironment, _ values: [String: ParameterValue] = [:]) -> Configuration {
        var all = env.designSpace.defaultConfiguration.dictionary
        for (k, v) in values { all[k] = v }
        return Configuration(all)
    }

    @Test func spaceIsTheAcceleratorKnobsWithoutOffchipPlusTheDRAMKnobs() throws {
        let env = try Self.make(["workload": .string("gpt2_decode")])
        #expect(env.designSpace.names == ["dataflow", "pes", "simd_lanes", "l1_bytes", "l2_bytes", "noc_bw"]
                + DRAMEnvironment.space(.ga).names)
        #expect(Catalog.standard.environment(named: "accelerator-dram") != nil)
        let rl = try Self.make(["workload": .string("gpt2_decode"), "ranges": .string("rl")])
        #expect(rl.designSpace.parameter(named: "RequestBufferSize")?.domain == DRAMEnvironment.space(.rl).parameter(named: "RequestBufferSize")?.domain)
        #expect(rl.fingerprint != env.fingerprint)
    }

    @Test func badSettingsNameTheirKey() throws {
        let cases: [([String: SpecValue], String, String)] = [
            (["offchip_bw": .number(64)], "settings.offchip_bw", "DRAM simulation"),
            (["memspec": .string("ddr9")], "settings.memspec", "ddr9"),
            (["ranges": .string("wide")], "settings.ranges", "allowed: ga, rl"),
            (["window_requests": .number(10)], "settings.window_requests", "allowed: 0"),
            (["window_requests": .number(-1)], "settings.window_requests", "out of range"),
            (["address_mapping": .string("row-bank")], "settings.address_mapping", "column"),
            (["trace": .string("random")], "settings.trace", "unknown key"),
        ]
        for (settings, key, words) in cases {
            do {
                _ = try Self.make(["workload": .string("gpt2_decode")].merging(settings) { $1 })
                Issue.record("\(settings) was accepted")
            } catch let e as SpecError {
                #expect(e.key == key, "\(settings): \(e)")
                #expect(e.message.contains(words), "\(settings): \(e)")
                #expect(!e.message.contains("offchip_bw,"), "\(settings): \(e)")
            }
        }
    }

    /// 1 × 32768 → 32768 has 1 GiB of weights: with its input and output
    /// regions (2 MiB each) it does not fit ArchGym's 1 GiB DDR3 memory.
    @Test func aWorkloadLargerThanTheMemoryIsRejected() throws {
        let csv = try Self.gemm(rows: 1, inFeatures: 32768, outFeatures: 32768)
        defer { try? FileManager.default.removeItem(atPath: csv) }
        #expect(throws: SpecError.self) { try Self.make(["workload": .string(csv), "memspec": .string("ddr3-1600-x8-1gb")]) }
        do { _ = try Self.make(["workload": .string(csv), "memspec": .string("ddr3-1600-x8-1gb")]) } catch let e as SpecError {
            #expect(e.key == "settings.memspec" && e.message.contains("layer fc needs 1028 MiB"), "\(e)")
        }
    }

    /// A slow clock makes the layer compute bound: latency is compute plus the
    /// first fill, nothing of memory shows. A fast clock makes it memory
    /// bound: latency is the DRAM's time, and grows with a closed page policy.
    @Test func latencyIsComputePlusFillOrMemory() throws {
        let csv = try Self.gemm(rows: 1, inFeatures: 1024, outFeatures: 1024)
        defer { try? FileManager.default.removeItem(atPath: csv) }
        let slow = try Self.make(["workload": .string(csv), "clock_mhz": .number(10)])
        let (m, layers) = try slow.evaluate(Self.configuration(slow), cancellation: nil)
        let layer = try #require(layers.first)
        #expect(!layer.isMemoryBound)
        #expect(m["latency_ns"] == layer.computeNs + layer.memory.fillNs)
        #expect(layer.memory.fillNs > 0 && layer.memory.fillNs < 1000)
        #expect(m["memory_time_share"]! < 0.01)
        #expect(m["memory_bound_layers"] == 0)
        #expect(abs(m["energy_uJ"]! - m["accelerator_energy_uJ"]! - m["dram_energy_uJ"]!) < 1e-9 * m["energy_uJ"]!)

        let fast = try Self.make(["workload": .string(csv), "clock_mhz": .number(4000)])
        let (f, fastLayers) = try fast.evaluate(Self.configuration(fast), cancellation: nil)
        let fastLayer = try #require(fastLayers.first)
        #expect(fastLayer.isMemoryBound)
        #expect(f["latency_ns"] == fastLayer.memory.memoryNs)
        #expect(f["memory_time_share"]! > 0.5)
        // 1 MiB of weights at most at the DDR4-2400 peak of 19.2 GB/s.
        #expect(f["latency_ns"]! > Double(1 << 20) / 19.2)
        #expect(f["dram_bandwidth_utilization_pct"]! > 30 && f["dram_bandwidth_utilization_pct"]! <= 100)
        let closed = try fast.evaluate(Self.configuration(fast, ["PagePolicy": .text("Closed")]))
        #expect(closed["latency_ns"]! > f["latency_ns"]!)
        #expect(closed["dram_row_hit_rate"]! < f["dram_row_hit_rate"]!)
    }

    @Test func perLayerDetailNamesEveryLayer() throws {
        let env = try Self.make(["workload": .string("gpt2_decode"), "window_requests": .number(1024)])
        let (metrics, parts) = try env.evaluateInDetail(Self.configuration(env, ["pes": .real(64), "l2_bytes": .real(1_048_576)]))
        #expect(metrics.feasible, "\(metrics.reason ?? "")")
        let names: [String] = parts.map { $0.name }
        #expect(names == env.accelerator.workload.layers.map { $0.name })
        var total = 0.0
        for part in parts { total += part.metrics.first { $0.key == "latency_ns" }?.value ?? 0 }
        #expect(abs(total - metrics["latency_ns"]!) < 1e-6 * total)
    }

    @Test func infeasiblePointsSayWhy() throws {
        let env = try Self.make(["workload": .string("gpt2_decode")])
        let small = try env.evaluate(Self.configuration(env, ["l2_bytes": .real(8192), "pes": .real(4096)]))
        #expect(!small.feasible && (small.reason ?? "").contains("l2_bytes"), "\(small.reason ?? "")")
    }
}
