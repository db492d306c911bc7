import Foundation
import GymCore
import GymWorkloads

/// CIFAR-10 classification with a ResNet-like backbone (He et al. 2016's
/// CIFAR family, docs/references.md §5): a 3×3 stem, three stages of basic blocks
/// (two 3×3 convolutions each) at 32×32, 16×16 and 8×8, global average
/// pooling and a 10-way fully connected layer.
///
/// Choices: filters per stage, blocks per stage, skip connections on/off.
/// With skips, the first block of stages 2 and 3 (which halve the resolution
/// and change the width) gets a 1×1 stride-2 projection shortcut (He et al.'s
/// option B); identity shortcuts are element-wise adds and cost no MACs in
/// the accelerator model, nor do pooling, batch norm and ReLU.
///
/// Padding is folded into `Y`/`X` as the workload format wants: a stride-1
/// 3×3 "same" convolution on H×H reads H+2 rows; a stride-2 one reads H+1
/// (TensorFlow's SAME padding: one row after), giving exactly H/2 outputs; a
/// stride-2 1×1 projection reads rows 0, 2, ..., H-2, i.e. H-1 rows.
public struct ResNetCIFAR10: TaskNetworkFamily {
    public struct Choice: Hashable, Sendable {
        public var filters: [Int]
        public var blocks: [Int]
        public var skip: Bool

        public init(filters: [Int], blocks: [Int], skip: Bool) {
            precondition(filters.count == 3 && blocks.count == 3, "three stages")
            self.filters = filters
            self.blocks = blocks
            self.skip = skip
        }

        public init(_ c: Configuration) {
            self.init(filters: (1...3).map { c.int("filters\($0)") }, blocks: (1...3).map { c.int("blocks\($0)") },
                      skip: c.string("skip") == "on")
        }

        /// Weighted layers (convolutions on the main path plus the classifier),
        /// the depth in ResNet-n naming: blocks (3,3,3) is ResNet-20.
        public var depth: Int { 2 * blocks.reduce(0, +) + 2 }

        /// Width relative to He et al.'s 16/32/64 filters: the geometric mean
        /// of the per-stage ratios (1 for ResNet-n, k for WRN-n-k).
        public var widthFactor: Double {
            let ratios = zip(filters, ResNetCIFAR10.referenceFilters).map { Double($0) / Double($1) }
            return pow(ratios.reduce(1, *), 1.0 / 3.0)
        }
    }

    public static let referenceFilters = [16, 32, 64]
    public static let imageSize = 32
    public static let classes = 10

    public let name = "cifar10"
    public let accuracyMeaning = "CIFAR-10 top-1 test accuracy"
    public let choices: [Parameter] = [
        .ordinal("filters1", [8, 16, 32, 64, 128], default: 16, summary: "filters in stage 1 (32×32)"),
        .ordinal("filters2", [8, 16, 32, 64, 128], default: 32, summary: "filters in stage 2 (16×16)"),
        .ordinal("filters3", [8, 16, 32, 64, 128], default: 64, summary: "filters in stage 3 (8×8)"),
        .integer("blocks1", 1...9, default: 3, summary: "basic blocks in stage 1"),
        .integer("blocks2", 1...9, default: 3, summary: "basic blocks in stage 2"),
        .integer("blocks3", 1...9, default: 3, summary: "basic blocks in stage 3"),
        .choice("skip", ["on", "off"], default: "on", summary: "residual skip connections"),
    ]

    public init() {}

    public func workload(_ choice: Configuration) -> Workload { ResNetCIFAR10.workload(Choice(choice)) }

    public func surrogateAccuracy(_ choice: Configuration) -> Double { ResNetCIFAR10.accuracy(Choice(choice)) }

    /// The layer table of one choice vector.
    public static func workload(_ choice: Choice) -> Workload {
        var layers: [Layer] = []
        var size = imageSize
        var channels = choice.filters[0]
        layers.append(Layer(name: "stem", type: .conv, k: channels, c: 3, r: 3, s: 3, y: size + 2, x: size + 2))
        for stage in 0..<3 {
            let filters = choice.filters[stage]
            for block in 0..<choice.blocks[stage] {
                let tag = "s\(stage + 1)b\(block + 1)"
                let down = stage > 0 && block == 0
                let input = size
                if down {
                    size /= 2
                    layers.append(Layer(name: tag + "c1", type: .conv, k: filters, c: channels, r: 3, s: 3,
                                        y: input + 1, x: input + 1, stride: 2))
                } else {
                    layers.append(Layer(name: tag + "c1", type: .conv, k: filters, c: channels, r: 3, s: 3,
                                        y: input + 2, x: input + 2))
                }
                layers.append(Layer(name: tag + "c2", type: .conv, k: filters, c: filters, r: 3, s: 3,
                                    y: size + 2, x: size + 2))
                if choice.skip, down || channels != filters {
                    let stride = down ? 2 : 1
                    layers.append(Layer(name: tag + "proj", type: .conv, k: filters, c: channels,
                                        y: input - (stride - 1), x: input - (stride - 1), stride: stride))
                }
                channels = filters
            }
        }
        layers.append(.gemm("fc", rows: 1, inFeatures: channels, outFeatures: classes))
        let f = choice.filters.map(String.init).joined(separator: "-")
        let b = choice.blocks.map(String.init).joined(separator: "-")
        return Workload(name: "cifar10-resnet-f\(f)-b\(b)-\(choice.skip ? "skip" : "plain")", layers: layers)
    }
}
