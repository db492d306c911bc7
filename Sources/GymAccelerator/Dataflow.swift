import GymCore
import GymWorkloads

/// A loop dimension of a DNN layer in MAESTRO's names (docs/references.md §2).
///
/// Inside the model `y` and `x` count **output** rows and columns (Y', X'):
/// directives written on input rows (`Y`, `X`) are converted when a layer is
/// resolved, because output positions are what the mapping must tile exactly
/// once. Input rows follow from output rows and filter rows.
///
/// `B` is the batch of a BMM layer (1 for every other layer): unlike N it
/// indexes all three tensors (docs/references.md §10).
public enum LoopDimension: Int, CaseIterable, Sendable, Hashable {
    case n = 0, k, c, r, s, y, x, b

    public var letter: String { ["N", "K", "C", "R", "S", "Y", "X", "B"][rawValue] }
}

/// A size or offset as a dataflow writes it: a number, or `Sz(D)`, the layer's
/// full extent of dimension `D` (e.g. `Sz(R)`, the filter height).
public enum DirectiveSize: Sendable, Hashable, CustomStringConvertible {
    case literal(Int)
    /// `Sz(D)`; for `Y`/`X` this is the layer's input extent (padding included).
    case full(LoopDimension)

    func value(in layer: Layer) -> Int {
        switch self {
        case .literal(let v): return v
        case .full(let d):
            switch d {
            case .n: return layer.n
            case .k: return layer.k
            case .c: return layer.c
            case .r: return layer.r
            case .s: return layer.s
            case .y: return layer.y
            case .x: return layer.x
            case .b: return layer.batch
            }
        }
    }

    public var description: String {
        switch self {
        case .literal(let v): return String(v)
        case .full(let d): return "Sz(\(d.letter))"
        }
    }
}

/// One data-centric directive (MAESTRO, docs/references.md §2).
///
/// - `SpatialMap(size, offset) D`: the sub-units of the current level get
///   consecutive chunks of `D` (chunk `size`, unit `i` starts at `i·offset`).
/// - `TemporalMap(size, offset) D`: every sub-unit gets the same chunk of `D`,
///   which moves by `offset` each step.
/// - `Cluster(n)`: groups `n` units into one unit of the level above; the
///   directives after it describe the level below.
public enum Directive: Sendable, Hashable, CustomStringConvertible {
    case spatial(size: DirectiveSize, offset: DirectiveSize, dimension: MappedDimension)
    case temporal(size: DirectiveSize, offset: DirectiveSize, dimension: MappedDimension)
    case cluster(DirectiveSize)

    public var description: String {
        switch self {
        case .spatial(let s, let o, let d): return "SpatialMap(\(s),\(o)) \(d)"
        case .temporal(let s, let o, let d): return "TemporalMap(\(s),\(o)) \(d)"
        case .cluster(let n): return "Cluster(\(n))"
        }
    }
}

/// The dimension a map directive names: a loop dimension, with `Y`/`X` in
/// input rows/columns (MAESTRO's usual form) or `Y'`/`X'` in output positions.
public struct MappedDimension: Sendable, Hashable, CustomStringConvertible {
    public var dimension: LoopDimension
    /// True for `Y'`/`X'` (sizes and offsets count output positions).
    public var isOutput: Bool

    public init(_ dimension: LoopDimension, isOutput: Bool = false) {
        self.dimension = dimension
        self.isOutput = isOutput
    }

    public var description: String { dimension.letter + (isOutput ? "'" : "") }
}

/// A dataflow: map directives per level, top level (fed from L2) first, levels
/// separated by `Cluster(n)`. A dataflow may carry a separate directive list
/// for depthwise layers (as MAESTRO's `kcp_ws` does).
public struct Dataflow: Sendable, Hashable {
    public var name: String
    public var directives: [Directive]
    public var depthwiseDirectives: [Directive]?

    public init(name: String, directives: [Directive], depthwiseDirectives: [Directive]? = nil) {
        self.name = name
        self.directives = directives
        self.depthwiseDirectives = depthwiseDirectives
    }

    /// The directive list used for `layer`.
    public func directives(for layer: Layer) -> [Directive] {
        layer.type == .depthwiseConv ? (depthwiseDirectives ?? directives) : directives
    }

