import GymNumerics
/// A data point of a line; a nil `y` breaks the line (no value there).
public struct LinePoint: Hashable, Sendable {
    public var x: Double
    public var y: Double?

    public init(_ x: Double, _ y: Double?) {
        self.x = x
        self.y = y
    }
}

/// Something drawn inside a chart's plot area, in data coordinates.
public enum Mark: Sendable {
    /// A polyline; with `step`, y holds from each x until the next one (best-so-far, ECDF).
    case line(points: [LinePoint], style: SeriesStyle, step: Bool, width: Double = 2)
    /// A filled band between `lower` and `upper` at each x; a nil bound stands
    /// for "off the axis" and is drawn at the plot's bottom (lower) or top (upper).
    case band(x: [Double], lower: [Double?], upper: [Double?], style: SeriesStyle, step: Bool)
    /// Markers at (x, y).
    case points(x: [Double], y: [Double], style: SeriesStyle, radius: Double = 2.5, filled: Bool = true, opacity: Double = 1)
    /// A box-and-whisker at a category, with every value drawn as a dot beside it.
    case box(category: Int, summary: BoxSummary, values: [Double], style: SeriesStyle)
    /// A vertical bar from 0 at a category.
    case bar(category: Int, value: Double, style: SeriesStyle)
    /// A horizontal line across the plot at y (e.g. a target), with a label.
    case horizontalRule(y: Double, label: String, style: SeriesStyle)
    /// The line y = x across the plot (parity plots).
    case diagonal(style: SeriesStyle)
}

/// One legend row: a sample of the mark and its label.
public struct LegendEntry: Sendable {
    public enum Sample: Sendable { case line, lineWithBand, point, box }

    public var label: String
    public var style: SeriesStyle
    public var sample: Sample

    public init(_ label: String, style: SeriesStyle, sample: Sample) {
        self.label = label
        self.style = style
        self.sample = sample
    }
}
