import Foundation
@testable import GymEnvironments
import GymCore

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
