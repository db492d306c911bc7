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
            throw JSONProblem.error(error, file: file)
        }
        guard let top = root.objectValue else { throw SpecError(file: file, "expected a JSON object") }
        let outer = SpecObject(top, file: file)
        guard let spec = try outer.object("memspec") else { throw outer.error("memspec", "missing (DRAMSys memspec layout)") }
        let arch = try section(spec, "memarchitecturespec")
        let t = try section(spec, "memtimingspec")
        let p = try section(spec, "mempowerspec")
        let memoryType = try spec.string("memoryType") ?? "DDR4"
        guard Limits.memoryTypes.contains(memoryType) else {
            throw spec.error("memoryType", "'\(memoryType)' is not supported; allowed: \(Limits.memoryTypes.joined(separator: ", "))")
        }

        func count(_ key: String, default d: Int? = nil, in range: ClosedRange<Int>) throws -> Int {
            guard let v = try arch.int(key) ?? d else { throw arch.error(key, "missing") }
            guard range.contains(v) else { throw arch.error(key, "\(v) is out of range; allowed: \(range.lowerBound)...\(range.upperBound)") }
            return v
        }
        func cycles(_ keys: [String], default d: Int? = nil, atLeast lowest: Int = 1) throws -> Int {
            for k in keys {
                guard let v = try t.int(k) else { continue }
                guard (lowest...Limits.maxTimingCycles).contains(v) else {
                    throw t.error(k, "\(v) cycles is out of range; allowed: \(lowest)...\(Limits.maxTimingCycles)")
                }
                return v
            }
            guard let d else { throw t.error(keys[0], "missing timing") }
            return d
        }
        func current(_ keys: [String], in range: ClosedRange<Double> = 0...Limits.maxCurrentMilliamps) throws -> Double {
            for k in keys {
                guard let v = try p.double(k) else { continue }
                guard range.contains(v) else {
                    throw p.error(k, "\(ParameterValue.format(v)) is out of range; allowed: \(ParameterValue.format(range.lowerBound))...\(ParameterValue.format(range.upperBound))")
                }
                return v
            }
            throw p.error(keys[0], "missing current or voltage")
        }

        let banks = try count("nbrOfBanks", in: 1...Limits.maxBanks)
        let groups = try count("nbrOfBankGroups", default: 1, in: 1...Limits.maxBanks)
        guard banks % groups == 0 else { throw arch.error("nbrOfBankGroups", "\(groups) does not divide nbrOfBanks \(banks)") }
        // DDR3 has no bank groups; DDR4 has 2 (x16) or 4 (x4, x8) (docs/references.md §4).
        if memoryType == "DDR3" && groups != 1 {
            throw arch.error("nbrOfBankGroups", "a DDR3 device has no bank groups (1), got \(groups); or set memoryType DDR4")
        }
        if memoryType == "DDR4" && groups < 2 {
            throw arch.error("nbrOfBankGroups", "a DDR4 device has 2 or 4 bank groups, got \(groups); or set memoryType DDR3")
        }
        let org = Organisation(
            channels: try count("nbrOfChannels", default: 1, in: 1...Limits.maxChannels),
            ranks: try count("nbrOfRanks", default: 1, in: 1...Limits.maxRanks),
            bankGroups: groups, banks: banks, rows: try count("nbrOfRows", in: 1...Limits.maxRows),
            columns: try count("nbrOfColumns", in: 1...Limits.maxColumns),
            width: try count("width", in: 1...Limits.maxWidth), devicesPerRank: try count("nbrOfDevices", default: 1, in: 1...Limits.maxDevices),
            burstLength: try count("burstLength", in: 1...Limits.maxBurstLength),
            dataRate: try count("dataRate", default: 2, in: 1...Limits.maxDataRate))
        for (key, v) in [("nbrOfBanks", banks), ("nbrOfBankGroups", groups), ("nbrOfRanks", org.ranks),
                         ("nbrOfChannels", org.channels), ("nbrOfRows", org.rows), ("nbrOfColumns", org.columns),
                         ("burstLength", org.burstLength)] where v & (v - 1) != 0 {
            throw arch.error(key, "must be a power of two for address mapping, got \(v)")
        }
        guard (org.width * org.devicesPerRank) % 8 == 0, org.busBytes & (org.busBytes - 1) == 0 else {
            throw arch.error("width", "width × nbrOfDevices must be a power-of-two number of bytes (8, 16, 32, 64 ... bits), got \(org.width) × \(org.devicesPerRank)")
        }
        guard org.burstLength % org.dataRate == 0 else {
            throw arch.error("burstLength", "\(org.burstLength) is not a whole number of clocks at dataRate \(org.dataRate)")
        }
        guard org.columns >= org.burstLength else {
            throw arch.error("nbrOfColumns", "\(org.columns) is below burstLength \(org.burstLength)")
        }

        guard let mhz = try t.double("clkMhz") else { throw t.error("clkMhz", "missing") }
        guard Limits.clockMHz.contains(mhz) else {
            throw t.error("clkMhz", "\(ParameterValue.format(mhz)) is out of range; allowed: \(ParameterValue.format(Limits.clockMHz.lowerBound))...\(ParameterValue.format(Limits.clockMHz.upperBound)) (MHz)")
        }
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
            RTRS: try cycles(["RTRS"], default: 1, atLeast: 0))
        guard timing.RC >= timing.RAS + timing.RP - 1 else { throw t.error("RC", "tRC \(timing.RC) is below tRAS + tRP") }
        guard timing.REFI > timing.RFC else { throw t.error("REFI", "tREFI must exceed tRFC") }

        let idd3n = try current(["idd3n"])
        let idd2n = try current(["idd2n"])
        let power = Power(
            vdd: try current(["vdd"], in: Limits.supplyVolts), idd0: try current(["idd0"]), idd2n: idd2n,
            idd2p: try current(["idd2p", "idd2p1", "idd2p0"]), idd3n: idd3n,
            idd3p: try current(["idd3p", "idd3p1", "idd3p0"]),
            idd4r: try current(["idd4r"]), idd4w: try current(["idd4w"]), idd5: try current(["idd5"]),
            idd6: try current(["idd6"]))
        let name = try spec.string("memoryId") ?? file.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "memspec"
        return MemSpec(name: name, memoryType: memoryType, organisation: org,
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
