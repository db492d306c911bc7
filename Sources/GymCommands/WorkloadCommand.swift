import ArgumentParser
import Foundation
import GymCore
import GymWorkloads

/// `dsegym workload`: builds workload tables.
struct WorkloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workload",
        abstract: "Build workload CSVs (LLM inference passes from a model configuration).",
        subcommands: [LLMWorkloadCommand.self])
}

/// `dsegym workload llm`: one prefill or decode pass of an LLM configuration
/// as a workload CSV (docs/references.md §10).
struct LLMWorkloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm",
        abstract: "Write the workload CSV of one LLM prefill or decode pass.",
        discussion: """
            The configuration is a flat YAML file as under environments/llm/. Per block: q_proj, kv_proj \
            (KV-cache write), attn_score and attn_value (BMM per K/V head group, KV-cache read; the score \
            carries the softmax), attn_out, the MLP or the router and experts; then lm_head.
            """)

    @Option(help: "LLM configuration (.yaml), e.g. environments/llm/llama3-8b.yaml.")
    var config: String

    @Option(help: "prefill or decode.")
    var phase: String

    @Option(help: "Sequences processed together (1...4096).")
    var batch: Int = 1

    @Option(help: "New tokens per sequence: the prompt length of a prefill; 1 for a decode step (1...131072).")
    var sequence: Int?

    @Option(help: "Tokens already in the KV cache of each sequence (0...1048576).")
    var context: Int = 0

    @Option(help: "Write the CSV here instead of stdout.")
    var output: String?

    func run() throws {
        let text = try csv()
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// The CSV text, with a comment naming how it was made.
    func csv() throws -> String {
        guard let p = LLMWorkload.Phase(rawValue: phase) else {
            throw SpecError(key: "--phase", "'\(phase)' is not allowed; allowed: prefill, decode")
        }
        func check(_ value: Int, _ range: ClosedRange<Int>, _ flag: String) throws {
            guard range.contains(value) else {
                throw SpecError(key: flag, "\(value) is not allowed; allowed: \(range.lowerBound)...\(range.upperBound)")
            }
        }
        guard let sequence = sequence ?? (p == .decode ? 1 : nil) else {
            throw SpecError(key: "--sequence", "missing: the prompt length of a prefill; allowed: 1...\(Workload.llmSequenceRange.upperBound)")
        }
        try check(batch, Workload.llmBatchRange, "--batch")
        try check(sequence, Workload.llmSequenceRange, "--sequence")
        try check(context, Workload.llmContextRange, "--context")
        let model = try LLMConfig.load(config)
        let pass = LLMWorkload(config: model, phase: p, batch: batch, sequence: sequence, context: context)
        let workload = try pass.validated(file: config, key: "--batch")
        return workload.csv(comments: [
            "\(model.name) \(p.rawValue): batch \(batch), \(sequence) new token(s) per sequence, \(context) cached (dsegym workload llm --config \(config) --phase \(p.rawValue) --batch \(batch) --sequence \(sequence) --context \(context)).",
            "Extended workload CSV (docs/references.md §10): BMM rows are batch x (N x C times C x K); vector_ops = softmax/norm element operations; kv_cache = read/write.",
            "MACs \(workload.macs); parameters \(model.totalParameters) total, \(model.activeParameters) active; KV cache \(model.kvCacheElementsPerToken) elements per token.",
        ])
    }
}
