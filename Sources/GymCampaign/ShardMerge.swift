import Dispatch
import Foundation
import GymCore
import GymStore

/// `dsegym merge`: shard databases (or folders of them) into one, every shard
/// checked readable and of this schema before the target is created.
public enum ShardMerge {
    /// The shard files named: files as given, folders expanded to their
    /// `*.sqlite` files in name order.
    public static func paths(_ shards: [String]) throws -> [String] {
        var paths: [String] = []
        for s in shards {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: s, isDirectory: &isFolder) else {
                throw SpecError(file: s, "no such shard or folder")
            }
            if isFolder.boolValue {
                let files = (try? FileManager.default.contentsOfDirectory(atPath: s)) ?? []
                paths += files.filter { $0.hasSuffix(".sqlite") }.sorted().map { "\(s)/\($0)" }
            } else {
                paths.append(s)
            }
        }
        guard !paths.isEmpty else { throw SpecError(key: "shards", "no shard databases found") }
        return paths
    }

    /// Merges `paths` into `target` in order; returns the totals and the seconds taken.
    public static func merge(_ paths: [String], into target: String) throws -> (MergeReport, Double) {
        for p in paths { _ = try TrialStore.openShard(p) }
        let store = try TrialStore(path: target)
        var total = MergeReport()
        let start = DispatchTime.now().uptimeNanoseconds
        for p in paths {
            let r = try store.merge(shard: p)
            total.campaignsAdded += r.campaignsAdded
            total.campaignsExtended += r.campaignsExtended
            total.trialsAdded += r.trialsAdded
        }
        return (total, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }
}
