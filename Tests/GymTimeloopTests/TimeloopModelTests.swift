import Testing
import GymCore
@testable import GymTimeloop

/// Exact access counts and energies of small loop nests (docs/references.md §3).
struct TimeloopModelTests {
    /// Timeloop's exercise: one 64×8-bit register file holding every tensor, one MAC.
    static let oneLevel = Architecture(levels: [
        StorageLevel(name: "Buffer", storageClass: .regfile, depth: 64, blockSize: 1, wordBits: 8,
                     keeps: Set(DataTensor.allCases), readEnergyPJ: 0.42564, writeEnergyPJ: 0.42564),
    ], macEnergyPJ: 0.845)

    static func mapping(_ levels: [(LoopExtents, [ProblemDimension])]) -> Mapping {
        Mapping(temporal: levels.map(\.0), spatial: levels.map { _ in .ones }, order: levels.map(\.1))
    }

    static func extents(r: Int = 1, p: Int = 1) -> LoopExtents {
        var e = LoopExtents.ones
        e[.r] = r
        e[.p] = p
        return e
    }

    @Test func oneLevelConv1dMatchesTimeloopExercise() throws {
        let problem = LoopProblem.conv1d(r: 3, p: 16)
        let m = Self.mapping([(Self.extents(r: 3, p: 16), [.r, .p, .s, .q, .c, .k, .n, .g])])
        #expect(LoopNestModel.violation(problem, Self.oneLevel, m) == nil)
        let r = LoopNestModel.evaluate(problem, Self.oneLevel, m)
        #expect(r.macs == 48)
        #expect(r.cycles == 48)
        let buffer = r.counts[0]
        #expect(buffer[DataTensor.weights.rawValue].reads == 48)
        #expect(buffer[DataTensor.inputs.rawValue].reads == 48)
        #expect(buffer[DataTensor.outputs.rawValue].reads == 32)
        #expect(buffer[DataTensor.outputs.rawValue].updates == 48)
        #expect(abs(r.macPJ * 1000 / 48 - 845) < 1e-9)
        // 176 accesses × 0.42564 pJ / 48 MACs = 1560.68 fJ/MAC with the single
        // per-access figure docs/references.md gives. Timeloop reports 1561.54: its
        // write energy is slightly above the quoted per-access (read) energy,
        // which the reference does not give, so we check to 0.1%.
        let bufferFJ = r.femtojoulesPerMAC(level: 0)
        #expect(abs(bufferFJ - 176 * 425.64 / 48) < 1e-6)
        #expect(abs(bufferFJ - 1561.54) / 1561.54 < 1e-3)
        #expect(abs(r.energyPJ * 1000 / 48 - 2406.54) / 2406.54 < 1e-3)
    }

    /// Buffer (1 pJ/word) under a DRAM (10 pJ/word, 1 word/cycle each way);
    /// R=3, P=16 as `DRAM: R3 P2 | Buffer: P8`. Hand counts:
    /// - weights: the buffer holds 1 weight; DRAM's inner P2 does not touch it
    ///   (stays), R3 brings a new one: fills 3, DRAM reads 3; MACs read 48.
    /// - inputs: the buffer holds 8; P2 slides to 16 distinct, and R3 repeats
    ///   that sweep: fills 48, DRAM reads 48; MACs read 48.
    /// - outputs: 48 MAC updates, the first of each of 16 outputs needs no read:
    ///   32 read-backs. The buffer drains its 8 outputs after each (R, P)
    ///   chunk: 48 DRAM updates, of which 32 need the old partial sum back:
    ///   DRAM reads 32 = buffer fills 32. As in Timeloop, draining is not a
    ///   read of the buffer (its output reads are updates - partition,
    ///   48 - 16; issue #15 changed this figure from 80, which counted the
    ///   48 drains as reads).
    /// Buffer: reads 48 + 48 + 32, writes 3 + 48 + 32 + 48 = 131 → 259 pJ.
    /// DRAM: reads 3 + 48 + 32 = 83, writes 48 → 1310 pJ; MACs 48 × 0.5 pJ.
    /// Cycles: compute 48, DRAM reads 83 words at 1 per cycle → 83.
    @Test func twoLevelConv1dMatchesHandCounts() throws {
        let arch = Architecture(levels: [
            StorageLevel(name: "Buffer", storageClass: .regfile, depth: 32, keeps: Set(DataTensor.allCases),
                         readEnergyPJ: 1, writeEnergyPJ: 1),
            StorageLevel(name: "DRAM", storageClass: .dram, depth: nil, readBandwidth: 1, writeBandwidth: 1,
                         keeps: Set(DataTensor.allCases), readEnergyPJ: 10, writeEnergyPJ: 10),
        ], macEnergyPJ: 0.5)
        let problem = LoopProblem.conv1d(r: 3, p: 16)
        let m = Self.mapping([(Self.extents(p: 8), ProblemDimension.allCases),
                              (Self.extents(r: 3, p: 2), [.r, .p, .s, .q, .c, .k, .n, .g])])
        #expect(LoopNestModel.violation(problem, arch, m) == nil)
        let r = LoopNestModel.evaluate(problem, arch, m)
        let (w, i, o) = (DataTensor.weights.rawValue, DataTensor.inputs.rawValue, DataTensor.outputs.rawValue)
        let buffer = r.counts[0], dram = r.counts[1]
        #expect([buffer[w].reads, buffer[i].reads, buffer[o].reads] == [48, 48, 32])
        #expect([buffer[w].fills, buffer[i].fills, buffer[o].fills] == [3, 48, 32])
        #expect(buffer[o].updates == 48)
        #expect([dram[w].reads, dram[i].reads, dram[o].reads] == [3, 48, 32])
        #expect(dram[o].updates == 48)
        #expect(r.levelAccessPJ == [259, 1310])
        #expect(r.macPJ == 24)
        #expect(r.computeCycles == 48)
        #expect(r.cycles == 83)
    }

