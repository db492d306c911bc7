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

    /// A shipped workload by name (`resnet50`).
    public static func workload(_ name: String) throws -> Workload {
        try Workload.load(name, relativeTo: environments)
    }
}
