import GymCore

/// What the simulator measures on one design (docs/references.md §9).
public struct SoCResult: Hashable, Sendable {
    /// Seconds until the workload's last task completes.
    public var latency: Double
    /// Watts: the highest energy / time over consecutive groups of phases of at most `PhaseSimulator.powerWindow`.
    public var power: Double
    /// m² of the blocks that do work: processors that run a task, memories that hold bytes.
    public var area: Double
    /// The DRAM part of `area` (FARSI scores it separately).
    public var dramArea: Double
    /// Joules: compute plus memory reads and writes (no leakage).
    public var energy: Double
    /// Compute part of `energy` (processors and IPs).
    public var computeEnergy: Double
    /// Per memory slot: peak live bytes and the capacity it is costed at (0 when it holds nothing).
    public var peakLiveBytes: [Double]
    public var capacity: [Double]
    /// Per task: completion time, s.
    public var finishTimes: [Double]
    /// Phases simulated.
    public var phases: Int

    public var nonDRAMArea: Double { area - dramArea }

    /// FARSI's "eliminate" distance (§9), lower is better: Σ over power, non-DRAM
    /// area, DRAM area (both against the full area budget) and latency of |d|,
    /// d = (value − budget) / budget, a term counting 1e-9 once d < 0.001.
    public func farsiDistance(_ budgets: SoCBudgets) -> Double {
        func term(_ value: Double, _ budget: Double) -> Double {
            let d = (value - budget) / budget
            return d < 0.001 ? 1e-9 : abs(d)
        }
        return term(power, budgets.power) + term(nonDRAMArea, budgets.area) + term(dramArea, budgets.area)
            + term(latency, budgets.latency)
    }

    public static let metricSpecs = [
        MetricSpec("latency", "s", .minimize, summary: "completion time of the workload's last task"),
        MetricSpec("power", "W", .minimize, summary: "peak energy/time over ~10 ms groups of phases"),
        MetricSpec("area", "m2", .minimize, summary: "area of the blocks that do work"),
        MetricSpec("energy", "J", .minimize, summary: "compute plus memory access energy"),
        MetricSpec("farsi_distance", "1", .minimize, summary: "FARSI's eliminate distance to the budgets (lower is better)"),
    ]

    public func metrics(_ budgets: SoCBudgets) -> Metrics {
        Metrics([Metric("latency", "s", latency), Metric("power", "W", power), Metric("area", "m2", area),
                 Metric("energy", "J", energy), Metric("farsi_distance", "1", farsiDistance(budgets))])
    }
}
