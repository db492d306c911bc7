import GymCore

/// Circuit class of a storage level, as ArchGym's Timeloop space names them.
/// Smartbuffers are the plain arrays plus address generators (Accelergy's
/// `smartbuffer` compound component); DRAM is the off-chip main memory.
public enum StorageClass: String, CaseIterable, Sendable, Hashable {
    case regfile
    case smartbufferSRAM = "smartbuffer_SRAM"
    case smartbufferRF = "smartbuffer_RF"
    case sram = "SRAM"
    case dram = "DRAM"

    /// The classes a design knob may choose (DRAM only sits at the top).
    public static let onChip: [StorageClass] = [.regfile, .smartbufferSRAM, .smartbufferRF, .sram]

    var isRegisterFile: Bool { self == .regfile || self == .smartbufferRF }
    var hasAddressGenerators: Bool { self == .smartbufferRF || self == .smartbufferSRAM }
}

/// One level of the storage hierarchy, per instance.
///
/// Capacity is `depth` rows of `blockSize` words; an access moves one row, so
/// the energy per word is the per-access energy divided by `blockSize`
/// (full rows assumed). In Timeloop's terms a row is `width` bits and a word
/// `datawidth` bits, so `blockSize` = width / datawidth: a 16-bit-wide
/// scratchpad of 8-bit words serves two words per access, a 64-bit DRAM
/// eight (docs/references.md §3). Bandwidths are words per cycle per
/// instance. `fanout` is how many instances of the level below each instance
/// feeds (the spatial array, `meshX` wide); the MACs sit below level 0.
public struct StorageLevel: Sendable, Hashable {
    public var name: String
    public var storageClass: StorageClass
    /// Rows; nil for unbounded main memory.
    public var depth: Int?
    public var blockSize: Int
    public var wordBits: Int
    public var banks: Int
    public var readBandwidth: Double
    public var writeBandwidth: Double
    /// Tensors this level stores; the others bypass it.
    public var keeps: Set<DataTensor>
    public var fanout: Int
    /// Columns of the fanout array; rows = fanout / meshX.
    public var meshX: Int
    /// What mappings may place at this level.
    public var constraints: LevelConstraints
    /// Energy of one access (one row of `blockSize` words), pJ.
    public var readEnergyPJ: Double
    public var writeEnergyPJ: Double
    /// Leakage of one instance per cycle, pJ.
    public var leakagePJPerCycle: Double
    /// Area of one instance, µm².
    public var areaUM2: Double

    public init(name: String, storageClass: StorageClass, depth: Int?, blockSize: Int = 1, wordBits: Int = 16,
                banks: Int = 1, readBandwidth: Double = .infinity, writeBandwidth: Double = .infinity,
                keeps: Set<DataTensor>, fanout: Int = 1, meshX: Int? = nil, constraints: LevelConstraints = .none,
                readEnergyPJ: Double, writeEnergyPJ: Double, leakagePJPerCycle: Double = 0, areaUM2: Double = 0) {
        self.name = name
        self.storageClass = storageClass
        self.depth = depth
        self.blockSize = blockSize
        self.wordBits = wordBits
        self.banks = banks
        self.readBandwidth = readBandwidth
        self.writeBandwidth = writeBandwidth
        self.keeps = keeps
        self.fanout = fanout
        self.meshX = meshX ?? fanout
        self.constraints = constraints
        self.readEnergyPJ = readEnergyPJ
        self.writeEnergyPJ = writeEnergyPJ
        self.leakagePJPerCycle = leakagePJPerCycle
        self.areaUM2 = areaUM2
    }

    /// Words one instance holds (nil = unbounded).
    public var capacityWords: Int? { depth.map { $0 * blockSize } }
    public var readPJPerWord: Double { readEnergyPJ / Double(blockSize) }
    public var writePJPerWord: Double { writeEnergyPJ / Double(blockSize) }
}

/// A storage hierarchy over an array of MACs, innermost level first
/// (`levels.last` is main memory and keeps every tensor).
public struct Architecture: Sendable, Hashable {
    public var levels: [StorageLevel]
    public var macEnergyPJ: Double
    public var macAreaUM2: Double
    public var macLeakagePJPerCycle: Double

    public init(levels: [StorageLevel], macEnergyPJ: Double, macAreaUM2: Double = 0, macLeakagePJPerCycle: Double = 0) {
        self.levels = levels
        self.macEnergyPJ = macEnergyPJ
        self.macAreaUM2 = macAreaUM2
        self.macLeakagePJPerCycle = macLeakagePJPerCycle
    }

    /// Instances of level `l`: the product of the fanouts above it.
    public func instances(of l: Int) -> Int {
        levels[(l + 1)...].reduce(1) { $0 * $1.fanout }
    }

    /// MAC units: every instance of the innermost level feeds `fanout` MACs.
    public var macCount: Int { instances(of: 0) * levels[0].fanout }

    /// Total silicon area in mm² (main memory excluded).
    public var areaMM2: Double {
        let storage = levels.indices.reduce(0.0) { $0 + levels[$1].areaUM2 * Double(instances(of: $1)) }
        return (storage + macAreaUM2 * Double(macCount)) / 1e6
    }

    /// Why the hierarchy is malformed, or nil.
    public var problem: String? {
        guard let top = levels.last else { return "the hierarchy has no storage level" }
        if top.keeps != Set(DataTensor.allCases) { return "the outermost level \(top.name) must keep every tensor" }
        if let bad = levels.first(where: { $0.fanout < 1 || $0.blockSize < 1 || ($0.depth ?? 1) < 1 }) {
            return "level \(bad.name) needs fanout, block size and depth of at least 1"
        }
        if let bad = levels.first(where: { $0.meshX < 1 || $0.fanout % $0.meshX != 0 }) {
            return "level \(bad.name): fanout \(bad.fanout) is not a whole number of rows of mesh_x \(bad.meshX)"
        }
        return nil
    }
}
