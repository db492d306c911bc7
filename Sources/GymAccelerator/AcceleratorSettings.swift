import GymCore
import GymWorkloads

/// Settings both accelerator environments read from a spec's `settings:`.
///
/// Hardware parameters that are not searched (`noc_hops`, `noc_hop_latency`,
/// `clock_mhz`, `element_bytes`, and in the mapping environment the buffers
/// and bandwidths too) are settings, so `--set noc_hops=2` works everywhere.
struct AcceleratorSettings: Sendable {
    var workload: Workload
    var enforceBufferCapacity: Bool
    /// `MaestroModel.subClusterReuse`.
    var subClusterReuse: Bool
    var costs: AcceleratorCosts
    /// Fixed hardware; searched parameters overwrite their fields per configuration.
    var hardware: AcceleratorHardware
    /// Dataflows a spec adds by name (`dataflows: {mine: "SpatialMap(1,1) K; ..."}`).
    var customDataflows: [Dataflow]
    /// `offchip_bw: unlimited` in the hardware search: the knob is dropped and
    /// runtime is not bounded by off-chip bandwidth, as in MAESTRO.
    var offchipUnlimited: Bool

    static let commonKeys = ["workload", "enforce_buffer_capacity", "subcluster_reuse", "noc_hops", "noc_hop_latency",
                             "clock_mhz", "element_bytes", "dataflows", "offchip_bw"] + AcceleratorCosts.overrides.map(\.key)
        + Workload.llmSettingKeys
    static let hardwareKeys = ["simd_lanes", "l1_bytes", "l2_bytes", "noc_bw", "pes"]

