import Foundation

/// Maps data values to pixels along one axis, linearly or logarithmically,
/// and proposes "nice" tick values (1, 2, 5 × 10^k steps; decades on log axes).
public struct Scale: Sendable {
    public enum Kind: Sendable { case linear, log }

    public var kind: Kind
    /// Data interval shown; for `.log` both ends are positive.
    public private(set) var domain: ClosedRange<Double>
    /// Pixel positions of `domain.lowerBound` and `domain.upperBound`.
    public var pixels: (start: Double, end: Double)

    /// A scale over `lower...upper` widened to nice tick values; a degenerate
    /// or non-finite interval becomes a small interval around its value.
    public init(_ kind: Kind, lower: Double, upper: Double, pixels: (Double, Double), nice: Bool = true) {
        self.kind = kind
        self.pixels = pixels
        var lo = lower.isFinite ? lower : 0
        var hi = upper.isFinite ? upper : lo
        if lo > hi { swap(&lo, &hi) }
        switch kind {
        case .linear:
            if hi == lo { let pad = lo == 0 ? 1 : abs(lo) * 0.1; lo -= pad; hi += pad }
            if nice {
                let step = Scale.niceStep((hi - lo) / 5)
                lo = (lo / step).rounded(.down) * step
                hi = (hi / step).rounded(.up) * step
            }
        case .log:
            if lo <= 0 { lo = hi > 0 ? hi / 10 : 1 }
            if hi <= lo { hi = lo * 10 }
            if nice {
                lo = pow(10, log10(lo).rounded(.down))
                hi = pow(10, log10(hi).rounded(.up))
            }
        }
        domain = lo...hi
    }

    /// Pixel position of `v` (clamped to the domain on log axes for v <= 0).
    public func map(_ v: Double) -> Double {
        let t: Double
        switch kind {
        case .linear: t = (v - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        case .log:
            let x = max(v, domain.lowerBound / 1e6)
            t = (log10(x) - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
        }
        return pixels.start + t * (pixels.end - pixels.start)
    }

    /// Data value at pixel `p` (the inverse of `map`).
    public func invert(_ p: Double) -> Double {
        let t = (p - pixels.start) / (pixels.end - pixels.start)
        switch kind {
        case .linear: return domain.lowerBound + t * (domain.upperBound - domain.lowerBound)
        case .log:
            return pow(10, log10(domain.lowerBound) + t * (log10(domain.upperBound) - log10(domain.lowerBound)))
        }
    }

    /// Tick values inside the domain, about `count` of them.
    public func ticks(count: Int = 6) -> [Double] {
        let (lo, hi) = (domain.lowerBound, domain.upperBound)
        switch kind {
        case .linear:
            let step = Scale.niceStep((hi - lo) / Double(max(1, count - 1)))
            var out: [Double] = []
            var k = (lo / step).rounded(.up)
            while k * step <= hi + step * 1e-9 {
                let v = k * step
                out.append(abs(v) < step * 1e-9 ? 0 : v)
                k += 1
            }
            return out
        case .log:
            let first = Int(log10(lo).rounded(.up)), last = Int(log10(hi).rounded(.down))
            var out = last >= first ? (first...last).map { pow(10, Double($0)) } : []
            if out.count < 3 {   // less than two decades: add 2× and 5× ticks
                let base = Int(log10(lo).rounded(.down))
                out = []
                for e in base...(last + 1) {
                    let decade: Double = pow(10, Double(e))
                    for m: Double in [1, 2, 5] where m * decade >= lo * (1 - 1e-9) && m * decade <= hi * (1 + 1e-9) {
                        out.append(m * decade)
                    }
                }
            }
            return out
        }
    }

    /// The step 1, 2 or 5 × 10^k nearest above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let exponent = log10(raw).rounded(.down)
        let fraction = raw / pow(10, exponent)
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * pow(10, exponent)
    }
}
