import Testing
import GymCore
@testable import GymAgents

@Test func gaBeatsRandomMedianOnHartmann6At2000Trials() throws {
    let env = try Harness.environment("synthetic-hartmann6")
    let ga = try Harness.medianBest("ga", on: env, seeds: 1...10, trials: 2000)
    let random = try Harness.medianBest("random", on: env, seeds: 1...10, trials: 2000)
    print("GA median best \(ga), random \(random) at 2000 trials")
    #expect(ga > random)
}
