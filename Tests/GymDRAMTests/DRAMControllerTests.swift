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
@Test func noRefreshIsNeverSlowerThanAllBank() throws {
    var spec = try DRAMFixtures.ddr4
    spec.timing.REFI = 1_500
    for (seed, requests) in [(1, TraceGenerator.stream(count: 1_000, seed: 1)), (2, TraceGenerator.random(count: 800, seed: 2))] {
        for policy in [ControllerConfiguration.PagePolicy.open, .closed] {
            let none = try DRAMFixtures.run(requests, spec: spec) { $0.refreshPolicy = .noRefresh; $0.pagePolicy = policy }
            let all = try DRAMFixtures.run(requests, spec: spec) { $0.refreshPolicy = .allBank; $0.refreshMaxPostponed = 1; $0.pagePolicy = policy }
            #expect(none.endCycle <= all.endCycle, "seed \(seed) \(policy)")
            #expect(none.commands().allSatisfy { !$0.command.isRefresh })
            #expect(all.commands().contains { $0.command == .refab })
        }
    }
}

@Test func reorderResponseQueueReturnsResponsesInRequestOrder() throws {
    let spec = try DRAMFixtures.ddr4
    let requests = TraceGenerator.random(count: 300, seed: 3)
    let r = try DRAMFixtures.run(requests, spec: spec) { $0.responseQueue = .reorder }
    let releases = zip(r.channels[0].latencies, r.requests[0]).map { $0 + $1.arrival }
    #expect(zip(releases, releases.dropFirst()).allSatisfy { $0 <= $1 })
    let fifo = try DRAMFixtures.run(requests, spec: spec) { $0.responseQueue = .fifo }
    let fifoReleases = zip(fifo.channels[0].latencies, fifo.requests[0]).map { $0 + $1.arrival }
    #expect(!zip(fifoReleases, fifoReleases.dropFirst()).allSatisfy { $0 <= $1 })
}

@Test func maxActiveTransactionsCapsOutstandingRequestsOfQueueingArbiters() throws {
    let spec = try DRAMFixtures.ddr4
    let requests = TraceGenerator.random(count: 200, seed: 4)
    let one = try DRAMFixtures.run(requests, spec: spec) { $0.arbiter = .fifo; $0.maxActiveTransactions = 1 }
    // With one transaction in flight, each request starts after the previous response.
    let issued = one.commands().filter(\.command.isColumn).map(\.cycle)
    #expect(zip(issued, issued.dropFirst()).allSatisfy { $1 - $0 > spec.timing.CL })
    let many = try DRAMFixtures.run(requests, spec: spec) { $0.arbiter = .fifo; $0.maxActiveTransactions = 128 }
    #expect(many.endCycle < one.endCycle)
    // The Simple arbiter ignores the cap (as in DRAMSys).
    let simple1 = try DRAMFixtures.run(requests, spec: spec) { $0.arbiter = .simple; $0.maxActiveTransactions = 1 }
    let simple128 = try DRAMFixtures.run(requests, spec: spec) { $0.arbiter = .simple; $0.maxActiveTransactions = 128 }
    #expect(simple1.endCycle == simple128.endCycle)
}

@Test func closedPagePrechargesEveryAccessAndAdaptivePoliciesSitBetween() throws {
    let spec = try DRAMFixtures.ddr3
    let requests = TraceGenerator.cloud(count: 800, seed: 3, meanRun: 16, randomFraction: 0.2, hotFraction: 0.3)
    func hits(_ p: ControllerConfiguration.PagePolicy) throws -> Double {
        try #require(try DRAMFixtures.run(requests, spec: spec) { $0.pagePolicy = p }.metrics["row_hit_rate"])
    }
    let closed = try DRAMFixtures.run(requests, spec: spec) { $0.pagePolicy = .closed }
    #expect(closed.commands().filter { $0.command == .rd }.isEmpty)
    #expect(try hits(.closed) <= hits(.closedAdaptive))
    #expect(try hits(.closedAdaptive) <= hits(.open) + 1e-9)
}

@Test func staggeredPowerDownSavesEnergyOnAnIdleTrace() throws {
    let spec = try DRAMFixtures.ddr4
    // Sparse requests: one every 2,000 cycles.
    let requests = (0..<20).map { TraceRequest(cycle: $0 * 2_000, isWrite: false, address: UInt64($0) * 8_192) }
    let awake = try DRAMFixtures.run(requests, spec: spec) { $0.powerDownPolicy = .noPowerDown }
    let staggered = try DRAMFixtures.run(requests, spec: spec) { $0.powerDownPolicy = .staggered }
    #expect(try #require(staggered.metrics["energy_pJ"]) < #require(awake.metrics["energy_pJ"]))
    #expect(staggered.energy.prechargePowerDownCycles + staggered.energy.activePowerDownCycles > 0)
    // Waking costs tXP: reads are slower.
    #expect(try #require(staggered.metrics["read_latency_avg_ns"]) > #require(awake.metrics["read_latency_avg_ns"]))
}

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

@Test func perBankRefreshRefreshesEveryBankInTurnWhileOthersWork() throws {
    var spec = try DRAMFixtures.ddr4
    spec.timing.REFI = 1_600   // shortened so that a short trace sees many refreshes
    let requests = TraceGenerator.random(count: 1_500, seed: 9)
    let r = try DRAMFixtures.run(requests, spec: spec) { $0.refreshPolicy = .perBank; $0.refreshMaxPostponed = 1; $0.refreshMaxPulledin = 1 }
    let refreshed = r.commands().filter { $0.command == .refpb }.map(\.bank)
    #expect(refreshed.count >= spec.organisation.banks)
    #expect(Array(refreshed.prefix(spec.organisation.banks)) == Array(0..<spec.organisation.banks))
    #expect(r.commands().allSatisfy { $0.command != .refab })
    let limits = ProtocolChecker.RefreshLimits(command: .refpb, interval: PerBankRefresh().interval(spec), maxPostponed: 1, maxPulledin: 1)
    #expect(ProtocolChecker(spec: spec, refresh: limits).check(r.commands()).isEmpty)
}

@Test func relativeTraceFilesLoadByExtension() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-dram-\(UUID().uuidString).rstl").path
    try "4: read 0x40\n4: write 0x80\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try Trace.load(path, relativeTo: nil).requests.map(\.cycle) == [4, 8])
}
