import Testing
import GymCore
import GymWorkloads
@testable import GymTimeloop

/// BMM on the Timeloop-class model: the einsum O[g,n,k] += I[g,n,c] · W[g,c,k]
/// with the batch as the G rank, which all three tensors carry
/// (docs/references.md §10). Counts derived by hand in the comments.
struct TimeloopBMMTests {
    /// Buffer (1 pJ/word, 64 words) under DRAM (10 pJ/word, 1 word/cycle each way).
    static let arch = Architecture(levels: [
        StorageLevel(name: "Buffer", storageClass: .regfile, depth: 64, keeps: Set(DataTensor.allCases),
                     readEnergyPJ: 1, writeEnergyPJ: 1),
        StorageLevel(name: "DRAM", storageClass: .dram, depth: nil, readBandwidth: 1, writeBandwidth: 1,
                     keeps: Set(DataTensor.allCases), readEnergyPJ: 10, writeEnergyPJ: 10),
    ], macEnergyPJ: 0.5)

    /// 2 batch elements of (2 rows × 4) · (4 × 3).
    static let layer = Layer.bmm("bmm", batch: 2, rows: 2, inner: 4, columns: 3)

    @Test func bmmBecomesAnEinsumWithABatchRank() {
        let p = LoopProblem(Self.layer)
        #expect(p.bounds[.g] == 2 && p.bounds[.n] == 2 && p.bounds[.c] == 4 && p.bounds[.k] == 3)
        #expect(p.bounds[.r] == 1 && p.bounds[.p] == 1)
        #expect(p.macs == 48)
        #expect(p.size(of: .inputs) == 16 && p.size(of: .weights) == 24 && p.size(of: .outputs) == 12)
    }

    /// `DRAM: G2 | Buffer: N2 K3 C4`. The buffer holds one batch element:
    /// weights 12, inputs 8, outputs 6 (26 of 64 words). G is relevant to
    /// every tensor, so DRAM sends each one a new tile per batch element:
    /// weights 2·12 = 24, inputs 2·8 = 16 DRAM reads; outputs 2·6 = 12 DRAM
    /// updates, none read back (each is final when drained). The MACs read
    /// 48 weights and 48 inputs from the buffer and update 48 partial sums, of
    /// which 48 - 12 need a read. DRAM words 24 + 16 + 12 = 52, twice the 26 of
    /// one element: nothing is shared across the batch. Cycles: compute 48,
    /// DRAM reads 40 and writes 12 at 1 word/cycle → 48.
    @Test func batchRankReloadsEveryTensorPerElement() throws {
        var inner = LoopExtents.ones
        inner[.n] = 2; inner[.k] = 3; inner[.c] = 4
        var outer = LoopExtents.ones
        outer[.g] = 2
        let m = Mapping(temporal: [inner, outer], spatial: [.ones, .ones],
                        order: [[.c, .k, .n, .r, .s, .p, .q, .g], ProblemDimension.allCases])
        let problem = LoopProblem(Self.layer)
        #expect(LoopNestModel.violation(problem, Self.arch, m) == nil)
        let r = LoopNestModel.evaluate(problem, Self.arch, m)
        let (w, i, o) = (DataTensor.weights.rawValue, DataTensor.inputs.rawValue, DataTensor.outputs.rawValue)
        #expect(r.macs == 48)
        #expect(r.counts[1][w].reads == 24 && r.counts[1][i].reads == 16)
        #expect(r.counts[1][o].updates == 12 && r.counts[1][o].reads == 0)
        #expect(r.counts[0][w].fills == 24 && r.counts[0][i].fills == 16)
        #expect(r.counts[0][w].reads == 48 && r.counts[0][i].reads == 48)
        #expect(r.counts[0][o].updates == 48 && r.counts[0][o].reads == 36)
        #expect(r.topAccesses == 52)
        #expect(r.cycles == 48)
    }

    /// The mapper finds a legal mapping of a BMM on the Eyeriss-like
    /// hierarchy; its DRAM traffic is at least every tensor once (16 + 24 + 12).
    @Test func mapperMapsABMM() throws {
        let env = EyerissEnvironment(workload: Workload(name: "bmm", layers: [Self.layer]))
        let m = try env.evaluate(env.designSpace.defaultConfiguration)
        #expect(m.feasible)
        #expect(try #require(m["dram_accesses_words"]) >= 52)
    }
}
