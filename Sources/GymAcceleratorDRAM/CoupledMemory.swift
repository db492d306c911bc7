import GymAccelerator
import GymCore
import GymDRAM

/// The memory half of `accelerator-dram`: a DRAMSys-style device and address
/// mapping, ArchGym's controller knobs, and how much of each layer's stream
/// is simulated (docs/references.md §4, §11).
struct CoupledMemory: Sendable {
    static let settingKeys = ["memspec", "address_mapping", "ranges", "window_requests"]
    static let help: [(key: String, help: String)] = [
        ("memspec", "device: shipped name (\(MemSpec.shippedNames.joined(separator: ", "))) or DRAMSys memspec JSON path (default ddr4-2400-x8-4gb)"),
        ("address_mapping", "bit order, most significant first (default \(AddressMapping.defaultOrder))"),
        ("ranges", "ga or rl: the dram environment's ranges for RequestBufferSize and MaxActiveTransactions (default ga)"),
        ("window_requests", "requests of each long layer stream simulated past the refresh warm-up, the rest extrapolated (default \(defaultWindow)); 0 simulates every request"),
    ]
    static let defaultWindow = 8192
    /// A window needs a few steps past the first fill to measure a steady rate.
    static let minimumWindowSteps = 4

    let spec: MemSpec
    let mapping: AddressMapping
    /// The `dram` environment on a one-request trace, kept for its design
    /// space and its decoding of the knobs into a controller configuration
    /// (so both environments read the knobs the same way).
    let knobs: DRAMEnvironment
    let ranges: DRAMEnvironment.Ranges
    /// 0: simulate every request.
    let windowRequests: Int

    init(_ settings: SpecObject) throws {
        func attributed<T>(_ key: String, _ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as SpecError where e.file == nil { throw settings.error(key, e.message) }
        }
        spec = try attributed("memspec") { try MemSpec.load(try settings.string("memspec") ?? "ddr4-2400-x8-4gb", relativeTo: settings.baseDirectory) }
        let memSpec = spec
        mapping = try attributed("address_mapping") {
            try AddressMapping(try settings.string("address_mapping") ?? AddressMapping.defaultOrder, organisation: memSpec.organisation)
        }
        let rangeName = try settings.string("ranges") ?? "ga"
        guard let ranges = DRAMEnvironment.Ranges(rawValue: rangeName) else {
            throw settings.error("ranges", "'\(rangeName)' is not allowed; allowed: ga, rl")
        }
        self.ranges = ranges
        windowRequests = try settings.int("window_requests", default: CoupledMemory.defaultWindow, in: 0...Trace.maxRequests)
        if windowRequests > 0 && windowRequests < 64 {
            throw settings.error("window_requests", "\(windowRequests) is too small to measure a steady rate; allowed: 0 (every request) or 64...\(Trace.maxRequests)")
        }
        let probe = Trace(name: "knobs", requests: [TraceRequest(cycle: 0, isWrite: false, address: 0)])
        knobs = try DRAMEnvironment(memSpec: spec, trace: probe, mapping: mapping, ranges: ranges)
    }

    var burstBytes: Int { spec.organisation.burstBytes }
    var capacityBytes: Int { spec.organisation.capacityBytes }
    var fingerprint: String { "\(knobs.fingerprint);ranges=\(ranges.rawValue);window=\(windowRequests)" }

    /// Power of the idle devices, mW (pJ/ns): precharge standby (IDD2N), or
    /// precharge power-down (IDD2P) under the Staggered policy, times VDD
    /// and every device (docs/references.md §4, background energy).
    func idlePowerMW(_ config: ControllerConfiguration) -> Double {
        let p = spec.power, o = spec.organisation
        let current = config.powerDownPolicy == .staggered ? p.idd2p : p.idd2n
        return current * p.vdd * Double(o.devicesPerRank * o.ranks * o.channels)
    }

    /// Simulates `requests` (accelerator cycles at `clockMHz`).
    func run(_ requests: ArraySlice<OffChipRequest>, clockMHz: Double, config: ControllerConfiguration,
             cancellation: Cancellation?) throws -> DRAMResult {
        let trace = Trace(name: "stream", requests: requests.map { TraceRequest(cycle: $0.cycle, isWrite: $0.isWrite, address: $0.address) })
        let simulation = try DRAMSimulation(spec: spec, mapping: mapping, trace: trace, traceClockMHz: clockMHz)
        if let cancellation { return try simulation.run(config, cancellation: cancellation) }
        return simulation.run(config)
    }

