import GymCore

/// One inference pass of an `LLMConfig` as a workload (docs/references.md §10).
///
/// `batch` sequences each process `sequence` new tokens (prefill: the prompt;
/// decode: usually 1) after `context` tokens already in the KV cache, so
/// attention covers `context + sequence` keys. Per block, with T = batch ·
/// sequence token rows and g = heads / kv_heads:
///
/// - `q_proj` GEMM T × hidden → heads·head_size (carries the attention norm);
/// - `kv_proj` GEMM T × hidden → 2·kv_heads·head_size, `kv_cache: write`;
/// - `attn_score` BMM, batch·kv_heads × (g·sequence × head_size · head_size ×
///   keys): the g query heads of a group share their K operand, so they are
///   rows of one GEMM, and the batch dimension runs over sequences × K/V heads;
///   carries the softmax; `kv_cache: read`;
/// - `attn_value` BMM, batch·kv_heads × (g·sequence × keys · keys × head_size), `read`;
/// - `attn_out` GEMM T × heads·head_size → hidden;
/// - MLP: gated `mlp_gate`, `mlp_up`, `mlp_down`, plain `mlp_fc`, `mlp_proj`
///   (the first carries the MLP norm); with experts, a `router` GEMM and the
///   experts as BMMs over experts (see `expertShares`);
///
/// then `lm_head` T' × hidden → vocabulary with the final norm, where T' =
/// batch in prefill (only the last position's logits are needed) and T in
/// decode. Attention is dense: causal masking is not exploited.
public struct LLMWorkload: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable, CaseIterable { case prefill, decode }

    public var config: LLMConfig
    public var phase: Phase
    public var batch: Int
    public var sequence: Int
    public var context: Int

    public init(config: LLMConfig, phase: Phase, batch: Int, sequence: Int, context: Int = 0) {
        self.config = config
        self.phase = phase
        self.batch = batch
        self.sequence = sequence
        self.context = context
    }

    /// Vector operations per element (DSEGym's costs, docs/references.md §10):
    /// softmax = max, subtract, exp, sum, scale; RMSNorm = square-accumulate,
    /// scale, gain; LayerNorm = mean, subtract, square-accumulate, scale,
    /// gain-and-bias. Per-row reciprocals and square roots are not counted.
    public static let softmaxOpsPerElement = 5
    public var normOpsPerElement: Int { config.norm == .rmsnorm ? 3 : 5 }

    public var tokens: Int { batch * sequence }
    public var keys: Int { context + sequence }

    /// How `tokens · top_k` routed assignments spread over the experts, as
    /// (experts, tokens each): balanced routing over min(experts, assignments)
    /// active experts, the remainder r giving r of them one token more, so the
    /// expert MACs are exact (docs/references.md §10).
    public static func expertShares(tokens: Int, experts: Int, topK: Int) -> [(experts: Int, tokens: Int)] {
        let assignments = tokens * topK
        let active = min(experts, assignments)
        let each = assignments / active, extra = assignments % active
        return [(extra, each + 1), (active - extra, each)].filter { $0.experts > 0 && $0.tokens > 0 }
    }

    public var name: String { "\(config.name)-\(phase.rawValue)-b\(batch)-s\(sequence)-c\(context)" }

    /// The layers, block by block.
    public var workload: Workload {
        let c = config, t = tokens, g = c.groupSize, d = c.headSize
        let norm = normOpsPerElement
        var layers: [Layer] = []
        for i in 0..<c.layers {
            let p = "l\(i)_"
            var q = Layer.gemm(p + "q_proj", rows: t, inFeatures: c.hidden, outFeatures: c.heads * d)
            q.vectorOps = t * c.hidden * norm
            var kv = Layer.gemm(p + "kv_proj", rows: t, inFeatures: c.hidden, outFeatures: 2 * c.kvHeads * d)
            kv.kvCache = .write
            var score = Layer.bmm(p + "attn_score", batch: batch * c.kvHeads, rows: g * sequence, inner: d, columns: keys)
            score.vectorOps = Self.softmaxOpsPerElement * batch * c.heads * sequence * keys
            score.kvCache = .read
            var value = Layer.bmm(p + "attn_value", batch: batch * c.kvHeads, rows: g * sequence, inner: keys, columns: d)
            value.kvCache = .read
            layers += [q, kv, score, value, .gemm(p + "attn_out", rows: t, inFeatures: c.heads * d, outFeatures: c.hidden)]
            let mlpNorm = t * c.hidden * norm
            if c.isMixtureOfExperts {
                var router = Layer.gemm(p + "router", rows: t, inFeatures: c.hidden, outFeatures: c.experts)
                router.vectorOps = mlpNorm
                layers.append(router)
                for (j, share) in Self.expertShares(tokens: t, experts: c.experts, topK: c.topK).enumerated() {
                    let e = p + "expert\(j == 0 ? "" : "\(j + 1)")_"
                    for (n, inner, out) in mlpShapes(e) {
                        layers.append(.bmm(n, batch: share.experts, rows: share.tokens, inner: inner, columns: out))
                    }
                }
            } else {
                var first = true
                for (n, inner, out) in mlpShapes(p + "mlp_") {
                    var l = Layer.gemm(n, rows: t, inFeatures: inner, outFeatures: out)
                    if first { l.vectorOps = mlpNorm; first = false }
                    layers.append(l)
                }
            }
        }
        let headRows = phase == .prefill ? batch : t
        var head = Layer.gemm("lm_head", rows: headRows, inFeatures: c.hidden, outFeatures: c.vocabulary)
        head.vectorOps = headRows * c.hidden * norm
        layers.append(head)
        return Workload(name: name, layers: layers)
    }

    /// (name, in features, out features) of one MLP.
    private func mlpShapes(_ prefix: String) -> [(String, Int, Int)] {
        let h = config.hidden, f = config.mlpSize
        return config.mlp == .gated
            ? [(prefix + "gate", h, f), (prefix + "up", h, f), (prefix + "down", f, h)]
            : [(prefix + "fc", h, f), (prefix + "proj", f, h)]
    }

    /// The workload, or the first layer too large to model, as an error on `key`.
    public func validated(file: String? = nil, key: String? = nil) throws -> Workload {
        let w = workload
        if let bad = w.layers.first(where: { $0.problem != nil }) {
            throw SpecError(file: file, key: key, "batch \(batch) × sequence \(sequence) with context \(context) makes layer \(bad.name) too large: \(bad.problem!)")
        }
        return w
    }
}
