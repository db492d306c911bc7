import GymCore
import Testing
@testable import GymCodesign
@testable import GymAccelerator
import GymCampaign

/// The `codesign` environment: budgets, the heterogeneous cost model against
/// MaestroModel called directly, specs and the NASAIC reward.
struct CoDesignEnvironmentTests {
    static func make(_ settings: [String: SpecValue] = [:]) throws -> CodesignEnvironment {
        let kind = try #require(Catalog.standard.environment(named: "codesign"))
        return try #require(try kind.make(SpecObject(settings, file: "test.yaml", path: "settings")) as? CodesignEnvironment)
    }

    /// A small design: ResNet-20 and a depth-3 U-Net, two sub-accelerators.
    static func point(_ changes: [String: ParameterValue] = [:], in env: CodesignEnvironment) -> Configuration {
        var values = env.designSpace.defaultConfiguration.dictionary
        values["nuclei_depth"] = .int(3)
        values["nuclei_filters"] = .real(16)
        values["acc1_pes"] = .real(1024)
        values["acc2_pes"] = .real(2048)
        values["acc1_bw_gbps"] = .real(16)
        values["acc2_bw_gbps"] = .real(48)
        for (k, v) in changes { values[k] = v }
        return Configuration(values)
    }

    @Test func spaceHasTaskChoicesSubAcceleratorKnobsAndAssignments() throws {
        let env = try Self.make()
        for name in ["cifar10_filters1", "cifar10_blocks3", "cifar10_skip", "nuclei_depth", "nuclei_filters",
                     "acc1_dataflow", "acc1_pes", "acc1_bw_gbps", "acc2_dataflow", "acc2_pes", "acc2_bw_gbps",
                     "cifar10_on", "nuclei_on"] {
            #expect(env.designSpace.parameter(named: name) != nil, "\(name)")
        }
        #expect(env.designSpace.parameter(named: "acc1_dataflow")?.domain == .categorical(["kcp_ws", "ykp_os", "rs"]))
        #expect(env.designSpace.parameter(named: "acc1_pes")?.domain == .ordinal([64, 128, 256, 512, 1024, 1536, 2048, 3072, 4096]))
        let three = try Self.make(["sub_accelerators": .number(3)])
        #expect(three.designSpace.parameter(named: "acc3_pes") != nil)
        #expect(three.designSpace.parameter(named: "nuclei_on")?.domain == .categorical(["acc1", "acc2", "acc3"]))
    }

    @Test func feasibleDesignsNeverExceedTheBudgets_andInfeasibleOnesNameTheBudget() throws {
        for (pes, bw) in [(4096, 64.0), (2048, 24.0)] {
            let env = try Self.make(["total_pes": .number(Double(pes)), "total_bandwidth_gbps": .number(bw),
                                     "tasks": .array([.string("cifar10")])])
            var rng = SplitMix64(seed: 3)
            var feasible = 0, overBudget = 0
            for _ in 0..<150 {
                let c = env.designSpace.sample(using: &rng)
                let usedPEs = c.int("acc1_pes") + c.int("acc2_pes")
                let usedBW = c.double("acc1_bw_gbps") + c.double("acc2_bw_gbps")
                let m = try env.evaluate(c)
                if m.feasible {
                    feasible += 1
                    #expect(usedPEs <= pes && usedBW <= bw + 1e-9)
                    #expect(m["pes_used"] == Double(usedPEs))
                } else if usedPEs > pes {
                    overBudget += 1
                    #expect(m.reason?.contains("PE budget exceeded") == true, "\(m.reason ?? "")")
                    #expect(m.reason?.contains("total_pes \(pes)") == true)
                } else {
                    #expect(usedBW > bw, "infeasible within budget: \(m.reason ?? "")")
                    #expect(m.reason?.contains("bandwidth budget exceeded") == true, "\(m.reason ?? "")")
                }
            }
            #expect(feasible > 0 && overBudget > 0)
        }
    }

