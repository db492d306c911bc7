import GymCore

extension DRAMResult {
    /// What the `dram` environment measures. Times are converted from cycles
    /// to ns here and only here, with the device's tCK.
    public static let metricSpecs: [MetricSpec] = [
        MetricSpec("read_latency_avg", "ns", .minimize, summary: "mean read latency, trace arrival to response"),
        MetricSpec("read_latency_p50", "ns", .minimize, summary: "median read latency"),
        MetricSpec("read_latency_p99", "ns", .minimize, summary: "99th-percentile read latency (nearest rank)"),
        MetricSpec("read_latency_max", "ns", .minimize, summary: "worst read latency"),
        MetricSpec("read_controller_latency_avg", "ns", .minimize, summary: "mean read latency from entering the controller to response (excludes waiting in front of a full buffer)"),
        MetricSpec("simulated_time", "ns", .minimize, summary: "time until the last response"),
        MetricSpec("bandwidth", "GBps", .maximize, summary: "bytes moved / simulated time (10^9 bytes per second)"),
        MetricSpec("bandwidth_of_peak", "pct", .maximize, summary: "bandwidth as a percentage of the channels' peak"),
        MetricSpec("row_hit_rate", "1", .maximize, summary: "fraction of requests served without their own ACT"),
        MetricSpec("energy", "pJ", .minimize, summary: "DRAMPower-style energy of all devices"),
        MetricSpec("power", "mW", .minimize, summary: "average power = energy / simulated time"),
        MetricSpec("act", "count", .minimize, summary: "ACT commands"),
        MetricSpec("pre", "count", .minimize, summary: "banks precharged (PRE, PREA per open bank, auto-precharge)"),
        MetricSpec("rd", "count", .minimize, summary: "RD and RDA commands"),
        MetricSpec("wr", "count", .minimize, summary: "WR and WRA commands"),
        MetricSpec("ref", "count", .minimize, summary: "refresh commands (REFAB, REFPB, REFSB)"),
        MetricSpec("powerdown", "count", .minimize, summary: "power-down and self-refresh entries"),
    ]

    /// The I/O interface energy (docs/references.md §8), reported apart from
    /// the core `energy` for the standards beyond DDR4 (DDR3/DDR4 keep
    /// exactly their metrics).
    public static let interfaceMetricSpec = MetricSpec("interface_energy", "pJ", .minimize,
        summary: "I/O interface energy (termination and pin toggles, random data), not part of energy")

    /// What the `dram` environment measures on a device of `standard`.
    public static func metricSpecs(for standard: DRAMStandard) -> [MetricSpec] {
        standard.isBeyondDDR4 ? metricSpecs + [interfaceMetricSpec] : metricSpecs
    }

    /// Nearest-rank percentile of sorted values (0 when empty).
    static func percentile(_ sorted: [Int], _ p: Double) -> Int {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    public var metrics: Metrics {
        if let rejection { return .infeasible(rejection) }
        guard completed else {
            return .infeasible("the controller stalled before serving every request (please report this configuration)")
        }
        let tCK = spec.timing.tCKns
        let reads = readLatencyCycles.sorted()
        let average = reads.isEmpty ? 0 : Double(reads.reduce(0, +)) / Double(reads.count)
        let inController = readControllerLatencyCycles
        let controllerAverage = inController.isEmpty ? 0 : Double(inController.reduce(0, +)) / Double(inController.count)
        let time = simulatedTimeNs
        let count = requests.reduce(0) { $0 + $1.count }
        let bytes = Double(count * spec.organisation.burstBytes)
        let bandwidth = time > 0 ? bytes / time : 0   // bytes per ns = GB/s
        let misses = channels.reduce(0) { $0 + $1.activated.filter { $0 }.count }
        let e = energy
        var n = Array(repeating: 0, count: DRAMCommand.count)
        for ch in channels { for (k, count) in ch.commandCounts.enumerated() { n[k] += count } }
        func k(_ c: DRAMCommand...) -> Double { Double(c.reduce(0) { $0 + n[$1.rawValue] }) }
        let values = [
            average * tCK,
            Double(DRAMResult.percentile(reads, 50)) * tCK,
            Double(DRAMResult.percentile(reads, 99)) * tCK,
            Double(reads.last ?? 0) * tCK,
            controllerAverage * tCK,
            time,
            bandwidth,
            100 * bandwidth / spec.peakBandwidthGBps,
            count > 0 ? 1 - Double(misses) / Double(count) : 0,
            e.totalPJ,
            time > 0 ? e.totalPJ / time : 0,       // pJ / ns = mW
            k(.act), Double(e.prechargeCount), k(.rd, .rda), k(.wr, .wra), k(.refab, .refpb, .refsb),
            k(.pdea, .pdep, .srefen),
        ]
        let specs = DRAMResult.metricSpecs(for: spec.standard)
        return Metrics(zip(specs, values + (spec.standard.isBeyondDDR4 ? [e.interfacePJ] : [])).map { Metric($0.name, $0.unit, $1) })
    }
}
