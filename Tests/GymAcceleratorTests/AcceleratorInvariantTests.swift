import Testing
@testable import GymAccelerator
import GymTesting
@testable import GymWorkloads

/// Rules the model must obey on every shipped workload and built-in dataflow.
/// Every layer is checked at one hardware point with a few variations (about 1 s in debug).
struct AcceleratorInvariantTests {
    static let workloads = ["alexnet", "vgg16", "resnet18", "resnet50", "mobilenetv2", "bert_base_layer", "gpt2_decode"]
    static let hardware = AcceleratorHardware(pes: 256, simdLanes: 4, l1Bytes: 1 << 20, l2Bytes: 1 << 30,
                                              nocBandwidth: 64, nocHops: 2, nocHopLatency: 1, offchipBandwidth: 16)
    let model = MaestroModel()

    /// The distinct layer shapes of a workload (repeated blocks are checked once).
    static func sample(_ name: String) throws -> [Layer] {
        var seen = Set<[Int]>()
        return try Fixtures.workload(name).layers.filter {
            seen.insert([$0.type.hashValue, $0.n, $0.k, $0.c, $0.r, $0.s, $0.y, $0.x, $0.stride, $0.groups]).inserted
        }
    }

    @Test(arguments: workloads)
    func runtimeIsAtLeastMACsOverPeakAndEnergyAtLeastMACEnergy(_ workload: String) throws {
        for layer in try Self.sample(workload) {
            for flow in Dataflow.builtIns {
                let cost = try model.evaluate(layer: layer, dataflow: flow, hardware: Self.hardware)
                let peak = Self.hardware.pes * Self.hardware.simdLanes
                #expect(cost.macs == layer.macs, "\(workload) \(layer.name) \(flow.name)")
                #expect(cost.runtimeCycles * peak >= cost.macs, "\(workload) \(layer.name) \(flow.name)")
                #expect(cost.utilization <= 1)
                #expect(cost.energyMACUnits >= Double(cost.macs) * model.costs.macEnergy)
            }
        }
    }

    @Test(arguments: workloads)
    func moreNoCOrOffchipBandwidthNeverMakesALayerSlower(_ workload: String) throws {
        for layer in try Self.sample(workload) {
            for flow in Dataflow.builtIns {
                var hw = Self.hardware
                var previous = Int.max
                for noc in [8, 32, 256] {
                    hw.nocBandwidth = noc
                    let cycles = try model.evaluate(layer: layer, dataflow: flow, hardware: hw).runtimeCycles
                    #expect(cycles <= previous, "\(layer.name) \(flow.name) noc_bw \(noc)")
                    previous = cycles
                }
                previous = Int.max
                for offchip in [2, 16, 512] {
                    hw.offchipBandwidth = offchip
                    let cycles = try model.evaluate(layer: layer, dataflow: flow, hardware: hw).runtimeCycles
                    #expect(cycles <= previous, "\(layer.name) \(flow.name) offchip_bw \(offchip)")
                    previous = cycles
                }
            }
        }
    }

    @Test(arguments: workloads)
    func morePEsNeverChangeMACs(_ workload: String) throws {
        let layer = try Self.sample(workload)[1]
        for flow in Dataflow.builtIns {
            for pes in [16, 100, 1024] {
                var hw = Self.hardware
                hw.pes = pes
                #expect(try model.evaluate(layer: layer, dataflow: flow, hardware: hw).macs == layer.macs,
                        "\(layer.name) \(flow.name) pes \(pes)")
            }
        }
    }

    @Test(arguments: workloads)
    func subClusterReuseIsNeverSlowerAndKeepsMACs(_ workload: String) throws {
        let reuse = MaestroModel(subClusterReuse: true)
        for layer in try Self.sample(workload) {
            for flow in Dataflow.builtIns {
                let plain = try model.evaluate(layer: layer, dataflow: flow, hardware: Self.hardware)
                let reused = try reuse.evaluate(layer: layer, dataflow: flow, hardware: Self.hardware)
                #expect(reused.macs == plain.macs)
                #expect(reused.runtimeCycles <= plain.runtimeCycles, "\(layer.name) \(flow.name)")
                #expect(reused.l1Writes.total <= plain.l1Writes.total, "\(layer.name) \(flow.name)")
            }
        }
    }

    @Test func subClusterReuseKeepsWeightsInPEsWhileInputsSlide() throws {
        // kcp_ws on a 3x3 layer: with reuse a PE receives its 9 weights once per K fold
        // instead of at every Y/X step.
        let conv = Layer(name: "c", type: .conv, k: 64, c: 64, r: 3, s: 3, y: 56, x: 56)
        let plain = try model.evaluate(layer: conv, dataflow: .kcpWS, hardware: .maestroValidation)
        let reused = try MaestroModel(subClusterReuse: true).evaluate(layer: conv, dataflow: .kcpWS, hardware: .maestroValidation)
        #expect(reused.l1Writes.weight == conv.weightElements)
        #expect(plain.l1Writes.weight == conv.weightElements * 54 * 54)
    }

    @Test func weightStationaryKcpReadsEveryWeightFromL2Once() throws {
        // kcp_ws keeps a weight chunk in the PEs while Y and X stream (its innermost loops).
        let conv = Layer(name: "c", type: .conv, k: 64, c: 64, r: 3, s: 3, y: 58, x: 58)
        let cost = try model.evaluate(layer: conv, dataflow: .kcpWS, hardware: .maestroValidation)
        #expect(cost.l2Reads.weight == conv.weightElements)
    }

    @Test func outputStationaryYkpWritesEveryOutputOnceWithoutPartialSumReads() throws {
        // ykp_os accumulates C, R and S in place, so outputs leave once and are never read back.
        let conv = Layer(name: "c", type: .conv, k: 64, c: 64, r: 3, s: 3, y: 58, x: 58)
        let cost = try model.evaluate(layer: conv, dataflow: .ykpOS, hardware: .maestroValidation)
        #expect(cost.l2Writes.output == conv.outputElements)
        #expect(cost.l2Reads.output == 0)
    }

    @Test func moreSIMDLanesNeverSlowAComputeBoundLayer() throws {
        let conv = Layer(name: "c", type: .conv, k: 64, c: 64, r: 3, s: 3, y: 58, x: 58)
        var hw = AcceleratorHardware.maestroValidation
        var previous = Int.max
        for lanes in [1, 2, 4, 8] {
            hw.simdLanes = lanes
            let cycles = try model.evaluate(layer: conv, dataflow: .xpWS, hardware: hw).runtimeCycles
            #expect(cycles <= previous)
            previous = cycles
        }
    }

    @Test func sameInputsGiveBitIdenticalCosts() throws {
        let layer = try Self.sample("mobilenetv2")[1]
        for flow in Dataflow.builtIns {
            let a = try model.evaluate(layer: layer, dataflow: flow, hardware: Self.hardware)
            let b = try model.evaluate(layer: layer, dataflow: flow, hardware: Self.hardware)
            #expect(a == b)
        }
    }
}
