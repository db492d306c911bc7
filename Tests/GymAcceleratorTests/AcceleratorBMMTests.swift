import GymCore
import Testing
@testable import GymAccelerator
@testable import GymWorkloads

/// BMM on the MAESTRO-class model: the batch dimension B indexes all three
/// tensors (docs/references.md §10). Counts derived by hand in the comments.
struct AcceleratorBMMTests {
    /// 2 batch elements of (2 rows × 4) · (4 × 3): 48 MACs; per element 8
    /// inputs, 12 weight-slot elements, 6 outputs.
    static let small = Layer.bmm("small", batch: 2, rows: 2, inner: 4, columns: 3)

    static func hardware(pes: Int, offchip: Int?) -> AcceleratorHardware {
        AcceleratorHardware(pes: pes, simdLanes: 1, l1Bytes: 1 << 20, l2Bytes: 1 << 20, nocBandwidth: 64,
                            nocHops: 1, nocHopLatency: 1, offchipBandwidth: offchip)
    }

    /// One level, `SpatialMap(1,1) K; TemporalMap(Sz(C),Sz(C)) C` on 3 PEs: B
    /// is unmapped, so it runs outermost one element at a time; N (unmapped)
    /// streams innermost. Steps (B, N) = (0,0), (0,1), (1,0), (1,1); every step
    /// each PE does one output column's 4 MACs (compute 4 cycles):
    /// - step 1: inputs 1·1·4 = 4 (multicast to the 3 PEs), weights 3·4 = 12, outputs 3;
    /// - step 2 (N moved): inputs 4, weights kept, outputs 3;
    /// - step 3 (B moved): everything new: 4, 12, 3; step 4 like step 2.
    /// Totals: inputs 16 = 2·2·4, weights 24 = 2·4·3, outputs 12 = 2·2·3; off-chip 52.
    /// Unlimited DRAM, NoC 64: step 1 = ingress (1 hop + ⌈16/64⌉ - 1 = 1) + 4,
    /// steps 2-4 = max(ingress 1, compute 4, egress 1) = 4: 5 + 12 = 17 cycles.
    @Test func unmappedBatchRunsElementsOneAfterAnother() throws {
        let flow = try Dataflow.parse("SpatialMap(1,1) K; TemporalMap(Sz(C),Sz(C)) C")
        let cost = try MaestroModel().evaluate(layer: Self.small, dataflow: flow, hardware: Self.hardware(pes: 3, offchip: nil))
        #expect(cost.macs == 48)
        #expect(cost.l2Writes.input == 16)
        #expect(cost.l2Writes.weight == 24)
        #expect(cost.l2Writes.output == 12)
        #expect(cost.offchipElements == 52)
        #expect(cost.runtimeCycles == 17)
        #expect(cost.memoryCycles == 0 && cost.memoryBoundCycles == 0)
    }

    /// The same mapping with DRAM at 2 elements/cycle. Off-chip per step:
    /// 4+12+3 = 19 → 10 cycles, 4+3 = 7 → 4, 19 → 10, 7 → 4.
    /// Step 1: max(ingress 1, DRAM 10) + compute 4 = 14; step 2: max(1, 4, 1, 4) = 4
    /// (DRAM ties compute: saturated, so memory-bound); step 3: 10; step 4: 4 (tie).
    /// Runtime 32; DRAM busy 28; memory-bound 10 (step 1's wait) + 4 + 10 + 4 = 28;
    /// compute 16. At 4 elements/cycle: DRAM 5, 2, 5, 2 cycles; step 1 = 5 + 4 = 9,
    /// steps 2-4 = 4, 5, 4: runtime 22, memory-bound only step 1's 5 and step 3's 5.
    @Test func boundCyclesComeFromTheSchedule() throws {
        let flow = try Dataflow.parse("SpatialMap(1,1) K; TemporalMap(Sz(C),Sz(C)) C")
        let cost = try MaestroModel().evaluate(layer: Self.small, dataflow: flow, hardware: Self.hardware(pes: 3, offchip: 2))
        #expect(cost.runtimeCycles == 32)
        #expect(cost.memoryCycles == 28)
        #expect(cost.memoryBoundCycles == 28)
        #expect(cost.computeCycles == 16)
        let faster = try MaestroModel().evaluate(layer: Self.small, dataflow: flow, hardware: Self.hardware(pes: 3, offchip: 4))
        #expect(faster.runtimeCycles == 22)
        #expect(faster.memoryCycles == 14 && faster.memoryBoundCycles == 10)
    }

