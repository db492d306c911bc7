import Foundation
import Testing
@testable import GymWorkloads
import GymTesting
import GymCore

/// The shipped LLM configurations against their published parameter counts,
/// and the MACs and KV-cache bytes of their prefill and decode passes,
/// derived by hand from the architecture numbers (docs/references.md §10).
struct LLMWorkloadTests {
    static func config(_ name: String) throws -> LLMConfig {
        try LLMConfig.load(Fixtures.environments + "/llm/\(name).yaml")
    }

    static func within(_ value: Int, _ published: Double, _ tolerance: Double = 0.01) -> Bool {
        abs(Double(value) - published) / published <= tolerance
    }

    // MARK: Parameters

    @Test func gpt2SmallHasItsPublished124MParameters() throws {
        // wte 50257·768 + wpe 1024·768 = 39,383,808; per block: c_attn 768·2304 + 2304,
        // c_proj 768·768 + 768, c_fc 768·3072 + 3072, mlp c_proj 3072·768 + 768, two
        // LayerNorms 4·768 = 7,087,872; ×12 = 85,054,464; ln_f 1,536; LM head tied.
        let c = try Self.config("gpt2-small")
        #expect(c.totalParameters == 39_383_808 + 85_054_464 + 1_536)
        #expect(c.totalParameters == 124_439_808)
        #expect(Self.within(c.totalParameters, 124e6))
        #expect(c.activeParameters == c.totalParameters)
    }

    @Test func llama3EightBHasItsPublished8Point03BParameters() throws {
        // Embedding and LM head 2 · 128256·4096 = 1,050,673,152; per block q 4096², k and v
        // 4096·1024 each, o 4096², MLP 3·4096·14336 = 176,160,768, norms 2·4096
        // = 218,112,000; ×32 = 6,979,584,000; final norm 4096.
        let c = try Self.config("llama3-8b")
        #expect(c.totalParameters == 1_050_673_152 + 6_979_584_000 + 4_096)
        #expect(c.totalParameters == 8_030_261_248)
        #expect(Self.within(c.totalParameters, 8.03e9))
    }

    @Test func mixtralHasItsPublishedTotalAndActiveParameters() throws {
        // Per block: attention 2·4096² + 2·4096·1024 = 41,943,040; 8 experts ×
        // 176,160,768; router 4096·8 = 32,768; norms 8,192. Embedding and head
        // 2 · 32000·4096 = 262,144,000; final norm 4,096.
        let c = try Self.config("mixtral-8x7b")
        let block = 41_943_040 + 8 * 176_160_768 + 32_768 + 8_192
        #expect(c.totalParameters == 262_144_000 + 4_096 + 32 * block)
        #expect(c.totalParameters == 46_702_792_704)
        #expect(Self.within(c.totalParameters, 46.7e9))
        // Active: 2 of 8 experts per token.
        let active = 262_144_000 + 4_096 + 32 * (41_943_040 + 2 * 176_160_768 + 32_768 + 8_192)
        #expect(c.activeParameters == active)
        #expect(active == 12_879_925_248)
        #expect(Self.within(c.activeParameters, 12.9e9))
    }

    // MARK: MACs per token

    /// MACs of one decode step per token = the matrix weights a token meets
    /// (active parameters minus the embedding lookup, norms, biases and the
    /// unused experts) + attention, 2 · layers · heads · head_size · keys.
    static func decodeMACs(_ c: LLMConfig, context: Int) -> (weights: Int, attention: Int) {
        let weightMACs = c.activeParameters - c.embeddingParameters - (2 * c.layers + 1) * c.normParameters
            - (c.bias ? c.layers * (c.heads * c.headSize + 2 * c.kvHeads * c.headSize + c.hidden + (c.mlp == .gated ? 2 * c.mlpSize : c.mlpSize) + c.hidden) : 0)
            + (c.tiedEmbeddings ? c.vocabulary * c.hidden : 0)
        return (weightMACs, 2 * c.layers * c.heads * c.headSize * (context + 1))
    }

