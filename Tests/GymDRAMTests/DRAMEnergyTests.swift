import Testing
import GymCore
@testable import GymDRAM

/// DRAMPower's DDR4 unit test "pattern 0" (docs/references.md §4): ACT at cycle
/// 0, PRE at cycle 15, energy over cycles [0, 15): ACT 179 pJ, PRE 208 pJ,
/// background 507 pJ, total 897 pJ.
///
/// DRAMPower's test memspec is not in docs/references.md, so the device is derived:
/// the DDR4 table's currents and VDD (IDD0 60.75, IDD2N 38.25, IDD3N 44 mA,
/// 1.2 V), one device, and the three timing values the published energies
/// imply, rounded to whole cycles: tCK 0.64 ns (background 507 pJ = 15 ·
/// tCK · 44 mA · 1.2 V), tRAS 14 (179 pJ = tRAS · tCK · 16.75 mA · 1.2 V) and
/// tRC 26 (208 pJ = (tRC - tRAS) · tCK · 22.5 mA · 1.2 V). What the test
/// pins is the model's structure and units: which current difference each
/// command draws, for how many cycles, per device, in pJ = ns · mA · V.
@Test func drampowerPatternZeroEnergiesWithinOnePercent() throws {
    var spec = try DRAMFixtures.ddr4
    spec.organisation.devicesPerRank = 1
    spec.timing.tCKns = 0.64
    spec.timing.RAS = 14
    spec.timing.RC = 26
    let log = [IssuedCommand(cycle: 0, command: .act, rank: 0, bank: 0, row: 0),
               IssuedCommand(cycle: 15, command: .pre, rank: 0, bank: 0, row: 0)]
    let e = DRAMEnergy.of(log, endCycle: 15, spec: spec)
    #expect(e.activeCycles == 15 && e.prechargedCycles == 0)
    #expect(abs(e.actPJ - 179) / 179 < 0.01, "ACT \(e.actPJ)")
    #expect(abs(e.prePJ - 208) / 208 < 0.01, "PRE \(e.prePJ)")
    #expect(abs(e.backgroundPJ - 507) / 507 < 0.01, "background \(e.backgroundPJ)")
    #expect(abs(e.totalPJ - 897) / 897 < 0.01, "total \(e.totalPJ)")
}

@Test func energyScalesWithDevicesPerRankAndCountsResidency() throws {
    let spec = try DRAMFixtures.ddr4
    var one = spec
    one.organisation.devicesPerRank = 1
    let log = [IssuedCommand(cycle: 0, command: .act, rank: 0, bank: 0, row: 0),
               IssuedCommand(cycle: 16, command: .rda, rank: 0, bank: 0, row: 0, column: 0),
               IssuedCommand(cycle: 100, command: .pdep, rank: 0),
               IssuedCommand(cycle: 200, command: .pdxp, rank: 0)]
    let e8 = DRAMEnergy.of(log, endCycle: 300, spec: spec), e1 = DRAMEnergy.of(log, endCycle: 300, spec: one)
    #expect(abs(e8.totalPJ - 8 * e1.totalPJ) < 1e-6)
    // Bank open from ACT to the auto-precharge at RDA + tRTP.
    #expect(e1.activeCycles == 16 + spec.timing.RTP)
    #expect(e1.prechargePowerDownCycles == 100)
    #expect(e1.prechargedCycles == 300 - 100 - e1.activeCycles)
    #expect(e1.prechargeCount == 1)
    let p = spec.power, tCK = spec.timing.tCKns
    #expect(abs(e1.readPJ - Double(spec.burstCycles) * tCK * (p.idd4r - p.idd3n) * p.vdd) < 1e-9)
}

/// Every metric has the unit its key says, computed from cycles × tCK
/// (ArchGym's ps/ns mix-up, #139, cannot recur silently).
@Test func metricsCarryTheirUnits() throws {
    let spec = try DRAMFixtures.ddr4
    let result = try DRAMFixtures.run([TraceRequest(cycle: 0, isWrite: false, address: DRAMFixtures.address(bank: 1, row: 5, spec: spec))],
                                      spec: spec) { $0.pagePolicy = .closed; $0.refreshPolicy = .noRefresh }
    let m = result.metrics
    #expect(m.values.map(\.key) == ["read_latency_avg_ns", "read_latency_p50_ns", "read_latency_p99_ns", "read_latency_max_ns",
                                    "read_controller_latency_avg_ns", "simulated_time_ns", "bandwidth_GBps", "bandwidth_of_peak_pct", "row_hit_rate", "energy_pJ",
                                    "power_mW", "act_count", "pre_count", "rd_count", "wr_count", "ref_count", "powerdown_count"])
    let tCK = 1000.0 / 1200   // ns at 1200 MHz
    let cycles = Double(spec.timing.RCD + spec.timing.CL + spec.burstCycles)   // 36
    #expect(abs(try #require(m["read_latency_avg_ns"]) - cycles * tCK) < 1e-9)      // 30 ns, not 30,000
    #expect(abs(try #require(m["read_latency_max_ns"]) - 30) < 1e-9)
    #expect(abs(try #require(m["read_controller_latency_avg_ns"]) - 30) < 1e-9)
    #expect(abs(try #require(m["simulated_time_ns"]) - 30) < 1e-9)
    #expect(abs(try #require(m["bandwidth_GBps"]) - 64.0 / 30) < 1e-9)               // 64 bytes in 30 ns
    #expect(abs(try #require(m["bandwidth_of_peak_pct"]) - 100 * (64.0 / 30) / 19.2) < 1e-9) // peak 19.2 GB/s
    #expect(abs(try #require(m["energy_pJ"]) - result.energy.totalPJ) < 1e-9)
    #expect(abs(try #require(m["power_mW"]) - result.energy.totalPJ / 30) < 1e-9)  // pJ/ns = mW
    #expect(m["act_count"] == 1 && m["pre_count"] == 1 && m["rd_count"] == 1 && m["row_hit_rate"] == 0)
    // A plausible DDR4 rank power: hundreds of mW, not W or µW.
    #expect((100...5_000).contains(try #require(m["power_mW"])))
}
