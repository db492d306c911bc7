import GymCore

/// Uniform random search. On a finite space of at most `maxEnumerable` points
/// it samples **without replacement** (a lazy Fisher–Yates shuffle of the flat
/// index), so no configuration is proposed twice; once the space is exhausted it
/// stops proposing. Larger or continuous spaces are sampled with replacement.
struct RandomSearch: Agent {
    struct Hyperparameters: Codable, Sendable {
        var batchSize = 64
        var withoutReplacement = true

        enum CodingKeys: String, CodingKey {
            case batchSize = "batch_size", withoutReplacement = "without_replacement"
        }
    }

    static let maxEnumerable = 1 << 40

    static let kind = AgentKind.codable(
        name: "random", summary: "uniform random search (without replacement on finite spaces)",
        defaults: Hyperparameters(),
        docs: [HyperparameterDoc("batch_size", "64", "configurations proposed per ask (evaluated in parallel)"),
               HyperparameterDoc("without_replacement", "true", "never repeat a configuration when the space is finite")]
    ) { h, context in
        guard h.batchSize >= 1 else { throw SpecError(key: "batch_size", "must be at least 1") }
        return RandomSearch(h, context)
    }

    let space: DesignSpace
    let batchSize: Int
    private var rng: SplitMix64
    private let shuffleSize: Int?
    private var drawn = 0
    private var swapped: [Int: Int] = [:]

    init(_ h: Hyperparameters, _ context: AgentContext) {
        space = context.designSpace
        batchSize = h.batchSize
        rng = SplitMix64(seed: context.seed)
        if h.withoutReplacement, let n = space.finiteSize, n <= RandomSearch.maxEnumerable {
            shuffleSize = n
        } else {
            shuffleSize = nil
        }
    }

    mutating func ask(_ count: Int) -> [Configuration] {
        guard let n = shuffleSize else {
            return (0..<count).map { _ in space.sample(using: &rng) }
        }
        var out: [Configuration] = []
        while out.count < count, drawn < n {
            let j = drawn + Int(rng.next() % UInt64(n - drawn))
            let pick = swapped[j] ?? j
            swapped[j] = swapped[drawn] ?? drawn
            drawn += 1
            out.append(space.configuration(flatIndex: pick))
        }
        return out
    }

    mutating func tell(_ trials: [Trial]) {}
}
