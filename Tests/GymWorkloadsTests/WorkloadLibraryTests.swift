import Foundation
import Testing
@testable import GymWorkloads
import GymTesting
import GymCore

/// The shipped workloads have exactly the MACs their published architectures
/// imply. Expected totals are written out from the architecture tables (not
/// read from the CSVs), one term per layer group: K·C·R·S·Y'·X'.
struct WorkloadLibraryTests {
    static let folder = Fixtures.environments

    static func load(_ name: String) throws -> Workload { try Fixtures.workload(name) }

    @Test func alexNetHasItsPublishedMACs() throws {
        // Single tower (no groups): conv1 96·3·11²·55², conv2 256·96·5²·27², conv3-5 on 13², fc6-8.
        let expected = 96 * 3 * 121 * 55 * 55 + 256 * 96 * 25 * 27 * 27
            + (384 * 256 + 384 * 384 + 256 * 384) * 9 * 13 * 13
            + 9216 * 4096 + 4096 * 4096 + 4096 * 1000
        #expect(try Self.load("alexnet").macs == expected)
        #expect(expected == 1_135_256_096)
    }

    @Test func vgg16HasItsPublishedMACs() throws {
        // 3x3 convs: 224² (3→64, 64→64), 112² (64→128, 128→128), 56² (128→256, 2× 256→256),
        // 28² (256→512, 2× 512→512), 14² (3× 512→512); FCs 25088→4096→4096→1000. ≈ 15.47 G.
        let expected = 224 * 224 * 9 * (3 * 64 + 64 * 64) + 112 * 112 * 9 * (64 * 128 + 128 * 128)
            + 56 * 56 * 9 * (128 * 256 + 2 * 256 * 256) + 28 * 28 * 9 * (256 * 512 + 2 * 512 * 512)
            + 14 * 14 * 9 * (3 * 512 * 512) + 25088 * 4096 + 4096 * 4096 + 4096 * 1000
        #expect(try Self.load("vgg16").macs == expected)
        #expect(expected == 15_470_264_320)
    }

    @Test func resnet18HasItsPublishedMACs() throws {
        // conv1 64·3·7²·112²; stage 2: 4 convs 64→64 3x3 at 56²; stages 3-5: a stride-2 3x3,
        // three 3x3 at the new size, and a stride-2 1x1 downsample. ≈ 1.81 G.
        let conv1 = 64 * 3 * 49 * 112 * 112
        let stage2 = 4 * 64 * 64 * 9 * 56 * 56
        let stage3 = (128 * 64 * 9 + 3 * 128 * 128 * 9 + 64 * 128) * 28 * 28
        let stage4 = (256 * 128 * 9 + 3 * 256 * 256 * 9 + 128 * 256) * 14 * 14
        let stage5 = (512 * 256 * 9 + 3 * 512 * 512 * 9 + 256 * 512) * 7 * 7
        let expected = conv1 + stage2 + stage3 + stage4 + stage5 + 512 * 1000
        #expect(try Self.load("resnet18").macs == expected)
        #expect(expected == 1_814_073_344)
    }

    @Test func resnet50HasItsPublishedFourPointOneGMACs() throws {
        // Bottlenecks (1x1 a, 3x3 b, 1x1 c; stride in b; downsample on each stage's first block).
        let conv1 = 64 * 3 * 49 * 112 * 112                                          // 118,013,952
        let stage2 = 56 * 56 * (64 * 64 + 2 * 256 * 64 + 3 * 64 * 64 * 9 + 3 * 64 * 256 + 64 * 256)  // 667,942,912
        let stage3 = 256 * 128 * 56 * 56                                            // first a at 56²
            + 28 * 28 * (4 * 128 * 128 * 9 + 4 * 128 * 512 + 256 * 512 + 3 * 512 * 128)  // 1,027,604,480 in all
        let stage4 = 512 * 256 * 28 * 28
            + 14 * 14 * (6 * 256 * 256 * 9 + 6 * 256 * 1024 + 512 * 1024 + 5 * 1024 * 256)  // 1,464,336,384
        let stage5 = 1024 * 512 * 14 * 14
            + 7 * 7 * (3 * 512 * 512 * 9 + 3 * 512 * 2048 + 1024 * 2048 + 2 * 2048 * 512)  // 809,238,528
        let expected = conv1 + stage2 + stage3 + stage4 + stage5 + 2048 * 1000
        #expect(try Self.load("resnet50").macs == expected)
        #expect(expected == 4_089_184_256)
    }

