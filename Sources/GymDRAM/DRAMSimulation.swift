import GymCore

/// A trace bound to a device and an address mapping, ready to simulate under
/// any controller configuration. Decoding happens once, here; `run` is pure.
///
///     let sim = try DRAMSimulation(spec: spec, mapping: mapping, trace: trace)
///     let result = sim.run(ControllerConfiguration())
public struct DRAMSimulation: Sendable {
    public let spec: MemSpec
    public let mapping: AddressMapping
    /// Requests per channel, in trace order.
    let channels: [[ChannelRequest]]
    public let requestCount: Int

    /// The latest controller cycle a request may arrive at (a trace cycle
    /// converted to the device clock): `Trace.maxCycle`.
    public static let maxArrivalCycle = Trace.maxCycle

    /// - Parameter traceClockMHz: clock of the trace's cycle numbers (default:
    ///   the device clock, so trace cycle = controller cycle).
    /// - Throws: `SpecError` when an address lies beyond the memory or a
    ///   request arrives after `maxArrivalCycle`.
    public init(spec: MemSpec, mapping: AddressMapping, trace: Trace, traceClockMHz: Double? = nil) throws {
        self.spec = spec
        self.mapping = mapping
        let capacity = UInt64(spec.organisation.capacityBytes)
        let ratio = spec.clockMHz / (traceClockMHz ?? spec.clockMHz)
        var channels = Array(repeating: [ChannelRequest](), count: spec.organisation.channels)
        for (i, r) in trace.requests.enumerated() {
            guard r.address < capacity else {
                throw SpecError(key: "trace", "request \(i + 1) of \(trace.name) (address 0x\(String(r.address, radix: 16))) lies beyond the \(capacity >> 20) MiB of memspec \(spec.name)")
            }
            let a = mapping.decode(r.address)
            let scaled = ratio == 1 ? Double(r.cycle) : (Double(r.cycle) * ratio).rounded(.up)
            guard scaled <= Double(DRAMSimulation.maxArrivalCycle) else {
                throw SpecError(key: "trace_clock_mhz", "request \(i + 1) of \(trace.name) (trace cycle \(r.cycle)) arrives at device cycle \(ParameterValue.format(scaled)), beyond the last allowed, \(DRAMSimulation.maxArrivalCycle); use a faster trace clock or a shorter trace")
            }
            let arrival = ratio == 1 ? r.cycle : Int(scaled)
            channels[a.channel].append(ChannelRequest(arrival: arrival, isWrite: r.isWrite, rank: a.rank, bank: a.bank, row: a.row, column: a.column))
        }
        self.channels = channels
        requestCount = trace.requests.count
    }

    /// Simulates every channel under `config`.
    public func run(_ config: ControllerConfiguration) -> DRAMResult {
        simulate(config, cancellation: nil)
    }

    /// Simulates every channel under `config`, giving up with
    /// `CancellationError` soon after `cancellation` is raised.
    public func run(_ config: ControllerConfiguration, cancellation: Cancellation) throws -> DRAMResult {
        let result = simulate(config, cancellation: cancellation)
        try cancellation.check()
        return result
    }

    /// Throws a one-line `SpecError` naming the standard when `config` asks
    /// for something the device's standard lacks (a refresh policy).
    public func check(_ config: ControllerConfiguration) throws {
        if let why = spec.standard.rejection(of: config.refreshPolicy) { throw SpecError(key: "RefreshPolicy", why) }
    }

    private func simulate(_ config: ControllerConfiguration, cancellation: Cancellation?) -> DRAMResult {
        if let why = spec.standard.rejection(of: config.refreshPolicy) {
            var rejected = DRAMResult(spec: spec, channels: [], requests: [])
            rejected.rejection = why
            return rejected
        }
        // The scheduler registered under the configured name runs a simulator
        // specialised for it, which keeps the hot loop free of dynamic dispatch.
        let scheduler = config.scheduler.implementation
        var outcomes: [ChannelOutcome] = []
        for requests in channels {
            outcomes.append(scheduler.simulateChannel(requests, spec: spec, config: config, cancellation: cancellation))
            if cancellation?.isRaised == true { break }
        }
        return DRAMResult(spec: spec, channels: outcomes, requests: Array(channels.prefix(outcomes.count)))
    }
}
