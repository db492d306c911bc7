import Foundation
import GymCore

/// The index view of a design space that the population agents (GA, ACO,
/// NSGA-II, RL) search: one gene per parameter, an index in
/// `0..<levelCount` (`Domain.index(of:)`). Real domains appear as their grid
/// of `Domain.realLevels` levels, so every agent works on every space.
struct IndexCoding: Sendable {
    let space: DesignSpace
    let levels: [Int]
    let categorical: [Bool]

    init(_ space: DesignSpace) {
        self.space = space
        levels = space.levelCounts
        categorical = space.parameters.map(\.domain.isCategorical)
    }

    var count: Int { levels.count }

    func genes(of configuration: Configuration) -> [Int] { space.indices(of: configuration) }

    func configuration(_ genes: [Int]) -> Configuration { space.configuration(indices: genes) }

    /// A uniform draw that honours the space's constraints by rejection.
    func random(using rng: inout SplitMix64) -> [Int] {
        genes(of: space.sample(using: &rng))
    }

    /// Genes as a point of the unit cube (level / (levels - 1); categoricals at the bin centre).
    func unit(_ genes: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: genes.count)
        for d in genes.indices {
            let n = Double(levels[d]), g = Double(genes[d])
            if categorical[d] {
                out[d] = (g + 0.5) / n
            } else if levels[d] > 1 {
                out[d] = g / (n - 1)
            }
        }
        return out
    }
}

extension IndexCoding {
    /// Input of the GP surrogates: unit coordinates for ordered parameters,
    /// the choice index for categoricals (the Hamming kernel compares them).
    func gpInput(_ genes: [Int]) -> [Double] {
        var x = [Double](repeating: 0, count: genes.count)
        for d in genes.indices {
            x[d] = categorical[d] ? Double(genes[d]) : (levels[d] > 1 ? Double(genes[d]) / Double(levels[d] - 1) : 0)
        }
        return x
    }
}

extension SplitMix64 {
    /// A uniform integer in `0..<n` (n ≥ 1).
    mutating func index(below n: Int) -> Int { Int(next() % UInt64(n)) }

    /// A standard normal draw (Box–Muller).
    mutating func gaussian() -> Double {
        let u1 = max(nextUnit(), 0x1p-60), u2 = nextUnit()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `k` distinct indices of `0..<n` in random order (partial Fisher–Yates).
    mutating func choose(_ k: Int, of n: Int) -> [Int] {
        var all = Array(0..<n)
        let k = min(k, n)
        for i in 0..<k { all.swapAt(i, i + index(below: n - i)) }
        return Array(all[0..<k])
    }
}

/// Checks shared by the hyperparameter validators: each throws a `SpecError`
/// naming the key and the allowed range.
enum Check {
    /// The largest count any hyperparameter may give: populations, batches,
    /// candidates and iterations all size allocations or loops, so a typo such
    /// as `1e12` must be an error, not an out-of-memory crash or a hang.
    static let largestCount = 1_000_000

    static func atLeast(_ key: String, _ value: Int, _ low: Int, atMost high: Int = largestCount) throws {
        guard value >= low else { throw SpecError(key: key, "\(value) is too small; allowed: \(low)...\(high)") }
        guard value <= high else { throw SpecError(key: key, "\(value) is too large; allowed: \(low)...\(high)") }
    }

    static func within(_ key: String, _ value: Double, _ range: ClosedRange<Double>) throws {
        guard range.contains(value) else {
            throw SpecError(key: key, "\(value) is out of range; allowed: \(range.lowerBound)...\(range.upperBound)")
        }
    }

    static func positive(_ key: String, _ value: Double) throws {
        guard value > 0, value.isFinite else { throw SpecError(key: key, "\(value) must be a positive number") }
    }

    static func oneOf(_ key: String, _ value: String, _ allowed: [String]) throws {
        guard allowed.contains(value) else {
            throw SpecError(key: key, "'\(value)' is not allowed; allowed: \(allowed.joined(separator: ", "))")
        }
    }
}

/// The genes an agent asked, in ask order, so that `tell` can take them back
/// without decoding each trial's configuration (the runner tells trials in
/// ask order). A trial with no queued genes is decoded from its configuration.
struct AskedGenes: Sendable {
    private var queue: [[Int]] = []
    private var head = 0

    mutating func append(contentsOf genes: [[Int]]) {
        if head > 0, head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
        queue.append(contentsOf: genes)
    }

    mutating func next(for trial: Trial, _ coding: IndexCoding) -> [Int] {
        guard head < queue.count else { return coding.genes(of: trial.configuration) }
        head += 1
        return queue[head - 1]
    }
}