    /// The directives in MAESTRO's text form, `;`-separated.
    public var text: String { directives.map(\.description).joined(separator: "; ") }

    /// Parses the text form: one directive per line or `;`-separated, with
    /// `//` and `#` comments and an optional `Dataflow { ... }` wrapper.
    ///
    ///     SpatialMap(1,1) K; TemporalMap(64,64) C; Cluster(64); SpatialMap(1,1) C
    ///
    /// - Throws: `SpecError` naming the directive that could not be read.
    public static func parse(_ text: String, name: String = "custom", key: String = "dataflow") throws -> Dataflow {
        var directives: [Directive] = []
        for rawLine in text.split(whereSeparator: { $0 == "\n" }) {
            var line = Substring(rawLine)
            if let c = line.range(of: "//") { line = line[..<c.lowerBound] }
            if let c = line.firstIndex(of: "#") { line = line[..<c] }
            for piece in line.split(separator: ";") {
                var item = piece.trimmingCharacters(in: .whitespaces)
                for wrapper in ["Dataflow", "{", "}"] { item = item.replacingOccurrences(of: wrapper, with: "") }
                item = item.trimmingCharacters(in: .whitespaces)
                if item.isEmpty { continue }
                directives.append(try parseDirective(item, key: key))
            }
        }
        guard !directives.isEmpty else {
            throw SpecError(key: key, "the dataflow has no directives; write e.g. 'SpatialMap(1,1) K; TemporalMap(64,64) C'")
        }
        return Dataflow(name: name, directives: directives)
    }

    private static let grammar = "expected SpatialMap(size,offset) D, TemporalMap(size,offset) D or Cluster(n), with D one of N K C R S Y X B Y' X' and sizes a number or Sz(D)"

    static func parseDirective(_ item: String, key: String) throws -> Directive {
        guard let open = item.firstIndex(of: "("), let close = item.lastIndex(of: ")"), open < close else {
            throw SpecError(key: key, "cannot read '\(item)': \(grammar)")
        }
        let head = item[..<open].trimmingCharacters(in: .whitespaces)
        let args = splitArguments(String(item[item.index(after: open)..<close]))
        let tail = item[item.index(after: close)...].trimmingCharacters(in: .whitespaces)
        func size(_ text: String) throws -> DirectiveSize {
            if let v = Int(text), v >= 1 { return .literal(v) }
            if text.hasPrefix("Sz("), text.hasSuffix(")"),
               let d = LoopDimension.allCases.first(where: { $0.letter == String(text.dropFirst(3).dropLast()) }) {
                return .full(d)
            }
            throw SpecError(key: key, "cannot read size '\(text)' in '\(item)': a size is a positive integer or Sz(D)")
        }
        switch head {
        case "Cluster":
            // MAESTRO writes `Cluster(64, P)`; the second argument (a level type) is accepted and ignored.
            guard (1...2).contains(args.count), tail.isEmpty else { throw SpecError(key: key, "cannot read '\(item)': \(grammar)") }
            return .cluster(try size(args[0]))
        case "SpatialMap", "TemporalMap":
            guard args.count == 2 else { throw SpecError(key: key, "cannot read '\(item)': \(grammar)") }
            let isOutput = tail.hasSuffix("'")
            let letter = isOutput ? String(tail.dropLast()) : tail
            guard let d = LoopDimension.allCases.first(where: { $0.letter == letter }),
                  !isOutput || d == .y || d == .x else {
                throw SpecError(key: key, "unknown dimension '\(tail)' in '\(item)'; allowed: N, K, C, R, S, Y, X, B, Y', X'")
            }
            let dim = MappedDimension(d, isOutput: isOutput)
            return head == "SpatialMap"
                ? .spatial(size: try size(args[0]), offset: try size(args[1]), dimension: dim)
                : .temporal(size: try size(args[0]), offset: try size(args[1]), dimension: dim)
        default:
            throw SpecError(key: key, "cannot read '\(item)': \(grammar)")
        }
    }

    /// Splits `a, Sz(R)` at top-level commas.
    private static func splitArguments(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for ch in text {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1 }
            if ch == ",", depth == 0 { parts.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(ch)
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }
}