    /// Requests a simulation needs before its refresh is in steady state
    /// (docs/references.md §11): a controller starts owing nothing and
    /// postpones refreshes while banks are busy, up to RefreshMaxPostponed,
    /// so the first (postponed + 1) · tREFI run without refresh. The DRAM
    /// cannot serve faster than its peak, so this many requests take at
    /// least that long. tREFI of AllBank refresh bounds the other schemes'
    /// (shorter) intervals.
    func refreshWarmUpRequests(_ config: ControllerConfiguration) -> Int {
        guard config.refreshPolicy != .noRefresh else { return 0 }
        let ns = Double(config.refreshMaxPostponed + 1) * Double(spec.timing.REFI) * spec.timing.tCKns
        return Int((ns * spec.peakBandwidthGBps / Double(burstBytes)).rounded(.up))
    }

    /// Where a window starts measuring (A) and how many requests a stream
    /// needs to be emitted for (A + B, beyond which windowing saves work);
    /// nil without a window.
    func window(_ config: ControllerConfiguration) -> (start: Int, streamLimit: Int)? {
        guard windowRequests > 0 else { return nil }
        let start = max(refreshWarmUpRequests(config), windowRequests / 2)
        return (start, 2 * start + windowRequests)
    }

    /// The DRAM's view of one layer's stream (docs/references.md §11): the
    /// whole stream when it is complete, else two prefixes of it, A past the
    /// refresh warm-up and B = A + `window_requests` further, extrapolated
    /// linearly in payload to `totalPayloadBytes`.
    func simulate(_ stream: OffChipStream, totalPayloadBytes: Int, clockMHz: Double, config: ControllerConfiguration,
                  cancellation: Cancellation?) throws -> LayerMemory? {
        let fillCount = stream.firstFillRequests
        let fill = fillCount > 0 ? try run(stream.requests[..<fillCount], clockMHz: clockMHz, config: config, cancellation: cancellation) : nil
        guard fill?.completed ?? true else { return nil }
        let fillNs = fill?.simulatedTimeNs ?? 0
        guard !stream.requests.isEmpty else {
            return LayerMemory(fillNs: 0, memoryNs: 0, energyPJ: 0, requests: 0, readLatencyNs: 0, rowHitRate: 0,
                               simulatedRequests: 0, isWindowed: false)
        }
        // Interval ends at or past A and past A + window (B).
        var a = stream.marks[stream.marks.count - 1], b = a
        if !stream.isComplete, let (start, _) = window(config) {
            let marks = stream.marks
            let ai = marks.indices.dropFirst().first { marks[$0].requests >= start } ?? marks.count - 1
            let bi = marks.indices.first { $0 > ai && marks[$0].requests >= marks[ai].requests + windowRequests } ?? marks.count - 1
            (a, b) = bi > ai ? (marks[ai], marks[bi]) : (marks[max(0, bi - 1)], marks[bi])
        }
        let whole = try run(stream.requests[..<b.requests], clockMHz: clockMHz, config: config, cancellation: cancellation)
        guard whole.completed else { return nil }
        let metrics = whole.metrics
        var memory = LayerMemory(fillNs: fillNs, memoryNs: whole.simulatedTimeNs, energyPJ: whole.energy.totalPJ,
                                 requests: Double(b.requests),
                                 readLatencyNs: metrics["read_latency_avg_ns"] ?? 0, rowHitRate: metrics["row_hit_rate"] ?? 0,
                                 simulatedRequests: b.requests, isWindowed: false)
        guard !stream.isComplete, a.requests < b.requests else { return memory }
        let start = try run(stream.requests[..<a.requests], clockMHz: clockMHz, config: config, cancellation: cancellation)
        guard start.completed else { return nil }
        let extrapolate = PrefixExtrapolation(payloadA: Double(a.payloadBytes), payloadB: Double(b.payloadBytes),
                                              total: Double(totalPayloadBytes))
        memory.memoryNs = extrapolate(start.simulatedTimeNs, whole.simulatedTimeNs)
        memory.energyPJ = extrapolate(start.energy.totalPJ, whole.energy.totalPJ)
        memory.requests = extrapolate(Double(a.requests), Double(b.requests))
        memory.simulatedRequests += a.requests
        memory.isWindowed = true
        return memory
    }
}
