import Foundation
import GymNumerics

/// Drawing each kind of mark in pixel space.
extension Chart {
    func render(_ mark: Mark, x: Scale, y: Scale) -> String {
        switch mark {
        case .line(let points, let style, let step, let width):
            let d = linePath(points, x: x, y: y, step: step)
            guard !d.isEmpty else { return "" }
            let dash = style.dash.isEmpty ? "" : " stroke-dasharray=\"\(style.dash)\""
            return "<path d=\"\(d)\" fill=\"none\" stroke=\"\(style.color)\" stroke-width=\"\(SVGText.px(width))\" stroke-linejoin=\"round\"\(dash)/>\n"
        case .band(let xs, let lower, let upper, let style, let step):
            let d = bandPath(xs, lower, upper, x: x, y: y, step: step)
            guard !d.isEmpty else { return "" }
            return "<path d=\"\(d)\" fill=\"\(style.color)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
        case .points(let xs, let ys, let style, let radius, let filled, let opacity):
            var out = "<g fill=\"\(filled ? style.color : "#ffffff")\" stroke=\"\(style.color)\" fill-opacity=\"\(SVGText.px(opacity))\" stroke-opacity=\"\(SVGText.px(opacity))\">\n"
            for (a, b) in zip(xs, ys) where a.isFinite && b.isFinite {
                out += "<circle cx=\"\(SVGText.px(x.map(a)))\" cy=\"\(SVGText.px(y.map(b)))\" r=\"\(SVGText.px(radius))\"/>\n"
            }
            return out + "</g>\n"
        case .box(let category, let s, let values, let style):
            return box(at: Double(category), s, values, style, x: x, y: y)
        case .bar(let category, let value, let style):
            let cx = x.map(Double(category)), half = min(28, bandWidth(x) * 0.35)
            let top = y.map(max(0, value)), bottom = y.map(min(0, value))
            return "<rect x=\"\(SVGText.px(cx - half))\" y=\"\(SVGText.px(top))\" width=\"\(SVGText.px(2 * half))\" height=\"\(SVGText.px(max(0, bottom - top)))\" fill=\"\(style.color)\"/>\n"
        case .horizontalRule(let value, let label, let style):
            let py = y.map(value)
            return "<line x1=\"\(SVGText.px(frame.left))\" x2=\"\(SVGText.px(frame.right))\" y1=\"\(SVGText.px(py))\" y2=\"\(SVGText.px(py))\" stroke=\"\(style.color)\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>\n"
                + "<text x=\"\(SVGText.px(frame.left + 6))\" y=\"\(SVGText.px(py - 5))\" text-anchor=\"start\" font-size=\"12\" fill=\"\(style.color)\">\(SVGText.escape(label))</text>\n"
        case .diagonal(let style):
            let lo = max(x.domain.lowerBound, y.domain.lowerBound), hi = min(x.domain.upperBound, y.domain.upperBound)
            guard hi > lo else { return "" }
            return "<line x1=\"\(SVGText.px(x.map(lo)))\" y1=\"\(SVGText.px(y.map(lo)))\" x2=\"\(SVGText.px(x.map(hi)))\" y2=\"\(SVGText.px(y.map(hi)))\" stroke=\"\(style.color)\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>\n"
        }
    }

    func bandWidth(_ x: Scale) -> Double { abs(x.map(1) - x.map(0)) }

    /// SVG path data; runs of equal y are collapsed (exact for both line kinds).
    func linePath(_ points: [LinePoint], x: Scale, y: Scale, step: Bool) -> String {
        var d = ""
        var previousY: Double?
        for (i, p) in points.enumerated() {
            guard let value = p.y, p.x.isFinite, value.isFinite, x.kind == .linear || p.x > 0 else { previousY = nil; continue }
            let last = i == points.count - 1 || points[i + 1].y == nil
            if let prev = previousY {
                if value == prev, !last, step || points[i + 1].y == value { continue }
                d += step ? " H\(SVGText.px(x.map(p.x))) V\(SVGText.px(y.map(value)))" : " L\(SVGText.px(x.map(p.x))) \(SVGText.px(y.map(value)))"
            } else {
                d += " M\(SVGText.px(x.map(p.x))) \(SVGText.px(y.map(value)))"
                if last { d += " h0.01" }   // a lone point still shows with round caps
            }
            previousY = value
        }
        return d.trimmingCharacters(in: .whitespaces)
    }

