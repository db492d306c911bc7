import GymCore
@testable import GymAccelerator
import GymWorkloads
import Testing

/// `MaestroModel.offchipStream`: the off-chip accesses of a layer as DRAM
/// requests (docs/references.md §11), checked by hand on tiny layers and
/// against the model's own totals on real ones.
struct OffChipStreamTests {
    static let mib: UInt64 = 1 << 20

    /// 1 × 128 → 8 on kcp_ws with 256 PEs: 4 clusters of 64 take one output
    /// channel each (two folds for K = 8), C goes in chunks of 64 (two steps),
    /// so the top level has 4 steps: (K 0-3, C 0-63), (K 0-3, C 64-127),
    /// (K 4-7, C 0-63), (K 4-7, C 64-127). Every step brings 64 inputs and
    /// 4 × 64 weights; outputs 0-3 are new at step 0, 4-7 at step 2.
    @Test func tinyGEMMStreamIsTheHandDerivedOne() throws {
        let layer = Layer.gemm("g", rows: 1, inFeatures: 128, outFeatures: 8)
        var hw = AcceleratorHardware()
        hw.offchipBandwidth = nil
        let model = MaestroModel()
        let cost = try model.evaluate(layer: layer, dataflow: .kcpWS, hardware: hw)
        #expect(cost.offchipElements == 4 * (64 + 256) + 8)
        let layout = TensorLayout(layer: layer, elementBytes: 1)
        #expect(layout.bases == [0, 2 * Self.mib, 4 * Self.mib])
        let stream = try model.offchipStream(layer: layer, dataflow: .kcpWS, hardware: hw, layout: layout, burstBytes: 64)
        #expect(stream.isComplete && stream.steps == 4)
        #expect(stream.payloadBytes == 1288)
        #expect(stream.cycles == cost.runtimeCycles)

        let w = 2 * Self.mib, out = 4 * Self.mib
        func reads(_ input: UInt64, _ rows: [UInt64]) -> [UInt64] { [input] + rows.map { w + $0 } }
        let expected: [[UInt64]] = [
            reads(0, [0, 128, 256, 384]),          // step 0, all at cycle 0
            reads(64, [64, 192, 320, 448]),        // step 1, prefetched during step 0
            reads(0, [512, 640, 768, 896]),        // step 2, during step 1
            reads(64, [576, 704, 832, 960]) + [out], // step 3 during step 2, with outputs 0-3 written back
            [out],                                  // outputs 4-7 at the end
        ]
        #expect(stream.marks.map(\.requests) == [5, 10, 15, 21, 21, 22])
        var position = 0
        for (interval, addresses) in expected.enumerated() {
            let got = stream.requests[position..<position + addresses.count]
            #expect(Set(got.map(\.address)) == Set(addresses), "interval \(interval)")
            position += addresses.count
        }
        #expect(stream.requests.filter(\.isWrite).map(\.address) == [out, out])
        #expect(stream.requests.prefix(5).allSatisfy { $0.cycle == 0 })
        // Step 1's reads spread over step 0's delay, from cycle 0.
        let step0 = stream.marks[1].cycle
        #expect(stream.requests[5..<10].map(\.cycle) == (0..<5).map { $0 * step0 / 5 })
        #expect(stream.requests.last?.cycle == cost.runtimeCycles)
    }

    /// A stream's cycles never go back, its payload is the model's off-chip
    /// traffic, its steps add up to the model's runtime, and every request
    /// lies inside its tensor's region; every weight byte is read.
    @Test(arguments: ["kcp_ws", "rs", "ykp_os", "xp_ws", "tpu_ws"])
    func streamsAgreeWithTheModel(_ flowName: String) throws {
        let flow = try Dataflow.named(flowName)
        let layers = [
            Layer(name: "conv", type: .conv, n: 1, k: 24, c: 20, r: 3, s: 3, y: 14, x: 14, stride: 1),
            Layer(name: "strided", type: .conv, n: 2, k: 16, c: 8, r: 3, s: 3, y: 15, x: 15, stride: 2),
            Layer(name: "dw", type: .depthwiseConv, n: 1, k: 32, c: 32, r: 3, s: 3, y: 10, x: 10, stride: 1, groups: 32),
            Layer.gemm("gemm", rows: 12, inFeatures: 96, outFeatures: 200),
            // Batch elements each with their own operands (attention per head group).
            Layer.bmm("bmm", batch: 3, rows: 8, inner: 40, columns: 24),
        ]
        for eb in [1, 2] {
            var hw = AcceleratorHardware(pes: 64, simdLanes: 2, l1Bytes: 1 << 20, l2Bytes: 1 << 30, nocBandwidth: 32)
            hw.offchipBandwidth = nil
            hw.elementBytes = eb
            for layer in layers {
                let model = MaestroModel()
                guard let cost = try? model.evaluate(layer: layer, dataflow: flow, hardware: hw) else { continue }
                let layout = TensorLayout(layer: layer, elementBytes: eb)
                let stream = try model.offchipStream(layer: layer, dataflow: flow, hardware: hw, layout: layout, burstBytes: 64)
                let what = "\(flowName) \(layer.name) eb=\(eb)"
                #expect(stream.isComplete, "\(what)")
                #expect(stream.payloadBytes == cost.offchipElements * eb, "\(what)")
                #expect(stream.cycles == cost.runtimeCycles, "\(what)")
                #expect(zip(stream.requests, stream.requests.dropFirst()).allSatisfy { $0.cycle <= $1.cycle }, "\(what)")
                #expect(stream.requests.count * 64 >= stream.payloadBytes, "\(what)")
                #expect(stream.marks.map(\.requests) == stream.marks.map(\.requests).sorted(), "\(what)")
                for r in stream.requests {
                    #expect(r.address % 64 == 0)
                    let tensor: TensorLayout.Tensor = r.isWrite ? .output : (r.address >= layout.bases[1] ? .weight : .input)
                    let base = layout.bases[tensor.rawValue]
                    #expect(r.address >= base && r.address < base + UInt64(layout.bytes(of: tensor)), "\(what): \(r)")
                }
                let weightBursts = Set(stream.requests.filter { !$0.isWrite && $0.address >= layout.bases[1] }.map(\.address))
                #expect(weightBursts.count == (layout.bytes(of: .weight) + 63) / 64, "\(what)")
                let outputBursts = Set(stream.requests.filter(\.isWrite).map(\.address))
                #expect(outputBursts.count == (layout.bytes(of: .output) + 63) / 64, "\(what)")
            }
        }
    }

    /// A request limit cuts the stream at an interval end past the limit,
    /// and the cut stream is a prefix of the whole one.
    @Test func requestLimitGivesAPrefix() throws {
        let layer = Layer.gemm("g", rows: 1, inFeatures: 768, outFeatures: 2304)
        var hw = AcceleratorHardware()
        hw.offchipBandwidth = nil
        let model = MaestroModel()
        let layout = TensorLayout(layer: layer, elementBytes: 1)
        let whole = try model.offchipStream(layer: layer, dataflow: .kcpWS, hardware: hw, layout: layout, burstBytes: 64)
        let cut = try model.offchipStream(layer: layer, dataflow: .kcpWS, hardware: hw, layout: layout, burstBytes: 64,
                                          requestLimit: 1000, minimumSteps: 4)
        #expect(!cut.isComplete && whole.isComplete)
        #expect(cut.requests.count >= 1000 && cut.requests.count < 1000 + 10)
        #expect(Array(whole.requests.prefix(cut.requests.count)) == cut.requests)
        #expect(Array(whole.marks.prefix(cut.marks.count)) == cut.marks)
    }
}
