import Testing
import GymCore
@testable import GymDRAM

/// Pins the simulator's results bit for bit: a digest of the metrics, the
/// command log text, the read latencies and the energy breakdown over a broad
/// sample of knob combinations (every value of every knob of both ranges),
/// on short random, stream and bursty traces, DDR3 and DDR4, one and two
/// ranks and channels, with refresh due often and idle gaps for power-down.
/// Speed work on the controller must leave every digest unchanged; a change
/// that means to alter results must update them and say why.

/// FNV-1a (64 bit) over everything a simulation reports.
private struct ResultDigest {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ v: UInt64) {
        for i in 0..<8 { h ^= (v >> UInt64(8 * i)) & 0xFF; h &*= 0x0000_0100_0000_01B3 }
    }

    mutating func add(_ s: String) {
        for byte in s.utf8 { h ^= UInt64(byte); h &*= 0x0000_0100_0000_01B3 }
        add(UInt64(s.utf8.count))
    }

    mutating func add(_ r: DRAMResult) {
        let m = r.metrics
        add(m.feasible ? 1 : 0)
        for metric in m.values { add(metric.key); add(metric.value.bitPattern) }
        add(r.commandLogText)
        for v in r.readLatencyCycles { add(UInt64(bitPattern: Int64(v))) }
        for v in r.readControllerLatencyCycles { add(UInt64(bitPattern: Int64(v))) }
        let e = r.energy
        for v in [e.actPJ, e.prePJ, e.readPJ, e.writePJ, e.refreshPJ, e.backgroundPJ] { add(v.bitPattern) }
        for v in [e.activeCycles, e.prechargedCycles, e.activePowerDownCycles, e.prechargePowerDownCycles,
                  e.selfRefreshCycles, e.prechargeCount] { add(UInt64(bitPattern: Int64(v))) }
    }

    var text: String { String(h, radix: 16) }
}

/// One device + trace + mapping the knob sample runs on.
private struct DigestCase {
    var name: String
    var spec: MemSpec
    var requests: [TraceRequest]
    var mapping: String = AddressMapping.defaultOrder
}

private func digestCases() throws -> [DigestCase] {
    let ddr4 = try DRAMFixtures.ddr4, ddr3 = try DRAMFixtures.ddr3
    let busy4 = try DRAMFixtures.busyDevice()
    let busy3 = try DRAMFixtures.busyDevice(ddr3, refreshInterval: 1_000)
    var refreshing4 = ddr4
    refreshing4.timing.REFI = 2_000
    var refreshing3 = ddr3
    refreshing3.timing.REFI = 1_500
    var twoChannels = ddr4
    twoChannels.organisation.channels = 2
    twoChannels.timing.REFI = 1_800
    return [
        DigestCase(name: "ddr4-2rank-mixed", spec: busy4, requests: DRAMFixtures.mixedTrace(count: 300, seed: 21, spec: busy4),
                   mapping: "row-rank-bank-column"),
        DigestCase(name: "ddr3-2rank-mixed", spec: busy3, requests: DRAMFixtures.mixedTrace(count: 300, seed: 22, spec: busy3),
                   mapping: "row-rank-bank-column"),
        DigestCase(name: "ddr4-random", spec: refreshing4,
                   requests: TraceGenerator.random(count: 400, seed: 23, shape: .init(writeRatio: 0.3))),
        DigestCase(name: "ddr3-stream", spec: refreshing3,
                   requests: TraceGenerator.stream(count: 400, seed: 24, shape: .init(writeRatio: 0.2)),
                   mapping: "row-column-bank-rank-channel"),
        DigestCase(name: "ddr4-2channel-cloud", spec: twoChannels,
                   requests: TraceGenerator.cloud(count: 300, seed: 25, meanRun: 6, randomFraction: 0.3, hotFraction: 0.2,
                                                  shape: .init(writeRatio: 0.25)),
                   mapping: "row-bank-rank-column-bankgroup-channel"),
    ]
}

/// Every value of every knob (RL ranges, covering set + random) plus random
/// points of the GA ranges (buffer sizes and transaction caps that are not powers of two).
private func digestConfigurations() -> [Configuration] {
    var sample = DRAMFixtures.knobSample(.rl, random: 40, seed: 77)
    let ga = DRAMEnvironment.space(.ga)
    var rng = SplitMix64(seed: 78)
    for _ in 0..<16 { sample.append(ga.configuration(indices: ga.levelCounts.map { Int(rng.next() % UInt64($0)) })) }
    return sample
}

/// Digests computed on the simulator before the speed work of issue #5.
private let pinnedDigests: [String: String] = [
    "ddr4-2rank-mixed": "6839d220d5d26f6f",
    "ddr3-2rank-mixed": "e78b39b74bf7cc93",
    "ddr4-random": "9c47397405001851",
    "ddr3-stream": "3fc0c8f5cb166256",
    "ddr4-2channel-cloud": "c64ee853537e7500",
    "shipped-random-ddr3-1600-x8-1gb": "79f74e2e8614373c",
    "shipped-random-ddr4-2400-x8-4gb": "eef438e2ba4a8ab2",
]

@Test func simulationResultsMatchThePinnedDigestsAcrossKnobsTracesAndDevices() throws {
    let configurations = digestConfigurations()
    #expect(configurations.count >= 48)
    for p in DRAMEnvironment.space(.rl).parameters {
        #expect(Set(configurations.map { $0[p.name]! }).count >= p.domain.levelCount, "\(p.name)")
    }
    var commandKinds = Set<DRAMCommand>()
    for c in try digestCases() {
        let env = try DRAMEnvironment(memSpec: c.spec, trace: Trace(name: c.name, requests: c.requests),
                                      mapping: AddressMapping(c.mapping, organisation: c.spec.organisation))
        var digest = ResultDigest()
        for configuration in configurations {
            let result = env.simulation.run(env.controllerConfiguration(configuration))
            #expect(result.completed, "\(c.name) \(configuration)")
            digest.add(result)
            for ch in 0..<c.spec.organisation.channels { commandKinds.formUnion(result.commands(channel: ch).map(\.command)) }
        }
        print("DRAM digest \(c.name): \(digest.text)")
        #expect(pinnedDigests[c.name] == digest.text, "\(c.name)")
    }
    // The sample really exercised every command the controller can issue.
    #expect(commandKinds == Set(DRAMCommand.allCases), "missing: \(Set(DRAMCommand.allCases).subtracting(commandKinds).map(\.mnemonic))")
}

@Test func shippedRandomTraceResultsMatchThePinnedDigests() throws {
    // The benchmark's two workloads: the shipped random trace on DDR3 (dram-random.yaml)
    // and on DDR4, default knobs.
    for memspec in ["ddr3-1600-x8-1gb", "ddr4-2400-x8-4gb"] {
        let env = try DRAMEnvironment(settings: SpecObject(["trace": .string("random"), "memspec": .string(memspec)],
                                                           baseDirectory: DRAMFixtures.environments))
        var digest = ResultDigest()
        digest.add(try env.simulate(env.designSpace.defaultConfiguration))
        print("DRAM digest shipped-random-\(memspec): \(digest.text)")
        #expect(pinnedDigests["shipped-random-\(memspec)"] == digest.text, "\(memspec)")
    }
}
