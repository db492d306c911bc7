import Testing
import GymCore
@testable import GymAgents

@Test func acoBeatsRandomMedianOnHartmann6At2000Trials() throws {
    let env = try Harness.environment("synthetic-hartmann6")
    let aco = try Harness.medianBest("aco", on: env, seeds: 1...10, trials: 2000)
    let random = try Harness.medianBest("random", on: env, seeds: 1...10, trials: 2000)
    print("ACO median best \(aco), random \(random) at 2000 trials")
    #expect(aco > random)
}
