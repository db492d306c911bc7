import GymCore

/// Reads a stored hyperparameter JSON object as `key → short text`.
enum SpecValueParsing {
    static func object(_ json: String) throws -> [String: String] {
        guard let o = try SpecValue.parseJSON(json).objectValue else { return [:] }
        return o.mapValues { $0.scalarText ?? $0.canonicalJSON }
    }
}
