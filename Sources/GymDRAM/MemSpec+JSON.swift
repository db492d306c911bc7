import Foundation
import GymCore

/// Reading a device from a DRAMSys memspec JSON file:
///
///     {"memspec": {"memoryId": "...", "memoryType": "DDR4",
///       "memarchitecturespec": {"nbrOfBanks": 16, "nbrOfBankGroups": 4, ...},
///       "memtimingspec": {"clkMhz": 1200, "CL": 16, "RCD": 16, ...},
///       "mempowerspec": {"vdd": 1.2, "idd0": 60.75, ...}}}
///
/// Timings are in cycles as in DRAMSys. DDR3 files give unsuffixed `RRD`,
/// `CCD`, `WTR` (no bank groups) and `RL` for CL; both spellings are accepted.
/// Where a field DRAMSys may omit is missing, the loader derives it and says
/// how in the comment beside the fallback.
extension MemSpec {
    /// Names of the memspecs shipped in `environments/memspecs/`.
    public static let shippedNames = ["ddr3-1600-x8-1gb", "ddr4-2400-x8-4gb", "ddr4-2400-x8-8gb"]

    public static func parse(_ text: String, file: String? = nil) throws -> MemSpec {
        let root: SpecValue
        do { root = try SpecValue.parseJSON(text) } catch {
            throw SpecError(file: file, "not valid JSON: \(error)")
        }
        guard let top = root.objectValue else { throw SpecError(file: file, "expected a JSON object") }
        let outer = SpecObject(top, file: file)
        guard let spec = try outer.object("memspec") else { throw outer.error("memspec", "missing (DRAMSys memspec layout)") }
        let arch = try section(spec, "memarchitecturespec")
        let t = try section(spec, "memtimingspec")
        let p = try section(spec, "mempowerspec")

        func count(_ o: SpecObject, _ key: String, default d: Int? = nil) throws -> Int {
            guard let v = try o.int(key) ?? d else { throw o.error(key, "missing") }
            guard v >= 1 else { throw o.error(key, "must be at least 1, got \(v)") }
            return v
        }
        func cycles(_ keys: [String], default d: Int? = nil) throws -> Int {
            for k in keys { if let v = try t.int(k) { guard v >= 0 else { throw t.error(k, "must not be negative") }; return v } }
            guard let d else { throw t.error(keys[0], "missing timing") }
            return d
        }
        func current(_ keys: [String], default d: Double? = nil) throws -> Double {
            for k in keys { if let v = try p.double(k) { guard v >= 0 else { throw p.error(k, "must not be negative") }; return v } }
            guard let d else { throw p.error(keys[0], "missing current or voltage") }
            return d
        }

        let banks = try count(arch, "nbrOfBanks")
        let groups = try count(arch, "nbrOfBankGroups", default: 1)
        guard banks <= 64 else { throw arch.error("nbrOfBanks", "at most 64 banks per rank are supported, got \(banks)") }
        guard banks % groups == 0 else { throw arch.error("nbrOfBankGroups", "\(groups) does not divide nbrOfBanks \(banks)") }
        let org = Organisation(
            channels: try count(arch, "nbrOfChannels", default: 1), ranks: try count(arch, "nbrOfRanks", default: 1),
            bankGroups: groups, banks: banks, rows: try count(arch, "nbrOfRows"), columns: try count(arch, "nbrOfColumns"),
            width: try count(arch, "width"), devicesPerRank: try count(arch, "nbrOfDevices", default: 1),
            burstLength: try count(arch, "burstLength"), dataRate: try count(arch, "dataRate", default: 2))
        for (key, v) in [("nbrOfBanks", banks), ("nbrOfBankGroups", groups), ("nbrOfRanks", org.ranks),
                         ("nbrOfChannels", org.channels), ("nbrOfRows", org.rows), ("nbrOfColumns", org.columns),
                         ("burstLength", org.burstLength)] where v & (v - 1) != 0 {
            throw arch.error(key, "must be a power of two for address mapping, got \(v)")
        }
        guard (org.width * org.devicesPerRank) % 8 == 0 else { throw arch.error("width", "width × nbrOfDevices must be whole bytes") }

        guard let mhz = try t.double("clkMhz"), mhz > 0 else { throw t.error("clkMhz", "missing or not positive") }
        let rfc = try cycles(["RFC", "RFC1"])
        let timing = Timing(
            tCKns: 1000 / mhz, CL: try cycles(["CL", "RL"]), WL: try cycles(["WL", "CWL"]),
            RCD: try cycles(["RCD"]), RP: try cycles(["RP"]), RAS: try cycles(["RAS"]), RC: try cycles(["RC"]),
            RRD_S: try cycles(["RRD_S", "RRD"]), RRD_L: try cycles(["RRD_L", "RRD"]),
            CCD_S: try cycles(["CCD_S", "CCD"]), CCD_L: try cycles(["CCD_L", "CCD"]), FAW: try cycles(["FAW"]),
            WTR_S: try cycles(["WTR_S", "WTR"]), WTR_L: try cycles(["WTR_L", "WTR"]),
            RTP: try cycles(["RTP"]), WR: try cycles(["WR"]),
            // DDR3/DDR4 have no per-bank or same-bank refresh; when the memspec
            // gives none we assume half the all-bank time (LPDDR4 8 Gb: tRFCpb
            // 140 ns vs tRFCab 280 ns; DDR5 16 Gb: tRFCsb 130 ns vs 295 ns).
            RFC: rfc, RFCpb: try cycles(["RFCPB", "RFCpb"], default: (rfc + 1) / 2),
            RFCsb: try cycles(["RFCSB", "RFCsb"], default: (rfc + 1) / 2),
            REFI: try cycles(["REFI"]), XP: try cycles(["XP"]), CKE: try cycles(["CKE"]),
            // JEDEC: tXS = tRFC + 10 ns when the memspec omits it.
            XS: try cycles(["XS"], default: rfc + Int((10 * mhz / 1000).rounded(.up))),
            RTRS: try cycles(["RTRS"], default: 1))
        guard timing.RC >= timing.RAS + timing.RP - 1 else { throw t.error("RC", "tRC \(timing.RC) is below tRAS + tRP") }
        guard timing.REFI > timing.RFC else { throw t.error("REFI", "tREFI must exceed tRFC") }

        let idd3n = try current(["idd3n"])
        let idd2n = try current(["idd2n"])
        let power = Power(
            vdd: try current(["vdd"]), idd0: try current(["idd0"]), idd2n: idd2n,
            idd2p: try current(["idd2p", "idd2p1", "idd2p0"]), idd3n: idd3n,
            idd3p: try current(["idd3p", "idd3p1", "idd3p0"]),
            idd4r: try current(["idd4r"]), idd4w: try current(["idd4w"]), idd5: try current(["idd5"]),
            idd6: try current(["idd6"]))
        let name = try spec.string("memoryId") ?? file.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "memspec"
        return MemSpec(name: name, memoryType: try spec.string("memoryType") ?? "DDR4", organisation: org,
                       timing: timing, power: power, sourceText: text)
    }

