import Testing
import GymCore
@testable import GymTimeloop
@testable import GymWorkloads

/// Rules every mapping the mapper picks must obey, on AlexNet and the default
/// Eyeriss-like architecture (small budgets keep the debug build fast).
struct TimeloopMapperTests {
    static let alexnet = try! Workload.load("alexnet", relativeTo: nil)
    static let space = EyerissSpace.designSpace

    static func architecture(_ changes: [String: ParameterValue] = [:]) -> Architecture {
        var c = space.defaultConfiguration
        for (k, v) in changes { c = c.setting(k, to: v) }
        return EyerissSpace.architecture(c, table: .eyeriss65nm, dramBandwidth: 4, overrides: [:])!
    }

    static func mapped(_ layer: Layer, _ arch: Architecture, budget: Int = 120, goal: Mapper.Goal = .edp) throws -> Mapper.Choice {
        guard case .mapped(let choice) = Mapper(goal: goal, budget: budget).map(LoopProblem(layer), on: arch) else {
            Issue.record("no mapping for \(layer.name)")
            throw SpecError("unmapped")
        }
        return choice
    }

    @Test func chosenMappingsAreLegalAndDeterministic() throws {
        let arch = Self.architecture()
        for goal in [Mapper.Goal.edp, .lastLevelAccesses] {
            for layer in Self.alexnet.layers.prefix(3) {
                let a = try Self.mapped(layer, arch, goal: goal), b = try Self.mapped(layer, arch, goal: goal)
                #expect(a.mapping == b.mapping)
                #expect(a.result.energyPJ == b.result.energyPJ)
                #expect(LoopNestModel.violation(LoopProblem(layer), arch, a.mapping) == nil)
            }
        }
    }

    @Test func energyCoversMACsAndCompulsoryDRAMTraffic() throws {
        let arch = Self.architecture()
        let dram = arch.levels.last!
        for layer in Self.alexnet.layers {
            let p = LoopProblem(layer)
            let r = try Self.mapped(layer, arch).result
            let compulsory = Double(p.size(of: .weights) + p.size(of: .inputs)) * dram.readPJPerWord
                + Double(p.size(of: .outputs)) * dram.writePJPerWord
            #expect(r.energyPJ >= Double(r.macs) * arch.macEnergyPJ + compulsory, "\(layer.name)")
            #expect(r.topAccesses >= Double(p.size(of: .weights) + p.size(of: .inputs) + p.size(of: .outputs)))
        }
    }

    @Test func cyclesAreAtLeastMACsOverUsedPEs() throws {
        let arch = Self.architecture()
        for layer in Self.alexnet.layers {
            let r = try Self.mapped(layer, arch).result
            #expect(r.usedPEs <= arch.macCount)
            #expect(r.cycles >= Double(r.macs) / Double(r.usedPEs), "\(layer.name)")
            #expect(r.utilization > 0 && r.utilization <= 1)
        }
    }

    /// The rule of issue #4, "a bigger buffer never increases DRAM accesses
    /// under the same mapper budget", as the mapper guarantees it by
    /// construction (`Mapper.ladderMap`): under the `last-level-accesses`
    /// goal, doubling the global buffer (the outermost bounded level) never
    /// raises the DRAM words of the chosen mapping, for any budget and seed.
    /// Checked on every AlexNet layer (conv1/conv2 broke it before the
    /// ladder) and five other shapes, from 1,024 to 65,536 rows of one word
    /// (budget 40), and on conv1/conv2 with rows of four words (budget 160).
    /// Not claimed (and not true of this heuristic, see `Mapper.ladderMap`):
    /// the same for scratchpad depths, or for DRAM words under the other
    /// goals (EDP may trade DRAM words for energy or cycles).
    @Test func biggerGlobalBufferNeverIncreasesDRAMAccesses() throws {
        let layers = Self.alexnet.layers + [
            Layer(name: "conv", type: .conv, k: 32, c: 32, r: 3, s: 3, y: 20, x: 20),
            Layer(name: "strided-conv", type: .conv, k: 32, c: 16, r: 5, s: 5, y: 41, x: 41, stride: 2),
            Layer(name: "dw", type: .depthwiseConv, k: 32, c: 32, r: 3, s: 3, y: 18, x: 18, stride: 1, groups: 32),
            Layer.gemm("fc", rows: 16, inFeatures: 512, outFeatures: 256),
            Layer.gemm("fc-b", rows: 64, inFeatures: 1024, outFeatures: 512),
        ]
        var improved = 0
        for (budget, block, layers) in [(40, 1.0, layers), (160, 4.0, Array(layers.prefix(2)))] {
            for layer in layers {
                var previous = Double.infinity, first = Double.infinity
                for depth in Parameter.powersOfTwo(1024, 65536) {
                    let arch = Self.architecture(["glb_depth": .real(depth), "glb_block_size": .real(block)])
                    let dram = try Self.mapped(layer, arch, budget: budget, goal: .lastLevelAccesses).result.topAccesses
                    #expect(dram <= previous, "\(layer.name) at glb_depth \(Int(depth)) × \(Int(block)), budget \(budget)")
                    previous = dram
                    if depth == 1024 { first = dram }
                }
                if previous < first { improved += 1 }
            }
        }
        // The sweep matters: on most layers 1,024 rows force refetches that
        // 65,536 avoid (13 of these 15 sweeps when written).
        #expect(improved >= 10)
    }

