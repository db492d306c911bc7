import Foundation
import GymCore
import GymStore

/// Logged trials of one environment, read from a trial store: each distinct
/// configuration once (repeats and cache hits are the same evaluation), in
/// campaign then trial order, with the environment's metrics and verdict.
public struct TrialSet: Sendable {
    /// A campaign the trials came from.
    public struct Source: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var agent: String
        public var trials: Int
    }

    public var configurations: [Configuration] = []
    /// Metric key → value per trial (NaN where the trial has none).
    public var metrics: [[String: Double]] = []
    /// The environment's own verdict per trial.
    public var feasible: [Bool] = []
    public var sources: [Source] = []

    public init() {}

    public var count: Int { configurations.count }

    /// Configuration hashes (`Configuration.stableHash`), for overlap checks.
    public var hashes: Set<UInt64> { Set(configurations.map(\.stableHash)) }

    /// Reads campaigns of `store` logged on an environment with `fingerprint`.
    /// - Parameters:
    ///   - names: campaigns to read; empty means every campaign with that fingerprint.
    ///   - space: decodes stored configurations (the environment's space).
    /// - Throws: `SpecError` for an unknown name, a campaign of another
    ///   environment (other fingerprint), or no trials at all.
    public static func load(store: TrialStore, names: [String], fingerprint: String, space: DesignSpace) throws -> TrialSet {
        let all = try store.campaigns()
        var chosen: [CampaignRecord] = []
        if names.isEmpty {
            chosen = all.filter { $0.fingerprint == fingerprint }
        } else {
            for name in names {
                guard let c = all.first(where: { $0.name == name }) else {
                    throw SpecError(file: store.path, key: "--name", "no campaign named '\(name)'; campaigns: \(all.map(\.name).joined(separator: ", "))")
                }
                guard c.fingerprint == fingerprint else {
                    throw SpecError(file: store.path, key: "--name", "campaign '\(name)' ran on \(c.environment) (fingerprint \(c.fingerprint)), not on the proxy's environment (fingerprint \(fingerprint)); its trials would train or test a different model")
                }
                chosen.append(c)
            }
        }
        var set = TrialSet()
        var seen = Set<UInt64>()
        for campaign in chosen {
            let trials = try store.trials(of: campaign, space: space)
            set.sources.append(Source(id: campaign.id, name: campaign.name, agent: campaign.agent, trials: trials.count))
            for t in trials where seen.insert(t.configuration.stableHash).inserted {
                set.append(t.configuration, metrics: t.metrics)
            }
        }
        guard set.count > 0 else {
            let which = names.isEmpty ? "no campaign with fingerprint \(fingerprint)" : "campaigns \(names.joined(separator: ", ")) have no trials"
            throw SpecError(file: store.path, "no trials to use: \(which)")
        }
        return set
    }

    public mutating func append(_ configuration: Configuration, metrics: Metrics) {
        configurations.append(configuration)
        self.metrics.append(Dictionary(metrics.values.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
        feasible.append(metrics.feasible)
    }

    /// Rows `indices` of the set (sources kept).
    public func subset(_ indices: [Int]) -> TrialSet {
        var out = TrialSet()
        out.sources = sources
        for i in indices {
            out.configurations.append(configurations[i])
            out.metrics.append(metrics[i])
            out.feasible.append(feasible[i])
        }
        return out
    }

    /// The set plus another's trials whose configurations it does not have yet.
    public func merging(_ other: TrialSet) -> TrialSet {
        var out = self
        var seen = hashes
        out.sources += other.sources
        for i in 0..<other.count where seen.insert(other.configurations[i].stableHash).inserted {
            out.configurations.append(other.configurations[i])
            out.metrics.append(other.metrics[i])
            out.feasible.append(other.feasible[i])
        }
        return out
    }

    /// FNV-1a over the sorted lines `hash feasible key=value…`: the same for
    /// the same trials whatever their order, different if any value differs.
    public var identityHash: String {
        let lines = (0..<count).map { i -> String in
            let values = metrics[i].keys.sorted().map { "\($0)=\(metrics[i][$0]!.bitPattern)" }
            return "\(configurations[i].hashHex) \(feasible[i]) " + values.joined(separator: ",")
        }.sorted()
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for line in lines {
            for byte in line.utf8 { h ^= UInt64(byte); h &*= 0x0000_0100_0000_01B3 }
            h ^= 0x0A; h &*= 0x0000_0100_0000_01B3
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
