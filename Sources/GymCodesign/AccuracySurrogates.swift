import Foundation

// Accuracy cannot be trained inside a design-space search (docs/references.md §5), so
// each task family has a smooth surrogate of test accuracy against depth,
// width and skips, calibrated to published results. They rank architectures
// plausibly; they are not predictions for any one training recipe. An
// `accuracy_tables` CSV (AccuracyTable) replaces them with measurements.

extension ResNetCIFAR10 {
    /// Fitted constants of `testErrorPercent` (least squares on the nine
    /// published points listed there; residuals within 0.3 points).
    static let errorFloor = 3.875, depthScale = 2.398, depthExponent = 1.599
    static let widthScale = 2.467, widthExponent = 1.807

    /// Surrogate CIFAR-10 test error in percent:
    /// `e∞ + a·(L/20)^-α + b·w^-β`, plus a no-skip penalty, where `L` is the
    /// depth in ResNet-n naming and `w` the width factor (`Choice.widthFactor`).
    ///
    /// Calibration (standard augmentation, test error %):
    /// - He, Zhang, Ren, Sun, "Deep Residual Learning for Image Recognition",
    ///   CVPR 2016, Table 6: ResNet-20 8.75, -32 7.51, -44 7.17, -56 6.97,
    ///   -110 6.43 (widths 16/32/64, w = 1).
    /// - Zagoruyko & Komodakis, "Wide Residual Networks", BMVC 2016, Table 4:
    ///   WRN-40-1 6.85, WRN-40-2 5.33, WRN-40-4 4.97, WRN-40-8 4.66 (w = 1..8).
    /// - No skips: He et al. Fig. 6 shows plain CIFAR nets degrading with depth
    ///   (plain-20 a little worse than ResNet-20, plain-56 several points
    ///   worse); the penalty `0.6·min(L,20)/20 + 0.12·max(0, L-20)` points is
    ///   an approximate reading of that figure (about ±1 point), not a fit.
    ///
    /// Limits: calibrated for L in 20...110 and w in 1...8; the space also
    /// holds L = 8...18 and w down to 0.5, where the power law extrapolates
    /// (ResNet-8 → 16.7 %, half-width ResNet-20 → 14.9 %). Per-stage widths
    /// enter only through their geometric mean, training recipe differences
    /// between the two papers are ignored, and the values are single numbers
    /// where real training has about ±0.2 points of seed noise.
    public static func testErrorPercent(_ choice: Choice) -> Double {
        let depth = Double(choice.depth)
        var error = errorFloor + depthScale * pow(depth / 20, -depthExponent)
            + widthScale * pow(choice.widthFactor, -widthExponent)
        if !choice.skip {
            error += 0.6 * min(depth, 20) / 20 + 0.12 * max(0, depth - 20)
        }
        return error
    }

    /// Surrogate top-1 accuracy in [0.1, 1] (0.1 is chance on ten classes).
    public static func accuracy(_ choice: Choice) -> Double {
        min(1, max(0.1, 1 - testErrorPercent(choice) / 100))
    }
}

extension UNetNuclei {
    /// Constants of `iouLossPercent`: a depth term falling as e^-depth, a
    /// width term falling as 1/filters, and the floor that puts the anchor
    /// (depth 4, 32 filters) at the published IoU.
    static let depthScale = 34.182, widthScale = 1.75, lossFloor = 6.854

    /// Surrogate 100 × (1 − IoU) on the nuclei set:
    /// `floor + a·e^-depth + b·(32/filters)`.
    ///
    /// Calibration: Zhou, Siddiquee, Tajbakhsh, Liang, "UNet++: A Nested
    /// U-Net Architecture for Medical Image Segmentation", DLMIA 2018,
    /// Table 2, cell nuclei (Data Science Bowl 2018): U-Net (depth 4,
    /// 32 filters at the first level) IoU 90.77 %, wide U-Net (about 1.09×
    /// the filters) 90.92 %; the width term's scale is set so that 1.09× the
    /// filters gains those 0.15 points.
    ///
    /// Limits: only that one anchor and one width step are published points.
    /// The depth slope is an assumption (not a fit): depth 2 loses 4 points
    /// of IoU against depth 4 (a much smaller receptive field), depth 3
    /// about 1.1, depth 5 gains 0.4. The surrogate ignores input resolution, training
    /// recipe and loss function.
    public static func iouLossPercent(_ choice: Choice) -> Double {
        lossFloor + depthScale * exp(-Double(choice.depth)) + widthScale * 32 / Double(choice.filters)
    }

    /// Surrogate IoU in [0, 1].
    public static func iou(_ choice: Choice) -> Double {
        min(1, max(0, 1 - iouLossPercent(choice) / 100))
    }
}
