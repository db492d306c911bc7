import GymCore
import Testing
@testable import GymAccelerator
import GymTesting
@testable import GymWorkloads
import GymCampaign

struct AcceleratorDataflowTests {
    let conv = Layer(name: "c", type: .conv, k: 64, c: 64, r: 3, s: 3, y: 58, x: 58)
    let model = MaestroModel()

    @Test func textFormAcceptsLinesSemicolonsCommentsAndTheDataflowWrapper() throws {
        let lines = try Dataflow.parse("""
            Dataflow {
              SpatialMap(1,1) K;   // output channels across clusters
              TemporalMap(64,64) C # input channels
              Cluster(64, P);
              SpatialMap(1,1) C;
              TemporalMap(Sz(R),1) Y'
            }
            """)
        let semicolons = try Dataflow.parse("SpatialMap(1,1) K; TemporalMap(64,64) C; Cluster(64); SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y'")
        #expect(lines.directives == semicolons.directives)
        #expect(lines.directives.count == 5)
        #expect(lines.directives[4] == .temporal(size: .full(.r), offset: .literal(1), dimension: MappedDimension(.y, isOutput: true)))
    }

    @Test func everyBuiltInRoundTripsThroughItsText() throws {
        for flow in Dataflow.builtIns {
            #expect(try Dataflow.parse(flow.text).directives == flow.directives, "\(flow.name)")
        }
    }

