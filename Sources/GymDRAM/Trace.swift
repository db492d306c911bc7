import Foundation
import GymCore

/// One memory request of a trace: when the initiator sends it (in the
/// trace's clock), read or write, and the byte address.
public struct TraceRequest: Hashable, Sendable {
    public var cycle: Int
    public var isWrite: Bool
    public var address: UInt64

    public init(cycle: Int, isWrite: Bool, address: UInt64) {
        self.cycle = cycle
        self.isWrite = isWrite
        self.address = address
    }
}

/// A DRAMSys trace. `.stl` lines give absolute cycles, `.rstl` cycles
/// relative to the previous request:
///
///     0:  read   0x7f3a40
///     1:  write  0x7f3a80  0x00ff00ff...
///
/// An optional decimal length may precede the address (newer DRAMSys);
/// the data field is accepted and ignored (the simulator moves whole bursts).
/// Addresses and data are hexadecimal with `0x`, as DRAMSys writes them (a
/// decimal address is rejected: it could not be told from a length field).
/// `#` starts a comment. Cycles are at most `maxCycle` (absolute, after
/// summing an `.rstl`'s steps) and a trace has at most `maxRequests` lines.
public struct Trace: Hashable, Sendable {
    public var name: String
    public var requests: [TraceRequest]
    /// Digest of the requests (covered by the environment fingerprint).
    public var digest: String

    public init(name: String, requests: [TraceRequest]) {
        self.name = name
        self.requests = requests
        // FNV-1a over every request's fields (cheaper than hashing the text).
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for r in requests {
            for v in [UInt64(r.cycle), r.isWrite ? 1 : 0, r.address] { h ^= v; h &*= 0x0000_0100_0000_01B3 }
        }
        digest = String(h, radix: 16)
    }

    public static let shippedNames = ["stream", "random", "cloud-1", "cloud-2"]

    /// The latest request cycle, 2^40 (15 minutes at 1.2 GHz): simulated
    /// times stay far from 64-bit overflow however the clock scales them.
    public static let maxCycle = 1 << 40
    /// The most requests a trace may hold (2^26, about 67 million).
    public static let maxRequests = 1 << 26

    /// Parses trace text; errors name the file and line. Scans bytes, not
    /// Strings: traces have 10^4–10^6 lines.
    public static func parse(_ text: String, name: String, relative: Bool = false, file: String? = nil) throws -> Trace {
        var out: [TraceRequest] = []
        var clock = 0
        var lineNumber = 0
        var text = text
        try text.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                lineNumber += 1
                var end = i
                while end < n && bytes[end] != 10 { end += 1 }
                var line = Array(bytes[i..<end])
                i = end + 1
                if let hash = line.firstIndex(of: 35) { line.removeSubrange(hash...) }   // '#' comment
                let at = "line \(lineNumber)"
                var tokens = line.split(whereSeparator: { $0 == 32 || $0 == 9 || $0 == 13 }).map { String(decoding: $0, as: UTF8.self) }
                if tokens.isEmpty { continue }
                // "12:" or "12: read" or "12:read"
                if let colon = tokens[0].firstIndex(of: ":"), tokens[0].index(after: colon) != tokens[0].endIndex {
                    let rest = String(tokens[0][tokens[0].index(after: colon)...])
                    tokens[0] = String(tokens[0][...colon])
                    tokens.insert(rest, at: 1)
                } else if tokens.count > 1 && tokens[1] == ":" {
                    tokens[0] += ":"
                    tokens.remove(at: 1)
                }
                guard tokens[0].hasSuffix(":"), let cycle = Int(tokens[0].dropLast()), cycle >= 0 else {
                    if tokens[0].hasSuffix(":"), tokens[0].dropLast().allSatisfy(\.isNumber) {
                        throw SpecError(file: file, key: at, "cycle \(tokens[0].dropLast()) is out of range; allowed: 0...\(maxCycle)")
                    }
                    throw SpecError(file: file, key: at, "expected 'cycle: read|write 0xADDRESS [0xDATA]', got '\(String(decoding: line, as: UTF8.self))'")
                }
                guard cycle <= maxCycle - (relative ? clock : 0) else {
                    let what = relative ? "cycle \(cycle) after the previous request at \(clock)" : "cycle \(cycle)"
                    throw SpecError(file: file, key: at, "\(what) is beyond the last allowed cycle, \(maxCycle)")
                }
                guard out.count < maxRequests else {
                    throw SpecError(file: file, key: at, "the trace has more than \(maxRequests) requests, the most allowed")
                }
                tokens.removeFirst()
                guard let command = tokens.first?.lowercased(), command == "read" || command == "write" else {
                    throw SpecError(file: file, key: at, "command '\(tokens.first ?? "")' is not read or write")
                }
                tokens.removeFirst()
                if tokens.count >= 2, !tokens[0].lowercased().hasPrefix("0x"), Int(tokens[0]) != nil, tokens[1].lowercased().hasPrefix("0x") {
                    tokens.removeFirst() // length field
                }
                guard let a = tokens.first, let address = parseHex(a) else {
                    throw SpecError(file: file, key: at, "missing or bad address '\(tokens.first ?? "")'; write it as 0x hex (at most 64 bits)")
                }
                guard tokens.count <= 2 else { throw SpecError(file: file, key: at, "unexpected text after the data field") }
                if tokens.count == 2, !tokens[1].lowercased().hasPrefix("0x") {
                    throw SpecError(file: file, key: at, "bad data field '\(tokens[1])'; write it as 0x hex")
                }
                let absolute = relative ? clock + cycle : cycle
                guard absolute >= clock else {
                    throw SpecError(file: file, key: at, "cycle \(cycle) goes back in time (previous request at \(clock))")
                }
                clock = absolute
                out.append(TraceRequest(cycle: absolute, isWrite: command == "write", address: address))
            }
        }
        guard !out.isEmpty else { throw SpecError(file: file, "the trace has no requests") }
        return Trace(name: name, requests: out)
    }

    private static func parseHex(_ s: String) -> UInt64? {
        guard s.hasPrefix("0x") || s.hasPrefix("0X") else { return nil }
        return UInt64(s.dropFirst(2), radix: 16)
    }

    /// Absolute `.stl` text of requests.
    public static func format(_ requests: [TraceRequest]) -> String {
        var s = ""
        s.reserveCapacity(requests.count * 22)
        for r in requests {
            s += "\(r.cycle): \(r.isWrite ? "write" : "read") 0x\(String(r.address, radix: 16))\n"
        }
        return s
    }

    /// Loads a trace by path (`.stl`/`.rstl`) or shipped name, looked up in
    /// `traces/` beside the spec, then `environments/traces/`.
    public static func load(_ reference: String, relativeTo base: String?) throws -> Trace {
        let path = DRAMFiles.resolve(reference, folder: "traces", extensions: [".stl", ".rstl"], relativeTo: base)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SpecError(key: "trace", "cannot read trace '\(reference)' (looked for \(path)); give a .stl/.rstl path or a shipped name: \(shippedNames.joined(separator: ", "))")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(text, name: name, relative: path.hasSuffix(".rstl"), file: path)
    }
}