    private static func section(_ spec: SpecObject, _ key: String) throws -> SpecObject {
        guard let o = try spec.object(key) else { throw spec.error(key, "missing section") }
        return o
    }

    /// Loads a memspec given as a path (`.json`) or a shipped name, looked up
    /// in `memspecs/` beside the spec, then `environments/memspecs/` under the
    /// working directory (as `Workload.load` resolves workloads).
    public static func load(_ reference: String, relativeTo base: String?) throws -> MemSpec {
        let path = DRAMFiles.resolve(reference, folder: "memspecs", extensions: [".json"], relativeTo: base)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SpecError(key: "memspec", "cannot read memspec '\(reference)' (looked for \(path)); give a JSON path or a shipped name: \(shippedNames.joined(separator: ", "))")
        }
        return try parse(text, file: path)
    }
}

/// Path resolution shared by memspecs and traces.
enum DRAMFiles {
    static func resolve(_ reference: String, folder: String, extensions: [String], relativeTo base: String?) -> String {
        if extensions.contains(where: reference.hasSuffix) || reference.contains("/") {
            if reference.hasPrefix("/") || base == nil { return reference }
            return URL(fileURLWithPath: base!).appendingPathComponent(reference).standardizedFileURL.path
        }
        var folders: [String] = []
        if let base { folders.append(base + "/" + folder) }
        folders.append(FileManager.default.currentDirectoryPath + "/environments/" + folder)
        for f in folders {
            for ext in extensions where FileManager.default.fileExists(atPath: f + "/" + reference + ext) {
                return f + "/" + reference + ext
            }
        }
        return folders[0] + "/" + reference + extensions[0]
    }

    /// Stable 64-bit digest of text, as hex.
    static func digest(_ text: String) -> String {
        Configuration(["t": .text(text)]).hashHex
    }
}
