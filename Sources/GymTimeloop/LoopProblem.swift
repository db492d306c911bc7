import GymCore
import GymWorkloads

/// The seven convolution loop dimensions of Timeloop plus a group dimension:
/// filter rows/columns R, S; output rows/columns P, Q; input channels per group
/// C; output channels per group K; batch N; groups G (docs/references.md §3).
public enum ProblemDimension: Int, CaseIterable, Sendable, Hashable {
    case r, s, p, q, c, k, n, g

    public var letter: String { ["R", "S", "P", "Q", "C", "K", "N", "G"][rawValue] }
}

/// The three data spaces of a convolution.
public enum DataTensor: Int, CaseIterable, Sendable, Hashable {
    case weights, inputs, outputs

    public var name: String { ["weights", "inputs", "outputs"][rawValue] }
    public var letter: String { ["W", "I", "O"][rawValue] }
}

/// Loop extents per dimension, indexed by `ProblemDimension.rawValue`.
/// A fixed-size vector keeps the model's inner loops free of heap traffic.
public typealias LoopExtents = SIMD8<Int>

extension LoopExtents {
    static let ones = LoopExtents(repeating: 1)

    subscript(_ d: ProblemDimension) -> Int {
        get { self[d.rawValue] }
        set { self[d.rawValue] = newValue }
    }

    var product: Int { (0..<8).reduce(1) { $0 * self[$1] } }
}

/// One layer as a loop nest: the bound of each dimension and the stride.
///
/// A `Layer` in MAESTRO names maps as G = groups, C = C/groups, K = K/groups,
/// P = Y', Q = X', so MACs are the product of the bounds. GEMM layers have
/// R = S = P = Q = 1 and the rows in N. A BMM is the einsum
/// `O[g,n,k] += I[g,n,c] · W[g,c,k]`: its batch is the G rank, which every
/// tensor carries (docs/references.md §10).
public struct LoopProblem: Hashable, Sendable {
    public var name: String
    public var bounds: LoopExtents
    public var stride: Int

    public init(name: String, bounds: LoopExtents, stride: Int = 1) {
        self.name = name
        self.bounds = bounds
        self.stride = stride
    }

    public init(_ layer: Layer) {
        var b = LoopExtents.ones
        b[.r] = layer.r; b[.s] = layer.s
        b[.p] = layer.outputY; b[.q] = layer.outputX
        b[.c] = layer.channelsPerGroup; b[.k] = layer.k / layer.groups
        b[.n] = layer.n; b[.g] = layer.groups * layer.batch  // batch is 1 unless BMM (groups is then 1)
        self.init(name: layer.name, bounds: b, stride: layer.stride)
    }

    /// A 1-D convolution (only R and P), as in the Timeloop exercises.
    public static func conv1d(r: Int, p: Int) -> LoopProblem {
        var b = LoopExtents.ones
        b[.r] = r; b[.p] = p
        return LoopProblem(name: "conv1d", bounds: b)
    }

    public var macs: Int { bounds.product }

    /// Whether iterating `d` touches different elements of `t`. Inputs depend
    /// on R, S as well as P, Q through the sliding window `h = p·stride + r`.
    public static func isRelevant(_ d: ProblemDimension, to t: DataTensor) -> Bool {
        switch t {
        case .weights: return d != .p && d != .q && d != .n
        case .inputs: return d != .k
        case .outputs: return d != .r && d != .s && d != .c
        }
    }

    /// Distinct elements of `t` touched by a tile spanning `e` iterations of
    /// each dimension (contiguous, aligned tiles).
    public func footprint(of t: DataTensor, _ e: LoopExtents) -> Int {
        switch t {
        case .weights: return e[.r] * e[.s] * e[.c] * e[.k] * e[.g]
        case .outputs: return e[.n] * e[.g] * e[.k] * e[.p] * e[.q]
        case .inputs:
            return e[.n] * e[.g] * e[.c] * window(e[.p], e[.r]) * window(e[.q], e[.s])
        }
    }

    /// Input rows covered by `outputs` output rows and `taps` filter rows:
    /// `(outputs - 1)·stride + taps` when windows overlap, else no sharing.
    private func window(_ outputs: Int, _ taps: Int) -> Int {
        min(outputs * taps, (outputs - 1) * stride + taps)
    }

    /// Elements of each whole tensor.
    public func size(of t: DataTensor) -> Int { footprint(of: t, bounds) }
}
