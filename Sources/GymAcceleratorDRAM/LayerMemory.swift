/// What the DRAM simulation says about one layer's off-chip stream
/// (docs/references.md §11). Times in ns from the layer's first request.
struct LayerMemory: Sendable, Hashable {
    /// Last response of the first fill, simulated alone: what the first step waits for.
    var fillNs: Double
    /// Last response of the whole stream.
    var memoryNs: Double
    /// DRAM energy over `memoryNs`, pJ.
    var energyPJ: Double
    /// Burst requests (fractional when extrapolated from a window).
    var requests: Double
    /// Mean read latency and row-hit rate of the simulated requests.
    var readLatencyNs: Double
    var rowHitRate: Double
    /// Requests actually simulated for the stream (the window when one was used).
    var simulatedRequests: Int
    var isWindowed: Bool
}

/// Linear extrapolation in payload bytes from two prefixes of a stream, A
/// inside B, to the whole payload `total` (docs/references.md §11): the
/// marginal cost per byte between A and B (past the first fill, at the
/// stream's steady rate) carries on to the end.
struct PrefixExtrapolation {
    var payloadA: Double, payloadB: Double, total: Double

    func callAsFunction(_ a: Double, _ b: Double) -> Double {
        max(b, b + (b - a) * (total - payloadB) / (payloadB - payloadA))
    }
}
