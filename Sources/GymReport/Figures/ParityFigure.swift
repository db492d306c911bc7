/// Parity plot of a surrogate: predicted against measured values with the
/// y = x line. Not produced by the report itself: a `FigureSource` of the
/// proxy module supplies the pairs (see `FigureSource`).
public enum ParityFigure {
    /// - Parameters:
    ///   - measured: values from the real environment (x axis).
    ///   - predicted: the proxy's predictions for the same points (y axis).
    ///   - quantity: what is compared, with unit, e.g. "latency (ns)".
    public static func make(id: String, title: String, quantity: String,
                            measured: [Double], predicted: [Double]) -> Figure {
        let pairs = zip(measured, predicted).filter { $0.0.isFinite && $0.1.isFinite }
        let caption = "Each dot is one held-out design point; on the dashed line prediction equals measurement."
        guard !pairs.isEmpty else {
            return Figure(id: id, kind: "parity", title: title, caption: caption, content: .message("No prediction pairs to plot."))
        }
        let lo = pairs.map { min($0.0, $0.1) }.min()!, hi = pairs.map { max($0.0, $0.1) }.max()!
        let shared = Scale(.linear, lower: lo, upper: hi, pixels: (0, 1)).domain
        var chart = Chart(title: title, xLabel: "measured " + quantity, yLabel: "predicted " + quantity)
        chart.xDomain = shared
        chart.yDomain = shared
        chart.marks = [.diagonal(style: SeriesStyle(color: "#444444")),
                       .points(x: pairs.map(\.0), y: pairs.map(\.1), style: .series(0), radius: 2.5, filled: true, opacity: 0.6)]
        chart.notes = ["\(pairs.count) points."]
        return Figure(id: id, kind: "parity", title: title, caption: caption, content: .chart(chart))
    }
}