    @Test func latencyIsTheMaxOfTheSubAcceleratorsEvaluatedDirectly_energyAndAreaTheSums() throws {
        let env = try Self.make()
        let model = MaestroModel()
        func hardware(_ pes: Int, _ bw: Int) -> AcceleratorHardware {
            AcceleratorHardware(pes: pes, simdLanes: 1, l1Bytes: 512, l2Bytes: 1 << 20, nocBandwidth: bw, offchipBandwidth: bw)
        }
        let hw1 = hardware(1024, 16), hw2 = hardware(2048, 48)
        let resnet = ResNetCIFAR10.workload(.init(filters: [16, 32, 64], blocks: [3, 3, 3], skip: true))
        let unet = UNetNuclei().workload(.init(depth: 3, filters: 16))
        // cifar10 on acc1 (kcp_ws), nuclei on acc2 (ykp_os): the defaults.
        let a = try model.evaluate(workload: resnet, hardware: hw1) { _ in .kcpWS }
        let b = try model.evaluate(workload: unet, hardware: hw2) { _ in .ykpOS }
        let m = try env.evaluate(Self.point(in: env))
        #expect(m.feasible, "\(m.reason ?? "")")
        #expect(m["latency_cycles"] == Double(max(a.runtimeCycles, b.runtimeCycles)))
        #expect(m["cifar10_latency_cycles"] == Double(a.runtimeCycles))
        #expect(m["nuclei_latency_cycles"] == Double(b.runtimeCycles))
        #expect(m["energy_nJ"] == (a.energyPJ + b.energyPJ) / 1000)
        #expect(m["area_um2"] == model.costs.areaUM2(hw1) + model.costs.areaUM2(hw2))

        // Both tasks on acc2: they run one after the other; acc1 idles but keeps its area.
        let shared = try env.evaluate(Self.point(["cifar10_on": .text("acc2")], in: env))
        let a2 = try model.evaluate(workload: resnet, hardware: hw2) { _ in .ykpOS }
        #expect(shared["latency_cycles"] == Double(a2.runtimeCycles + b.runtimeCycles))
        #expect(shared["energy_nJ"] == (a2.energyPJ + b.energyPJ) / 1000)
        #expect(shared["area_um2"] == m["area_um2"])
    }

    @Test func meetingEverySpec_rewardsTheWeightedAccuracy() throws {
        let env = try Self.make(["specs": .object(["latency_cycles": .number(1e9), "energy_nJ": .number(1e12)]),
                                 "task_weights": .object(["cifar10": .number(3), "nuclei": .number(1)])])
        let m = try env.evaluate(Self.point(in: env))
        let cifar = try #require(m["cifar10_accuracy"]), nuclei = try #require(m["nuclei_accuracy"])
        #expect(abs(try #require(m["accuracy"]) - (0.75 * cifar + 0.25 * nuclei)) < 1e-12)
        #expect(m["nasaic_reward"] == m["accuracy"])
        #expect(m["specs_met"] == 1 && m["spec_violation"] == 0)
    }

    @Test func violatingSpecs_givesANegativeRewardGrowingWithTheViolation() throws {
        let reference = try Self.make().evaluate(Self.point(in: try Self.make()))
        let latency = try #require(reference["latency_cycles"]), area = try #require(reference["area_um2"])
        func reward(latencySpec: Double) throws -> Metrics {
            try Self.make(["specs": .object(["latency_cycles": .number(latencySpec), "area_um2": .number(area / 2)])])
                .evaluate(Self.point(in: try Self.make()))
        }
        let near = try reward(latencySpec: latency * 0.8), far = try reward(latencySpec: latency * 0.4)
        #expect(abs(try #require(near["nasaic_reward"]) - -((latency - latency * 0.8) / (latency * 0.8) + 1)) < 1e-9)
        #expect(try #require(far["nasaic_reward"]) < near["nasaic_reward"]!)
        #expect(near["specs_met"] == 0)
    }

    @Test func pruneViolations_makesAViolatorInfeasibleNamingTheSpec() throws {
        let env = try Self.make(["specs": .object(["energy_nJ": .number(1)]), "prune_violations": .bool(true)])
        let m = try env.evaluate(Self.point(in: env))
        #expect(!m.feasible)
        #expect(m.reason?.contains("energy_nJ") == true && m.reason?.contains("> spec 1") == true, "\(m.reason ?? "")")
    }

    @Test func evaluationIsDeterministic_andDetailHasEveryTaskAndSubAccelerator() throws {
        let env = try Self.make()
        let c = Self.point(in: env)
        #expect(try env.evaluate(c) == env.evaluate(c))
        let (_, parts) = try env.evaluateInDetail(c)
        #expect(parts.map(\.name) == ["acc1", "acc2", "cifar10", "nuclei"])
        #expect(parts[2].notes.contains { $0.1.hasSuffix("(surrogate)") })
    }

    @Test func badSettingsAreSpecErrorsNamingTheKeyAndWhatIsAllowed() throws {
        let cases: [([String: SpecValue], String, String)] = [
            (["sub_acelerators": .number(2)], "settings.sub_acelerators", "sub_accelerators"),
            (["templates": .array([.string("eyeriss")])], "settings.templates", "kcp_ws"),
            (["tasks": .array([.string("imagenet")])], "settings.tasks", "cifar10"),
            (["specs": .object(["power_mW": .number(3)])], "settings.specs.power_mW", "latency_cycles"),
            (["specs": .object(["energy_nJ": .number(0)])], "settings.specs.energy_nJ", "positive"),
            (["nuclei_resolution": .number(100)], "settings.nuclei_resolution", "multiple of 32"),
        ]
        for (settings, key, hint) in cases {
            do { _ = try Self.make(settings); Issue.record("accepted \(settings)") }
            catch let e as SpecError {
                #expect(e.key == key, "\(e)")
                #expect(e.message.contains(hint), "\(e)")
            }
        }
    }
}
