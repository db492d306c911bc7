import Foundation

/// Tick labels: as few digits as the tick spacing needs, scientific notation
/// for very large or very small magnitudes.
enum TickFormat {
    static func labels(_ ticks: [Double]) -> [String] {
        guard ticks.count > 1 else { return ticks.map { format($0, decimals: 3) } }
        let spacing = zip(ticks.dropFirst(), ticks).map { abs($0 - $1) }.filter { $0 > 0 }.min() ?? 1
        let magnitude = ticks.map(abs).max() ?? 0
        if magnitude >= 1e6 || (magnitude < 1e-3 && magnitude > 0) {
            return ticks.map { $0 == 0 ? "0" : scientific($0) }
        }
        let decimals = max(0, min(6, Int((-log10(spacing)).rounded(.up))))
        return ticks.map { format($0, decimals: decimals) }
    }

    static func format(_ v: Double, decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s.replacingOccurrences(of: "-", with: "−")
    }

    /// A value for captions and tables: 4 significant digits.
    static func value(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "–" : (v > 0 ? "∞" : "−∞") }
        if v == 0 { return "0" }
        if abs(v) >= 1e6 || abs(v) < 1e-3 { return scientific(v) }
        let decimals = max(0, 3 - Int(log10(abs(v)).rounded(.down)))
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s.replacingOccurrences(of: "-", with: "−")
    }

    static func scientific(_ v: Double) -> String {
        let e = Int(log10(abs(v)).rounded(.down))
        let m = v / pow(10, Double(e))
        var mantissa = String(format: "%.2f", m)
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
        return (mantissa + "e" + String(e)).replacingOccurrences(of: "-", with: "−")
    }
}
