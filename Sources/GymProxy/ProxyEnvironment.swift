import Foundation
import GymCore

/// `proxy`: an environment whose metrics come from a fitted proxy model
/// instead of the real cost model, so any agent can search it thousands of
/// times faster (ArchGym's proxy loop, docs/references.md §1).
///
///     environment: proxy
///     settings: {model: accelerator-rf.json}
///     objective: {kind: minimize, metric: latency_ns}
///
/// or on the command line `--env proxy:accelerator-rf.json`. Every trial of a
/// proxy campaign is marked as such: the environment id is
/// `proxy-v1:<real id>` and the fingerprint names the model file's content
/// hash and the real fingerprint, so proxy trials never share the real
/// environment's evaluation cache and can always be told apart in the store.
public struct ProxyEnvironment: Environment {
    public static let kind = EnvironmentKind(
        name: "proxy",
        summary: "a fitted proxy model (random forest, GP or kNN from `dsegym proxy fit`) standing in for a real environment",
        settings: [("model", "path of the model file written by `dsegym proxy fit` (required)")]
    ) { spec in
        try spec.requireOnly(["model"])
        guard let path = try spec.path("model") else {
            throw spec.error("model", "missing; give the model file written by `dsegym proxy fit`")
        }
        return try ProxyEnvironment(modelPath: path)
    }

    public static let version = "proxy-v1"

    public let model: ProxyModel
    public let modelPath: String
    public let designSpace: DesignSpace
    /// FNV-1a of the model file's bytes.
    public let modelHash: String

    public init(modelPath: String) throws {
        guard let data = FileManager.default.contents(atPath: modelPath) else {
            throw SpecError(file: modelPath, "cannot read the model file (missing or unreadable)")
        }
        model = try ProxyModel.decode(data, file: modelPath)
        self.modelPath = modelPath
        designSpace = try model.encoding.designSpace(file: modelPath)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data { h ^= UInt64(byte); h &*= 0x0000_0100_0000_01B3 }
        let s = String(h, radix: 16)
        modelHash = String(repeating: "0", count: 16 - s.count) + s
    }

    public var id: String { "\(ProxyEnvironment.version):\(model.environment.id)" }
    public var metricSpecs: [MetricSpec] { model.metricSpecs }
    public var fingerprint: String { "\(ProxyEnvironment.version);model=\(modelHash);of=\(model.environment.fingerprint)" }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        model.predict([configuration], space: designSpace)[0]
    }

    /// True for an environment id or fingerprint of a proxy (how the store tells proxy trials apart).
    public static func isProxy(environmentID: String) -> Bool { environmentID.hasPrefix(version + ":") }

    /// The spec `--env proxy:<model>` stands for: the model (absolute path)
    /// and, when the real spec's objective names only modelled metrics, that
    /// objective; otherwise the default objective of the modelled metrics.
    public static func spec(forModel path: String, baseDirectory: String) throws -> SpecObject {
        let absolute = SpecObject([:], baseDirectory: baseDirectory).resolve(path)
        let env = try ProxyEnvironment(modelPath: absolute)
        var values: [String: SpecValue] = [
            "environment": .string(kind.name),
            "description": .string("proxy of \(env.model.environment.id) (\(env.model.kind.rawValue)) from \(absolute)"),
            "settings": .object(["model": .string(absolute)]),
        ]
        if case .object(let real)? = Optional(env.model.environment.spec), case .object(let objective)? = real["objective"],
           (try? Objective(spec: SpecObject(objective, path: "objective"), metrics: env.metricSpecs)) != nil {
            values["objective"] = .object(objective)
        }
        return SpecObject(values, file: "proxy:\(path)", baseDirectory: baseDirectory)
    }
}