    @Test func decodeMACsPerTokenFollowTheParameters() throws {
        // Hand figures per token: GPT-2 12·(768·768 + 768·1536 + 768·768 + 2·768·3072)
        // + 768·50257 = 123,532,032; Llama-3-8B 32·218,103,808 + 4096·128256 =
        // 7,504,658,432; Mixtral 32·(41,943,040 + 2·176,160,768 + 32,768) + 4096·32000 =
        // 12,748,587,008 (each within 1% of parameters minus the embedding lookup).
        for (name, weights) in [("gpt2-small", 123_532_032), ("llama3-8b", 7_504_658_432), ("mixtral-8x7b", 12_748_587_008)] {
            let c = try Self.config(name)
            #expect(Self.decodeMACs(c, context: 0).weights == weights, "\(name)")
            for (batch, context) in [(1, 0), (1, 4096), (8, 4096)] {
                let w = LLMWorkload(config: c, phase: .decode, batch: batch, sequence: 1, context: context).workload
                let (mw, ma) = Self.decodeMACs(c, context: context)
                #expect(w.macs == batch * (mw + ma), "\(name) batch \(batch) context \(context)")
            }
            #expect(Self.within(weights, Double(c.activeParameters - c.embeddingParameters + (c.tiedEmbeddings ? c.vocabulary * c.hidden : 0))))
        }
    }

    @Test func gpt2DecodeMatchesTheShippedGEMMTable() throws {
        // gpt2_decode.csv attends over 1024 positions, the new one included: context 1023.
        let w = LLMWorkload(config: try Self.config("gpt2-small"), phase: .decode, batch: 1, sequence: 1, context: 1023).workload
        #expect(w.macs == 142_406_400)
        #expect(w.macs == (try Fixtures.workload("gpt2_decode")).macs)
    }

    @Test func prefillMACsAreTokensTimesWeightsPlusDenseAttention() throws {
        // Batch 2 × 512 tokens, no context: every block's GEMMs once per token,
        // attention 2 · heads · head_size · 512 · 512 per sequence and block, and
        // the LM head only for the last token of each sequence.
        let c = try Self.config("llama3-8b")
        let w = LLMWorkload(config: c, phase: .prefill, batch: 2, sequence: 512).workload
        let perToken = 32 * 218_103_808
        let attention = 2 * 32 * 2 * 32 * 128 * 512 * 512
        #expect(w.macs == 2 * 512 * perToken + attention + 2 * 4096 * 128_256)
        // Mixtral prefill: 1024 tokens × 2 = 2048 assignments, 256 per expert.
        let m = LLMWorkload(config: try Self.config("mixtral-8x7b"), phase: .prefill, batch: 1, sequence: 1024).workload
        let mixBlock = 1024 * (41_943_040 + 32_768) + 2048 * 176_160_768 + 2 * 32 * 128 * 1024 * 1024
        #expect(m.macs == 32 * mixBlock + 4096 * 32_000)
    }

    // MARK: KV cache

    @Test func kvCacheBytesPerTokenAreTwoLayersKVHeadsHeadSize() throws {
        // bf16 (2 bytes): GPT-2 2·12·12·64·2 = 36,864 B; Llama-3-8B and Mixtral
        // 2·32·8·128·2 = 131,072 B (128 KiB) per token.
        for (name, bytes) in [("gpt2-small", 36_864), ("llama3-8b", 131_072), ("mixtral-8x7b", 131_072)] {
            let c = try Self.config(name)
            #expect(c.kvCacheElementsPerToken * 2 == bytes)
            for phase in LLMWorkload.Phase.allCases {
                let pass = LLMWorkload(config: c, phase: phase, batch: 4, sequence: phase == .prefill ? 64 : 1, context: 100)
                let w = pass.workload
                // Written: the new tokens' K and V, once.
                let written = w.layers.filter { $0.kvCache == .write }.reduce(0) { $0 + $1.outputElements }
                #expect(written * 2 == bytes * pass.tokens, "\(name) \(phase)")
                // Read: every key and value of context + new tokens, per sequence.
                let read = w.layers.filter { $0.kvCache == .read }.reduce(0) { $0 + $1.weightElements }
                #expect(read * 2 == bytes * 4 * (100 + pass.sequence), "\(name) \(phase)")
            }
        }
    }

