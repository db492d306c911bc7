import GymCore

/// The outcome of one simulation: per-channel command logs and latencies,
/// and the metrics (with units) derived from them.
public struct DRAMResult: Sendable {
    public let spec: MemSpec
    let channels: [ChannelOutcome]
    let requests: [[ChannelRequest]]
    /// Why the configuration cannot run on this device (a refresh policy the
    /// standard lacks); nothing was simulated.
    public internal(set) var rejection: String? = nil

    /// False if the controller stalled (never expected; reported as infeasible)
    /// or the configuration was rejected.
    public var completed: Bool { rejection == nil && channels.allSatisfy(\.completed) }
    /// Cycle of the last response over all channels.
    public var endCycle: Int { channels.map(\.endCycle).max() ?? 0 }
    public var simulatedTimeNs: Double { Double(endCycle) * spec.timing.tCKns }

    /// Issued commands of channel `c`, in issue order.
    public func commands(channel c: Int = 0) -> [IssuedCommand] { channels[c].expandedCommands }

    /// Latencies of reads in cycles, in trace order within each channel.
    public var readLatencyCycles: [Int] {
        zip(channels, requests).flatMap { ch, rq in zip(ch.latencies, rq).filter { !$0.1.isWrite }.map(\.0) }
    }

    /// Latencies of reads in cycles from entering the controller (after the
    /// arbiter and any back-pressure) to the response.
    public var readControllerLatencyCycles: [Int] {
        zip(channels, requests).flatMap { ch, rq in zip(ch.controllerLatencies, rq).filter { !$0.1.isWrite }.map(\.0) }
    }

    public var energy: DRAMEnergy {
        let end = endCycle
        return channels.map { DRAMEnergy.of($0.commands, repeats: $0.repeats, endCycle: end, spec: spec) }.reduce(DRAMEnergy(), +)
    }

    /// The issued commands as text: one line per command,
    /// `cycle command channel rank bankgroup bank row column` (-1 = none).
    public var commandLogText: String {
        var s = "# cycle command channel rank bankgroup bank row column (tCK \(spec.timing.tCKns) ns)\n"
        let bpg = spec.organisation.banksPerGroup
        for (ch, outcome) in channels.enumerated() {
            outcome.forEachCommand { c in
                let group = c.bank < 0 || c.command == .refsb ? -1 : c.bank / bpg
                let bank = c.command == .refsb || c.bank < 0 ? c.bank : c.bank % bpg
                s += "\(c.cycle) \(c.command.mnemonic) \(ch) \(c.rank) \(group) \(bank) \(c.row) \(c.column)\n"
            }
        }
        return s
    }
}
