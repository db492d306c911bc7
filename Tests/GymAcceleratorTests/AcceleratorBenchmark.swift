import Foundation
import Testing
@testable import GymAccelerator
@testable import GymWorkloads

/// Speed of the model (a benchmark, not a test: it asserts nothing about time).
/// Disabled unless DSEGYM_BENCH is set; run once in release:
///
///     DSEGYM_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter AcceleratorBenchmark
@Test(.enabled(if: ProcessInfo.processInfo.environment["DSEGYM_BENCH"] != nil))
func acceleratorBenchmarkResNet50EvaluationsPerSecond() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../environments").standardizedFileURL.path
    let workload = try Workload.load("resnet50", relativeTo: folder)
    let model = MaestroModel()
    let hardware = AcceleratorHardware(pes: 256, simdLanes: 1, l1Bytes: 512, l2Bytes: 131_072,
                                       nocBandwidth: 64, offchipBandwidth: 32)
    for flow in Dataflow.builtIns {
        var evaluations = 0
        var checksum = 0
        let start = Date()
        while Date().timeIntervalSince(start) < 1.5 {
            checksum &+= try model.evaluate(workload: workload, hardware: hardware) { _ in flow }.runtimeCycles
            evaluations += 1
        }
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "bench %@: %.0f ResNet-50 evaluations/s on one core, %.2f µs per layer (checksum %d)",
                     flow.name, Double(evaluations) / seconds, seconds / Double(evaluations * workload.layers.count) * 1e6, checksum))
    }
}
