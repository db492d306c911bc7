import Foundation
import GymWorkloads

/// Where the repository's shipped files live, for tests in any bundle: the
/// environment specs, workloads, traces and agent presets.
public enum Fixtures {
    /// The package root (this file is `Sources/GymTesting/Fixtures.swift`).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL.path

    /// `environments/`: specs, `workloads/`, `traces/`, `memspecs/`.
    public static let environments = repository + "/environments"

    /// The shipped environment specs: `environments/*.yaml`, sorted.
    public static var shippedSpecs: [String] { specFiles(in: environments) }

    /// The `.yaml` files of a folder, sorted by name.
    public static func specFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    /// Writes a DRAM trace of `count` random reads, one per cycle, inside
    /// ArchGym's 1 GB DDR3 device: a simulation of many seconds in debug.
    public static func writeRandomReadTrace(count: Int, to path: String) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var text = ""
        text.reserveCapacity(count * 24)
        for i in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            text += "\(i): read 0x\(String((state >> 40) * 64, radix: 16))\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A shipped workload by name (`resnet50`).
    public static func workload(_ name: String) throws -> Workload {
        try Workload.load(name, relativeTo: environments)
    }
}
