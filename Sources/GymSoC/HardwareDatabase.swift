/// FARSI's hardware database as ArchGym uses it (docs/references.md §9):
/// the A53 processor, accelerator IP variants, SRAM/DRAM memories with
/// CACTI-derived energy and area, and buses.
public enum HardwareDatabase {
    /// §9: clock multipliers of IPs, memories and buses (× 100 MHz).
    public static let clockMultipliers: [Int] = [1, 4, 6, 8]
    /// §9: memory and bus widths, bytes.
    public static let widths: [Int] = [4, 8, 16, 32, 64, 128]
    /// §9: the base clock of IPs, memories and buses.
    public static let baseClockHz = 1e8

    // MARK: A53 (§9)

    /// IPC 2 at 1 GHz.
    public static let a53InstructionsPerSecond = 2e9
    public static let a53InstructionsPerJoule = 47_019_607_843.0
    public static let a53Area = 6.5e-7

    // MARK: IP variants (§9)

    /// Loop unrollings an IP may have: powers of two up to 2^14 (a task's
    /// iteration count is the other cap, applied in `ipUnrolling`).
    public static let unrollings: [Int] = (0...14).map { 1 << $0 }

    /// The unrolling an IP of `task` really gets: at most its iterations.
    public static func ipUnrolling(_ requested: Int, for task: SoCTask) -> Int { max(1, min(requested, task.iterations)) }

    /// Instructions/s of a task on its IP: f × u × work / (IP cycles / 1e8).
    public static func ipRate(_ task: SoCTask, unrolling u: Int, clock f: Int) -> Double {
        Double(f * u) * task.work / (task.ipCycles! / baseClockHz)
    }

    /// Joules of one run on the IP: energy value × 1e-15 × 0.064 × u.
    public static func ipEnergy(_ task: SoCTask, unrolling u: Int) -> Double {
        task.ipEnergyValue * 1e-15 * 0.064 * Double(u)
    }

    /// m² of the IP: area value × 1e-12 × 0.0374 × u.
    public static func ipArea(_ task: SoCTask, unrolling u: Int) -> Double {
        task.ipAreaValue * 1e-12 * 0.0374 * Double(u)
    }

    // MARK: Memories and buses (§9)

    /// Bytes/s of a memory or bus, for reads and for writes separately: width × 1e8 × f.
    public static func bandwidth(width: Int, clock f: Int) -> Double { Double(width) * baseClockHz * Double(f) }

    /// Memories are sized in steps of this many bytes, and at least `minimumLiveBytes` are counted.
    public static let capacityStep = 256_000.0
    public static let minimumLiveBytes = 2048.0

    /// §9: ceil(max(peak live bytes, 2048) / 256,000) × 256,000.
    public static func capacity(peakLiveBytes: Double) -> Double {
        (max(peakLiveBytes, minimumLiveBytes) / capacityStep).rounded(.up) * capacityStep
    }
}

/// The two memory technologies of FARSI's database.
public enum MemoryKind: String, Sendable, CaseIterable, Hashable {
    /// FARSI's "LMEM".
    case sram
    /// FARSI's "GMEM".
    case dram

    /// One CACTI (40 nm) result, already scaled as FARSI scales it: per-access
    /// nJ / 16 bytes × 0.064 for energy, × 0.07 for area (§9).
    public struct CactiPoint: Sendable, Hashable {
        public var capacity: Double
        public var readJoulesPerByte: Double
        public var writeJoulesPerByte: Double
        public var area: Double
    }

    /// The CACTI results of §9, by capacity.
    public var cactiTable: [CactiPoint] {
        switch self {
        case .sram:
            return [CactiPoint(capacity: 256_000, readJoulesPerByte: 1.75e-13, writeJoulesPerByte: 1.612e-13, area: 5.982e-8),
                    CactiPoint(capacity: 512_000, readJoulesPerByte: 2.505e-13, writeJoulesPerByte: 2.122e-13, area: 1.098e-7),
                    CactiPoint(capacity: 1_024_000, readJoulesPerByte: 3.575e-13, writeJoulesPerByte: 3.192e-13, area: 2.21e-7),
                    CactiPoint(capacity: 2_048_000, readJoulesPerByte: 5.284e-13, writeJoulesPerByte: 4.545e-13, area: 3.923e-7)]
        case .dram:
            return [CactiPoint(capacity: 256_000, readJoulesPerByte: 2.38e-13, writeJoulesPerByte: 9.88e-12, area: 3.34e-8),
                    CactiPoint(capacity: 2_048_000, readJoulesPerByte: 4.19e-13, writeJoulesPerByte: 1.68e-11, area: 1.29e-7)]
        }
    }

    /// Energy and area of a memory of `capacity` bytes. §9 lists CACTI results
    /// at a few capacities only; a capacity between two is costed as the next
    /// larger listed one (never cheaper than the real array), and one beyond the
    /// largest as that many largest arrays side by side (area × capacity / largest,
    /// energy per byte unchanged). This lookup rule is ours, not FARSI's.
    public func cost(capacity: Double) -> CactiPoint {
        let table = cactiTable
        if let point = table.first(where: { $0.capacity >= capacity }) { return point }
        var largest = table[table.count - 1]
        largest.area *= capacity / largest.capacity
        largest.capacity = capacity
        return largest
    }
}