    @Test func aTileLargerThanTheBufferIsAViolation() {
        let problem = LoopProblem.conv1d(r: 3, p: 16)
        var small = Self.oneLevel
        small.levels[0].depth = 16
        let m = Self.mapping([(Self.extents(r: 3, p: 16), ProblemDimension.allCases)])
        let reason = LoopNestModel.violation(problem, small, m)
        #expect(reason?.contains("Buffer") == true)
    }

    @Test func sharedOutputsReduceSpatiallyAndSharedWeightsMulticast() {
        // Two MACs under one buffer, P split across them: weights are the same
        // for both (one read serves both), outputs differ.
        var arch = Self.oneLevel
        arch.levels[0].fanout = 2
        let problem = LoopProblem.conv1d(r: 3, p: 16)
        var spatial = LoopExtents.ones
        spatial[.p] = 2
        let m = Mapping(temporal: [Self.extents(r: 3, p: 8)], spatial: [spatial], order: [[.p, .r, .s, .q, .c, .k, .n, .g]])
        let r = LoopNestModel.evaluate(problem, arch, m)
        #expect(r.usedPEs == 2)
        #expect(r.computeCycles == 24)
        #expect(r.counts[0][DataTensor.weights.rawValue].reads == 24)
        #expect(r.counts[0][DataTensor.outputs.rawValue].updates == 48)
    }

    /// Weights bypass the shared buffer. Two PEs, each with a 4-word weight
    /// buffer, under a buffer keeping inputs and outputs, under DRAM; R=3,
    /// P=16 as `Buffer: spatial P2 | PE: R3 P8`. Hand counts:
    /// - weights: every MAC reads one (48); each PE loads the 3 weights once
    ///   (fills 6); DRAM sends them once to both PEs (multicast: reads 3).
    /// - inputs: the MACs of the two PEs read different inputs: 48 buffer
    ///   reads; the buffer holds all 18 inputs, filled once from DRAM.
    /// - outputs: 48 updates in the buffer, 32 read-backs, 16 drained to
    ///   DRAM (not counted as buffer reads, as in Timeloop; issue #15 changed
    ///   the buffer's output reads from 48), no DRAM read-back.
    @Test func bypassedWeightsComeFromDRAMAndAreMulticast() {
        let arch = Architecture(levels: [
            StorageLevel(name: "PE", storageClass: .regfile, depth: 4, keeps: [.weights],
                         readEnergyPJ: 1, writeEnergyPJ: 1),
            StorageLevel(name: "Buffer", storageClass: .sram, depth: 64, keeps: [.inputs, .outputs], fanout: 2,
                         readEnergyPJ: 2, writeEnergyPJ: 2),
            StorageLevel(name: "DRAM", storageClass: .dram, depth: nil, keeps: Set(DataTensor.allCases),
                         readEnergyPJ: 10, writeEnergyPJ: 10),
        ], macEnergyPJ: 0.5)
        var spatial = LoopExtents.ones
        spatial[.p] = 2
        let m = Mapping(temporal: [Self.extents(r: 3, p: 8), .ones, .ones], spatial: [.ones, spatial, .ones],
                        order: [[.r, .p, .s, .q, .c, .k, .n, .g], ProblemDimension.allCases, ProblemDimension.allCases])
        let problem = LoopProblem.conv1d(r: 3, p: 16)
        #expect(LoopNestModel.violation(problem, arch, m) == nil)
        let r = LoopNestModel.evaluate(problem, arch, m)
        let (w, i, o) = (DataTensor.weights.rawValue, DataTensor.inputs.rawValue, DataTensor.outputs.rawValue)
        #expect(r.counts[0][w] == TensorCounts(reads: 48, fills: 6, updates: 0))
        #expect(r.counts[1][w] == TensorCounts())
        #expect(r.counts[1][i] == TensorCounts(reads: 48, fills: 18, updates: 0))
        #expect(r.counts[1][o] == TensorCounts(reads: 32, fills: 0, updates: 48))
        #expect(r.counts[2][w].reads == 3 && r.counts[2][i].reads == 18)
        #expect(r.counts[2][o] == TensorCounts(reads: 0, fills: 0, updates: 16))
        #expect(r.usedPEs == 2 && r.computeCycles == 24)
        #expect(r.utilization == 1)
    }
}
