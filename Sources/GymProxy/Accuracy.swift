import Foundation

/// How well predictions match measurements, the figures ArchGym and
/// surrogate-modelling papers report: RMSE, RMSE as a percentage of the mean
/// measurement, mean absolute percentage error, R² (1 − SSE/SST) and
/// Kendall's τ-b (does the proxy rank designs as the real model does?).
public struct Accuracy: Codable, Hashable, Sendable {
    public var count: Int
    public var rmse: Double
    public var relativeRMSEPercent: Double
    public var mapePercent: Double
    public var r2: Double
    public var kendallTau: Double

    enum CodingKeys: String, CodingKey {
        case count, rmse, relativeRMSEPercent = "rel_rmse_pct", mapePercent = "mape_pct", r2, kendallTau = "kendall_tau"
    }

    public init(measured: [Double], predicted: [Double]) {
        precondition(measured.count == predicted.count, "one prediction per measurement")
        let n = Double(measured.count)
        count = measured.count
        let sse = zip(measured, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let mean = measured.reduce(0, +) / n
        let sst = measured.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        rmse = (sse / n).squareRoot()
        relativeRMSEPercent = mean != 0 ? 100 * rmse / abs(mean) : .nan
        let nonzero = zip(measured, predicted).filter { $0.0 != 0 }
        mapePercent = nonzero.isEmpty ? .nan
            : 100 * nonzero.reduce(0) { $0 + abs(($1.1 - $1.0) / $1.0) } / Double(nonzero.count)
        r2 = sst > 0 ? 1 - sse / sst : .nan
        kendallTau = Accuracy.kendallTauB(measured, predicted)
    }

    /// Kendall's τ-b, which corrects for ties (a forest predicts many ties):
    /// (concordant − discordant) / √((n₀ − ties in x)(n₀ − ties in y)). O(n²).
    static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double {
        var concordant = 0, discordant = 0, tiesX = 0, tiesY = 0
        let n = x.count
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 && dy == 0 { continue }
                if dx == 0 { tiesX += 1 } else if dy == 0 { tiesY += 1 }
                else if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        let nx = Double(concordant + discordant + tiesY), ny = Double(concordant + discordant + tiesX)
        guard nx > 0, ny > 0 else { return .nan }
        return Double(concordant - discordant) / (nx * ny).squareRoot()
    }
}
