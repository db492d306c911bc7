import GymCore

/// ArchGym's random walker. With `jump_probability` 1 (the default, as in
/// ArchGym) every step is an independent uniform draw, with replacement. Below
/// 1, a step moves to a uniformly chosen neighbour of the previous point (one
/// parameter changed) and jumps to a fresh uniform point otherwise: a true
/// random walk, which explores locally without using rewards.
struct RandomWalker: Agent {
    struct Hyperparameters: Codable, Sendable {
        var jumpProbability = 1.0
        var batchSize = 64

        enum CodingKeys: String, CodingKey {
            case jumpProbability = "jump_probability", batchSize = "batch_size"
        }
    }

    static let kind = AgentKind.codable(
        name: "random-walker", summary: "ArchGym's random walker: uniform steps, or a neighbour walk with restarts",
        defaults: Hyperparameters(),
        docs: [HyperparameterDoc("jump_probability", "1.0", "chance a step is a fresh uniform draw instead of a neighbour move"),
               HyperparameterDoc("batch_size", "64", "configurations proposed per ask")]
    ) { h, context in
        guard (0...1).contains(h.jumpProbability) else {
            throw SpecError(key: "jump_probability", "\(h.jumpProbability) is out of range; allowed: 0...1")
        }
        guard h.batchSize >= 1 else { throw SpecError(key: "batch_size", "must be at least 1") }
        return RandomWalker(h, context)
    }

    let space: DesignSpace
    let hyperparameters: Hyperparameters
    private var rng: SplitMix64
    private var current: Configuration?

    var batchSize: Int { hyperparameters.batchSize }

    init(_ h: Hyperparameters, _ context: AgentContext) {
        space = context.designSpace
        hyperparameters = h
        rng = SplitMix64(seed: context.seed)
    }

    mutating func ask(_ count: Int) -> [Configuration] {
        (0..<count).map { _ in
            let jump = current == nil || rng.nextUnit() < hyperparameters.jumpProbability
            let next: Configuration
            if jump {
                next = space.sample(using: &rng)
            } else {
                let around = space.neighbours(of: current!)
                next = around.isEmpty ? space.sample(using: &rng) : around[Int(rng.next() % UInt64(around.count))]
            }
            current = next
            return next
        }
    }

    mutating func tell(_ trials: [Trial]) {}
}
