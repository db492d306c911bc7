import GymWorkloads

/// One off-chip access: a burst read or written at an accelerator cycle.
public struct OffChipRequest: Sendable, Hashable {
    public var cycle: Int
    public var isWrite: Bool
    public var address: UInt64
    public init(cycle: Int, isWrite: Bool, address: UInt64) {
        self.cycle = cycle
        self.isWrite = isWrite
        self.address = address
    }
}

/// A layer's off-chip accesses as a request stream (docs/references.md §11):
/// burst-sized requests at addresses of a `TensorLayout`, issued on the
/// model's own top-level schedule.
///
/// The stream is cut into intervals; `marks` holds the running totals after
/// each, so any prefix ending at a mark is a stream of whole intervals:
/// mark 0 is the first fill (the first step's data, all issued at cycle 0),
/// mark i + 1 ends the interval of top-level step i.
public struct OffChipStream: Sendable {
    public struct Mark: Sendable, Hashable {
        /// Requests and payload bytes issued so far, and the cycle the interval ends.
        public var requests: Int
        public var payloadBytes: Int
        public var cycle: Int
    }

    public var requests: [OffChipRequest]
    public var marks: [Mark]
    /// True when every step of the layer was emitted (no request limit hit).
    public var isComplete: Bool
    /// Top-level steps emitted, and their delays summed (the model's runtime when complete).
    public var steps: Int
    public var cycles: Int

    /// Bytes of tensor data the requests carry (the model's off-chip
    /// elements × element bytes); bursts round each contiguous run out to
    /// whole bursts, so `requests.count × burst bytes` can be larger.
    public var payloadBytes: Int { marks.last?.payloadBytes ?? 0 }
    /// Requests of the first fill (the first step waits for them).
    public var firstFillRequests: Int { marks.first?.requests ?? 0 }
}

extension MaestroModel {
    /// The off-chip accesses of `layer` mapped by `dataflow` on `hardware`, as
    /// a request stream (docs/references.md §11).
    ///
    /// The model's top level is walked step by step in its loop order. At each
    /// step the union of the active units' chunks is the box that crosses the
    /// top NoC; what is new of it (the same freshness rules as the cost: a
    /// sliding window brings only its new rows, a tensor no advancing loop
    /// touches is kept) is read from DRAM, and every output box is written
    /// back once (partial sums included, as the model counts them; their
    /// read-back stays on chip, §2). Timing follows the model's double
    /// buffering (§2: the first step waits for its ingress, later ones overlap
    /// the next ingress and the last egress with compute):
    /// - the first step's reads are all issued at cycle 0;
    /// - step i + 1's reads are prefetched during step i, spread evenly over
    ///   its delay;
    /// - an output box is written back during the step that starts the next
    ///   output box, spread evenly over it (interleaved with that step's
    ///   prefetch); the last one at the end of the layer.
    /// Step delays are the model's (`hardware.offchipBandwidth` nil makes them
    /// the on-chip schedule alone, as the coupled environment wants).
    ///
    /// - Parameters:
    ///   - requestLimit: stop at the first interval end with at least this
    ///     many requests and `minimumSteps` steps (`isComplete` false then).
    /// - Throws: `MappingRejection` when the dataflow cannot map the layer.
    public func offchipStream(layer: Layer, dataflow: Dataflow, hardware: AcceleratorHardware, layout: TensorLayout,
                              burstBytes: Int, requestLimit: Int = .max, minimumSteps: Int = 1) throws -> OffChipStream {
        let plan = try MappingPlan(directives: dataflow.directives(for: layer), layer: layer, pes: hardware.pes)
        var walker = TopLevelWalker(plan: plan, hardware: hardware, subClusterReuse: subClusterReuse)
        var builder = StreamBuilder(layout: layout, burstBytes: burstBytes, stride: plan.stride, depthwise: plan.isDepthwise)
        var step = walker.first()
        builder.emit(reads: step, writes: nil, from: 0, duration: 0)
        builder.mark(at: 0)
        var pending: TopLevelStep?
        var steps = 0, cycle = 0
        var complete = true
        while true {
            let next = walker.next()
            var written: TopLevelStep?
            if step.fresh.output {
                written = pending
                pending = step
            }
            builder.emit(reads: next, writes: written, from: cycle, duration: step.delay)
            cycle += step.delay
            steps += 1
            builder.mark(at: cycle)
            guard let following = next else { break }
            if builder.requests.count >= requestLimit && steps >= minimumSteps { complete = false; break }
            step = following
        }
        if complete {
            builder.emit(reads: nil, writes: pending, from: cycle, duration: 0)
            builder.mark(at: cycle)
        }
        return OffChipStream(requests: builder.requests, marks: builder.marks, isComplete: complete, steps: steps, cycles: cycle)
    }
}

