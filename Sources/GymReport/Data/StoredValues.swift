import GymCore
import GymNumerics
import GymStore

/// The configurations and metrics the store keeps (`{"name": number |
/// "text" | null}`), read through the store's one JSON reader.
enum StoredValues {
    static func levels(_ json: String) -> [String: VarianceImportance.Level] {
        var out: [String: VarianceImportance.Level] = [:]
        for (k, v) in members(json) {
            switch v {
            case .string(let s): out[k] = .text(s)
            case .number(let n): out[k] = .number(n)
            default: break
            }
        }
        return out
    }

    static func numbers(_ json: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for (k, v) in members(json) {
            if case .number(let n) = v { out[k] = n }
        }
        return out
    }

    private static func members(_ json: String) -> [(key: String, value: SpecValue)] {
        (try? StoredJSON.members(json)) ?? []
    }
}
