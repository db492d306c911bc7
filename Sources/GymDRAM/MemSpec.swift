import Foundation

/// A DRAM device and how it is organised into a channel, in DRAMSys's memspec
/// terms (docs/references.md §4). Timings are in controller clock cycles (tCK),
/// currents in mA, voltages in V.
public struct MemSpec: Sendable, Hashable {
    /// Organisation of one channel ("memarchitecturespec").
    public struct Organisation: Sendable, Hashable {
        public var channels: Int
        public var ranks: Int
        public var bankGroups: Int
        /// Banks per rank (all groups together).
        public var banks: Int
        public var rows: Int
        public var columns: Int
        /// Data pins per device (x8 → 8).
        public var width: Int
        public var devicesPerRank: Int
        public var burstLength: Int
        /// Transfers per clock (2 for DDR).
        public var dataRate: Int

        public var banksPerGroup: Int { banks / bankGroups }
        /// Bytes on the channel's data bus per transfer (8 for a 64-bit rank).
        public var busBytes: Int { width * devicesPerRank / 8 }
        /// Bytes moved by one burst (one request).
        public var burstBytes: Int { busBytes * burstLength }
        /// Bytes in the whole memory.
        public var capacityBytes: Int { channels * ranks * banks * rows * columns * busBytes }
    }

    /// Timing parameters in clock cycles ("memtimingspec"), JEDEC names.
    public struct Timing: Sendable, Hashable {
        public var tCKns: Double
        public var CL, WL: Int
        public var RCD, RP, RAS, RC: Int
        public var RRD_S, RRD_L, CCD_S, CCD_L, FAW: Int
        public var WTR_S, WTR_L, RTP, WR: Int
        /// Refresh cycle times: all-bank, per-bank, same-bank.
        public var RFC, RFCpb, RFCsb: Int
        public var REFI: Int
        public var XP, CKE, XS: Int
        /// Rank-to-rank switch on the shared data bus.
        public var RTRS: Int

        // Rules of the standards beyond DDR4 (docs/references.md §8). Each
        // defaults to the value that makes it add nothing to the DDR3/DDR4
        // rules, so those devices behave exactly as before.
        /// Write-to-write in one bank group (DDR5 tCCD_L_WR; 0: tCCD_L).
        public var CCD_L_WR: Int = 0
        /// Precharge-to-precharge on one rank (tPPD; 0: no rule).
        public var PPD: Int = 0
        /// ACT-to-write on one bank (HBM tRCDWR; `RCD` is then tRCDRD; 0: tRCD).
        public var RCDWR: Int = 0
        /// All-bank precharge time (LPDDR tRPab; `RP` is then tRPpb; 0: tRP).
        public var RPab: Int = 0
        /// Per-bank or same-bank refresh to another such refresh (HBM tRREFD,
        /// LPDDR tPBR2PBR, DDR5 tREFSBRD) and to an ACT of another bank
        /// (LPDDR tPBR2ACT); 0: tRRD_L, and tRREFD for the second.
        public var RREFD: Int = 0, RREFDtoACT: Int = 0
        /// Column-to-column between ranks (HBM stack IDs: tCCDR; 0: no rule beyond burst + tRTRS).
        public var CCDR: Int = 0
        /// Smallest read-to-write distance a standard states (HBM tRTW; 0: none).
        public var RTWmin: Int = 0
        /// Per-bank and same-bank refresh intervals (LPDDR tREFIpb; 0:
        /// tREFI / banks and tREFI / banks per group).
        public var REFIpb: Int = 0, REFIsb: Int = 0
        /// LPDDR5 ACT1-to-ACT2 deadline nAAD (0: one-part ACT).
        public var AAD: Int = 0

        // The rules in force: a later standard's value where given, else the
        // DDR3/DDR4 rule it refines (so tests that change tCCD_L, tRCD ... of
        // a DDR4 spec move these with it).
        public var writeCCD_L: Int { CCD_L_WR > 0 ? CCD_L_WR : CCD_L }
        public var writeRCD: Int { RCDWR > 0 ? RCDWR : RCD }
        public var allBankRP: Int { RPab > 0 ? RPab : RP }
        public var refreshToRefresh: Int { RREFD > 0 ? RREFD : RRD_L }
        public var refreshToACT: Int { RREFDtoACT > 0 ? RREFDtoACT : refreshToRefresh }
        /// One per-bank refresh of a rank every this many cycles.
        public func perBankRefreshInterval(banks: Int) -> Int { REFIpb > 0 ? REFIpb : max(1, REFI / banks) }
        /// One same-bank refresh of a rank every this many cycles.
        public func sameBankRefreshInterval(banksPerGroup: Int) -> Int { REFIsb > 0 ? REFIsb : max(1, REFI / banksPerGroup) }

        /// Read-to-write turnaround on the same rank: the read burst must leave
        /// the bus, plus two cycles of bus turnaround, before write data starts
        /// (and at least the standard's tRTW where it gives one).
        public func RTW(burstCycles: Int) -> Int { max(CL + burstCycles + 2 - WL, RTWmin) }
    }

    /// IDD currents (mA) and supply voltage (V) per device ("mempowerspec").
    public struct Power: Sendable, Hashable {
        public var vdd: Double
        public var idd0, idd2n, idd2p, idd3n, idd3p: Double
        public var idd4r, idd4w, idd5, idd6: Double
        /// The second core supply (DDR5 VPP, LPDDR VDD1) and its currents
        /// per state; 0 V for DDR3/DDR4 (their VPP is not modelled, as before).
        public var vpp = 0.0
        public var ipp0 = 0.0, ipp2n = 0.0, ipp2p = 0.0, ipp3n = 0.0, ipp3p = 0.0
        public var ipp4r = 0.0, ipp4w = 0.0, ipp5 = 0.0, ipp6 = 0.0
        /// I/O interface (DRAMPower 5, docs/references.md §8): VDDQ, the
        /// equivalent termination resistance of one DQ while terminated (0:
        /// unterminated) and the capacitance switched per 0→1 toggle of a
        /// DQ, DQS, clock or CA pin. Zero for DDR3/DDR4 (not modelled).
        public var vddq = 0.0, terminationOhms = 0.0, toggleCapacitancePF = 0.0
    }

    public var name: String
    public var memoryType: String
    /// The standard `memoryType` names (the loader accepts no other).
    public var standard: DRAMStandard { DRAMStandard(rawValue: memoryType) ?? .ddr4 }
    public var organisation: Organisation
    public var timing: Timing
    public var power: Power
    /// The JSON text the spec was read from (covered by the fingerprint).
    public var sourceText: String

    /// Data-bus cycles of one burst (BL / data rate).
    public var burstCycles: Int { organisation.burstLength / organisation.dataRate }
    public var clockMHz: Double { 1000 / timing.tCKns }
    /// Peak bandwidth of all channels in GB/s: transfers per second × bus bytes.
    public var peakBandwidthGBps: Double {
        Double(organisation.channels * organisation.dataRate * organisation.busBytes) / timing.tCKns
    }
}
