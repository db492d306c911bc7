import Testing
import GymCore
@testable import GymTimeloop

/// A raised `Cancellation` stops an Eyeriss evaluation before the next
/// layer's mapper search; an unraised one changes nothing.
struct TimeloopCancellationTests {
    @Test func aRaisedCancellation_stopsTheEvaluation_anUnraisedOneChangesNothing() throws {
        let env = try TimeloopEnvironmentTests.environment()
        let configuration = env.designSpace.defaultConfiguration
        let calm = Cancellation()
        #expect(try env.evaluate(configuration, cancellation: calm) == env.evaluate(configuration))
        let stop = Cancellation()
        stop.raise()
        #expect(throws: CancellationError.self) { try env.evaluate(configuration, cancellation: stop) }
    }
}
