import Foundation
import GymCore

/// Reinforcement learning over the factorised categorical action space: a
/// `PolicyNetwork` with one softmax head per parameter (over its index
/// levels) picks a whole configuration per action, trained by REINFORCE with
/// a moving-average baseline or by PPO-clip.
///
/// - State, as in ArchGym: the previous configuration (unit encoding) and its
///   outcome (the reward standardised by the running mean/std, clipped to
///   ±3, and a feasibility flag). One ask of `batch_size` actions shares the
///   state left by the last trial told.
/// - Reward of an infeasible trial: the worst feasible reward seen minus one
///   running standard deviation (0 before any feasible trial), so infeasible
///   actions are discouraged without a hand-picked penalty.
/// - Advantage: `(r − b) / σ`, with `b` an exponential moving average of
///   batch-mean rewards (decay `baseline_decay`; the first batch uses its own
///   mean) and σ the running standard deviation of rewards.
/// - `reinforce`: one Adam step per batch on `mean(A · log π(a)) + c·H`.
///   `ppo`: `epochs` Adam steps per batch on the clipped surrogate
///   `mean(min(ρA, clip(ρ, 1 ± clip)·A)) + c·H`, ρ the probability ratio to
///   the policy that acted (Schulman et al. 2017). H is the summed entropy of
///   the heads, c the `entropy_coefficient`.
struct PolicyGradient: Agent {
    struct Hyperparameters: Codable, Sendable {
        var algorithm = "ppo"
        var batchSize = 16
        var hiddenLayers = [32, 32, 32]
        var learningRate = 0.003
        var entropyCoefficient = 0.05
        var clip = 0.2
        var epochs = 4
        var baselineDecay = 0.9

        enum CodingKeys: String, CodingKey {
            case algorithm, batchSize = "batch_size", hiddenLayers = "hidden_layers"
            case learningRate = "learning_rate", entropyCoefficient = "entropy_coefficient", clip, epochs
            case baselineDecay = "baseline_decay"
        }

        func validate() throws {
            try Check.oneOf("algorithm", algorithm, ["ppo", "reinforce"])
            try Check.atLeast("batch_size", batchSize, 1)
            guard hiddenLayers.count <= 16 else { throw SpecError(key: "hidden_layers", "\(hiddenLayers.count) layers; allowed: at most 16") }
            // Weights are width × width per layer.
            for width in hiddenLayers { try Check.atLeast("hidden_layers", width, 1, atMost: 4096) }
            try Check.positive("learning_rate", learningRate)
            try Check.within("entropy_coefficient", entropyCoefficient, 0...10)
            try Check.within("clip", clip, 0...1)
            try Check.atLeast("epochs", epochs, 1)
            try Check.within("baseline_decay", baselineDecay, 0...1)
        }
    }

    static let kind = AgentKind.codable(
        name: "rl", summary: "policy gradient (PPO-clip or REINFORCE) with a softmax head per parameter",
        defaults: Hyperparameters(),
        docs: [HyperparameterDoc("algorithm", "ppo", "ppo (clipped surrogate) or reinforce (moving-average baseline)"),
               HyperparameterDoc("batch_size", "16", "actions per ask and per policy update"),
               HyperparameterDoc("hidden_layers", "[32, 32, 32]", "widths of the tanh hidden layers (ArchGym's PPO MLP)"),
               HyperparameterDoc("learning_rate", "0.003", "Adam step size"),
               HyperparameterDoc("entropy_coefficient", "0.05", "weight of the policy-entropy bonus"),
               HyperparameterDoc("clip", "0.2", "PPO's ratio clip ε"),
               HyperparameterDoc("epochs", "4", "PPO optimisation passes per batch (REINFORCE: always 1)"),
               HyperparameterDoc("baseline_decay", "0.9", "decay of the moving-average reward baseline")]
    ) { h, context in
        try h.validate()
        return PolicyGradient(h, context)
    }

    /// Actions taken from one state, awaiting their rewards.
    struct Batch {
        var state: [Double]
        var actions: [[Int]]
        var logProbabilities: [Double]
    }

    let hyperparameters: Hyperparameters
    let coding: IndexCoding
    private var rng: SplitMix64
    private(set) var network: PolicyNetwork
    private var adam: Adam
    private var state: [Double]
    private var waiting: [Batch] = []
    private var baseline: Double?
    private var stats = RunningStatistics()

    var batchSize: Int { hyperparameters.batchSize }