    /// Why the ladder is sound: nothing about the global buffer but its
    /// capacity steers the search, so its class and banks (which change its
    /// access energy) leave the DRAM words of the chosen mapping unchanged.
    @Test func globalBufferEnergiesDoNotSteerTheLastLevelSearch() throws {
        for layer in Self.alexnet.layers.prefix(2) {
            var words: Set<Double> = []
            for (cls, banks) in [("smartbuffer_SRAM", 32.0), ("SRAM", 16), ("regfile", 128), ("smartbuffer_RF", 64)] {
                let arch = Self.architecture(["glb_depth": .real(2048), "glb_class": .text(cls), "glb_banks": .real(banks)])
                words.insert(try Self.mapped(layer, arch, budget: 40, goal: .lastLevelAccesses).result.topAccesses)
            }
            #expect(words.count == 1, "\(layer.name): \(words.sorted())")
        }
    }

    /// The model half of the rule: a mapping legal in a small buffer stays
    /// legal in a bigger one and moves exactly the same DRAM words.
    @Test func aMappingMovesTheSameDRAMWordsInABiggerBuffer() throws {
        let small = Self.architecture(["glb_depth": .real(1024)])
        let big = Self.architecture(["glb_depth": .real(65536)])
        for layer in Self.alexnet.layers.prefix(5) {
            let m = try Self.mapped(layer, small).mapping
            let p = LoopProblem(layer)
            #expect(LoopNestModel.violation(p, big, m) == nil)
            #expect(LoopNestModel.evaluate(p, big, m).topAccesses == LoopNestModel.evaluate(p, small, m).topAccesses)
        }
    }

    /// MobileNet-style depthwise (G = 32, C = K = 1 per group) and batched
    /// layers keep the same bounds as AlexNet's.
    @Test func depthwiseAndBatchedLayersObeyTheSameBounds() throws {
        let arch = Self.architecture()
        let dram = arch.levels.last!
        let layers = [
            Layer(name: "dw", type: .depthwiseConv, k: 32, c: 32, r: 3, s: 3, y: 18, x: 18, stride: 1, groups: 32),
            Layer(name: "dw-s2", type: .depthwiseConv, k: 96, c: 96, r: 3, s: 3, y: 57, x: 57, stride: 2, groups: 96),
            Layer(name: "batched", type: .conv, n: 4, k: 64, c: 32, r: 3, s: 3, y: 16, x: 16),
        ]
        for layer in layers {
            let p = LoopProblem(layer)
            #expect(p.macs == layer.macs)
            let r = try Self.mapped(layer, arch).result
            let compulsory = Double(p.size(of: .weights) + p.size(of: .inputs)) * dram.readPJPerWord
                + Double(p.size(of: .outputs)) * dram.writePJPerWord
            #expect(r.energyPJ >= Double(r.macs) * arch.macEnergyPJ + compulsory, "\(layer.name)")
            #expect(r.cycles >= Double(r.macs) / Double(r.usedPEs), "\(layer.name)")
        }
    }

    @Test func aHierarchyWithNoRoomIsInfeasibleWithTheLevelNamed() {
        var arch = Self.architecture()
        arch.levels[4].depth = 1
        arch.levels[4].blockSize = 1
        let outcome = Mapper(budget: 50).map(LoopProblem(Self.alexnet.layers[0]), on: arch)
        guard case .infeasible(let reason) = outcome else {
            Issue.record("expected infeasible")
            return
        }
        #expect(reason.contains("shared_glb"))
    }
}
