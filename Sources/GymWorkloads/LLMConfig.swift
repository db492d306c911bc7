import Foundation
import GymCore

/// The public architecture numbers of a decoder-only transformer, read from a
/// flat YAML file (one `key: value` per line, `#` comments), as shipped under
/// `environments/llm/` (docs/references.md §10):
///
///     name: llama3-8b
///     layers: 32
///     hidden: 4096
///     heads: 32
///     kv_heads: 8          # grouped-query attention: 4 query heads per K/V head
///     head_size: 128
///     mlp_size: 14336
///     mlp: gated           # gated (SwiGLU: gate, up, down) or plain (fc, proj)
///     vocabulary: 128256
///     experts: 1           # > 1: mixture of experts, each token routed to top_k
///     top_k: 1
///
/// Optional keys only change the parameter count (not the work): `norm`
/// (rmsnorm or layernorm), `bias` (projections carry biases),
/// `tied_embeddings` (the LM head reuses the embedding), `position_embeddings`
/// (learned positions; 0 for rotary).
public struct LLMConfig: Sendable, Hashable {
    public enum MLPKind: String, Sendable, Hashable, CaseIterable { case gated, plain }
    public enum NormKind: String, Sendable, Hashable, CaseIterable { case rmsnorm, layernorm }

    public var name: String
    public var layers: Int
    public var hidden: Int
    public var heads: Int
    public var kvHeads: Int
    public var headSize: Int
    public var mlpSize: Int
    public var mlp: MLPKind
    public var vocabulary: Int
    public var experts: Int
    public var topK: Int
    public var norm: NormKind
    public var bias: Bool
    public var tiedEmbeddings: Bool
    public var positionEmbeddings: Int

    public init(name: String, layers: Int, hidden: Int, heads: Int, kvHeads: Int, headSize: Int, mlpSize: Int,
                mlp: MLPKind, vocabulary: Int, experts: Int = 1, topK: Int = 1, norm: NormKind = .rmsnorm,
                bias: Bool = false, tiedEmbeddings: Bool = false, positionEmbeddings: Int = 0) {
        self.name = name
        self.layers = layers
        self.hidden = hidden
        self.heads = heads
        self.kvHeads = kvHeads
        self.headSize = headSize
        self.mlpSize = mlpSize
        self.mlp = mlp
        self.vocabulary = vocabulary
        self.experts = experts
        self.topK = topK
        self.norm = norm
        self.bias = bias
        self.tiedEmbeddings = tiedEmbeddings
        self.positionEmbeddings = positionEmbeddings
    }

    /// Query heads sharing one K/V head.
    public var groupSize: Int { heads / kvHeads }
    public var isMixtureOfExperts: Bool { experts > 1 }

    // MARK: Parameters (docs/references.md §10)

    /// Weights of one expert's (or the dense) MLP: 3·h·f gated, 2·h·f plain (+ biases).
    public var mlpParameters: Int {
        mlp == .gated ? 3 * hidden * mlpSize + (bias ? 2 * mlpSize + hidden : 0)
                      : 2 * hidden * mlpSize + (bias ? mlpSize + hidden : 0)
    }
    /// Q, K, V and output projections of one block (+ biases).
    public var attentionParameters: Int {
        let q = hidden * heads * headSize, kv = 2 * hidden * kvHeads * headSize, o = heads * headSize * hidden
        return q + kv + o + (bias ? heads * headSize + 2 * kvHeads * headSize + hidden : 0)
    }
    /// Gains (and biases for LayerNorm) of one normalisation.
    public var normParameters: Int { norm == .layernorm ? 2 * hidden : hidden }
    public var routerParameters: Int { isMixtureOfExperts ? hidden * experts : 0 }
    public var embeddingParameters: Int { vocabulary * hidden + positionEmbeddings * hidden }
    public var lmHeadParameters: Int { tiedEmbeddings ? 0 : vocabulary * hidden }

