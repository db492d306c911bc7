import Foundation
import GymCore
@testable import GymDRAM

/// Shared fixtures for the DRAM tests: the repository's shipped files and
/// small helpers to run the controller on a handful of requests.
enum DRAMFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let environments = repository + "/environments"

    static func memSpec(_ name: String) throws -> MemSpec {
        try MemSpec.load(name, relativeTo: environments)
    }

    static var ddr4: MemSpec { get throws { try memSpec("ddr4-2400-x8-4gb") } }
    static var ddr3: MemSpec { get throws { try memSpec("ddr3-1600-x8-1gb") } }

    /// The seeds and shapes the shipped traces were generated with.
    static func shippedTrace(_ name: String) -> [TraceRequest] {
        switch name {
        case "stream": return TraceGenerator.stream(count: 10_000, seed: 1)
        case "random": return TraceGenerator.random(count: 10_000, seed: 2)
        case "cloud-1": return TraceGenerator.cloud(count: 10_000, seed: 3, meanRun: 16, randomFraction: 0.2, hotFraction: 0.3)
        default: return TraceGenerator.cloud(count: 10_000, seed: 4, meanRun: 4, randomFraction: 0.4, hotFraction: 0.2)
        }
    }

    /// Runs `requests` on a fresh simulation with `mapping`.
    static func run(_ requests: [TraceRequest], spec: MemSpec, mapping: String = AddressMapping.defaultOrder,
                    _ configure: (inout ControllerConfiguration) -> Void = { _ in }) throws -> DRAMResult {
        var config = ControllerConfiguration()
        configure(&config)
        let sim = try DRAMSimulation(spec: spec, mapping: AddressMapping(mapping, organisation: spec.organisation),
                                     trace: Trace(name: "test", requests: requests))
        return sim.run(config)
    }

    /// Address of (bank, row, column) under the default mapping on one rank/channel.
    static func address(bank: Int, row: Int, column: Int = 0, spec: MemSpec) -> UInt64 {
        let o = spec.organisation
        let bursts = UInt64(o.columns / o.burstLength)
        let burstIndex = UInt64(column / o.burstLength)
        let v = ((UInt64(row) * UInt64(o.banks) + UInt64(bank)) * bursts + burstIndex)
        return v * UInt64(o.burstBytes)
    }
}

extension DRAMFixtures {
    /// A two-rank channel of `base` (default DDR4) with a short tREFI, so that
    /// short traces exercise rank switches, refresh, postponing and pulling in
    /// (test-only variant).
    static func busyDevice(_ base: MemSpec? = nil, refreshInterval: Int = 1_200) throws -> MemSpec {
        var spec = try base ?? DRAMFixtures.ddr4
        spec.organisation.ranks = 2
        spec.timing.REFI = refreshInterval
        return spec
    }

    /// Requests with idle gaps (power-down), few rows (hits and conflicts) and
    /// 30% writes, laid out for the `row-rank-bank-column` mapping.
    static func mixedTrace(count: Int, seed: UInt64, spec: MemSpec) -> [TraceRequest] {
        var rng = SplitMix64(seed: seed)
        var cycle = 0
        return (0..<count).map { _ in
            let u = rng.nextUnit()
            cycle += u < 0.9 ? Int(rng.next() % 4) : u < 0.99 ? Int(rng.next() % 600) : 6_000
            let bursts = UInt64(spec.organisation.columns / spec.organisation.burstLength)
            let row = rng.next() % 4, rank = rng.next() % UInt64(spec.organisation.ranks)
            let bank = rng.next() % UInt64(spec.organisation.banks), col = rng.next() % bursts
            let index = ((row * UInt64(spec.organisation.ranks) + rank) * UInt64(spec.organisation.banks) + bank) * bursts + col
            return TraceRequest(cycle: cycle, isWrite: rng.nextUnit() < 0.3, address: index * UInt64(spec.organisation.burstBytes))
        }
    }

    /// Knob combinations of `ranges` in which every value of every knob
    /// appears (a cyclic covering set), plus `random` seeded random ones.
    static func knobSample(_ ranges: DRAMEnvironment.Ranges = .rl, random: Int = 16, seed: UInt64 = 2026) -> [Configuration] {
        let space = DRAMEnvironment.space(ranges)
        var out: [Configuration] = []
        let longest = space.parameters.map(\.domain.levelCount).max()!
        for i in 0..<longest {
            out.append(space.configuration(indices: space.parameters.enumerated().map { k, p in (i + k) % p.domain.levelCount }))
        }
        var rng = SplitMix64(seed: seed)
        for _ in 0..<random { out.append(space.configuration(indices: space.levelCounts.map { Int(rng.next() % UInt64($0)) })) }
        return out
    }
}
