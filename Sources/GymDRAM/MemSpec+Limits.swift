import Foundation
import GymCore

extension MemSpec {
    /// What a memspec may hold. Real DDR3/DDR4 parts (docs/references.md §4) and the later standards' (§8)
    /// lie well inside every bound; the bounds keep each product the
    /// simulator forms (capacity, burst bytes, cycle counts) far from
    /// overflow: capacity ≤ 16 · 16 · 64 · 2^20 · 2^16 · 512 B = 2^59 B.
    public enum Limits {
        /// Device families the controller's timing rules and energy model describe.
        public static let memoryTypes = DRAMStandard.allCases.map(\.rawValue)
        public static let maxChannels = 16, maxRanks = 16, maxBanks = 64
        public static let maxRows = 1 << 20, maxColumns = 1 << 16
        /// Data pins per device (x4 ... x64) and devices per rank.
        public static let maxWidth = 64, maxDevices = 64
        public static let maxBurstLength = 64, maxDataRate = 8
        /// Device clock, 1 MHz to 10 GHz.
        public static let clockMHz: ClosedRange<Double> = 1...10_000
        /// Any timing parameter, in clock cycles (tREFI at 10 GHz is 78 000).
        public static let maxTimingCycles = 1_000_000
        /// IDD currents (mA) per device, and the supply voltage (V).
        public static let maxCurrentMilliamps = 100_000.0
        public static let supplyVolts: ClosedRange<Double> = 0.1...10
    }
}

/// Why JSON text did not parse, as a `SpecError` of one line (a
/// `DecodingError` prints its whole coding path and the decoder's internals).
enum JSONProblem {
    static func error(_ error: Error, file: String?) -> SpecError {
        guard let e = error as? DecodingError else { return SpecError(file: file, "not valid JSON: \(error)") }
        let context: DecodingError.Context
        switch e {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c): context = c
        @unknown default: return SpecError(file: file, "not valid JSON")
        }
        let key = context.codingPath.isEmpty ? nil : context.codingPath.map(\.stringValue).joined(separator: ".")
        if let key {
            // The text parsed, but this value fits none of JSON's kinds as
            // Swift reads them: in practice a number beyond ±1.8e308 (1e400).
            return SpecError(file: file, key: key, "not valid JSON: not a number within ±1.8e308, text, true/false, null, list or mapping")
        }
        let underlying = context.underlyingError.map { ($0 as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\($0)" }
        let detail = underlying ?? context.debugDescription
        return SpecError(file: file, "not valid JSON: " + detail.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}
