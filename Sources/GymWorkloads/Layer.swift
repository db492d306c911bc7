/// Kinds of DNN layer the accelerator models understand.
public enum LayerType: String, Sendable, Hashable, CaseIterable {
    /// Convolution (grouped when `groups > 1`).
    case conv = "CONV"
    /// Depthwise convolution: `K == C == groups`.
    case depthwiseConv = "DWCONV"
    /// Matrix multiply / fully connected: `N` rows (batch or tokens) × `C` in
    /// features → `K` out features, with `R = S = Y = X = 1`.
    case gemm = "GEMM"
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

    public init(name: String, type: LayerType, n: Int = 1, k: Int, c: Int, r: Int = 1, s: Int = 1,
                y: Int = 1, x: Int = 1, stride: Int = 1, groups: Int = 1) {
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
    }

    /// A fully connected / GEMM layer: `rows × inFeatures` times `inFeatures × outFeatures`.
    public static func gemm(_ name: String, rows: Int, inFeatures: Int, outFeatures: Int) -> Layer {
        Layer(name: name, type: .gemm, n: rows, k: outFeatures, c: inFeatures)
    }

    public var outputY: Int { (y - r) / stride + 1 }
    public var outputX: Int { (x - s) / stride + 1 }

    /// Input channels each output channel reads.
    public var channelsPerGroup: Int { c / groups }

    public var macs: Int { n * k * channelsPerGroup * r * s * outputY * outputX }

    /// Elements of each tensor (inputs, weights, outputs), for traffic bounds.
    public var inputElements: Int { n * c * y * x }
    public var weightElements: Int { k * channelsPerGroup * r * s }
    public var outputElements: Int { n * k * outputY * outputX }

    /// Why the layer's dimensions are impossible, or nil when they are fine.
    public var problem: String? {
        if [n, k, c, r, s, y, x, stride, groups].contains(where: { $0 < 1 }) { return "every dimension must be at least 1" }
        if let big = [n, k, c, r, s, y, x, stride, groups].first(where: { $0 > Layer.maxDimension }) {
            return "dimension \(big) is above the largest allowed, \(Layer.maxDimension)"
        }
        if r > y || s > x { return "filter \(r)x\(s) larger than input \(y)x\(x)" }
        if c % groups != 0 || k % groups != 0 { return "C=\(c) and K=\(k) must be multiples of groups=\(groups)" }
        if type == .depthwiseConv, !(k == c && c == groups) { return "DWCONV needs K == C == groups" }
        if type == .gemm, r != 1 || s != 1 || y != 1 || x != 1 { return "GEMM needs R = S = Y = X = 1" }
        // The models multiply these counts by tile sizes and energies; bounding them
        // here keeps every product they form far from Int's range.
        let counts = [("MACs", [n, k, c / groups, r, s, outputY, outputX]), ("input elements", [n, c, y, x]),
                      ("weight elements", [k, c / groups, r, s]), ("output elements", [n, k, outputY, outputX])]
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
