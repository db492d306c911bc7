import GymCore
import Testing
@testable import GymAccelerator
import GymTesting
import GymCampaign

struct AcceleratorEnvironmentTests {
    static func make(_ kind: String, _ settings: [String: SpecValue]) throws -> any Environment {
        try #require(Catalog.standard.environment(named: kind)).make(
            SpecObject(settings, file: "test.yaml", path: "settings", baseDirectory: Fixtures.environments))
    }

    static func detailed(_ kind: String, _ settings: [String: SpecValue]) throws -> any DetailedEnvironment {
        try #require(try make(kind, settings) as? any DetailedEnvironment)
    }

    @Test func catalogRegistersBothAcceleratorKinds() {
        #expect(Catalog.standard.environment(named: "accelerator") != nil)
        #expect(Catalog.standard.environment(named: "accelerator-mapping") != nil)
    }

    @Test func hardwareSpaceHasTheSpecNamesAndEveryBuiltInDataflow() throws {
        let env = try Self.make("accelerator", ["workload": .string("resnet50")])
        #expect(env.designSpace.names == ["dataflow", "pes", "simd_lanes", "l1_bytes", "l2_bytes", "noc_bw", "offchip_bw"])
        #expect(env.designSpace.parameter(named: "dataflow")?.domain == .categorical(Dataflow.builtInNames))
        for key in ["latency_cycles", "latency_ns", "energy_uJ", "area_mm2", "power_mW", "edp_uJ_ms"] {
            #expect(env.metricSpecs.contains { $0.key == key }, "\(key)")
        }
    }

    @Test func unknownSettingsAndWorkloadsAreSpecErrorsSayingWhatIsAllowed() throws {
        do { _ = try Self.make("accelerator", ["workload": .string("resnet50"), "nocbw": .number(4)]); Issue.record("accepted") }
        catch let e as SpecError { #expect(e.key == "settings.nocbw"); #expect(e.message.contains("noc_hops")) }
        do { _ = try Self.make("accelerator", ["workload": .string("resnet51")]); Issue.record("accepted") }
        catch let e as SpecError { #expect(e.message.contains("resnet50"), "lists shipped workloads: \(e.message)") }
        do { _ = try Self.make("accelerator-mapping", ["workload": .string("resnet18"), "layer": .string("conv9")]); Issue.record("accepted") }
        catch let e as SpecError { #expect(e.key == "settings.layer"); #expect(e.message.contains("conv1")) }
    }

    @Test func bufferOverflowIsInfeasibleWithAReasonUnlessWarnOnly() throws {
        let point = Configuration(["dataflow": .text("kcp_ws"), "pes": .real(256), "simd_lanes": .real(1), "l1_bytes": .real(64),
                                   "l2_bytes": .real(1_048_576), "noc_bw": .real(64), "offchip_bw": .real(32)])
        let strict = try Self.make("accelerator", ["workload": .string("resnet50")]).evaluate(point)
        #expect(!strict.feasible)
        #expect(strict.reason?.contains("l1_bytes is 64") == true, "\(strict.reason ?? "")")
        let warnOnly = try Self.make("accelerator", ["workload": .string("resnet50"), "enforce_buffer_capacity": .bool(false)]).evaluate(point)
        #expect(warnOnly.feasible)
        #expect((warnOnly["buffer_overflow_layers"] ?? 0) > 0)
        #expect(warnOnly["latency_cycles"] == strict["latency_cycles"])
    }

    @Test func networkTotalsAreTheSumOfPerLayerResults() throws {
        let env = try Self.detailed("accelerator", ["workload": .string("resnet18")])
        let (metrics, layers) = try env.evaluateInDetail(env.designSpace.defaultConfiguration)
        #expect(layers.count == 21)
        #expect(layers.allSatisfy { $0.notes.contains { $0.0 == "dataflow" && $0.1 == "kcp_ws" } })
        let perLayer = layers.map { $0.metrics.first { $0.key == "latency_cycles" }!.value }.reduce(0, +)
        #expect(metrics["latency_cycles"] == perLayer)
        #expect(metrics["macs"] == 1_814_073_344)
        #expect(try env.evaluate(env.designSpace.defaultConfiguration) == metrics)
    }

    @Test func latencyInNanosecondsFollowsTheClock() throws {
        let fast = try Self.make("accelerator", ["workload": .string("alexnet"), "clock_mhz": .number(2000)])
        let m = try fast.evaluate(fast.designSpace.defaultConfiguration)
        #expect(m["latency_ns"]! == m["latency_cycles"]! / 2)
    }

    @Test func fingerprintCoversModelWorkloadAndConstants() throws {
        let base = try Self.make("accelerator", ["workload": .string("resnet50")]).fingerprint
        #expect(base.contains(MaestroModel.version))
        #expect(try Self.make("accelerator", ["workload": .string("resnet18")]).fingerprint != base)
        #expect(try Self.make("accelerator", ["workload": .string("resnet50"), "l2_access_energy": .number(20)]).fingerprint != base)
        #expect(try Self.make("accelerator", ["workload": .string("resnet50"), "noc_hops": .number(2)]).fingerprint != base)
        #expect(try Self.make("accelerator", ["workload": .string("resnet50"), "subcluster_reuse": .bool(true)]).fingerprint != base)
        #expect(try Self.make("accelerator", ["workload": .string("resnet50")]).fingerprint == base)
    }

    @Test func customDataflowsFromSettingsBecomeChoices() throws {
        let env = try Self.make("accelerator", ["workload": .string("alexnet"),
                                                "dataflows": .object(["kc": .string("SpatialMap(1,1) K; Cluster(16); SpatialMap(1,1) C")])])
        #expect(env.designSpace.parameter(named: "dataflow")?.domain == .categorical(Dataflow.builtInNames + ["kc"]))
        let m = try env.evaluate(env.designSpace.defaultConfiguration.setting("dataflow", to: .text("kc"))
            .setting("l1_bytes", to: .real(8192)).setting("l2_bytes", to: .real(4_194_304)))
        #expect(m["macs"] == 1_135_256_096)
        do { _ = try Self.make("accelerator", ["dataflows": .object(["bad": .string("SpatialMap(1) K")])]); Issue.record("accepted") }
        catch let e as SpecError { #expect(e.key == "settings.dataflows.bad") }
    }

    @Test func mappingSpaceHasArchGymsSeventeenKnobs() throws {
        let env = try Self.make("accelerator-mapping", ["workload": .string("resnet18")])
        #expect(env.designSpace.parameters.count == 17)
        #expect(env.designSpace.parameter(named: "l2_order")?.domain == .integer(0...719, step: 1))
        #expect(env.designSpace.parameter(named: "l1_parallel")?.domain == .categorical(["K", "C", "Y", "X"]))
        #expect(env.designSpace.parameter(named: "pes")?.domain == .integer(1...1024, step: 1))
    }

    @Test func mappingDecodesDeterministicallyIntoDirectivesShownAsNotes() throws {
        let env = try Self.detailed("accelerator-mapping", ["workload": .string("resnet18"), "layer": .string("conv3_1a")])
        let point = env.designSpace.defaultConfiguration.setting("l2_order", to: .int(1)).setting("pes", to: .int(64))
        let (m1, layers) = try env.evaluateInDetail(point)
        let (m2, again) = try env.evaluateInDetail(point)
        #expect(m1 == m2)
        #expect(layers.count == 1 && layers[0].name == "conv3_1a")
        let mapping = try #require(layers[0].notes.first { $0.0 == "mapping" }?.1)
        #expect(mapping == again[0].notes.first { $0.0 == "mapping" }?.1)
        // Order 1 swaps the last two of K C Y X R S; K is the L2 SpatialMap, C the L1 one.
        #expect(mapping.hasPrefix("SpatialMap(16,16) K; TemporalMap(64,64) C; TemporalMap(1,1) Y'; TemporalMap(8,8) X'; TemporalMap(3,3) S; TemporalMap(3,3) R; Cluster(64)"), "\(mapping)")
        #expect(m1["macs"] == Double(128 * 64 * 9 * 28 * 28))
    }
}