    @Test func unreadableDirectivesAreSpecErrorsNamingTheDirective() {
        #expect(throws: SpecError.self) { try Dataflow.parse("SpatialMap(1) K") }
        #expect(throws: SpecError.self) { try Dataflow.parse("SpatialMap(1,1) Q") }
        #expect(throws: SpecError.self) { try Dataflow.parse("TemporalMap(0,1) K") }
        #expect(throws: SpecError.self) { try Dataflow.parse("   ;  // nothing") }
        do { _ = try Dataflow.named("kcp-ws") } catch let e as SpecError {
            #expect(e.message.contains("kcp_ws"), "lists the built-ins: \(e.message)")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func aDimensionMappedTwiceInALevelIsRejectedWithAReason() throws {
        let twice = try Dataflow.parse("SpatialMap(1,1) K; TemporalMap(4,4) K")
        #expect(throws: MappingRejection.self) { try model.evaluate(layer: conv, dataflow: twice, hardware: .maestroValidation) }
        // Y and Y' name the same dimension.
        let both = try Dataflow.parse("SpatialMap(1,1) K; TemporalMap(3,1) Y; TemporalMap(1,1) Y'")
        do { _ = try model.evaluate(layer: conv, dataflow: both, hardware: .maestroValidation); Issue.record("accepted") }
        catch let r as MappingRejection { #expect(r.reason.contains("twice")) }
    }

    @Test func overlappingChunksCoverADimensionTwiceAndAreRejected() throws {
        let overlap = try Dataflow.parse("SpatialMap(1,1) K; TemporalMap(8,4) C")
        do { _ = try model.evaluate(layer: conv, dataflow: overlap, hardware: .maestroValidation); Issue.record("accepted") }
        catch let r as MappingRejection { #expect(r.reason.contains("twice")) }
        // A 5-row window over a 3-row filter yields 3 output rows but moves one: rows computed thrice.
        let window = try Dataflow.parse("SpatialMap(1,1) K; TemporalMap(5,1) Y")
        #expect(throws: MappingRejection.self) { try model.evaluate(layer: conv, dataflow: window, hardware: .maestroValidation) }
    }

    @Test func gapsBetweenChunksLeaveADimensionUncoveredAndAreRejected() throws {
        let gaps = try Dataflow.parse("SpatialMap(1,2) K; TemporalMap(8,8) C")
        do { _ = try model.evaluate(layer: conv, dataflow: gaps, hardware: .maestroValidation); Issue.record("accepted") }
        catch let r as MappingRejection { #expect(r.reason.contains("uncovered")) }
    }

    @Test func aLevelWithoutASpatialMapIsRejected() throws {
        let temporalOnly = try Dataflow.parse("SpatialMap(1,1) K; Cluster(4); TemporalMap(1,1) C")
        do { _ = try model.evaluate(layer: conv, dataflow: temporalOnly, hardware: .maestroValidation); Issue.record("accepted") }
        catch let r as MappingRejection { #expect(r.reason.contains("SpatialMap")) }
    }

    @Test func spatialMapsInOneLevelMustSplitIntoEqualChunkCounts() throws {
        // Unit i takes chunk i of every spatial map: K in 64 chunks cannot pair with C in 3.
        let mismatched = try Dataflow.parse("SpatialMap(1,1) K; SpatialMap(1,1) C")
        let small = Layer(name: "c", type: .conv, k: 64, c: 3, r: 3, s: 3, y: 58, x: 58)
        do { _ = try model.evaluate(layer: small, dataflow: mismatched, hardware: .maestroValidation); Issue.record("accepted") }
        catch let r as MappingRejection { #expect(r.reason.contains("same number of chunks")) }
        // rs pairs Y (one output row per cluster: not split) with R (split in Sz(R)): allowed.
        #expect(try model.evaluate(layer: small, dataflow: .rs, hardware: .maestroValidation).macs == small.macs)
    }

    @Test func aChunkCoveringTheWholeDimensionMayUseAnyOffset() throws {
        // ykp_os writes TemporalMap(Sz(R),7) R: one step covers R, so the offset never matters (R = 11 here).
        let big = Layer(name: "c1", type: .conv, k: 96, c: 3, r: 11, s: 11, y: 227, x: 227, stride: 4)
        #expect(try model.evaluate(layer: big, dataflow: .ykpOS, hardware: .maestroValidation).macs == big.macs)
    }

    @Test func permutationIndicesDecodeToAllOrdersOfTheSixDimensions() {
        #expect(MappingGenome.permutation(0) == [.k, .c, .y, .x, .r, .s])
        #expect(MappingGenome.permutation(719) == [.s, .r, .x, .y, .c, .k])
        #expect(Set((0..<720).map { MappingGenome.permutation($0).map(\.rawValue) }).count == 720)
    }

    @Test func randomMappingsKeepExactMACsAndTheComputeBound() throws {
        // Random genomes produce edge chunks, partial folds and odd cluster sizes.
        let layers = [conv,
                      Layer(name: "s2", type: .conv, k: 128, c: 64, r: 3, s: 3, y: 58, x: 58, stride: 2),
                      Layer(name: "dw", type: .depthwiseConv, k: 144, c: 144, r: 3, s: 3, y: 58, x: 58, stride: 2, groups: 144),
                      Layer.gemm("fc", rows: 3, inFeatures: 1000, outFeatures: 77)]
        let space = try #require(Catalog.standard.environment(named: "accelerator-mapping")).make(
            SpecObject(["workload": .string("resnet18")], baseDirectory: Fixtures.environments)).designSpace
        var rng = SplitMix64(seed: 7)
        for _ in 0..<150 {
            let env = space.sample(using: &rng)
            let genome = MappingGenome(
                l2: .init(order: env.int("l2_order"), parallel: Self.letter(env.string("l2_parallel")),
                          tileK: env.int("l2_tile_k"), tileC: env.int("l2_tile_c"), tileY: env.int("l2_tile_y"), tileX: env.int("l2_tile_x"),
                          tileR: env.string("l2_tile_r") == "1" ? 1 : nil),
                l1: .init(order: env.int("l1_order"), parallel: Self.letter(env.string("l1_parallel")),
                          tileK: env.int("l1_tile_k"), tileC: env.int("l1_tile_c"), tileY: env.int("l1_tile_y"), tileX: env.int("l1_tile_x"),
                          tileS: env.string("l1_tile_s") == "1" ? 1 : nil),
                pes: env.int("pes"))
            var hw = AcceleratorHardware.maestroValidation
            hw.pes = genome.pes
            for layer in layers {
                let cost = try model.evaluate(layer: layer, dataflow: Dataflow(name: "g", directives: genome.directives(for: layer)), hardware: hw)
                #expect(cost.macs == layer.macs, "\(layer.name) \(genome)")
                #expect(cost.runtimeCycles * hw.pes * hw.simdLanes >= cost.macs)
            }
        }
    }

    static func letter(_ s: String) -> LoopDimension { LoopDimension.allCases.first { $0.letter == s }! }
}
