/// The legend, drawn to the right of the plot area.
extension Chart {
    func renderLegend() -> String {
        guard !legend.isEmpty else { return "" }
        let f = frame
        let x0 = f.right + 14
        var out = "<g font-size=\"12\">\n"
        for (i, entry) in legend.enumerated() {
            let y = f.top + 8 + 20 * Double(i)
            let s = entry.style
            let dash = s.dash.isEmpty ? "" : " stroke-dasharray=\"\(s.dash)\""
            switch entry.sample {
            case .line, .lineWithBand:
                if entry.sample == .lineWithBand {
                    out += "<rect x=\"\(SVGText.px(x0))\" y=\"\(SVGText.px(y - 6))\" width=\"28\" height=\"12\" fill=\"\(s.color)\" fill-opacity=\"0.18\"/>\n"
                }
                out += "<line x1=\"\(SVGText.px(x0))\" x2=\"\(SVGText.px(x0 + 28))\" y1=\"\(SVGText.px(y))\" y2=\"\(SVGText.px(y))\" stroke=\"\(s.color)\" stroke-width=\"2.5\"\(dash)/>\n"
            case .point:
                out += "<circle cx=\"\(SVGText.px(x0 + 14))\" cy=\"\(SVGText.px(y))\" r=\"4\" fill=\"\(s.color)\"/>\n"
            case .box:
                out += "<rect x=\"\(SVGText.px(x0 + 6))\" y=\"\(SVGText.px(y - 6))\" width=\"16\" height=\"12\" fill=\"\(s.color)\" fill-opacity=\"0.25\" stroke=\"\(s.color)\"/>\n"
            }
            out += "<text x=\"\(SVGText.px(x0 + 34))\" y=\"\(SVGText.px(y + 4))\">\(SVGText.escape(SVGText.truncate(entry.label, 32)))</text>\n"
        }
        return out + "</g>\n"
    }
}
