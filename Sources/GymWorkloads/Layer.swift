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
        if r > y || s > x { return "filter \(r)x\(s) larger than input \(y)x\(x)" }
        if c % groups != 0 || k % groups != 0 { return "C=\(c) and K=\(k) must be multiples of groups=\(groups)" }
        if type == .depthwiseConv, !(k == c && c == groups) { return "DWCONV needs K == C == groups" }
        if type == .gemm, r != 1 || s != 1 || y != 1 || x != 1 { return "GEMM needs R = S = Y = X = 1" }
        return nil
    }
}
