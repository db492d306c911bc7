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

        /// Read-to-write turnaround on the same rank: the read burst must leave
        /// the bus, plus two cycles of bus turnaround, before write data starts.
        public func RTW(burstCycles: Int) -> Int { CL + burstCycles + 2 - WL }
    }

    /// IDD currents (mA) and supply voltage (V) per device ("mempowerspec").
    public struct Power: Sendable, Hashable {
        public var vdd: Double
        public var idd0, idd2n, idd2p, idd3n, idd3p: Double
        public var idd4r, idd4w, idd5, idd6: Double
    }

    public var name: String
    public var memoryType: String
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
