import Foundation
import Testing
import GymCore
@testable import GymDRAM

/// Speed measurement, not a test: prints figures and asserts nothing about
/// time. Run in release:
///
///     swift build -c release --product DSEGymPackageTests -Xswiftc -enable-testing
///     DSEGYM_BENCH=1 swift test -c release --skip-build -Xswiftc -enable-testing --filter dramSimulationSpeed
///
/// `DSEGYM_BENCH_REQUESTS` changes the length of the random trace (default
/// 10^6), `DSEGYM_BENCH_REPEATS` how often each measurement runs (default 3;
/// the best run is reported). Wall time and this thread's CPU time are both
/// printed: on a shared machine the CPU time is the steadier figure.
@Test(.enabled(if: ProcessInfo.processInfo.environment["DSEGYM_BENCH"] == "1"))
func dramSimulationSpeed() throws {
    let environment = ProcessInfo.processInfo.environment
    let spec = try DRAMFixtures.ddr4
    let mapping = try AddressMapping(AddressMapping.defaultOrder, organisation: spec.organisation)
    let count = environment["DSEGYM_BENCH_REQUESTS"].flatMap { Int($0) } ?? 1_000_000
    let repeats = max(1, environment["DSEGYM_BENCH_REPEATS"].flatMap { Int($0) } ?? 3)
    let long = Trace(name: "random", requests: TraceGenerator.random(count: count, seed: 7))
    let sim = try DRAMSimulation(spec: spec, mapping: mapping, trace: long)
    var config = ControllerConfiguration()
    config.scheduler = .frFcfs
    var endCycle = 0
    let (wall, cpu) = bestOf(repeats) { endCycle = sim.run(config).endCycle }
    print("DRAM bench: \(count) random requests (DDR4, FrFcfs) best of \(repeats): wall \(wall) s = \(Double(count) / wall) requests/s, CPU \(cpu) s = \(Double(count) / cpu) requests/s; end cycle \(endCycle)")

    // DDR3 with GA ranges is environments/dram-random.yaml's setting.
    for memspec in ["ddr4-2400-x8-4gb", "ddr3-1600-x8-1gb"] {
        let env = try DRAMEnvironment(settings: SpecObject(["trace": .string("random"), "memspec": .string(memspec), "ranges": .string("ga")],
                                                           baseDirectory: DRAMFixtures.environments))
        let c = env.designSpace.defaultConfiguration
        _ = try env.evaluate(c)
        let runs = 50
        let (evalWall, evalCPU) = bestOf(repeats) { for _ in 0..<runs { _ = try? env.evaluate(c) } }
        print("DRAM bench: one 10,000-request evaluation (random.stl on \(memspec), default knobs, metrics and energy) best of \(repeats) × \(runs): wall \(evalWall * 1000 / Double(runs)) ms, CPU \(evalCPU * 1000 / Double(runs)) ms")
    }
}

/// Smallest wall and thread-CPU seconds of `repeats` runs of `body`.
private func bestOf(_ repeats: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
    func seconds(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
    var best = (wall: Double.infinity, cpu: Double.infinity)
    for _ in 0..<repeats {
        let wall0 = seconds(CLOCK_MONOTONIC), cpu0 = seconds(CLOCK_THREAD_CPUTIME_ID)
        body()
        best = (min(best.wall, seconds(CLOCK_MONOTONIC) - wall0), min(best.cpu, seconds(CLOCK_THREAD_CPUTIME_ID) - cpu0))
    }
    return best
}
