import GymCampaign
import GymCore
import GymTesting
import Testing

/// The windowed DRAM simulation (each layer's stream simulated up to
/// `window_requests` and extrapolated, docs/references.md §11) against the
/// simulation of every request, on the shipped example. Slow in debug builds
/// (the full GPT-2 decode step is 2.6 million requests).
struct WindowAccuracyTests {
    static let spec = Fixtures.environments + "/accelerator-dram-gpt2-decode.yaml"

    /// The default point, a point with every DRAM knob away from its default,
    /// and a larger array with other DRAM knobs.
    static let points: [[String: String]] = [
        [:],
        ["PagePolicy": "Closed", "Scheduler": "Fifo", "RefreshPolicy": "PerBank", "RefreshMaxPostponed": "1",
         "PowerDownPolicy": "Staggered", "Arbiter": "Fifo", "MaxActiveTransactions": "16", "RequestBufferSize": "4"],
        ["pes": "1024", "simd_lanes": "4", "l2_bytes": "1048576", "noc_bw": "256",
         "PagePolicy": "OpenAdaptive", "SchedulerBuffer": "Shared", "Scheduler": "FrFcfsGrp", "RefreshMaxPostponed": "4"],
    ]

    @Test(arguments: 0..<points.count)
    func windowedIsWithinThreePercentOfFull(_ index: Int) throws {
        let sets = Self.points[index].map { "\($0.key)=\($0.value)" }
        let windowed = try EnvironmentLoader(path: Self.spec, sets: sets)
        let full = try EnvironmentLoader(path: Self.spec, sets: sets + ["window_requests=0"])
        #expect(windowed.configuration == full.configuration)
        let w = try windowed.environment.evaluate(windowed.configuration)
        let f = try full.environment.evaluate(full.configuration)
        #expect(w.feasible && f.feasible, "\(w.reason ?? "") \(f.reason ?? "")")
        for key in ["latency_ns", "memory_time_ns", "energy_uJ", "dram_energy_uJ", "dram_requests", "dram_bandwidth_GBps"] {
            let a = try #require(w[key]), b = try #require(f[key])
            #expect(abs(a - b) <= 0.03 * b, "point \(index) \(key): windowed \(a), full \(b) (\(100 * (a - b) / b)%)")
        }
        // The window really is a shortcut here: the full run simulates more.
        #expect(w["latency_ns"] != f["latency_ns"])
    }
}
