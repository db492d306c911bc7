import Testing
import Foundation
import GymCore
@testable import GymTimeloop
import GymCampaign

/// Timeloop's `eyeriss_like` example against its published run
/// (docs/references.md §3, issue #15): `environments/timeloop/eyeriss_like.yaml`.
struct TimeloopEyerissLikeTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("environments/timeloop/eyeriss_like.yaml").path

    static func spec() throws -> TimeloopSpec { try TimeloopSpec(SpecLoader.load(path)) }

    /// Timeloop's figures: cycles and fJ/MAC per component.
    static let timeloopCycles = 86_016.0
    static let timeloopFJPerMAC: [(String, Double)] = [
        ("mac", 207.69), ("psum_spad", 386.77), ("weights_spad", 1_006.69), ("ifmap_spad", 112.37),
        ("shared_glb", 375.27), ("DRAM", 3_380.86), ("total", 5_469.65),
    ]

    /// fJ/MAC per component as Timeloop names them.
    static func components(_ r: LoopNestResult, _ arch: Architecture) -> [String: Double] {
        var out = ["mac": r.macPJ * 1000 / Double(r.macs), "total": r.energyPJ * 1000 / Double(r.macs)]
        for l in arch.levels.indices where arch.levels[l].name != "PE_column" {
            out[arch.levels[l].name] = r.femtojoulesPerMAC(level: l)
        }
        return out
    }

    @Test func theSpecDescribesTheExample() throws {
        let s = try Self.spec()
        #expect(s.problem.macs == 10_838_016)
        #expect(s.architecture.macCount == 168)
        #expect(s.architecture.levels.map(\.name) == ["psum_spad", "weights_spad", "ifmap_spad", "PE_column", "shared_glb", "DRAM"])
        // Words per access: 16-bit spads of 8-bit words serve two, the psum
        // spad's 16-bit words one, 64-bit DRAM and buffer eight.
        #expect(s.architecture.levels.map(\.blockSize) == [1, 2, 2, 1, 8, 8])
        #expect(s.architecture.levels.map(\.capacityWords) == [16, 384, 24, nil, 131_072, nil])
        // Compulsory traffic: every weight, input (225 × 225 × 3) and output once.
        let compulsory = DataTensor.allCases.reduce(0) { $0 + s.problem.size(of: $1) }
        #expect(compulsory == 554_147)
    }

    /// Timeloop's mapping (as its figures imply it, see the spec file)
    /// evaluated by DSEGym's model: the cycles exactly, every component's
    /// fJ/MAC within 10% (within 1.2% when written; the MAC is the farthest,
    /// because we charge its leakage), and the counts behind them.
    @Test func timeloopsMappingReproducesItsPublishedRun() throws {
        let s = try Self.spec()
        let mapping = try #require(s.mapping)
        let r = LoopNestModel.evaluate(s.problem, s.architecture, mapping)
        #expect(r.usedPEs == 126)
        #expect(r.cycles == Self.timeloopCycles)
        #expect(abs(r.utilization - 0.75) < 1e-12)
        let ours = Self.components(r, s.architecture)
        for (name, reference) in Self.timeloopFJPerMAC {
            let value = try #require(ours[name])
            #expect(abs(value - reference) / reference < 0.10, "\(name): \(value) fJ/MAC vs Timeloop's \(reference)")
            // Tighter than the issue asks: the storage levels agree to the
            // rounding of the energy table, the MAC to its leakage (1.15%).
            #expect(abs(value - reference) / reference < (name == "mac" ? 0.012 : 0.001), "\(name)")
        }
        #expect(abs(r.energyPJ / 1e6 - 59.28) / 59.28 < 0.10)
        // Counts that follow from Timeloop's rules (all instances).
        let (w, i, o) = (DataTensor.weights.rawValue, DataTensor.inputs.rawValue, DataTensor.outputs.rawValue)
        let macs = Double(r.macs)
        #expect(r.counts[0][o].updates == macs)
        #expect(r.counts[0][o].reads == macs * 2 / 3)   // first write of each partial sum per PE is free
        #expect(r.counts[1][w].reads == macs && r.counts[2][i].reads == macs)
        #expect(r.counts[2][i].fills == macs / 8)
        #expect(r.counts[1][w].fills == 864 * 16 * 14)    // multicast to the 14 columns
        #expect(r.counts[4][o] == TensorCounts(reads: 0, fills: 0, updates: 401_408))
        #expect(r.topAccesses == 572_528)
    }

    /// The spec's constraints hold for the mapping the mapper picks, and the
    /// mapper is at least as good as Timeloop's on this problem: no more
    /// cycles and no more energy than Timeloop's published run (beyond the
    /// 2% and 10% the issue allows the model).
    @Test func mapperFindsAtLeastTimeloopsQuality() throws {
        var s = try Self.spec()
        s.mapper.budget = 1500
        guard case .mapped(let choice) = s.mapper.map(s.problem, on: s.architecture) else {
            Issue.record("no mapping")
            return
        }
        #expect(LoopNestModel.violation(s.problem, s.architecture, choice.mapping) == nil)
        let r = choice.result
        #expect(r.cycles <= Self.timeloopCycles * 1.02, "\(choice.mapping.describe(s.architecture.levels.map(\.name)))")
        #expect(r.energyPJ <= 59.28e6 * 1.10, "\(r.energyPJ / 1e6) uJ")
        // In fact better on both counts (when written: 168 PEs, 64,512
        // cycles, about 56.5 uJ; Timeloop's random search stopped at 126 PEs).
        #expect(r.cycles < Self.timeloopCycles && r.energyPJ < 59.28e6, "\(r.cycles) cycles, \(r.energyPJ / 1e6) uJ")
        #expect(r.cycles >= Double(r.macs) / Double(r.usedPEs))
        let compulsoryDRAM = Double(DataTensor.allCases.reduce(0) { $0 + s.problem.size(of: $1) }) * s.architecture.levels[5].readPJPerWord
        #expect(r.energyPJ >= Double(r.macs) * s.architecture.macEnergyPJ + compulsoryDRAM)
    }

    @Test func constraintsRejectWhatTheSpecForbids() throws {
        let s = try Self.spec()
        var m = try #require(s.mapping)
        // C over the columns is forbidden.
        m.spatial[4][.c] = 3
        m.spatial[4][.q] = 2
        m.spatial[3][.c] = 1
        #expect(LoopNestModel.violation(s.problem, s.architecture, m)?.contains("shared_glb may not spread C") == true)
        // 13 PEs along the 12-PE column.
        var n = try #require(s.mapping)
        n.temporal[1][.r] = 1
        n.spatial[3][.r] = 3
        #expect(LoopNestModel.violation(s.problem, s.architecture, n)?.contains("PE_column") == true)
        // A temporal M loop in the weights spad.
        var k = try #require(s.mapping)
        k.temporal[0][.k] = 4
        k.temporal[1][.k] = 2
        #expect(LoopNestModel.violation(s.problem, s.architecture, k)?.contains("weights_spad may not hold a temporal K") == true)
    }

    @Test func badSpecsNameTheKey() throws {
        var text = try String(contentsOfFile: Self.path, encoding: .utf8)
        text = text.replacingOccurrences(of: "class: smartbuffer_RF", with: "class: flipflops")
        do {
            _ = try TimeloopSpec(SpecLoader.parse(text, file: "x.yaml", baseDirectory: nil))
            Issue.record("accepted an unknown class")
        } catch let e as SpecError {
            #expect(e.description.contains("levels[3].class") && e.description.contains("smartbuffer_RF"))
        }
        let bad = try String(contentsOfFile: Self.path, encoding: .utf8)
            .replacingOccurrences(of: "factors: {N: 1, M: 1, P: 1, Q: 1, S: 1}", with: "factors: {N: 1, M: 2}")
        #expect(throws: SpecError.self) { try TimeloopSpec(SpecLoader.parse(bad, file: "x.yaml", baseDirectory: nil)) }
    }
}
