/// Kinds of DNN layer the accelerator models understand.
public enum LayerType: String, Sendable, Hashable, CaseIterable {
    /// Convolution (grouped when `groups > 1`).
    case conv = "CONV"
    /// Depthwise convolution: `K == C == groups`.
    case depthwiseConv = "DWCONV"
    /// Matrix multiply / fully connected: `N` rows (batch or tokens) × `C` in
    /// features → `K` out features, with `R = S = Y = X = 1`.
    case gemm = "GEMM"
    /// Batched matrix multiply: `batch` independent GEMMs, each `N` rows × `C`
    /// times `C` × `K`, where **both** operands belong to the batch element
    /// (attention's QKᵀ and A·V per head group, MoE experts). The second
    /// operand sits in the weight slot. `R = S = Y = X = stride = groups = 1`.
    case bmm = "BMM"
}

/// How a layer touches the KV cache (docs/references.md §10).
public enum KVCacheRole: String, Sendable, Hashable, CaseIterable {
    case none = "-"
    /// The weight-slot operand (K or V of a BMM) is read from the KV cache.
    case read
    /// The outputs (a K/V projection) are appended to the KV cache.
    case write
}

/// One layer in MAESTRO's dimension names.
///
/// `Y`, `X` are the input rows/columns **as the model sees them**, padding
/// included (MAESTRO applies no padding of its own), so output rows are
/// `Y' = (Y - R)/stride + 1` and likewise `X'`. MACs are
/// `N · K · (C/groups) · R · S · Y' · X'`.
public struct Layer: Hashable, Sendable {
    public var name: String
    public var type: LayerType
    public var n: Int
    public var k: Int
    public var c: Int
    public var r: Int
    public var s: Int
    public var y: Int
    public var x: Int
    public var stride: Int
    public var groups: Int
    /// Independent GEMMs of a BMM layer (1 for every other type).
    public var batch: Int
    /// Element-wise vector operations done with the layer (softmax of its
    /// outputs, a normalisation of its inputs), at the cost docs/references.md §10 gives.
    public var vectorOps: Int
    public var kvCache: KVCacheRole

    public init(name: String, type: LayerType, n: Int = 1, k: Int, c: Int, r: Int = 1, s: Int = 1,
                y: Int = 1, x: Int = 1, stride: Int = 1, groups: Int = 1,
                batch: Int = 1, vectorOps: Int = 0, kvCache: KVCacheRole = .none) {
        self.name = name
        self.type = type
        self.n = n
        self.k = k
        self.c = c
        self.r = r
        self.s = s
        self.y = y
        self.x = x
        self.stride = stride
        self.groups = groups
        self.batch = batch
        self.vectorOps = vectorOps
        self.kvCache = kvCache
    }

    /// A fully connected / GEMM layer: `rows × inFeatures` times `inFeatures × outFeatures`.
    public static func gemm(_ name: String, rows: Int, inFeatures: Int, outFeatures: Int) -> Layer {
        Layer(name: name, type: .gemm, n: rows, k: outFeatures, c: inFeatures)
    }

    /// A batched matrix multiply: `batch` × (`rows` × `inner` times `inner` × `columns`).
    public static func bmm(_ name: String, batch: Int, rows: Int, inner: Int, columns: Int) -> Layer {
        Layer(name: name, type: .bmm, n: rows, k: columns, c: inner, batch: batch)
    }

    public var outputY: Int { (y - r) / stride + 1 }
    public var outputX: Int { (x - s) / stride + 1 }

    /// Input channels each output channel reads.
    public var channelsPerGroup: Int { c / groups }

    public var macs: Int { batch * n * k * channelsPerGroup * r * s * outputY * outputX }

    /// Elements of each tensor (inputs, weights, outputs), for traffic bounds.
    /// A BMM has one of each per batch element (its weight slot is the second operand).
    public var inputElements: Int { batch * n * c * y * x }
    public var weightElements: Int { batch * k * channelsPerGroup * r * s }
    public var outputElements: Int { batch * n * k * outputY * outputX }

    /// Why the layer's dimensions are impossible, or nil when they are fine.
    public var problem: String? {
        if [n, k, c, r, s, y, x, stride, groups, batch].contains(where: { $0 < 1 }) { return "every dimension must be at least 1" }
        if vectorOps < 0 { return "vector_ops must be at least 0" }
        if let big = [n, k, c, r, s, y, x, stride, groups, batch].first(where: { $0 > Layer.maxDimension }) {
            return "dimension \(big) is above the largest allowed, \(Layer.maxDimension)"
        }
        if r > y || s > x { return "filter \(r)x\(s) larger than input \(y)x\(x)" }
        if c % groups != 0 || k % groups != 0 { return "C=\(c) and K=\(k) must be multiples of groups=\(groups)" }
        if type == .depthwiseConv, !(k == c && c == groups) { return "DWCONV needs K == C == groups" }
        if type == .gemm, r != 1 || s != 1 || y != 1 || x != 1 { return "GEMM needs R = S = Y = X = 1" }
        if type == .bmm, r != 1 || s != 1 || y != 1 || x != 1 || stride != 1 || groups != 1 {
            return "BMM needs R = S = Y = X = stride = groups = 1 (the batch goes in the batch column)"
        }
        if type != .bmm, batch != 1 { return "batch = \(batch) is only allowed on BMM layers (use N for GEMM rows)" }
        // The models multiply these counts by tile sizes and energies; bounding them
        // here keeps every product they form far from Int's range.
        let counts = [("MACs", [batch, n, k, c / groups, r, s, outputY, outputX]), ("input elements", [batch, n, c, y, x]),
                      ("weight elements", [batch, k, c / groups, r, s]), ("output elements", [batch, n, k, outputY, outputX]),
                      ("vector ops", [vectorOps])]
        for (what, factors) in counts where Layer.product(factors) > Layer.maxCount {
            return "\(what) above \(Layer.maxCount) (2^48); the layer is too large to model"
        }
        return nil
    }

    /// Largest single dimension a workload may give (2^24).
    public static let maxDimension = 1 << 24
    /// Largest MAC or element count of a layer (2^48, about 2.8e14: a GPT-3-size
    /// prefill layer at batch 64 is about 2e13).
    public static let maxCount = 1 << 48

    /// The product of positive factors, saturating at `Int.max` instead of trapping.
    static func product(_ factors: [Int]) -> Int {
        var p = 1
        for f in factors {
            let (q, overflow) = p.multipliedReportingOverflow(by: f)
            if overflow { return .max }
            p = q
        }
        return p
    }
}
