/// The x axis of trial-count figures: from 0 (linear) or 1 (log) to the
/// longest campaign, widened to nice ticks.
enum TrialAxis {
    static func domain(horizon: Int, log: Bool) -> ClosedRange<Double> {
        let upper = Double(max(horizon, log ? 10 : 2))
        return Scale(log ? .log : .linear, lower: log ? 1 : 0, upper: upper, pixels: (0, 1)).domain
    }

    static func label(log: Bool) -> String { log ? "trials (log scale)" : "trials" }
}
