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

    /// A shipped workload by name (`resnet50`).
    public static func workload(_ name: String) throws -> Workload {
        try Workload.load(name, relativeTo: environments)
    }
}
