/// Drawing a chart as SVG: frame, grid, ticks, axis labels; marks and the
/// legend are in their own files.
extension Chart {
    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// A standalone SVG document; `id` prefixes every element id so that
    /// several charts can be inlined in one HTML page.
    public func svg(id: String) -> String {
        let f = frame
        let (x, y) = scales
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(SVGText.px(width)) \(SVGText.px(canvasHeight))" \
            width="\(SVGText.px(width))" height="\(SVGText.px(canvasHeight))" role="img" aria-labelledby="\(id)-title" \
            font-family="\(Chart.fontFamily)" font-size="13">
            <title id="\(id)-title">\(SVGText.escape(title))</title>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(SVGText.px(f.left))" y="26" font-size="16" font-weight="bold">\(SVGText.escape(title))</text>
            <clipPath id="\(id)-clip"><rect x="\(SVGText.px(f.left))" y="\(SVGText.px(f.top))" \
            width="\(SVGText.px(f.right - f.left))" height="\(SVGText.px(f.bottom - f.top))"/></clipPath>

            """
        out += grid(x: x, y: y)
        out += "<g clip-path=\"url(#\(id)-clip)\">\n"
        for mark in marks { out += render(mark, x: x, y: y) }
        out += "</g>\n"
        out += "<rect x=\"\(SVGText.px(f.left))\" y=\"\(SVGText.px(f.top))\" width=\"\(SVGText.px(f.right - f.left))\" "
            + "height=\"\(SVGText.px(f.bottom - f.top))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        out += axisLabels()
        out += renderLegend()
        out += renderNotes()
        return out + "</svg>\n"
    }

    private func grid(x: Scale, y: Scale) -> String {
        let f = frame
        var out = "<g stroke=\"#e3e3e3\" stroke-width=\"1\">\n"
        let yTicks = y.ticks()
        let xTicks = categories.isEmpty ? x.ticks(count: 8) : categories.indices.map(Double.init)
        for v in yTicks {
            out += "<line x1=\"\(SVGText.px(f.left))\" x2=\"\(SVGText.px(f.right))\" y1=\"\(SVGText.px(y.map(v)))\" y2=\"\(SVGText.px(y.map(v)))\"/>\n"
        }
        if categories.isEmpty {
            for v in xTicks {
                out += "<line x1=\"\(SVGText.px(x.map(v)))\" x2=\"\(SVGText.px(x.map(v)))\" y1=\"\(SVGText.px(f.top))\" y2=\"\(SVGText.px(f.bottom))\"/>\n"
            }
        }
        out += "</g>\n<g fill=\"#222222\" font-size=\"12\">\n"
        for (v, label) in zip(yTicks, TickFormat.labels(yTicks)) {
            out += "<text x=\"\(SVGText.px(f.left - 6))\" y=\"\(SVGText.px(y.map(v) + 4))\" text-anchor=\"end\">\(SVGText.escape(label))</text>\n"
        }
        let xLabels = categories.isEmpty ? TickFormat.labels(xTicks) : categories
        for (v, label) in zip(xTicks, xLabels) {
            let px = x.map(v)
            if categoryLabelsRotated {
                out += "<text transform=\"translate(\(SVGText.px(px + 4)),\(SVGText.px(f.bottom + 12))) rotate(-40)\" text-anchor=\"end\">\(SVGText.escape(SVGText.truncate(label, 28)))</text>\n"
            } else {
                out += "<text x=\"\(SVGText.px(px))\" y=\"\(SVGText.px(f.bottom + 18))\" text-anchor=\"middle\">\(SVGText.escape(label))</text>\n"
            }
        }
        return out + "</g>\n"
    }

    private func axisLabels() -> String {
        let f = frame
        let labelRoom = categoryLabelsRotated ? min(110, 6.5 * Double(categories.map(\.count).max() ?? 0) + 10) : 0
        let xLabelY = f.bottom + 42 + labelRoom
        let midY = (f.top + f.bottom) / 2
        return """
            <text x="\(SVGText.px((f.left + f.right) / 2))" y="\(SVGText.px(xLabelY))" text-anchor="middle" font-size="14">\(SVGText.escape(xLabel))</text>
            <text transform="translate(20,\(SVGText.px(midY))) rotate(-90)" text-anchor="middle" font-size="14">\(SVGText.escape(yLabel))</text>

            """
    }

    private func renderNotes() -> String {
        var out = ""
        for (i, note) in notes.enumerated() {
            let y = canvasHeight - 10 - 16 * Double(notes.count - 1 - i)
            out += "<text x=\"\(SVGText.px(frame.left))\" y=\"\(SVGText.px(y))\" font-size=\"12\" fill=\"#444444\">\(SVGText.escape(note))</text>\n"
        }
        return out
    }
}
