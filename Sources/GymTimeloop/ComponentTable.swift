import GymCore

/// Energy, leakage and area of storage arrays and MACs as functions of their
/// shape: DSEGym's small stand-in for Accelergy's estimation plug-ins.
///
/// **Energy rule (CACTI-like bitline fit).** One access of a `bits`-wide row
/// in a bank of `rows` rows costs `bits · (e0 + e1 · rows)` pJ: every bit line
/// pays a fixed part (sense amplifier, driver, its share of the decoder) and a
/// part proportional to its length, i.e. to the rows per bank. Banking shortens
/// bit lines, so more banks make each access cheaper. `e0`, `e1` are solved
/// exactly through two anchors of the Eyeriss-like table (docs/references.md §3,
/// 65 nm, 16-bit words) for each circuit family and action:
/// - SRAM: weights spad (192 rows × 16 bit: read 1.9766 / write 1.8817 pJ) and
///   global buffer (16384 × 64 bit in 32 banks = 512 rows: 18.18 / 14.14 pJ);
/// - register file: ifmap spad (12 × 16: 0.2024 / 0.1767) and psum spad
///   (16 × 16: 0.2513 / 0.2191).
/// The anchors are smartbuffers; a plain `regfile`/`SRAM` saves the address
/// generators' `addressGeneratorPJ` per access (assumption, see below).
/// DRAM costs 512 pJ per 64-bit access, i.e. 128 pJ per 16-bit word (docs/references.md
/// §3 also writes "64 per 16-bit word", which contradicts 512 per 64 bits; we
/// keep the per-access figure); a MAC 0.2077 pJ.
///
/// **Area and leakage (assumptions, 65 nm; not from the reference table).**
/// SRAM 0.75 µm²/bit (a 0.525 µm² 6T cell at ~70% array efficiency) plus
/// 2,000 µm² per bank and 40 µm² per bit column for decoders and sense
/// amplifiers; register files 6 µm²/bit (flip-flop plus read mux) plus 100 µm²
/// per bank and 5 µm² per column; an address-generator pair 250 µm² and
/// 0.02 pJ per access; a 16-bit MAC 3,000 µm² (multiplier ≈ 2,200, adder and
/// register ≈ 800). Leakage 0.001 fJ/bit/cycle (SRAM), 0.002 (register
/// file), 0.05 fJ/cycle per MAC: ~0.2–0.4 nW/bit at 200 MHz, a low-power
/// 65 nm process.
public struct ComponentTable: Sendable, Hashable {
    /// Per-bit access energy `e0 + e1 · rows`, pJ.
    public struct BitlineFit: Sendable, Hashable {
        public var fixedPJ: Double
        public var perRowPJ: Double

        /// The line through two measured accesses (bits, rows per bank, pJ).
        public static func through(_ a: (bits: Double, rows: Double, pJ: Double),
                                   _ b: (bits: Double, rows: Double, pJ: Double)) -> BitlineFit {
            let perRow = (b.pJ / b.bits - a.pJ / a.bits) / (b.rows - a.rows)
            return BitlineFit(fixedPJ: a.pJ / a.bits - perRow * a.rows, perRowPJ: perRow)
        }

        public func accessPJ(bits: Int, rows: Int) -> Double {
            Double(bits) * (fixedPJ + perRowPJ * Double(rows))
        }
    }

    public var sramRead = BitlineFit.through((16, 192, 1.9766), (64, 512, 18.18))
    public var sramWrite = BitlineFit.through((16, 192, 1.8817), (64, 512, 14.14))
    public var registerFileRead = BitlineFit.through((16, 12, 0.2024), (16, 16, 0.2513))
    public var registerFileWrite = BitlineFit.through((16, 12, 0.1767), (16, 16, 0.2191))
    public var addressGeneratorPJ = 0.02
    public var dramPJPerAccess = 512.0
    public var dramAccessBits = 64
    public var macPJ = 0.2077

    public var sramBitUM2 = 0.75
    public var sramBankUM2 = 2_000.0
    public var sramColumnUM2 = 40.0
    public var registerFileBitUM2 = 6.0
    public var registerFileBankUM2 = 100.0
    public var registerFileColumnUM2 = 5.0
    public var addressGeneratorUM2 = 250.0
    public var macUM2 = 3_000.0

    public var sramLeakageFJPerBit = 0.001
    public var registerFileLeakageFJPerBit = 0.002
    public var macLeakageFJ = 0.05

    public static let eyeriss65nm = ComponentTable()

    /// An on-chip storage level with energies, leakage and area estimated
    /// from its class and shape (per instance).
    public func level(_ name: String, _ storageClass: StorageClass, depth: Int, blockSize: Int, banks: Int = 1,
                      wordBits: Int = 16, readBandwidth: Double, writeBandwidth: Double,
                      keeps: Set<DataTensor>, fanout: Int = 1) -> StorageLevel {
        let width = blockSize * wordBits
        let banks = max(1, min(banks, depth))
        let rows = max(1, depth / banks)
        let bits = Double(depth * width)
        let rf = storageClass.isRegisterFile
        let extra = storageClass.hasAddressGenerators ? 0 : addressGeneratorPJ
        let read = max(0, (rf ? registerFileRead : sramRead).accessPJ(bits: width, rows: rows) - extra)
        let write = max(0, (rf ? registerFileWrite : sramWrite).accessPJ(bits: width, rows: rows) - extra)
        var area = rf
            ? bits * registerFileBitUM2 + Double(banks) * (registerFileBankUM2 + Double(width) * registerFileColumnUM2)
            : bits * sramBitUM2 + Double(banks) * (sramBankUM2 + Double(width) * sramColumnUM2)
        if storageClass.hasAddressGenerators { area += addressGeneratorUM2 }
        let leakage = bits * (rf ? registerFileLeakageFJPerBit : sramLeakageFJPerBit) / 1000
        return StorageLevel(name: name, storageClass: storageClass, depth: depth, blockSize: blockSize,
                            wordBits: wordBits, banks: banks, readBandwidth: readBandwidth,
                            writeBandwidth: writeBandwidth, keeps: keeps, fanout: fanout,
                            readEnergyPJ: read, writeEnergyPJ: write, leakagePJPerCycle: leakage, areaUM2: area)
    }

    /// Main memory: unbounded, no on-chip area.
    public func dram(wordBits: Int = 16, bandwidth: Double) -> StorageLevel {
        let words = max(1, dramAccessBits / wordBits)
        return StorageLevel(name: "DRAM", storageClass: .dram, depth: nil, blockSize: words, wordBits: wordBits,
                            readBandwidth: bandwidth, writeBandwidth: bandwidth, keeps: Set(DataTensor.allCases),
                            readEnergyPJ: dramPJPerAccess, writeEnergyPJ: dramPJPerAccess)
    }
}
