import Testing
@testable import GymAccelerator
@testable import GymWorkloads

/// MAESTRO's Oct-2020 validation row (docs/references.md §2): ResNet-50 CONV1
/// (K64 C3 R7 S7, Y = X = 224 unpadded, stride 2) on kcp_ws with 256 PEs,
/// 9 SIMD lanes, L1 512, L2 32768, NoC 1024 elements/cycle, 1 hop of 1 cycle.
struct AcceleratorCalibrationTests {
    let conv1 = Layer(name: "CONV1", type: .conv, k: 64, c: 3, r: 7, s: 7, y: 224, x: 224, stride: 2)

    @Test func resnet50Conv1HasExactlyMaestrosMACs() throws {
        // 64 · 3 · 7 · 7 · Y'X' with Y' = X' = (224 − 7)/2 + 1 = 109: 9408 · 11881 = 111,776,448.
        let cost = try MaestroModel().evaluate(layer: conv1, dataflow: .kcpWS, hardware: .maestroValidation)
        #expect(conv1.macs == 111_776_448)
        #expect(cost.macs == 111_776_448)
    }

    @Test func resnet50Conv1RuntimeIsWithinTwoPercentOfMaestro() throws {
        // Off-chip bandwidth is not part of MAESTRO's row; 1024 elements/cycle keeps it from binding.
        let cost = try MaestroModel().evaluate(layer: conv1, dataflow: .kcpWS, hardware: .maestroValidation)
        let maestro = 1_330_673.0
        #expect(abs(Double(cost.runtimeCycles) - maestro) / maestro <= 0.02, "got \(cost.runtimeCycles) cycles")
    }

    @Test func resnet50Conv1BufferRequirementsMatchMaestro() throws {
        // L1 = 2 × (49 inputs + 49 weights + 49 partial sums) per PE;
        // L2 = 2 × (147 inputs multicast + 4 × 147 weights) + 2 × 4 outputs.
        let cost = try MaestroModel().evaluate(layer: conv1, dataflow: .kcpWS, hardware: .maestroValidation)
        #expect(cost.l1RequirementElements == 294)
        #expect(cost.l2RequirementElements == 1478)
    }

    @Test func resnet50Conv1RuntimeComesFromSevenCyclesPerStep() throws {
        // The mechanism behind the figure: 4 clusters (256 PEs / Cluster(64)) take 4 of K's 64
        // channels, so K folds 16 times; Y and X step once per output: 16 · 109 · 109 = 190,096 steps.
        // Inside a cluster 3 PEs (C = 3) each do 7·7 = 49 MACs: ceil(49/9) = 6 cycles, after a
        // 1-cycle ingress (1 hop, ≤ 1024 elements), so a cluster step takes 7 cycles. The top level
        // overlaps its 1-cycle ingress with them (double buffering) except on its first step:
        // 8 + 7 · 190,095 = 1,330,673 cycles, MAESTRO's figure exactly.
        let cost = try MaestroModel().evaluate(layer: conv1, dataflow: .kcpWS, hardware: .maestroValidation)
        #expect(cost.runtimeCycles == 8 + 7 * (16 * 109 * 109 - 1))
        #expect(cost.runtimeCycles == 1_330_673)
    }

    @Test func subClusterReuseGivesTheSameCONV1Figure() throws {
        // In-cluster ingress is one cycle whether the cluster reloads 294 elements or only the 42 new ones.
        let cost = try MaestroModel(subClusterReuse: true).evaluate(layer: conv1, dataflow: .kcpWS, hardware: .maestroValidation)
        #expect(cost.runtimeCycles == 1_330_673)
    }

    @Test func slowerHopsLengthenEveryClusterStep() throws {
        // With hop latency 3 the in-cluster ingress takes 3 cycles: steps of 9 cycles, first 12.
        var hw = AcceleratorHardware.maestroValidation
        hw.nocHopLatency = 3
        let cost = try MaestroModel().evaluate(layer: conv1, dataflow: .kcpWS, hardware: hw)
        #expect(cost.runtimeCycles == 12 + 9 * (16 * 109 * 109 - 1))
    }
}
