import Foundation
import Testing
import GymCore
@testable import GymDRAM

@Test func streamingReadsWithOpenPageAndFrFcfsReachNinetyPercentOfPeak() throws {
    let spec = try DRAMFixtures.ddr4
    // Bank groups in the low bits, so consecutive bursts alternate groups (tCCD_S).
    let r = try DRAMFixtures.run(TraceGenerator.stream(count: 3_000, seed: 1, shape: .init(capacityBytes: 1 << 32)), spec: spec,
                                 mapping: "row-bank-rank-column-bankgroup-channel") { $0.pagePolicy = .open; $0.scheduler = .frFcfs }
    let pct = try #require(r.metrics["bandwidth_of_peak_pct"])
    #expect(pct >= 90, "stream reached \(pct)% of peak")
    #expect(pct <= 100)
}

@Test func randomTraceHitsOpenRowsLessOftenThanStream() throws {
    let spec = try DRAMFixtures.ddr3
    let stream = try DRAMFixtures.run(TraceGenerator.stream(count: 1_000, seed: 1), spec: spec)
    let random = try DRAMFixtures.run(TraceGenerator.random(count: 1_000, seed: 2), spec: spec)
    let s = try #require(stream.metrics["row_hit_rate"]), r = try #require(random.metrics["row_hit_rate"])
    #expect(r < s)
    #expect(s > 0.9)
}

/// On DDR4 with tREFI shortened to 1,500 cycles (so that short traces see
/// several refreshes), dropping refresh never makes a trace slower.
@Test func twoChannelsServeInterleavedStreamsInParallel() throws {
    var spec = try DRAMFixtures.ddr4
    spec.organisation.channels = 2
    let requests = TraceGenerator.stream(count: 2_000, seed: 1, shape: .init(capacityBytes: 1 << 32))
    let mapping = "row-bank-rank-column-bankgroup-channel"
    let two = try DRAMFixtures.run(requests, spec: spec, mapping: mapping)
    #expect(two.commands(channel: 0).filter(\.command.isColumn).count == 1_000)
    #expect(two.commands(channel: 1).filter(\.command.isColumn).count == 1_000)
    for c in 0..<2 { #expect(ProtocolChecker(spec: spec).check(two.commands(channel: c)).isEmpty) }
    // Two channels double the peak, and a trace offering one request per cycle nearly doubles the bandwidth achieved.
    #expect(abs(spec.peakBandwidthGBps - 38.4) < 1e-9)
    let one = try DRAMFixtures.run(requests, spec: try DRAMFixtures.ddr4, mapping: mapping)
    #expect(try #require(two.metrics["bandwidth_GBps"]) > 1.5 * #require(one.metrics["bandwidth_GBps"]))
}

@Test func traceClockConvertsArrivalCyclesToControllerCycles() throws {
    let spec = try DRAMFixtures.ddr4   // 1200 MHz
    let trace = Trace(name: "t", requests: [TraceRequest(cycle: 100, isWrite: false, address: 0)])
    let mapping = try AddressMapping(AddressMapping.defaultOrder, organisation: spec.organisation)
    var config = ControllerConfiguration()
    config.refreshPolicy = .noRefresh
    let same = try DRAMSimulation(spec: spec, mapping: mapping, trace: trace).run(config)
    let slow = try DRAMSimulation(spec: spec, mapping: mapping, trace: trace, traceClockMHz: 600).run(config)
    #expect(same.commands()[0].cycle == 100)
    #expect(slow.commands()[0].cycle == 200)   // 100 cycles at 600 MHz = 200 at 1200 MHz
    #expect(slow.readLatencyCycles == same.readLatencyCycles)
}

@Test func relativeTraceFilesLoadByExtension() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-dram-\(UUID().uuidString).rstl").path
    try "4: read 0x40\n4: write 0x80\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try Trace.load(path, relativeTo: nil).requests.map(\.cycle) == [4, 8])
}
