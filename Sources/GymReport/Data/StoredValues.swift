import Foundation
import GymNumerics

/// Reads the flat JSON objects the store keeps for configurations and
/// metrics (`{"name": number | "text" | null}`).
enum StoredValues {
    static func levels(_ json: String) -> [String: VarianceImportance.Level] {
        var out: [String: VarianceImportance.Level] = [:]
        for (k, v) in object(json) {
            if let s = v as? String { out[k] = .text(s) }
            else if let n = v as? Double { out[k] = .number(n) }
        }
        return out
    }

    static func numbers(_ json: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for (k, v) in object(json) {
            if !(v is String), let n = v as? Double { out[k] = n }
        }
        return out
    }

    private static func object(_ json: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
    }
}
