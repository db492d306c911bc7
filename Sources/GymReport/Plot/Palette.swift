/// Series styles that stay distinguishable in colour-blind vision and in
/// grey-scale print: the Okabe–Ito colours, each paired with a dash pattern.
public struct SeriesStyle: Hashable, Sendable {
    public var color: String
    /// SVG `stroke-dasharray`, empty for a solid line.
    public var dash: String

    public init(color: String, dash: String = "") {
        self.color = color
        self.dash = dash
    }

    private static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    private static let dashes = ["", "7 3", "2 2", "9 3 2 3", "4 4", "1 3", "12 4"]

    /// The style of the `index`-th series of a figure.
    public static func series(_ index: Int) -> SeriesStyle {
        let i = index % colors.count
        let d = (index / colors.count + i) % dashes.count
        return SeriesStyle(color: colors[i], dash: dashes[d])
    }

    public static let neutral = SeriesStyle(color: "#777777")
}
