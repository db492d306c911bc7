import GymWorkloads

/// Where a layer's tensors lie in DRAM (docs/references.md §11).
///
/// Each tensor has its own region, in the order inputs, weights, outputs,
/// each starting at a multiple of `alignment` bytes (2 MiB by default, a huge
/// page, as an allocator of large buffers would place them). Inside a region
/// the elements are row-major in the model's coordinates (outermost first):
///
/// - inputs  `[B][N][C][Yin][Xin]`, Yin = (Y' - 1)·stride + R (the rows the model counts), Xin likewise;
/// - weights `[B][K][C][R][S]`;
/// - outputs `[B][N][K][C][Y'][X']` with C = 1 except for depthwise layers (K = 1 there).
///
/// B is a `BMM` layer's batch (both operands and the result belong to each
/// batch element, docs/references.md §10); 1 for every other layer type.
///
/// C is the model's C: channels per group for grouped convolutions (the model
/// costs them that way, `MappingPlan`), all channels for depthwise ones.
/// A GEMM row block (N × C → K) is thus an input matrix `[N][C]`, a weight
/// matrix `[K][C]` and an output matrix `[N][K]`.
public struct TensorLayout: Sendable, Hashable {
    public enum Tensor: Int, Sendable, CaseIterable { case input, weight, output }

    /// Default region alignment, bytes (2 MiB).
    public static let defaultAlignment = 2 << 20

    public let elementBytes: Int
    /// Per tensor: region start (bytes) and extents in element order, outermost first.
    public let bases: [UInt64]
    let extents: [[Int]]

    public init(layer: Layer, elementBytes: Int, alignment: Int = TensorLayout.defaultAlignment) {
        let depthwise = layer.type == .depthwiseConv
        let c = depthwise ? layer.c : layer.channelsPerGroup, k = depthwise ? 1 : layer.k
        let outY = layer.outputY, outX = layer.outputX
        let inY = (outY - 1) * layer.stride + layer.r, inX = (outX - 1) * layer.stride + layer.s
        let b = layer.batch
        extents = [[b, layer.n, c, inY, inX], [b, k, c, layer.r, layer.s], [b, layer.n, k, depthwise ? c : 1, outY, outX]]
        self.elementBytes = elementBytes
        var next: UInt64 = 0
        var bases: [UInt64] = []
        let a = UInt64(max(1, alignment))
        for e in extents {
            bases.append(next)
            let bytes = UInt64(e.reduce(1, *) * elementBytes)
            next += (bytes + a - 1) / a * a
        }
        self.bases = bases
        endAddress = next
    }

    /// First byte past the last region.
    public let endAddress: UInt64

    /// Bytes of `tensor`.
    public func bytes(of tensor: Tensor) -> Int { extents[tensor.rawValue].reduce(1, *) * elementBytes }

    /// Calls `body` with the address of every `burstBytes`-aligned burst that
    /// holds an element of the box `start ..< start + size` of `tensor`, in
    /// row-major order; a burst shared by consecutive runs is visited once.
    /// Returns the elements of the box.
    @discardableResult
    func forEachBurst(of tensor: Tensor, start: [Int], size: [Int], burstBytes: Int, _ body: (UInt64) -> Void) -> Int {
        let extent = extents[tensor.rawValue]
        let rank = extent.count
        guard size.allSatisfy({ $0 > 0 }) else { return 0 }
        // Merge trailing dimensions the box covers whole into one contiguous run.
        var inner = rank - 1
        var run = size[inner]
        while inner > 0 && size[inner] == extent[inner] {
            inner -= 1
            run *= size[inner]
        }
        var strides = Array(repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * extent[d + 1] }
        let base = bases[tensor.rawValue], eb = UInt64(elementBytes), burst = UInt64(burstBytes)
        var index = Array(repeating: 0, count: inner)     // odometer over the outer dimensions
        var last = UInt64.max
        while true {
            var offset = start[inner] * strides[inner]
            for d in 0..<inner { offset += (start[d] + index[d]) * strides[d] }
            let first = base + UInt64(offset) * eb, end = first + UInt64(run) * eb
            var b = first / burst * burst
            while b < end {
                if b != last { body(b); last = b }
                b += burst
            }
            var d = inner - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < size[d] { break }
                index[d] = 0
                d -= 1
            }
            if d < 0 { break }
        }
        return size.reduce(1, *)
    }
}
