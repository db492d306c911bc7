import GymCore
import GymWorkloads

/// Nuclei segmentation with a U-Net (Ronneberger et al. 2015; the Data
/// Science Bowl 2018 nuclei images, docs/references.md §5): an encoder of `depth`
/// levels, each two 3×3 convolutions then 2×2 max pooling, a bottleneck of
/// two 3×3 convolutions, a decoder of `depth` levels, each a 2×2 stride-2
/// up-convolution, concatenation with the encoder's skip and two 3×3
/// convolutions, and a 1×1 convolution to one mask channel.
///
/// Filters double per level from `filters` (the original U-Net: depth 4,
/// 64 filters). Convolutions are "same" (H+2 rows read for H rows out), so
/// the output mask has the input's size; pooling, ReLU and concatenation cost
/// no MACs in the accelerator model.
///
/// The 2×2 stride-2 transposed convolution from h×h×C to 2h×2h×K is written
/// as what it computes: a 1×1 convolution from C to 4K channels on the h×h
/// input followed by a depth-to-space shuffle (each input pixel yields a 2×2
/// output block). MACs (4·K·C·h²), weights (4·K·C), inputs and outputs are
/// exactly the transposed convolution's.
///
/// Layers: 2·depth (encoder) + 2 (bottleneck) + 3·depth (decoder) + 1.
public struct UNetNuclei: TaskNetworkFamily {
    public struct Choice: Hashable, Sendable {
        public var depth: Int
        public var filters: Int

        public init(depth: Int, filters: Int) {
            self.depth = depth
            self.filters = filters
        }

        public init(_ c: Configuration) {
            self.init(depth: c.int("depth"), filters: c.int("filters"))
        }
    }

    public static let maxDepth = 5
    /// Input channels (RGB images of the nuclei set) and mask channels.
    public static let inputChannels = 3
    public static let maskChannels = 1

    public let name = "nuclei"
    public let accuracyMeaning = "nuclei segmentation IoU"
    /// Input image rows and columns; a multiple of 2^maxDepth.
    public let resolution: Int
    public let choices: [Parameter] = [
        .integer("depth", 2...maxDepth, default: 4, summary: "U-Net levels (poolings)"),
        .ordinal("filters", [8, 16, 32, 64], default: 32, summary: "filters of the first level (doubled per level)"),
    ]

    public init(resolution: Int = 128) {
        precondition(resolution % (1 << UNetNuclei.maxDepth) == 0, "resolution must be a multiple of 32")
        self.resolution = resolution
    }

    public func workload(_ choice: Configuration) -> Workload { workload(Choice(choice)) }

    public func surrogateAccuracy(_ choice: Configuration) -> Double { UNetNuclei.iou(Choice(choice)) }

    /// The layer table of one choice vector.
    public func workload(_ choice: Choice) -> Workload {
        var layers: [Layer] = []
        func conv(_ name: String, _ k: Int, _ c: Int, _ h: Int) {
            layers.append(Layer(name: name, type: .conv, k: k, c: c, r: 3, s: 3, y: h + 2, x: h + 2))
        }
        let f = { (level: Int) in choice.filters << level }
        let h = { (level: Int) in resolution >> level }
        var channels = UNetNuclei.inputChannels
        for level in 0..<choice.depth {
            conv("enc\(level + 1)a", f(level), channels, h(level))
            conv("enc\(level + 1)b", f(level), f(level), h(level))
            channels = f(level)
        }
        conv("mid_a", f(choice.depth), channels, h(choice.depth))
        conv("mid_b", f(choice.depth), f(choice.depth), h(choice.depth))
        for level in stride(from: choice.depth - 1, through: 0, by: -1) {
            let below = h(level + 1)
            layers.append(Layer(name: "up\(level + 1)", type: .conv, k: 4 * f(level), c: f(level + 1), y: below, x: below))
            conv("dec\(level + 1)a", f(level), 2 * f(level), h(level))
            conv("dec\(level + 1)b", f(level), f(level), h(level))
        }
        layers.append(Layer(name: "mask", type: .conv, k: UNetNuclei.maskChannels, c: f(0), y: resolution, x: resolution))
        return Workload(name: "nuclei-unet-d\(choice.depth)-f\(choice.filters)-\(resolution)px", layers: layers)
    }
}