/// Turns steps into requests: boxes into bursts, intervals into issue cycles.
private struct StreamBuilder {
    let layout: TensorLayout
    let burstBytes: Int
    let stride: Int
    let depthwise: Bool
    var requests: [OffChipRequest] = []
    var marks: [OffChipStream.Mark] = []
    var payload = 0
    private var reads: [UInt64] = [], writes: [UInt64] = []

    init(layout: TensorLayout, burstBytes: Int, stride: Int, depthwise: Bool) {
        self.layout = layout
        self.burstBytes = burstBytes
        self.stride = stride
        self.depthwise = depthwise
    }

    mutating func mark(at cycle: Int) {
        marks.append(.init(requests: requests.count, payloadBytes: payload, cycle: cycle))
    }

    /// Issues the new inputs and weights of `reads` and the outputs of
    /// `writes` evenly over `duration` cycles from `from`, reads and writes
    /// interleaved in proportion.
    mutating func emit(reads r: TopLevelStep?, writes w: TopLevelStep?, from: Int, duration: Int) {
        reads.removeAll(keepingCapacity: true)
        writes.removeAll(keepingCapacity: true)
        var elements = 0
        if let r {
            elements += inputBursts(r) { reads.append($0) }
            if r.fresh.weight {
                elements += layout.forEachBurst(of: .weight, start: [r.start[7], r.start[1], r.start[2], r.start[3], r.start[4]],
                                                size: [r.size[7], r.size[1], r.size[2], r.size[3], r.size[4]], burstBytes: burstBytes) { reads.append($0) }
            }
            assert(elements == r.modelIngress, "stream ingress \(elements) differs from the model's \(r.modelIngress)")
        }
        if let w {
            let out = layout.forEachBurst(of: .output, start: [w.start[7], w.start[0], w.start[1], depthwise ? w.start[2] : 0, w.start[5], w.start[6]],
                                          size: [w.size[7], w.size[0], w.size[1], depthwise ? w.size[2] : 1, w.size[5], w.size[6]],
                                          burstBytes: burstBytes) { writes.append($0) }
            assert(out == w.modelEgress, "stream egress \(out) differs from the model's \(w.modelEgress)")
            elements += out
        }
        payload += elements * layout.elementBytes
        let nr = reads.count, nw = writes.count, n = nr + nw
        var ri = 0, wi = 0
        for k in 0..<n {
            let cycle = from + k * duration / max(1, n)
            if wi < nw && (ri == nr || wi * nr < ri * nw) {
                requests.append(OffChipRequest(cycle: cycle, isWrite: true, address: writes[wi])); wi += 1
            } else {
                requests.append(OffChipRequest(cycle: cycle, isWrite: false, address: reads[ri])); ri += 1
            }
        }
    }

    /// The new input elements of a step: its box's input window, or only the
    /// rows (columns) a slide brought in; none when the inputs stay.
    private func inputBursts(_ s: TopLevelStep, _ body: (UInt64) -> Void) -> Int {
        var row = s.start[5] * stride + s.start[3], rows = (s.size[5] - 1) * stride + s.size[3]
        var col = s.start[6] * stride + s.start[4], cols = (s.size[6] - 1) * stride + s.size[4]
        switch s.fresh.input {
        case .unchanged: return 0
        case .full: break
        case .slideY(let by):
            let n = min(rows, by * stride)
            row += rows - n
            rows = n
        case .slideX(let by):
            let n = min(cols, by * stride)
            col += cols - n
            cols = n
        }
        return layout.forEachBurst(of: .input, start: [s.start[7], s.start[0], s.start[2], row, col],
                                   size: [s.size[7], s.size[0], s.size[2], rows, cols], burstBytes: burstBytes, body)
    }
}