    /// Every parameter: embeddings, blocks (two norms each), final norm, LM head.
    public var totalParameters: Int {
        embeddingParameters + lmHeadParameters + normParameters
            + layers * (attentionParameters + experts * mlpParameters + routerParameters + 2 * normParameters)
    }

    /// Parameters one token uses: the MLP of its `top_k` experts only.
    public var activeParameters: Int {
        totalParameters - layers * (experts - topK) * mlpParameters
    }

    /// K and V elements one token adds to the cache: 2 · layers · kv_heads · head_size.
    public var kvCacheElementsPerToken: Int { 2 * layers * kvHeads * headSize }

    // MARK: Reading

    public static let keys = ["name", "layers", "hidden", "heads", "kv_heads", "head_size", "mlp_size", "mlp",
                              "vocabulary", "experts", "top_k", "norm", "bias", "tied_embeddings", "position_embeddings"]

    /// Reads the file at `path`; errors name the file and key.
    public static func load(_ path: String) throws -> LLMConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SpecError(file: path, "cannot read the LLM configuration \(path)")
        }
        let fallback = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(text, file: path, defaultName: fallback)
    }

    /// Parses the flat YAML form; every value is bounded.
    public static func parse(_ text: String, file: String? = nil, defaultName: String = "llm") throws -> LLMConfig {
        var values: [String: String] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed == "---" { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw SpecError(file: file, key: "line \(number + 1)", "expected 'key: value' (a flat mapping); allowed keys: \(keys.joined(separator: ", "))")
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
            guard keys.contains(key) else {
                throw SpecError(file: file, key: key, "unknown key; allowed: \(keys.joined(separator: ", "))")
            }
            guard values[key] == nil else { throw SpecError(file: file, key: key, "given twice") }
            values[key] = value
        }
        func int(_ key: String, _ range: ClosedRange<Int>, default d: Int? = nil) throws -> Int {
            guard let text = values[key] else {
                if let d { return d }
                throw SpecError(file: file, key: key, "missing; allowed: \(range.lowerBound)...\(range.upperBound)")
            }
            guard let v = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(v) else {
                throw SpecError(file: file, key: key, "'\(text)' is not allowed; allowed: an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return v
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, default d: T) throws -> T where T.RawValue == String {
            guard let text = values[key] else { return d }
            guard let v = T(rawValue: text) else {
                throw SpecError(file: file, key: key, "'\(text)' is not allowed; allowed: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return v
        }
        func bool(_ key: String) throws -> Bool {
            guard let text = values[key] else { return false }
            guard let v = ["true": true, "false": false][text] else {
                throw SpecError(file: file, key: key, "'\(text)' is not allowed; allowed: true, false")
            }
            return v
        }
        let heads = try int("heads", 1...16384)
        let kvHeads = try int("kv_heads", 1...heads, default: heads)
        guard heads % kvHeads == 0 else {
            throw SpecError(file: file, key: "kv_heads", "\(kvHeads) does not divide heads = \(heads); allowed: a divisor of heads")
        }
        let experts = try int("experts", 1...1024, default: 1)
        guard let mlp = MLPKind(rawValue: values["mlp"] ?? "") else {
            throw SpecError(file: file, key: "mlp", values["mlp"] == nil ? "missing; allowed: gated, plain" : "'\(values["mlp"]!)' is not allowed; allowed: gated, plain")
        }
        return LLMConfig(
            name: values["name"] ?? defaultName, layers: try int("layers", 1...1024), hidden: try int("hidden", 1...1 << 20),
            heads: heads, kvHeads: kvHeads, headSize: try int("head_size", 1...16384), mlpSize: try int("mlp_size", 1...1 << 22),
            mlp: mlp, vocabulary: try int("vocabulary", 1...1 << 24), experts: experts,
            topK: try int("top_k", 1...experts, default: 1), norm: try choice("norm", default: NormKind.rmsnorm),
            bias: try bool("bias"), tiedEmbeddings: try bool("tied_embeddings"),
            positionEmbeddings: try int("position_embeddings", 0...1 << 24, default: 0))
    }
}
