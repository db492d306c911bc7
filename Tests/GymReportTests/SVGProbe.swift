import Foundation

/// Reads drawn series back out of an SVG string.
enum SVGProbe {
    /// `d` attributes of unfilled paths (series lines), in document order.
    static func linePaths(_ svg: String) -> [String] {
        svg.components(separatedBy: "<path d=\"").dropFirst().compactMap { rest in
            let parts = rest.components(separatedBy: "\"")
            guard parts.count > 2, rest.contains("fill=\"none\"") else { return nil }
            let tag = rest.prefix { $0 != ">" }
            return tag.contains("fill=\"none\"") ? parts[0] : nil
        }
    }

    /// The y coordinate where a path ends.
    static func lastY(of d: String) -> Double? {
        let tokens = d.split(separator: " ")
        for token in tokens.reversed() {
            if token.hasPrefix("V") { return Double(token.dropFirst()) }
            if token.hasPrefix("h") { continue }
            if token.hasPrefix("H") || token.hasPrefix("M") || token.hasPrefix("L") { continue }
            return Double(token)
        }
        return nil
    }
}
