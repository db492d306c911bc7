import Foundation
import GymCore

/// The `dram` environment: a DRAMSys-style memory controller on a DDR3/DDR4
/// device, replaying a trace; ArchGym's 10 knobs plus PowerDownPolicy, with
/// ArchGym's names. Evaluation is a cycle-accurate simulation (see
/// `ChannelSimulator`); metrics carry units (ns, pJ, mW, GBps).
///
///     environment: dram
///     settings: {memspec: ddr4-2400-x8-4gb, trace: random, ranges: ga}
public struct DRAMEnvironment: DetailedEnvironment {
    public static let version = 1
    static let settingKeys = ["memspec", "trace", "ranges", "address_mapping", "trace_clock_mhz"]

    public static let kind = EnvironmentKind(
        name: "dram",
        summary: "cycle-level DDR3/DDR4/DDR5/LPDDR4/LPDDR5/HBM2/HBM3 memory controller (DRAMSys knobs) replaying a trace; latency ns, energy pJ, power mW",
        settings: [
            ("memspec", "device: shipped name (\(MemSpec.shippedNames.joined(separator: ", "))) or DRAMSys memspec JSON path (default ddr3-1600-x8-1gb, ArchGym's)"),
            ("trace", "trace: shipped name (\(Trace.shippedNames.joined(separator: ", "))) or .stl/.rstl path (default random)"),
            ("ranges", "ga (ArchGym GA/BO ranges: RequestBufferSize 1-8, MaxActiveTransactions 1-128) or rl (powers of two: 1..128 both) (default ga)"),
            ("address_mapping", "bit order, most significant first (default \(AddressMapping.defaultOrder); e.g. \(AddressMapping.presets[1]))"),
            ("trace_clock_mhz", "clock of the trace's cycle numbers, 1 to 10000 MHz (default: the device clock)"),
        ]
    ) { spec in try DRAMEnvironment(settings: spec) }

    public enum Ranges: String, Sendable, CaseIterable { case ga, rl }

    public let simulation: DRAMSimulation
    public let designSpace: DesignSpace
    public let fingerprint: String
    public var id: String { "dram-v\(DRAMEnvironment.version)" }
    public var metricSpecs: [MetricSpec] { DRAMResult.metricSpecs(for: simulation.spec.standard) }

    public init(memSpec: MemSpec, trace: Trace, mapping: AddressMapping, ranges: Ranges = .ga, traceClockMHz: Double? = nil) throws {
        simulation = try DRAMSimulation(spec: memSpec, mapping: mapping, trace: trace, traceClockMHz: traceClockMHz)
        designSpace = DRAMEnvironment.space(ranges, standard: memSpec.standard)
        fingerprint = "dram-v\(DRAMEnvironment.version):" + DRAMFiles.digest(
            [memSpec.sourceText, trace.digest, mapping.text, traceClockMHz.map { "\($0)" } ?? "device"].joined(separator: "\u{1}"))
    }

    public init(settings spec: SpecObject) throws {
        try spec.requireOnly(DRAMEnvironment.settingKeys)
        func attributed<T>(_ key: String, _ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as SpecError where e.file == nil {
                throw spec.error(key, e.message)
            }
        }
        let memSpec = try attributed("memspec") { try MemSpec.load(try spec.string("memspec") ?? "ddr3-1600-x8-1gb", relativeTo: spec.baseDirectory) }
        let trace = try attributed("trace") { try Trace.load(try spec.string("trace") ?? "random", relativeTo: spec.baseDirectory) }
        let mapping = try attributed("address_mapping") {
            try AddressMapping(try spec.string("address_mapping") ?? AddressMapping.defaultOrder, organisation: memSpec.organisation)
        }
        let rangeName = try spec.string("ranges") ?? "ga"
        guard let ranges = Ranges(rawValue: rangeName) else {
            throw spec.error("ranges", "'\(rangeName)' is not allowed; allowed: ga, rl")
        }
        let clock = try spec.double("trace_clock_mhz")
        if let clock, !MemSpec.Limits.clockMHz.contains(clock) {
            let r = MemSpec.Limits.clockMHz
            throw spec.error("trace_clock_mhz", "\(ParameterValue.format(clock)) is out of range; allowed: \(ParameterValue.format(r.lowerBound))...\(ParameterValue.format(r.upperBound)) (MHz)")
        }
        do {
            try self.init(memSpec: memSpec, trace: trace, mapping: mapping, ranges: ranges, traceClockMHz: clock)
        } catch let e as SpecError where e.file == nil {
            throw spec.error(e.key ?? "trace", e.message)
        }
    }

    /// ArchGym's DRAM space (docs/references.md §1) plus PowerDownPolicy and the
    /// extra refresh policies. Defaults are ArchGym's base DRAMSys configuration.
    public static func space(_ ranges: Ranges) -> DesignSpace { space(ranges, standard: .ddr4) }

