import Foundation

/// A fitted CART regression tree in pre-order: node `i`'s left child is
/// `i + 1`, its right child `right[i]`. A leaf has `feature[i] == -1` and
/// holds its prediction in `value[i]`; an inner node sends `x` left when
/// `x[feature[i]] <= value[i]` (NaN goes right).
public struct RegressionTree: Hashable, Sendable {
    public internal(set) var feature: [Int32] = []
    public internal(set) var right: [Int32] = []
    public internal(set) var value: [Double] = []

    public var nodeCount: Int { feature.count }
    public var leafCount: Int { feature.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    public func predict(_ x: [Double]) -> Double {
        var i = 0
        while feature[i] >= 0 {
            i = x[Int(feature[i])] <= value[i] ? i + 1 : Int(right[i])
        }
        return value[i]
    }

    /// Depth of the deepest leaf (a single leaf has depth 0).
    public var depth: Int {
        var deepest = 0
        var stack = [(0, 0)]
        while let (i, d) = stack.popLast() {
            if feature[i] < 0 { deepest = max(deepest, d); continue }
            stack.append((i + 1, d + 1))
            stack.append((Int(right[i]), d + 1))
        }
        return deepest
    }
}

extension RegressionTree: Codable {
    /// Stored as base64 of little-endian arrays (Int32 feature, Int32 right,
    /// Float64 value): exact to the bit and compact for 10⁵-node forests.
    enum CodingKeys: String, CodingKey { case nodes, feature, right, value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let n = try c.decode(Int.self, forKey: .nodes)
        func blob(_ key: CodingKeys, _ size: Int) throws -> Data {
            guard let d = Data(base64Encoded: try c.decode(String.self, forKey: key)), d.count == n * size else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected \(n) entries of \(size) bytes")
            }
            return d
        }
        feature = try blob(.feature, 4).withUnsafeBytes { b in (0..<n).map { Int32(littleEndian: b.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) } }
        right = try blob(.right, 4).withUnsafeBytes { b in (0..<n).map { Int32(littleEndian: b.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) } }
        value = try blob(.value, 8).withUnsafeBytes { b in
            (0..<n).map { Double(bitPattern: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
        guard n > 0, isWellFormed else {
            throw DecodingError.dataCorruptedError(forKey: .feature, in: c, debugDescription: "child indices out of order")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nodeCount, forKey: .nodes)
        var f = Data(), r = Data(), v = Data()
        for x in feature { withUnsafeBytes(of: x.littleEndian) { f.append(contentsOf: $0) } }
        for x in right { withUnsafeBytes(of: x.littleEndian) { r.append(contentsOf: $0) } }
        for x in value { withUnsafeBytes(of: x.bitPattern.littleEndian) { v.append(contentsOf: $0) } }
        try c.encode(f.base64EncodedString(), forKey: .feature)
        try c.encode(r.base64EncodedString(), forKey: .right)
        try c.encode(v.base64EncodedString(), forKey: .value)
    }

    /// Every inner node's right child lies after its left child and inside the
    /// array, so `predict` cannot loop or read out of bounds.
    private var isWellFormed: Bool {
        feature.count == right.count && feature.count == value.count && (0..<feature.count).allSatisfy { i in
            feature[i] < 0 || (Int(right[i]) > i + 1 && Int(right[i]) < feature.count && i + 1 < feature.count)
        }
    }
}
