import Testing
import GymCore
@testable import GymAgents

@Test(arguments: ["ppo", "reinforce"])
func rlBeatsRandomMedianOnHartmann6At2000Trials(algorithm: String) throws {
    let env = try Harness.environment("synthetic-hartmann6")
    let rl = try Harness.medianBest("rl", ["algorithm": .string(algorithm)], on: env, seeds: 1...10, trials: 2000)
    let random = try Harness.medianBest("random", on: env, seeds: 1...10, trials: 2000)
    print("RL (\(algorithm)) median best \(rl), random \(random) at 2000 trials")
    #expect(rl > random)
}