    init(_ h: Hyperparameters, _ context: AgentContext) {
        hyperparameters = h
        coding = IndexCoding(context.designSpace)
        rng = SplitMix64(seed: context.seed)
        var initRNG = rng.derived(1)
        network = PolicyNetwork(inputs: coding.count + 2, hidden: h.hiddenLayers, heads: coding.levels, rng: &initRNG)
        adam = Adam(count: network.parameters.count, learningRate: h.learningRate)
        state = [Double](repeating: 0, count: coding.count + 2)
    }

    mutating func ask(_ count: Int) -> [Configuration] {
        let probabilities = network.probabilities(network.forward(state).last!)
        var batch = Batch(state: state, actions: [], logProbabilities: [])
        for _ in 0..<count {
            var action: [Int] = []
            var logProbability = 0.0
            for p in probabilities {
                var u = rng.nextUnit()
                var pick = p.count - 1
                for (i, q) in p.enumerated() {
                    u -= q
                    if u < 0 { pick = i; break }
                }
                action.append(pick)
                logProbability += log(max(p[pick], 1e-300))
            }
            batch.actions.append(action)
            batch.logProbabilities.append(logProbability)
        }
        waiting.append(batch)
        return batch.actions.map(coding.configuration)
    }

    mutating func tell(_ trials: [Trial]) {
        guard !trials.isEmpty else { return }
        for r in trials.compactMap(\.reward) { stats.add(r) }
        let scale = stats.standardDeviation > 1e-12 ? stats.standardDeviation : 1
        let impute = stats.count > 0 ? stats.minimum - scale : 0
        let rewards = trials.map { $0.reward ?? impute }
        if !waiting.isEmpty {
            var batch = waiting.removeFirst()
            let n = min(batch.actions.count, rewards.count)
            batch.actions = Array(batch.actions.prefix(n))
            batch.logProbabilities = Array(batch.logProbabilities.prefix(n))
            let mean = rewards.prefix(n).reduce(0, +) / Double(max(n, 1))
            let b = baseline ?? mean
            let advantages = rewards.prefix(n).map { ($0 - b) / scale }
            update(batch, advantages)
            baseline = hyperparameters.baselineDecay * b + (1 - hyperparameters.baselineDecay) * mean
        }
        let last = trials[trials.count - 1]
        let z = last.reward.map { ($0 - stats.mean) / scale } ?? -3
        state = coding.unit(coding.genes(of: last.configuration)) + [max(-3, min(3, z)), last.feasible ? 1 : 0]
    }

    private mutating func update(_ batch: Batch, _ advantages: [Double]) {
        let ppo = hyperparameters.algorithm == "ppo"
        let n = Double(batch.actions.count)
        for _ in 0..<(ppo ? hyperparameters.epochs : 1) {
            let activations = network.forward(batch.state)
            let probabilities = network.probabilities(activations.last!)
            var dLogits = [Double](repeating: 0, count: activations.last!.count)
            for (i, action) in batch.actions.enumerated() {
                var weight = advantages[i]
                if ppo {
                    var logProbability = 0.0
                    for (d, a) in action.enumerated() { logProbability += log(max(probabilities[d][a], 1e-300)) }
                    let ratio = exp(logProbability - batch.logProbabilities[i])
                    let clipped = (advantages[i] > 0 && ratio > 1 + hyperparameters.clip)
                        || (advantages[i] < 0 && ratio < 1 - hyperparameters.clip)
                    weight = clipped ? 0 : ratio * advantages[i]
                }
                guard weight != 0 else { continue }
                // ∂ log softmax(z)[a] / ∂z_k = [k = a] − p_k, head by head.
                var start = 0
                for (d, p) in probabilities.enumerated() {
                    for k in p.indices { dLogits[start + k] -= weight * p[k] / n }
                    dLogits[start + action[d]] += weight / n
                    start += p.count
                }
            }
            // ∂H/∂z_k = −p_k (log p_k + H) per head.
            let c = hyperparameters.entropyCoefficient
            if c > 0 {
                var start = 0
                for p in probabilities {
                    let entropy = -p.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) }
                    for k in p.indices where p[k] > 0 { dLogits[start + k] -= c * p[k] * (log(p[k]) + entropy) }
                    start += p.count
                }
            }
            adam.ascend(&network.parameters, network.gradient(activations, dLogits))
        }
    }
}

/// Welford's running mean and variance, plus the minimum.
struct RunningStatistics: Sendable {
    private(set) var count = 0
    private(set) var mean = 0.0
    private var m2 = 0.0
    private(set) var minimum = Double.infinity

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        minimum = min(minimum, x)
    }

    var standardDeviation: Double { count > 1 ? (m2 / Double(count - 1)).squareRoot() : 0 }
}
