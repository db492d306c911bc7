import Testing
import GymCore
@testable import GymAgents

@Test func gaBeatsRandomMedianOnHartmann6() throws {
    let env = try Harness.environment("synthetic-hartmann6")
    let ga = try Harness.medianBest("ga", on: env, seeds: 1...10, trials: 600)
    let random = try Harness.medianBest("random", on: env, seeds: 1...10, trials: 600)
    print("GA median best \(ga), random \(random) at 600 trials")
    #expect(ga > random)
}
