import GymCore
import Testing
@testable import GymCodesign
@testable import GymAccelerator

/// Task networks generated from choice vectors: layer counts and MACs
/// computed by hand from the architectures' definitions.
struct CoDesignNetworkTests {
    @Test func resnetWithOneBlockPerStageAndSkips_hasTenLayersAndHandCountedMACs() {
        let net = ResNetCIFAR10.workload(.init(filters: [16, 32, 64], blocks: [1, 1, 1], skip: true))
        #expect(net.layers.map(\.name) == ["stem", "s1b1c1", "s1b1c2", "s2b1c1", "s2b1c2", "s2b1proj",
                                           "s3b1c1", "s3b1c2", "s3b1proj", "fc"])
        // K·C·R·S·Y'·X' per layer.
        let expected = [16 * 3 * 9 * 1024,                      // stem 3→16 at 32×32
                        16 * 16 * 9 * 1024, 16 * 16 * 9 * 1024,   // stage 1
                        32 * 16 * 9 * 256, 32 * 32 * 9 * 256,     // stage 2, stride 2 then 16×16
                        32 * 16 * 1 * 256,                        // 1×1 stride-2 projection
                        64 * 32 * 9 * 64, 64 * 64 * 9 * 64, 64 * 32 * 64,
                        64 * 10]                                  // classifier
        #expect(net.layers.map(\.macs) == expected)
        #expect(net.macs == 12_501_632)
    }

    @Test func resnetWithoutSkips_dropsTheProjections() {
        let net = ResNetCIFAR10.workload(.init(filters: [16, 32, 64], blocks: [1, 1, 1], skip: false))
        #expect(net.layers.count == 8)
        #expect(net.macs == 12_501_632 - 2 * 131_072)
    }

    @Test func resnet20_isTwentyTwoLayersAnd40_8MMACs() {
        // ResNet-20: 19 main-path convolutions + 2 projections + the classifier.
        let net = ResNetCIFAR10.workload(.init(filters: [16, 32, 64], blocks: [3, 3, 3], skip: true))
        #expect(net.layers.count == 22)
        let stage1 = 6 * 16 * 16 * 9 * 1024
        let stage2 = 32 * 16 * 9 * 256 + 5 * 32 * 32 * 9 * 256 + 32 * 16 * 256
        let stage3 = 64 * 32 * 9 * 64 + 5 * 64 * 64 * 9 * 64 + 64 * 32 * 64
        #expect(net.macs == 16 * 3 * 9 * 1024 + stage1 + stage2 + stage3 + 64 * 10)
        #expect(net.macs == 40_813_184)
    }

    @Test func everyStridedLayerTilesItsInputExactly() {
        let net = ResNetCIFAR10.workload(.init(filters: [8, 64, 128], blocks: [2, 1, 3], skip: true))
        for l in net.layers where l.stride > 1 {
            #expect((l.y - l.r) % l.stride == 0, "\(l.name)")
        }
        #expect(net.layers.first { $0.name == "s2b1c1" }?.outputY == 16)
        #expect(net.layers.first { $0.name == "s3b1proj" }?.outputY == 8)
    }

    @Test func unetOfDepth2With8Filters_hasThirteenLayersAndHandCountedMACs() {
        let net = UNetNuclei(resolution: 32).workload(.init(depth: 2, filters: 8))
        #expect(net.layers.map(\.name) == ["enc1a", "enc1b", "enc2a", "enc2b", "mid_a", "mid_b",
                                           "up2", "dec2a", "dec2b", "up1", "dec1a", "dec1b", "mask"])
        let expected = [8 * 3 * 9 * 1024, 8 * 8 * 9 * 1024,       // level 1 at 32×32
                        16 * 8 * 9 * 256, 16 * 16 * 9 * 256,      // level 2 at 16×16
                        32 * 16 * 9 * 64, 32 * 32 * 9 * 64,       // bottleneck at 8×8
                        16 * 32 * 4 * 64,                         // 2×2 up-conv 8×8×32 → 16×16×16
                        16 * 32 * 9 * 256, 16 * 16 * 9 * 256,     // concat 16+16 → 16
                        8 * 16 * 4 * 256,                         // 2×2 up-conv 16×16×16 → 32×32×8
                        8 * 16 * 9 * 1024, 8 * 8 * 9 * 1024,
                        1 * 8 * 1024]                             // 1×1 to the mask
        #expect(net.layers.map(\.macs) == expected)
        #expect(net.macs == 6_389_760)
    }

    @Test func unetUpConvolution_hasTheTransposedConvolutionsTensorSizes() {
        let up = UNetNuclei(resolution: 64).workload(.init(depth: 3, filters: 16)).layers.first { $0.name == "up1" }!
        // 2×2 stride 2 from 32×32×32 to 64×64×16.
        #expect(up.inputElements == 32 * 32 * 32)
        #expect(up.outputElements == 64 * 64 * 16)
        #expect(up.weightElements == 2 * 2 * 32 * 16)
    }

    @Test func unetLayerCountIsFiveTimesDepthPlusThree() {
        for depth in 2...5 {
            #expect(UNetNuclei().workload(.init(depth: depth, filters: 16)).layers.count == 5 * depth + 3)
        }
    }

    @Test func everyGeneratedLayerIsWellFormed_acrossSampledChoices() {
        var rng = SplitMix64(seed: 7)
        for family in [ResNetCIFAR10(), UNetNuclei()] as [any TaskNetworkFamily] {
            let space = DesignSpace(family.choices)
            for _ in 0..<100 {
                let net = family.workload(space.sample(using: &rng))
                for l in net.layers { #expect(l.problem == nil, "\(net.name) \(l.name): \(l.problem ?? "")") }
            }
        }
    }
}
