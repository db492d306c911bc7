import Foundation
import GymCore
import Testing
import GymCampaign
import GymTesting
@testable import GymAccelerator

/// What bounds a design on LLM inference (docs/references.md §10): on the
/// default design of `accelerator-llama3-8b-prefill.yaml` (256 PEs, tpu_ws,
/// 32 elements/cycle off chip) a prefill is compute-bound and a decode step
/// memory-bound, and the metrics say so.
struct AcceleratorLLMBoundTests {
    static let spec = Fixtures.environments + "/accelerator-llama3-8b-prefill.yaml"

    static func metrics(_ sets: [String] = []) throws -> Metrics {
        let loader = try EnvironmentLoader(path: spec, sets: sets)
        return try loader.environment.evaluate(loader.configuration)
    }

    @Test func prefillIsComputeBound() throws {
        let m = try Self.metrics()
        #expect(m.feasible)
        let share = try #require(m["memory_bound_share"])
        #expect(share < 0.5)
        #expect(try #require(m["compute_cycles"]) > (try #require(m["memory_cycles"])))
        // A 1024-token prompt: K and V of 1024 tokens written once (65,536
        // elements per token at 1 byte), and read once by the attention BMMs.
        #expect(m["kv_cache_write_B"] == Double(1024 * 65_536))
        #expect(try #require(m["kv_cache_read_B"]) >= Double(1024 * 65_536))
    }

    @Test func decodeIsMemoryBound() throws {
        // Batch 8 at 4096 cached tokens: every weight read for 8 MACs, the whole
        // cache (8 · 4097 · 65,536 elements) streamed once per step.
        let m = try Self.metrics(["llm_phase=decode", "llm_batch=8", "llm_sequence=1", "llm_context=4096"])
        #expect(m.feasible)
        #expect(try #require(m["memory_bound_share"]) > 0.5)
        #expect(try #require(m["memory_cycles"]) > (try #require(m["compute_cycles"])))
        #expect(m["kv_cache_write_B"] == Double(8 * 65_536))
        #expect(try #require(m["kv_cache_read_B"]) >= Double(8 * 4097 * 65_536))
    }

    @Test func theShippedDecodeCSVGivesTheSameFigures() throws {
        let fromConfig = try Self.metrics(["llm_phase=decode", "llm_batch=8", "llm_sequence=1", "llm_context=4096"])
        let env = try AcceleratorEnvironmentTests.make("accelerator", ["workload": .string("llama3-8b-decode-b8-c4096")])
        let loader = try EnvironmentLoader(path: Self.spec)
        let fromCSV = try env.evaluate(loader.configuration)
        #expect(fromCSV["latency_cycles"] == fromConfig["latency_cycles"])
        #expect(fromCSV["memory_bound_share"] == fromConfig["memory_bound_share"])
    }

    /// Unlimited off-chip bandwidth removes the memory bound altogether.
    @Test func unlimitedOffchipIsNeverMemoryBound() throws {
        let env = try AcceleratorEnvironmentTests.make("accelerator", ["workload": .string("llama3-8b-decode-b8-c4096"),
                                                                       "offchip_bw": .string("unlimited")])
        let m = try env.evaluate(env.designSpace.defaultConfiguration)
        #expect(m["memory_bound_share"] == 0 && m["memory_cycles"] == 0)
    }
}
