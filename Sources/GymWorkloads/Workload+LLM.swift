import Foundation
import GymCore

extension Workload {
    /// The workload as CSV text in the extended format (`parse` reads it back).
    public func csv(comments: [String] = []) -> String {
        var lines = comments.map { "# " + $0 }
        lines.append(Workload.extendedHeader.joined(separator: ","))
        for l in layers {
            lines.append([l.name, l.type.rawValue, "\(l.n)", "\(l.k)", "\(l.c)", "\(l.r)", "\(l.s)", "\(l.y)", "\(l.x)",
                          "\(l.stride)", "\(l.groups)", "\(l.batch)", "\(l.vectorOps)", l.kvCache.rawValue].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Settings that shape a workload built from an LLM configuration
    /// (docs/references.md §10), with their allowed ranges.
    public static let llmSettingKeys = ["llm_phase", "llm_batch", "llm_sequence", "llm_context"]
    public static let llmBatchRange = 1...4096
    public static let llmSequenceRange = 1...131_072
    public static let llmContextRange = 0...1_048_576

    /// Whether a `workload:` reference names an LLM configuration (`.yaml`, `.yml`).
    public static func isLLMConfig(_ reference: String) -> Bool {
        reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
    }

    /// The workload a spec's settings name: a CSV or shipped name (as `load`),
    /// or an LLM configuration with `llm_phase` (prefill or decode, required),
    /// `llm_batch` (default 1), `llm_sequence` (new tokens per sequence; default
    /// 1 for decode, required for prefill) and `llm_context` (tokens already
    /// cached, default 0). Errors name the spec file and key.
    public static func load(settings spec: SpecObject, default reference: String) throws -> Workload {
        let given = try spec.string("workload") ?? reference
        guard isLLMConfig(given) else {
            if let key = llmSettingKeys.first(where: { spec.has($0) }) {
                throw spec.error(key, "applies only when workload names an LLM configuration (.yaml), not '\(given)'")
            }
            do { return try load(given, relativeTo: spec.baseDirectory) }
            catch let e as SpecError {
                throw SpecError(file: e.file ?? spec.file, key: e.key == "workload" || e.key == nil ? spec.fullKey("workload") : e.key, e.message)
            }
        }
        let path = resolve(given, relativeTo: spec.baseDirectory)
        guard FileManager.default.fileExists(atPath: path) else {
            throw spec.error("workload", "cannot read the LLM configuration '\(given)' (looked for \(path))")
        }
        let config = try LLMConfig.load(path)
        let phase = try LLMWorkload.Phase(rawValue: spec.requiredString("llm_phase", allowed: LLMWorkload.Phase.allCases.map(\.rawValue)))!
        let batch = try spec.int("llm_batch", default: 1, in: llmBatchRange)
        let sequence: Int
        if phase == .prefill, !spec.has("llm_sequence") {
            throw spec.error("llm_sequence", "missing: the prompt length of a prefill; allowed: \(llmSequenceRange.lowerBound)...\(llmSequenceRange.upperBound)")
        }
        sequence = try spec.int("llm_sequence", default: 1, in: llmSequenceRange)
        let context = try spec.int("llm_context", default: 0, in: llmContextRange)
        return try LLMWorkload(config: config, phase: phase, batch: batch, sequence: sequence, context: context)
            .validated(file: spec.file, key: spec.fullKey("llm_batch"))
    }
}