    func bandPath(_ xs: [Double], _ lower: [Double?], _ upper: [Double?], x: Scale, y: Scale, step: Bool) -> String {
        let n = min(xs.count, lower.count, upper.count)
        guard n > 0 else { return "" }
        let low = (0..<n).map { y.map(lower[$0] ?? y.domain.lowerBound) }
        let high = (0..<n).map { y.map(upper[$0] ?? y.domain.upperBound) }
        let keep = (0..<n).filter { i in i == 0 || i == n - 1 || low[i] != low[i - 1] || high[i] != high[i - 1] }
        let px = keep.map { x.map(xs[$0]) }
        var d = "M\(SVGText.px(px[0])) \(SVGText.px(high[keep[0]]))"
        for (j, i) in keep.enumerated().dropFirst() {
            d += step ? " H\(SVGText.px(px[j])) V\(SVGText.px(high[i]))" : " L\(SVGText.px(px[j])) \(SVGText.px(high[i]))"
        }
        if n == 1 { d += " h1" }
        d += " L\(SVGText.px(px[px.count - 1] + (n == 1 ? 1 : 0))) \(SVGText.px(low[keep[keep.count - 1]]))"
        for j in stride(from: keep.count - 2, through: 0, by: -1) {
            let i = keep[j]
            d += step ? " V\(SVGText.px(low[i])) H\(SVGText.px(px[j]))" : " L\(SVGText.px(px[j])) \(SVGText.px(low[i]))"
        }
        return d + " Z"
    }

    private func box(at c: Double, _ s: BoxSummary, _ values: [Double], _ style: SeriesStyle, x: Scale, y: Scale) -> String {
        let cx = x.map(c), half = min(30, bandWidth(x) * 0.3)
        let (q1, q3, med) = (y.map(s.q1), y.map(s.q3), y.map(s.median))
        let (lo, hi) = (y.map(s.whiskerLow), y.map(s.whiskerHigh))
        var out = "<g stroke=\"\(style.color)\" stroke-width=\"1.5\">\n"
        out += "<line x1=\"\(SVGText.px(cx))\" x2=\"\(SVGText.px(cx))\" y1=\"\(SVGText.px(lo))\" y2=\"\(SVGText.px(q1))\"/>\n"
        out += "<line x1=\"\(SVGText.px(cx))\" x2=\"\(SVGText.px(cx))\" y1=\"\(SVGText.px(q3))\" y2=\"\(SVGText.px(hi))\"/>\n"
        for w in [lo, hi] {
            out += "<line x1=\"\(SVGText.px(cx - half / 2))\" x2=\"\(SVGText.px(cx + half / 2))\" y1=\"\(SVGText.px(w))\" y2=\"\(SVGText.px(w))\"/>\n"
        }
        out += "<rect x=\"\(SVGText.px(cx - half))\" y=\"\(SVGText.px(q3))\" width=\"\(SVGText.px(2 * half))\" height=\"\(SVGText.px(max(0.5, q1 - q3)))\" fill=\"\(style.color)\" fill-opacity=\"0.2\"/>\n"
        out += "<line x1=\"\(SVGText.px(cx - half))\" x2=\"\(SVGText.px(cx + half))\" y1=\"\(SVGText.px(med))\" y2=\"\(SVGText.px(med))\" stroke-width=\"3\"/>\n"
        out += "</g>\n<g fill=\"#222222\" fill-opacity=\"0.75\">\n"
        // Every seed's value as a dot, spread deterministically beside the box.
        for (i, v) in values.enumerated() where v.isFinite {
            let offset = half + 6 + Double(i % 5) * 3
            out += "<circle cx=\"\(SVGText.px(cx + offset))\" cy=\"\(SVGText.px(y.map(v)))\" r=\"2.2\"/>\n"
        }
        return out + "</g>\n"
    }
}