    /// `offchip_bw`: elements per cycle, or `unlimited` (nil); with `numbers`
    /// false only `unlimited` (where a knob sets the number).
    static func offchipBandwidth(_ spec: SpecObject, default d: Int, numbers: Bool) throws -> Int? {
        guard let text = try spec.string("offchip_bw") else { return d }
        if text == "unlimited" { return nil }
        guard numbers else {
            throw spec.error("offchip_bw", "'\(text)' is not allowed here (the offchip_bw knob sets numbers); allowed: unlimited")
        }
        guard let v = Double(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }), (1...(1 << 30)).contains(v) else {
            throw spec.error("offchip_bw", "'\(text)' is not allowed; allowed: 1...\(1 << 30) elements/cycle or unlimited")
        }
        return v
    }

    /// Reads the settings; `extraKeys` are the environment's own.
    init(_ spec: SpecObject, defaultWorkload: String, extraKeys: [String], fixedHardware: Bool) throws {
        try spec.requireOnly(AcceleratorSettings.commonKeys + extraKeys + (fixedHardware ? AcceleratorSettings.hardwareKeys : []))
        workload = try Workload.load(settings: spec, default: defaultWorkload)
        enforceBufferCapacity = try spec.bool("enforce_buffer_capacity", default: true)
        subClusterReuse = try spec.bool("subcluster_reuse", default: false)
        var costs = AcceleratorCosts()
        for (key, path) in AcceleratorCosts.overrides {
            costs[keyPath: path] = try spec.double(key, default: costs[keyPath: path], in: 0...1e12)
        }
        self.costs = costs
        var hw = AcceleratorHardware()
        hw.nocHops = try spec.int("noc_hops", default: 1, in: 0...1024)
        hw.nocHopLatency = try spec.int("noc_hop_latency", default: 1, in: 0...1024)
        hw.clockMHz = try spec.double("clock_mhz", default: 1000, in: 1...100_000)
        hw.elementBytes = try spec.int("element_bytes", default: 1, in: 1...16)
        if fixedHardware {
            hw.pes = try spec.int("pes", default: hw.pes, in: 1...1_048_576)
            hw.simdLanes = try spec.int("simd_lanes", default: hw.simdLanes, in: 1...1024)
            hw.l1Bytes = try spec.int("l1_bytes", default: 4096, in: 1...(1 << 40))
            hw.l2Bytes = try spec.int("l2_bytes", default: 1 << 20, in: 1...(1 << 40))
            hw.nocBandwidth = try spec.int("noc_bw", default: hw.nocBandwidth, in: 1...(1 << 30))
        }
        hw.offchipBandwidth = try AcceleratorSettings.offchipBandwidth(spec, default: 64, numbers: fixedHardware)
        offchipUnlimited = !fixedHardware && hw.offchipBandwidth == nil
        hardware = hw
        customDataflows = []
        if let custom = try spec.object("dataflows") {
            for name in custom.keys {
                guard let text = try custom.string(name) else { throw custom.error(name, "expected dataflow text") }
                guard !Dataflow.builtInNames.contains(name) else {
                    throw custom.error(name, "'\(name)' is a built-in dataflow; choose another name")
                }
                do { customDataflows.append(try Dataflow.parse(text, name: name, key: custom.fullKey(name))) }
                catch let e as SpecError { throw e.inFile(spec.file) }
            }
        }
    }

    /// Everything that changes outputs besides the configuration.
    var fingerprint: String {
        let hw = hardware
        return [MaestroModel.version, workload.fingerprint,
                "hops=\(hw.nocHops),hoplat=\(hw.nocHopLatency),clock=\(hw.clockMHz),eb=\(hw.elementBytes)",
                "pes=\(hw.pes),lanes=\(hw.simdLanes),l1=\(hw.l1Bytes),l2=\(hw.l2Bytes),noc=\(hw.nocBandwidth),off=\(hw.offchipText)",
                "enforce=\(enforceBufferCapacity),reuse=\(subClusterReuse)", costs.fingerprintText,
                customDataflows.map { "\($0.name)=\($0.text)" }.joined(separator: "|")].joined(separator: ";")
    }

    /// Help lines for `dsegym envs`.
    static let commonHelp: [(key: String, help: String)] = [
        ("workload", "CSV path or shipped name (alexnet, vgg16, resnet18, resnet50, mobilenetv2, bert_base_layer, gpt2_decode), or an LLM configuration .yaml (environments/llm/)"),
        ("llm_phase, llm_batch, llm_sequence, llm_context", "with an LLM configuration: prefill or decode, sequences (1...4096, default 1), new tokens per sequence (1...131072; decode default 1), tokens already cached (0...1048576, default 0)"),
        ("enforce_buffer_capacity", "true (default): buffer needs above l1_bytes/l2_bytes make a point infeasible; false: MAESTRO's warn-only (see buffer_overflow_layers)"),
        ("subcluster_reuse", "false (default, MAESTRO): each sub-cluster step reloads its whole chunk; true: only what the parent's step changed"),
        ("noc_hops", "hops a NoC transfer crosses (default 1)"),
        ("noc_hop_latency", "cycles per hop (default 1)"),
        ("clock_mhz", "clock for latency_ns (default 1000)"),
        ("element_bytes", "bytes per tensor element (default 1)"),
        ("dataflows", "extra dataflows by name: {name: \"SpatialMap(1,1) K; Cluster(64); SpatialMap(1,1) C\"}"),
        ("offchip_bw", "unlimited: runtime not bounded by off-chip bandwidth, as in MAESTRO (drops the hardware search's offchip_bw knob; the mapping search also takes a number, default 64)"),
        ("mac_energy_pj", "absolute energy of one MAC in pJ (default 1: energy_uJ = MAC units / 1e6)"),
        ("l2_access_energy, l1_access_energy, mac_energy", "relative access energies (default 18.61, 1.68, 1)"),
        ("mac_area_um2_per_lane, l1_area_um2_per_64b, l2_area_um2_per_32kib, bus_area_um2_per_pe_word, arbiter_area_um2_per_pe", "area constants (28 nm)"),
        ("mac_power_mw_per_lane, l1_power_mw_per_64b, l2_power_mw_per_32kib, bus_power_mw_per_pe_word, arbiter_power_mw_per_pe", "power constants (28 nm)"),
    ]
}