    // MARK: Layers and rounding

    @Test func expertSharesSplitAssignmentsExactly() {
        // 3 tokens × top-2 = 6 assignments: 6 experts with one token each.
        #expect(LLMWorkload.expertShares(tokens: 3, experts: 8, topK: 2).map { [$0.experts, $0.tokens] } == [[6, 1]])
        // 5 × 2 = 10 over 8 experts: two get 2 tokens, six get 1.
        #expect(LLMWorkload.expertShares(tokens: 5, experts: 8, topK: 2).map { [$0.experts, $0.tokens] } == [[2, 2], [6, 1]])
        #expect(LLMWorkload.expertShares(tokens: 8, experts: 8, topK: 2).map { [$0.experts, $0.tokens] } == [[8, 2]])
    }

    @Test func gqaFoldsTheQueryHeadsOfAGroupIntoRows() throws {
        let w = LLMWorkload(config: try Self.config("llama3-8b"), phase: .decode, batch: 8, sequence: 1, context: 4096).workload
        let score = try #require(w.layers.first { $0.name == "l0_attn_score" })
        // batch 8 sequences × 8 K/V heads; 4 query heads × 1 token share each K operand.
        #expect(score.type == .bmm && score.batch == 64 && score.n == 4 && score.c == 128 && score.k == 4097)
        #expect(score.vectorOps == 5 * 8 * 32 * 4097)
        let value = try #require(w.layers.first { $0.name == "l0_attn_value" })
        #expect(value.batch == 64 && value.n == 4 && value.c == 4097 && value.k == 128)
        #expect(w.layers.count == 32 * 8 + 1)
    }

    // MARK: CSV

    @Test func csvRoundTripsAndOldFilesReadAsBefore() throws {
        let w = LLMWorkload(config: try Self.config("mixtral-8x7b"), phase: .decode, batch: 3, sequence: 1, context: 10).workload
        let back = try Workload.parse(w.csv(comments: ["test"]), name: w.name)
        #expect(back == w)
        #expect(back.fingerprint == w.fingerprint)
        // An 11-column workload keeps its digest: the extended columns are not hashed when unset.
        let old = try Workload.parse("name,type,N,K,C,R,S,Y,X,stride,groups\nfc,GEMM,1,10,20,1,1,1,1,1,1\n", name: "t")
        let extended = try Workload.parse(Workload.extendedHeader.joined(separator: ",") + "\nfc,GEMM,1,10,20,1,1,1,1,1,1,1,0,-\n", name: "t")
        #expect(old.fingerprint == extended.fingerprint)
    }

    @Test func shippedDecodeCSVIsWhatTheGeneratorWrites() throws {
        let shipped = try Fixtures.workload("llama3-8b-decode-b8-c4096")
        let generated = LLMWorkload(config: try Self.config("llama3-8b"), phase: .decode, batch: 8, sequence: 1, context: 4096).workload
        #expect(shipped.layers == generated.layers)
    }

    @Test func badRowsNameTheirColumn() throws {
        let header = Workload.extendedHeader.joined(separator: ",") + "\n"
        let kv = #expect(throws: SpecError.self) { try Workload.parse(header + "a,BMM,2,3,4,1,1,1,1,1,1,2,0,maybe\n", name: "t", file: "t.csv") }
        #expect(kv?.key == "line 2 column kv_cache")
        let batch = #expect(throws: SpecError.self) { try Workload.parse(header + "a,GEMM,2,3,4,1,1,1,1,1,1,2,0,-\n", name: "t", file: "t.csv") }
        #expect(batch?.message.contains("only allowed on BMM") == true)
        let bmm = #expect(throws: SpecError.self) { try Workload.parse(header + "a,BMM,2,3,4,3,1,3,1,1,1,2,0,-\n", name: "t", file: "t.csv") }
        #expect(bmm?.message.contains("BMM needs") == true)
    }