    /// The space on a device of `standard`: RefreshPolicy offers the refresh
    /// commands the standard has (`DRAMStandard.refreshPolicies`); every
    /// knob keeps its ArchGym name.
    public static func space(_ ranges: Ranges, standard: DRAMStandard) -> DesignSpace {
        typealias C = ControllerConfiguration
        func names<E: RawRepresentable & CaseIterable>(_: E.Type) -> [String] where E.RawValue == String { E.allCases.map(\.rawValue) }
        let powers = Parameter.powersOfTwo(1, 128)
        return DesignSpace([
            .choice("PagePolicy", names(C.PagePolicy.self), default: "Open", summary: "when rows close after an access"),
            .choice("Scheduler", names(C.Scheduler.self), default: "FrFcfs", summary: "which buffered request a bank serves next"),
            .choice("SchedulerBuffer", names(C.SchedulerBuffer.self), default: "Bankwise", summary: "how the request buffer is split"),
            ranges == .ga ? .integer("RequestBufferSize", 1...8, default: 8, summary: "request buffer entries")
                : .ordinal("RequestBufferSize", powers, default: 8, summary: "request buffer entries"),
            .choice("RespQueue", names(C.ResponseQueue.self), default: "Fifo", summary: "response order"),
            .choice("RefreshPolicy", standard.refreshPolicies.map(\.rawValue), default: "AllBank", summary: "refresh command kind"),
            .integer("RefreshMaxPostponed", 1...8, default: 8, summary: "refreshes that may be postponed"),
            .integer("RefreshMaxPulledin", 1...8, default: 8, summary: "refreshes that may be pulled in"),
            .choice("Arbiter", names(C.Arbiter.self), default: "Simple", summary: "front-end arbiter"),
            ranges == .ga ? .integer("MaxActiveTransactions", 1...128, default: 128, summary: "outstanding transactions (Fifo/Reorder arbiter)")
                : .ordinal("MaxActiveTransactions", powers, default: 128, summary: "outstanding transactions (Fifo/Reorder arbiter)"),
            .choice("PowerDownPolicy", names(C.PowerDownPolicy.self), default: "NoPowerDown", summary: "rank power-down"),
        ])
    }

    /// The controller knobs of a configuration of this space.
    public func controllerConfiguration(_ c: Configuration) -> ControllerConfiguration {
        var k = ControllerConfiguration()
        k.pagePolicy = .init(rawValue: c.string("PagePolicy"))!
        k.scheduler = .init(rawValue: c.string("Scheduler"))!
        k.schedulerBuffer = .init(rawValue: c.string("SchedulerBuffer"))!
        k.requestBufferSize = c.int("RequestBufferSize")
        k.responseQueue = .init(rawValue: c.string("RespQueue"))!
        k.refreshPolicy = .init(rawValue: c.string("RefreshPolicy"))!
        k.refreshMaxPostponed = c.int("RefreshMaxPostponed")
        k.refreshMaxPulledin = c.int("RefreshMaxPulledin")
        k.arbiter = .init(rawValue: c.string("Arbiter"))!
        k.maxActiveTransactions = c.int("MaxActiveTransactions")
        k.powerDownPolicy = .init(rawValue: c.string("PowerDownPolicy"))!
        return k
    }

    public func simulate(_ configuration: Configuration) throws -> DRAMResult {
        try checkStandard(configuration)
        try designSpace.validate(configuration)
        return simulation.run(controllerConfiguration(configuration))
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        try simulate(configuration).metrics
    }

    /// `evaluate`, polling `cancellation` every few thousand simulator steps.
    public func evaluate(_ configuration: Configuration, cancellation: Cancellation) throws -> Metrics {
        try checkStandard(configuration)
        try designSpace.validate(configuration)
        return try simulation.run(controllerConfiguration(configuration), cancellation: cancellation).metrics
    }

    /// A refresh policy the device's standard lacks: a one-line error naming the standard.
    private func checkStandard(_ configuration: Configuration) throws {
        guard case .text(let name)? = configuration["RefreshPolicy"],
              let policy = ControllerConfiguration.RefreshPolicy(rawValue: name),
              let why = simulation.spec.standard.rejection(of: policy) else { return }
        throw SpecError(key: "RefreshPolicy", why)
    }

    /// Metrics plus one part per channel-independent view: the energy breakdown.
    public func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics]) {
        let result = try simulate(configuration)
        let e = result.energy
        let parts = NamedMetrics(name: "energy", metrics: [
            Metric("act", "pJ", e.actPJ), Metric("pre", "pJ", e.prePJ), Metric("read", "pJ", e.readPJ),
            Metric("write", "pJ", e.writePJ), Metric("refresh", "pJ", e.refreshPJ), Metric("background", "pJ", e.backgroundPJ),
        ] + (simulation.spec.standard.isBeyondDDR4 ? [
            Metric("interface_termination", "pJ", e.interfaceTerminationPJ), Metric("interface_toggles", "pJ", e.interfaceTogglePJ),
        ] : []))
        return (result.metrics, [parts])
    }

    /// The issued DRAM commands with cycles, as text (for `--command-log FILE`).
    public func commandLog(for configuration: Configuration) throws -> String {
        try simulate(configuration).commandLogText
    }
}

extension DRAMEnvironment {
    /// The command log of `configuration` when `environment` is a `dram`
    /// environment or a spec-narrowed one (`ScopedEnvironment`), else nil.
    /// This is what `dsegym evaluate --command-log FILE` writes.
    ///
    ///     let (env, _) = try spec.build(Catalog.standard.environments)
    ///     let text = try DRAMEnvironment.commandLog(of: env, for: configuration)
    public static func commandLog(of environment: any Environment, for configuration: Configuration) throws -> String? {
        if let dram = environment as? DRAMEnvironment { return try dram.commandLog(for: configuration) }
        if let scoped = environment as? ScopedEnvironment { return try commandLog(of: scoped.base, for: configuration) }
        return nil
    }
}