    /// B spread over 2 PEs (`SpatialMap(1,1) B`), each PE the whole 4 × 3 of
    /// its element for one row at a time (N streams innermost): step 1
    /// inputs 2·4 = 8, weights 2·12 = 24, outputs 2·3 = 6; step 2 (N moved)
    /// inputs 8, outputs 6. Same totals as above (16, 24, 12), but each step
    /// is 12 MACs per PE: 1 + 12 + max(1, 12, 1) = 25 cycles.
    @Test func batchCanBeMappedSpatially() throws {
        let flow = try Dataflow.parse("SpatialMap(1,1) B; TemporalMap(Sz(K),Sz(K)) K; TemporalMap(Sz(C),Sz(C)) C")
        let cost = try MaestroModel().evaluate(layer: Self.small, dataflow: flow, hardware: Self.hardware(pes: 2, offchip: nil))
        #expect(cost.macs == 48)
        #expect(cost.l2Writes.input == 16 && cost.l2Writes.weight == 24 && cost.l2Writes.output == 12)
        #expect(cost.runtimeCycles == 25)
    }

    /// Every built-in maps a BMM with its exact MACs, and moves each batch
    /// element's second operand at least once (nothing is shared across B).
    @Test func builtInsMapBMMs() throws {
        let layer = Layer.bmm("score", batch: 16, rows: 4, inner: 128, columns: 300)
        for flow in Dataflow.builtIns {
            let cost = try MaestroModel().evaluate(layer: layer, dataflow: flow, hardware: AcceleratorHardware())
            #expect(cost.macs == layer.macs, "\(flow.name)")
            #expect(cost.l2Writes.weight >= layer.weightElements, "\(flow.name)")
            #expect(cost.l2Writes.input >= layer.inputElements, "\(flow.name)")
        }
    }

    /// A BMM of batch 1 is a GEMM: same cost on every built-in.
    @Test func batchOneIsAGEMM() throws {
        let bmm = Layer.bmm("a", batch: 1, rows: 8, inner: 64, columns: 96)
        let gemm = Layer.gemm("a", rows: 8, inFeatures: 64, outFeatures: 96)
        for flow in Dataflow.builtIns {
            let hw = AcceleratorHardware()
            #expect(try MaestroModel().evaluate(layer: bmm, dataflow: flow, hardware: hw)
                    == MaestroModel().evaluate(layer: gemm, dataflow: flow, hardware: hw), "\(flow.name)")
        }
    }

    /// Vector work runs on the lanes after the layer: 1000 ops on 3 PEs × 1
    /// lane = ⌈1000/3⌉ = 334 cycles and 1000 MAC energies more.
    @Test func vectorWorkAddsItsCycles() throws {
        var layer = Self.small
        let flow = try Dataflow.parse("SpatialMap(1,1) K; TemporalMap(Sz(C),Sz(C)) C")
        let hw = Self.hardware(pes: 3, offchip: nil)
        let plain = try MaestroModel().evaluate(layer: layer, dataflow: flow, hardware: hw)
        layer.vectorOps = 1000
        let withVector = try MaestroModel().evaluate(layer: layer, dataflow: flow, hardware: hw)
        #expect(withVector.runtimeCycles == plain.runtimeCycles + 334)
        #expect(withVector.vectorCycles == 334 && withVector.computeCycles == plain.computeCycles + 334)
        #expect(withVector.energyMACUnits == plain.energyMACUnits + 1000)
    }

    @Test func directivesReadTheBatchDimension() throws {
        let flow = try Dataflow.parse("SpatialMap(1,1) B; TemporalMap(Sz(B),Sz(B)) K")
        #expect(flow.text == "SpatialMap(1,1) B; TemporalMap(Sz(B),Sz(B)) K")
    }
}
