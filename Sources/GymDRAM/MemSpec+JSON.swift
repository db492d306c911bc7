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
/// Devices beyond DDR4 (docs/references.md §8) may also give `CCD_L_WR`,
/// `PPD`, `RCDRD`/`RCDWR` (HBM), `RPpb`/`RPab` and `RCpb` (LPDDR), `RREFD`
/// (also `PBR2PBR`, `REFSBRD`), `PBR2ACT`, `CCDR`, `RTW`, `REFIpb`/`REFIsb`,
/// `nAAD` (LPDDR5), `RFC2` with `"refreshMode": "FGR"` (DDR5 fine
/// granularity), and in the power section `vpp` with `ipp*` currents and the
/// interface's `vddq`, `terminationOhms`, `toggleCapacitancePF`.
/// Where a field DRAMSys may omit is missing, the loader derives it and says
/// how in the comment beside the fallback.
extension MemSpec {
    /// Names of the memspecs shipped in `environments/memspecs/`.
    public static let shippedNames = ["ddr3-1600-x8-1gb", "ddr4-2400-x8-4gb", "ddr4-2400-x8-8gb",
                                      "ddr5-3200-x8-16gb", "ddr5-4800-x8-16gb", "lpddr5-6400-x16-16gb", "hbm3-6400",
                                      "lpddr4-3200-x16-8gb", "hbm2"]

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
        // DDR5 has 8 (x4, x8) or 4 (x16) bank groups; LPDDR4 has none (§8).
        if memoryType == "DDR5" && groups < 2 {
            throw arch.error("nbrOfBankGroups", "a DDR5 device has 4 or 8 bank groups, got \(groups)")
        }
        if memoryType == "LPDDR4" && groups != 1 {
            throw arch.error("nbrOfBankGroups", "an LPDDR4 device has no bank groups (1), got \(groups)")
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
        // Each later standard fixes its burst lengths (§8): a memoryType whose
        // bursts do not fit the device is the wrong type, named as such.
        let standard = DRAMStandard(rawValue: memoryType)!
        if let lengths = standard.burstLengths, !lengths.contains(org.burstLength) {
            throw spec.error("memoryType", "'\(memoryType)' does not fit this device: \(memoryType) bursts are \(lengths.map(String.init).joined(separator: " or ")) long, burstLength is \(org.burstLength); allowed types: \(Limits.memoryTypes.joined(separator: ", "))")
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
        let mode = try spec.string("refreshMode") ?? "normal"
        guard ["normal", "FGR"].contains(mode) else {
            throw spec.error("refreshMode", "'\(mode)' is not supported; allowed: normal, FGR (DDR5 fine granularity)")
        }
        if mode == "FGR" && standard != .ddr5 { throw spec.error("refreshMode", "FGR is a DDR5 refresh mode; \(memoryType) has normal only") }
        // tRFC and tREFI are the all-bank refresh time and interval of the
        // refresh mode in use: in DDR5 FGR mode tRFC2 every tREFI2 = tREFI / 2 (§8).
        let rfc = mode == "FGR" ? try cycles(["RFC2"]) : try cycles(["RFC", "RFC1", "RFCab"])
        let refiGiven = try cycles(["REFI"])
        var timing = Timing(
            tCKns: 1000 / mhz, CL: try cycles(["CL", "RL"]), WL: try cycles(["WL", "CWL"]),
            RCD: try cycles(["RCD", "RCDRD"]), RP: try cycles(["RP", "RPpb"]), RAS: try cycles(["RAS"]), RC: try cycles(["RC", "RCpb"]),
            RRD_S: try cycles(["RRD_S", "RRD"]), RRD_L: try cycles(["RRD_L", "RRD"]),
            CCD_S: try cycles(["CCD_S", "CCD"]), CCD_L: try cycles(["CCD_L", "CCD"]), FAW: try cycles(["FAW"]),
            WTR_S: try cycles(["WTR_S", "WTR"]), WTR_L: try cycles(["WTR_L", "WTR"]),
            RTP: try cycles(["RTP"]), WR: try cycles(["WR"]),
            // DDR3/DDR4 have no per-bank or same-bank refresh; when the memspec
            // gives none we assume half the all-bank time (LPDDR4 8 Gb: tRFCpb
            // 140 ns vs tRFCab 280 ns; DDR5 16 Gb: tRFCsb 130 ns vs 295 ns).
            RFC: rfc, RFCpb: try cycles(["RFCPB", "RFCpb"], default: (rfc + 1) / 2),
            RFCsb: try cycles(["RFCSB", "RFCsb"], default: (rfc + 1) / 2),
            REFI: mode == "FGR" ? max(1, refiGiven / 2) : refiGiven, XP: try cycles(["XP"]), CKE: try cycles(["CKE"]),
            // JEDEC: tXS = tRFC + 10 ns when the memspec omits it.
            XS: try cycles(["XS", "XSR"], default: rfc + Int((10 * mhz / 1000).rounded(.up))),
            RTRS: try cycles(["RTRS"], default: 1, atLeast: 0))
        if standard.isBeyondDDR4 {
            // The later standards' own rules (§8); an absent key (0) leaves the
            // DDR4 rule it refines in force (`Timing.writeCCD_L` ...).
            timing.CCD_L_WR = try cycles(["CCD_L_WR"], default: 0)
            timing.PPD = try cycles(["PPD"], default: 0, atLeast: 0)
            timing.RCDWR = try cycles(["RCDWR"], default: 0)
            timing.RPab = try cycles(["RPab", "RPAB"], default: 0)
            timing.RREFD = try cycles(["RREFD", "PBR2PBR", "REFSBRD"], default: 0)
            timing.RREFDtoACT = try cycles(["PBR2ACT"], default: 0)
            timing.CCDR = try cycles(["CCDR"], default: 0, atLeast: 0)
            timing.RTWmin = try cycles(["RTW"], default: 0, atLeast: 0)
            timing.REFIpb = try cycles(["REFIpb", "REFIPB", "REFISB"], default: 0)
            timing.REFIsb = try cycles(["REFIsb"], default: 0)
            timing.AAD = try cycles(["nAAD", "AAD"], default: 0, atLeast: 0)
            if standard != .lpddr5 && timing.AAD > 0 { throw t.error("nAAD", "ACT1/ACT2 (nAAD) is LPDDR5's; \(memoryType) has a one-part ACT") }
        }
        guard timing.RC >= timing.RAS + timing.RP - 1 else { throw t.error("RC", "tRC \(timing.RC) is below tRAS + tRP") }
        guard timing.REFI > timing.RFC else { throw t.error("REFI", "tREFI must exceed tRFC") }

        let idd3n = try current(["idd3n"])
        let idd2n = try current(["idd2n"])
        var power = Power(
            vdd: try current(["vdd"], in: Limits.supplyVolts), idd0: try current(["idd0"]), idd2n: idd2n,
            idd2p: try current(["idd2p", "idd2p1", "idd2p0"]), idd3n: idd3n,
            idd3p: try current(["idd3p", "idd3p1", "idd3p0"]),
            idd4r: try current(["idd4r"]), idd4w: try current(["idd4w"]), idd5: try current(["idd5", "idd5b"]),
            idd6: try current(["idd6"]))
        if standard.isBeyondDDR4 {
            // Second supply (VPP / VDD1) and interface terms, when given (§8).
            func optional(_ keys: [String], default d: Double, in range: ClosedRange<Double> = 0...Limits.maxCurrentMilliamps) throws -> Double {
                for k in keys where try p.double(k) != nil { return try current([k], in: range) }
                return d
            }
            power.vpp = try optional(["vpp", "vdd1"], default: 0, in: 0...Limits.supplyVolts.upperBound)
            let ipp = try optional(["ipp"], default: 0)
            power.ipp0 = try optional(["ipp0", "idd01"], default: ipp)
            power.ipp2n = try optional(["ipp2n", "idd2n1"], default: ipp)
            power.ipp2p = try optional(["ipp2p", "idd2p1"], default: power.ipp2n)
            power.ipp3n = try optional(["ipp3n", "idd3n1"], default: ipp)
            power.ipp3p = try optional(["ipp3p", "idd3p1"], default: power.ipp3n)
            power.ipp4r = try optional(["ipp4r", "idd4r1"], default: ipp)
            power.ipp4w = try optional(["ipp4w", "idd4w1"], default: ipp)
            power.ipp5 = try optional(["ipp5", "ipp5b", "idd51"], default: ipp)
            power.ipp6 = try optional(["ipp6", "idd61"], default: ipp)
            power.vddq = try optional(["vddq"], default: 0, in: 0...Limits.supplyVolts.upperBound)
            power.terminationOhms = try optional(["terminationOhms"], default: 0, in: 0...1_000_000)
            power.toggleCapacitancePF = try optional(["toggleCapacitancePF"], default: 0, in: 0...1_000)
        }
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