    @Test func mobileNetV2HasItsPublishedMACs() throws {
        // Sandler et al. Table 2: (expansion t, channels c, repeats n, stride s); each block
        // is expand 1x1 (t ≠ 1), depthwise 3x3, project 1x1. ≈ 300 M.
        var size = 112, channels = 32
        var expected = 32 * 3 * 9 * 112 * 112
        for (t, c, n, s) in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)] {
            for i in 0..<n {
                let hidden = channels * t
                if t != 1 { expected += hidden * channels * size * size }
                if i == 0 && s == 2 { size /= 2 }
                expected += hidden * 9 * size * size + c * hidden * size * size
                channels = c
            }
        }
        expected += 1280 * 320 * 7 * 7 + 1280 * 1000
        #expect(try Self.load("mobilenetv2").macs == expected)
        #expect(expected == 300_774_272)
    }

    @Test func bertBaseLayerAtSequence512HasItsGEMMMACs() throws {
        // QKV 512·768·2304, scores 12 heads · 512·512·64, P·V the same, output 512·768², FFN 2 · 512·768·3072.
        let expected = 512 * 768 * 2304 + 2 * (12 * 512 * 512 * 64) + 512 * 768 * 768 + 2 * 512 * 768 * 3072
        #expect(try Self.load("bert_base_layer").macs == expected)
        #expect(expected == 4_026_531_840)
    }

    @Test func gpt2DecodeStepHasItsGEMVMACs() throws {
        // Per layer: QKV 768·2304, scores 12·64·1024, P·V 12·1024·64, out 768², MLP 2·768·3072; LM head 768·50257.
        let expected = 12 * (768 * 2304 + 12 * 64 * 1024 + 12 * 1024 * 64 + 768 * 768 + 2 * 768 * 3072) + 768 * 50257
        #expect(try Self.load("gpt2_decode").macs == expected)
        #expect(expected == 142_406_400)
    }

    @Test func everyShippedWorkloadParsesWithValidLayers() throws {
        for name in ["alexnet", "vgg16", "resnet18", "resnet50", "mobilenetv2", "bert_base_layer", "gpt2_decode"] {
            let w = try Self.load(name)
            #expect(!w.layers.isEmpty)
            #expect(w.layers.allSatisfy { $0.problem == nil })
        }
    }
}

/// Sizes that would overflow the models' arithmetic are rejected at load time,
/// naming the line and the layer.
struct WorkloadBoundsTests {
    static let header = "name,type,N,K,C,R,S,Y,X,stride,groups\n"

    @Test func aDimensionAboveTheLimitIsRejected() throws {
        let error = #expect(throws: SpecError.self) {
            try Workload.parse(Self.header + "big,CONV,1,1000000000000000000,3,3,3,224,224,1,1\n", name: "t", file: "t.csv")
        }
        #expect(error?.key == "line 2 layer big")
        #expect(error?.message.contains("\(Layer.maxDimension)") == true)
    }

    @Test func aLayerWhoseMACsOverflowIsRejectedWithoutTrapping() throws {
        // Every dimension is allowed, but the MAC count is about 2^64.
        let error = #expect(throws: SpecError.self) {
            try Workload.parse(Self.header + "big,CONV,64,16000000,16000000,3,3,224,224,1,1\n", name: "t", file: "t.csv")
        }
        #expect(error?.message.contains("MACs above") == true)
    }

    @Test func aLayerJustUnderTheLimitLoads() throws {
        let w = try Workload.parse(Self.header + "huge,CONV,1,4096,4096,3,3,1026,1026,1,1\n", name: "t", file: "t.csv")
        #expect(w.layers[0].macs == 4096 * 4096 * 9 * 1024 * 1024)
        #expect(w.layers[0].macs < Layer.maxCount)
    }
}
