import Foundation
import Testing
@testable import GymEnvironments
import GymCore

/// Speed measurement, not a test: prints figures and asserts nothing about
/// time. Run in release:
///
///     swift build -c release --product DSEGymPackageTests -Xswiftc -enable-testing
///     DSEGYM_BENCH=1 swift test -c release --skip-build -Xswiftc -enable-testing --filter dramSimulationSpeed
///
/// `DSEGYM_BENCH_REQUESTS` changes the length of the random trace (default 10^6).
@Test(.enabled(if: ProcessInfo.processInfo.environment["DSEGYM_BENCH"] == "1"))
func dramSimulationSpeed() throws {
    let spec = try DRAMFixtures.ddr4
    let mapping = try AddressMapping(AddressMapping.defaultOrder, organisation: spec.organisation)
    let count = ProcessInfo.processInfo.environment["DSEGYM_BENCH_REQUESTS"].flatMap { Int($0) } ?? 1_000_000
    let long = Trace(name: "random", requests: TraceGenerator.random(count: count, seed: 7))
    let sim = try DRAMSimulation(spec: spec, mapping: mapping, trace: long)
    var config = ControllerConfiguration()
    config.scheduler = .frFcfs
    let clock = ContinuousClock()
    var result: DRAMResult?
    let elapsed = clock.measure { result = sim.run(config) }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    print("DRAM bench: \(count) random requests (DDR4, FrFcfs) in \(seconds) s = \(Double(count) / seconds) requests/s; end cycle \(result!.endCycle)")

    let env = try DRAMEnvironment(settings: SpecObject(["trace": .string("random"), "memspec": .string("ddr4-2400-x8-4gb")],
                                                       baseDirectory: DRAMFixtures.environments))
    let c = env.designSpace.defaultConfiguration
    _ = try env.evaluate(c)
    let runs = 50
    let each = clock.measure { for _ in 0..<runs { _ = try? env.evaluate(c) } }
    let ms = (Double(each.components.seconds) + Double(each.components.attoseconds) * 1e-18) * 1000 / Double(runs)
    print("DRAM bench: one 10,000-request evaluation (random.stl, default knobs, metrics and energy) = \(ms) ms")
}
