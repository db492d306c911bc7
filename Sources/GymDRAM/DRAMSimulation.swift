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

    /// - Parameter traceClockMHz: clock of the trace's cycle numbers (default:
    ///   the device clock, so trace cycle = controller cycle).
    /// - Throws: `SpecError` when an address lies beyond the memory.
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
            let arrival = ratio == 1 ? r.cycle : Int((Double(r.cycle) * ratio).rounded(.up))
            channels[a.channel].append(ChannelRequest(arrival: arrival, isWrite: r.isWrite, rank: a.rank, bank: a.bank, row: a.row, column: a.column))
        }
        self.channels = channels
        requestCount = trace.requests.count
    }

    /// Simulates every channel under `config`.
    public func run(_ config: ControllerConfiguration) -> DRAMResult {
        // The scheduler registered under the configured name runs a simulator
        // specialised for it, which keeps the hot loop free of dynamic dispatch.
        let scheduler = config.scheduler.implementation
        let outcomes = channels.map { scheduler.simulateChannel($0, spec: spec, config: config) }
        return DRAMResult(spec: spec, channels: outcomes, requests: channels)
    }
}
