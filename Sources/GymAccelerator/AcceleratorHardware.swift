/// The hardware a dataflow runs on (MAESTRO's hardware description).
///
/// Bandwidths are in elements per cycle, buffers in bytes; `elementBytes`
/// converts element counts (what the model computes) to bytes.
public struct AcceleratorHardware: Sendable, Hashable {
    public var pes: Int
    /// MACs one PE performs per cycle.
    public var simdLanes: Int
    /// Scratchpad per PE, bytes.
    public var l1Bytes: Int
    /// Shared global buffer, bytes.
    public var l2Bytes: Int
    /// NoC bandwidth of every level, elements/cycle.
    public var nocBandwidth: Int
    /// Hops a transfer crosses, and cycles per hop.
    public var nocHops: Int
    public var nocHopLatency: Int
    /// DRAM ↔ L2 bandwidth, elements/cycle; nil = unlimited, MAESTRO's own
    /// behaviour (its runtime is not bounded by off-chip bandwidth,
    /// docs/references.md §2).
    public var offchipBandwidth: Int?
    public var clockMHz: Double
    public var elementBytes: Int

    public init(pes: Int = 256, simdLanes: Int = 1, l1Bytes: Int = 512, l2Bytes: Int = 131_072,
                nocBandwidth: Int = 64, nocHops: Int = 1, nocHopLatency: Int = 1,
                offchipBandwidth: Int? = 64, clockMHz: Double = 1000, elementBytes: Int = 1) {
        self.pes = pes
        self.simdLanes = simdLanes
        self.l1Bytes = l1Bytes
        self.l2Bytes = l2Bytes
        self.nocBandwidth = nocBandwidth
        self.nocHops = nocHops
        self.nocHopLatency = nocHopLatency
        self.offchipBandwidth = offchipBandwidth
        self.clockMHz = clockMHz
        self.elementBytes = elementBytes
    }

    /// MAESTRO's Oct-2020 validation settings (docs/references.md §2): 256 PEs, 9 SIMD
    /// lanes, L1 512, L2 32768, NoC 1024 elements/cycle, 1 hop of 1 cycle, and
    /// no off-chip bound (MAESTRO has none).
    public static let maestroValidation = AcceleratorHardware(
        pes: 256, simdLanes: 9, l1Bytes: 512, l2Bytes: 32768, nocBandwidth: 1024,
        nocHops: 1, nocHopLatency: 1, offchipBandwidth: nil)

    /// Cycles to move `elements` over one NoC level: the pipe latency
    /// (hops × hop latency) plus one cycle per `bandwidth` elements after the
    /// first beat (docs/references.md §2); nothing to move costs nothing.
    @inline(__always)
    func nocDelay(_ elements: Int) -> Int {
        elements <= 0 ? 0 : nocHops * nocHopLatency + (elements + nocBandwidth - 1) / nocBandwidth - 1
    }

    /// Cycles to move `elements` between DRAM and L2 (none when unlimited).
    @inline(__always)
    func offchipDelay(_ elements: Int) -> Int {
        guard let bw = offchipBandwidth, elements > 0 else { return 0 }
        return (elements + bw - 1) / bw
    }

    /// `offchip_bw` as a spec writes it.
    public var offchipText: String { offchipBandwidth.map { "\($0)" } ?? "unlimited" }
}

/// Energy, area and power constants.
///
/// Energy is activity based in units of one MAC's energy (MAESTRO's relative
/// costs, docs/references.md §2: L2 access 18.61, L1 access 1.68, MAC 1), scaled to pJ
/// by `macEnergyPJ`. Area and power use MAESTRO's 2020 28 nm constants
/// (docs/references.md §2). The bus and arbiter terms are DSEGym estimates (MAESTRO's
/// are not in our references): a bus wire per word of NoC bandwidth running
/// past every PE, and a per-PE arbiter slice; they are small next to the
/// MACs and SRAMs and can be overridden.
public struct AcceleratorCosts: Sendable, Hashable {
    public var l2AccessEnergy = 18.61
    public var l1AccessEnergy = 1.68
    public var macEnergy = 1.0
    /// Absolute energy of one MAC, pJ (a 28 nm 8-bit MAC is roughly 0.1–0.3 pJ;
    /// 1 keeps `energy_pJ` equal to MAESTRO's relative units unless set).
    public var macEnergyPJ = 1.0

    public var macAreaUM2PerLane = 4470.9
    public var l1AreaUM2Per64B = 4505.19
    public var l2AreaUM2Per32KiB = 4161.5
    public var busAreaUM2PerPEWord = 2.0
    public var arbiterAreaUM2PerPE = 40.0

    public var macPowerMWPerLane = 1.2223
    public var l1PowerMWPer64B = 0.2208
    public var l2PowerMWPer32KiB = 4.0
    public var busPowerMWPerPEWord = 0.0005
    public var arbiterPowerMWPerPE = 0.01

    public init() {}

    /// Setting keys that override a constant, with the key paths they set.
    // Key paths are immutable values; the table is a constant.
    nonisolated(unsafe) public static let overrides: [(key: String, path: WritableKeyPath<AcceleratorCosts, Double>)] = [
        ("l2_access_energy", \.l2AccessEnergy), ("l1_access_energy", \.l1AccessEnergy),
        ("mac_energy", \.macEnergy), ("mac_energy_pj", \.macEnergyPJ),
        ("mac_area_um2_per_lane", \.macAreaUM2PerLane), ("l1_area_um2_per_64b", \.l1AreaUM2Per64B),
        ("l2_area_um2_per_32kib", \.l2AreaUM2Per32KiB), ("bus_area_um2_per_pe_word", \.busAreaUM2PerPEWord),
        ("arbiter_area_um2_per_pe", \.arbiterAreaUM2PerPE),
        ("mac_power_mw_per_lane", \.macPowerMWPerLane), ("l1_power_mw_per_64b", \.l1PowerMWPer64B),
        ("l2_power_mw_per_32kib", \.l2PowerMWPer32KiB), ("bus_power_mw_per_pe_word", \.busPowerMWPerPEWord),
        ("arbiter_power_mw_per_pe", \.arbiterPowerMWPerPE),
    ]

    /// Every constant as `key=value`, for fingerprints.
    public var fingerprintText: String {
        AcceleratorCosts.overrides.map { "\($0.key)=\(self[keyPath: $0.path])" }.joined(separator: ",")
    }

    /// Chip area in µm²: MAC lanes, per-PE L1, shared L2, bus and arbiter.
    public func areaUM2(_ hw: AcceleratorHardware) -> Double {
        let pes = Double(hw.pes)
        return pes * Double(hw.simdLanes) * macAreaUM2PerLane
            + pes * Double(hw.l1Bytes) / 64 * l1AreaUM2Per64B
            + Double(hw.l2Bytes) / 32768 * l2AreaUM2Per32KiB
            + pes * Double(hw.nocBandwidth) * busAreaUM2PerPEWord
            + pes * arbiterAreaUM2PerPE
    }

    /// Peak power in mW with every unit active (MAESTRO reports this figure).
    public func powerMW(_ hw: AcceleratorHardware) -> Double {
        let pes = Double(hw.pes)
        return pes * Double(hw.simdLanes) * macPowerMWPerLane
            + pes * Double(hw.l1Bytes) / 64 * l1PowerMWPer64B
            + Double(hw.l2Bytes) / 32768 * l2PowerMWPer32KiB
            + pes * Double(hw.nocBandwidth) * busPowerMWPerPEWord
            + pes * arbiterPowerMWPerPE
    }
}
