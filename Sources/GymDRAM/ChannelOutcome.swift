/// What one channel's simulation produced: the command log DRAMPower-style
/// energy is computed from, and per-request latencies (docs/references.md §4).
struct ChannelOutcome: Sendable {
    var commands: [IssuedCommand]
    /// Cycle of the last response (0 for an empty channel).
    var endCycle: Int
    /// Per request: cycles from trace arrival to response, from entering the
    /// controller (past the arbiter) to response, and whether it needed its own ACT.
    var latencies: [Int]
    var controllerLatencies: [Int]
    var activated: [Bool]
    /// False when the controller could make no progress (a bug, reported as infeasible).
    var completed: Bool
    /// Idle stretches logged once with their repeat count, in log order.
    var repeats: [CommandRepeat] = []
}
