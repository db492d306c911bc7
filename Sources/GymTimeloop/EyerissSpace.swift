import GymCore

/// ArchGym's 26-knob Timeloop space (docs/references.md §1) and how a point of it
/// becomes an Eyeriss-like architecture.
///
/// Knobs: `num_pes` (14–336 step 14) and `mesh_x` {2, 7, 14}; for each of the
/// ifmap, weights and psum scratchpads: class, depth (2–65536, powers of two),
/// block size {1, 2, 4}, read and write bandwidth {2, 4, 8, 16} words/cycle
/// (15); for the dummy column buffer: class, depth, block size (3); for the
/// shared global buffer: class, depth (1024–65536), banks {16, 32, 64, 128},
/// block size, read and write bandwidth (6). ArchGym's sources list the dummy
/// buffer with fewer attributes than the scratchpads; which three it keeps
/// is our reading, chosen so the total is ArchGym's 26.
///
/// Defaults follow Timeloop's `eyeriss_like` example, rounded to the space's
/// powers of two: 14×12 PEs; ifmap spad 16 (Eyeriss: 12) and psum spad 16 as
/// `smartbuffer_RF`, weights spad 256 (Eyeriss: 192) as `smartbuffer_SRAM`,
/// all 1 word wide with 2 words/cycle; dummy buffer a 16-entry regfile;
/// global buffer `smartbuffer_SRAM` 16384 rows × 4 words in 32 banks, 16
/// words/cycle.
enum EyerissSpace {
    static let scratchpads = [("ifmap_spad", 16, StorageClass.smartbufferRF),
                              ("weights_spad", 256, .smartbufferSRAM),
                              ("psum_spad", 16, .smartbufferRF)]
    static let classes = StorageClass.onChip.map(\.rawValue)
    static let blockSizes: [Double] = [1, 2, 4]
    static let bandwidths: [Double] = [2, 4, 8, 16]

    static let designSpace: DesignSpace = {
        var p: [Parameter] = [
            .integer("num_pes", 14...336, step: 14, default: 168, summary: "processing elements (MACs with private scratchpads)"),
            .ordinal("mesh_x", [2, 7, 14], default: 14, summary: "PE columns; rows = num_pes / mesh_x"),
        ]
        for (name, depth, cls) in scratchpads {
            p += [
                .choice("\(name)_class", classes, default: cls.rawValue, summary: "circuit class of the \(name)"),
                .ordinal("\(name)_depth", Parameter.powersOfTwo(2, 65536), default: Double(depth), summary: "rows of the \(name)"),
                .ordinal("\(name)_block_size", blockSizes, default: 1, summary: "words per row of the \(name)"),
                .ordinal("\(name)_read_bw", bandwidths, default: 2, summary: "\(name) read bandwidth, words/cycle"),
                .ordinal("\(name)_write_bw", bandwidths, default: 2, summary: "\(name) write bandwidth, words/cycle"),
            ]
        }
        p += [
            .choice("dummy_buffer_class", classes, default: "regfile", summary: "class of the per-column buffer (bypassed by every tensor, as in Eyeriss-like)"),
            .ordinal("dummy_buffer_depth", Parameter.powersOfTwo(2, 65536), default: 16, summary: "rows of the per-column buffer"),
            .ordinal("dummy_buffer_block_size", blockSizes, default: 1, summary: "words per row of the per-column buffer"),
            .choice("glb_class", classes, default: StorageClass.smartbufferSRAM.rawValue, summary: "class of the shared global buffer"),
            .ordinal("glb_depth", Parameter.powersOfTwo(1024, 65536), default: 16384, summary: "rows of the global buffer"),
            .ordinal("glb_banks", [16, 32, 64, 128], default: 32, summary: "banks of the global buffer"),
            .ordinal("glb_block_size", blockSizes, default: 4, summary: "words per row of the global buffer"),
            .ordinal("glb_read_bw", bandwidths, default: 16, summary: "global buffer read bandwidth, words/cycle"),
            .ordinal("glb_write_bw", bandwidths, default: 16, summary: "global buffer write bandwidth, words/cycle"),
        ]
        return DesignSpace(p)
    }()

    /// The architecture of a configuration: innermost first
    /// psum spad (O) → weights spad (W) → ifmap spad (I) → dummy column buffer
    /// (nothing; fans out to the rows) → global buffer (I, O; fans out to the
    /// columns; weights bypass it) → DRAM (all), as Timeloop's eyeriss_like.
    static func architecture(_ c: Configuration, table: ComponentTable, dramBandwidth: Double,
                             overrides: [String: (read: Double?, write: Double?)]) -> Architecture? {
        let pes = c.int("num_pes"), meshX = c.int("mesh_x")
        guard pes % meshX == 0 else { return nil }
        func cls(_ key: String) -> StorageClass { StorageClass(rawValue: c.string(key))! }
        func spad(_ name: String, _ t: DataTensor) -> StorageLevel {
            table.level(name, cls("\(name)_class"), depth: c.int("\(name)_depth"), blockSize: c.int("\(name)_block_size"),
                        readBandwidth: c.double("\(name)_read_bw"), writeBandwidth: c.double("\(name)_write_bw"), keeps: [t])
        }
        var levels = [
            spad("psum_spad", .outputs), spad("weights_spad", .weights), spad("ifmap_spad", .inputs),
            table.level("dummy_buffer", cls("dummy_buffer_class"), depth: c.int("dummy_buffer_depth"),
                        blockSize: c.int("dummy_buffer_block_size"), readBandwidth: .infinity,
                        writeBandwidth: .infinity, keeps: [], fanout: pes / meshX),
            table.level("shared_glb", cls("glb_class"), depth: c.int("glb_depth"), blockSize: c.int("glb_block_size"),
                        banks: c.int("glb_banks"), readBandwidth: c.double("glb_read_bw"),
                        writeBandwidth: c.double("glb_write_bw"), keeps: [.inputs, .outputs], fanout: meshX),
            table.dram(bandwidth: dramBandwidth),
        ]
        for i in levels.indices {
            if let o = overrides[levels[i].name] {
                if let r = o.read { levels[i].readEnergyPJ = r }
                if let w = o.write { levels[i].writeEnergyPJ = w }
            }
        }
        return Architecture(levels: levels, macEnergyPJ: table.macPJ, macAreaUM2: table.macUM2,
                            macLeakagePJPerCycle: table.macLeakageFJ / 1000)
    }
}