    @Test func bmmCountsEveryTensorPerBatchElement() {
        let l = Layer.bmm("b", batch: 3, rows: 2, inner: 5, columns: 7)
        #expect(l.macs == 3 * 2 * 5 * 7)
        #expect(l.inputElements == 3 * 2 * 5 && l.weightElements == 3 * 5 * 7 && l.outputElements == 3 * 2 * 7)
        #expect(l.problem == nil)
    }

    // MARK: Configuration and spec errors

    @Test func configErrorsNameFileAndKey() {
        let base = "layers: 2\nhidden: 64\nheads: 4\nhead_size: 16\nmlp_size: 128\nmlp: gated\nvocabulary: 100\n"
        #expect(throws: Never.self) { try LLMConfig.parse(base, file: "c.yaml") }
        let kv = #expect(throws: SpecError.self) { try LLMConfig.parse(base + "kv_heads: 3\n", file: "c.yaml") }
        #expect(kv?.key == "kv_heads" && kv?.file == "c.yaml")
        let unknown = #expect(throws: SpecError.self) { try LLMConfig.parse(base + "dropout: 0.1\n", file: "c.yaml") }
        #expect(unknown?.key == "dropout")
        let topK = #expect(throws: SpecError.self) { try LLMConfig.parse(base + "experts: 4\ntop_k: 5\n", file: "c.yaml") }
        #expect(topK?.message.contains("1...4") == true)
        let mlp = #expect(throws: SpecError.self) { try LLMConfig.parse(base.replacingOccurrences(of: "mlp: gated", with: "mlp: swish"), file: "c.yaml") }
        #expect(mlp?.key == "mlp")
    }

    static func spec(_ values: [String: SpecValue]) -> SpecObject {
        SpecObject(values, file: "s.yaml", path: "settings", baseDirectory: Fixtures.environments)
    }

    @Test func specsNameAConfigDirectly() throws {
        let w = try Workload.load(settings: Self.spec(["workload": .string("llm/llama3-8b.yaml"), "llm_phase": .string("decode"),
                                                       "llm_batch": .number(8), "llm_context": .number(4096)]), default: "resnet50")
        #expect(w.name == "llama3-8b-decode-b8-s1-c4096")
        #expect(w.layers == (try Fixtures.workload("llama3-8b-decode-b8-c4096")).layers)
        let phase = #expect(throws: SpecError.self) {
            try Workload.load(settings: Self.spec(["workload": .string("llm/llama3-8b.yaml")]), default: "resnet50")
        }
        #expect(phase?.key == "settings.llm_phase" && phase?.file == "s.yaml")
        let batch = #expect(throws: SpecError.self) {
            try Workload.load(settings: Self.spec(["workload": .string("llm/llama3-8b.yaml"), "llm_phase": .string("decode"),
                                                   "llm_batch": .number(0)]), default: "resnet50")
        }
        #expect(batch?.key == "settings.llm_batch" && batch?.message.contains("1...4096") == true)
        let sequence = #expect(throws: SpecError.self) {
            try Workload.load(settings: Self.spec(["workload": .string("llm/llama3-8b.yaml"), "llm_phase": .string("prefill")]), default: "resnet50")
        }
        #expect(sequence?.key == "settings.llm_sequence")
        let stray = #expect(throws: SpecError.self) {
            try Workload.load(settings: Self.spec(["workload": .string("resnet50"), "llm_batch": .number(2)]), default: "resnet50")
        }
        #expect(stray?.key == "settings.llm_batch")
        let huge = #expect(throws: SpecError.self) {
            try Workload.load(settings: Self.spec(["workload": .string("llm/llama3-8b.yaml"), "llm_phase": .string("prefill"),
                                                   "llm_batch": .number(4096), "llm_sequence": .number(131_072)]), default: "resnet50")
        }
        #expect(huge?.message.contains("too large") == true)
    }
}
