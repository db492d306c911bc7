import Foundation
import GymCore

/// One request line decoded into its envelope: `{"id", "method", "params"}`.
///
/// The line is read by Foundation's `JSONSerialization` (about 10 µs for a
/// typical request, against some 45 µs for `SpecValue.parseJSON`'s Codable
/// path) and converted into `SpecValue`s, the value tree the rest of DSEGym reads.
struct RequestLine {
    static let fields = ["id", "method", "params"]

    /// The `id` as JSON text, ready to echo ("null" when it could not be read).
    var id: String
    var method: String
    var params: Params

    /// Decodes a line; a failure carries the `id` when it could be read.
    static func decode(_ bytes: Data) -> Result<RequestLine, Failure> {
        let object: [String: SpecValue]
        switch parseObject(bytes) {
        case .success(let o): object = o
        case .failure(let e): return .failure(Failure(id: "null", error: e))
        }
        guard let rawID = object["id"] else {
            return .failure(Failure(id: "null", error: .request("missing field 'id' (a number or a string)")))
        }
        guard let id = idText(rawID) else {
            return .failure(Failure(id: "null", error: .request("field 'id': expected a number or a string, got \(Params.show(rawID))")))
        }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            return .failure(Failure(id: id, error: .request("unknown field '\(unknown)' in the request; allowed: \(fields.joined(separator: ", "))")))
        }
        guard case .string(let method)? = object["method"] else {
            let got = object["method"].map { ", got \(Params.show($0))" } ?? ""
            return .failure(Failure(id: id, error: .request("field 'method': expected a method name\(got)")))
        }
        var params: [String: SpecValue] = [:]
        switch object["params"] {
        case nil, .null?: break
        case .object(let o)?: params = o
        case let other?:
            return .failure(Failure(id: id, error: .request("field 'params': expected an object, got \(Params.show(other))")))
        }
        return .success(RequestLine(id: id, method: method, params: Params(params)))
    }

    struct Failure: Error {
        var id: String
        var error: ProtocolError
    }

    /// The line as a JSON object, or the `parse` error (a number JSON allows
    /// but a double cannot hold is a `request` error).
    static func parseObject(_ bytes: Data) -> Result<[String: SpecValue], ProtocolError> {
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: bytes)
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            let line = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? "not JSON"
            if line.contains("not representable") { return .failure(.request("a number does not fit a double: \(line)")) }
            return .failure(ProtocolError(.parse, "the line is not JSON: \(line)"))
        }
        guard let dictionary = any as? [String: Any], case .object(let object) = value(dictionary) else {
            return .failure(ProtocolError(.parse, "the line is not a JSON object"))
        }
        return .success(object)
    }

    /// Foundation's parsed value as a `SpecValue` (numbers become doubles).
    /// Exact type tests come first: a failing `as?` cast costs about a
    /// microsecond on Linux, and on nested arrays it grows with the depth.
    static func value(_ any: Any) -> SpecValue {
        let type = Swift.type(of: any)
        if type == String.self { return .string(any as! String) }
        if type == [Any].self { return .array((any as! [Any]).map(value)) }
        if type == [String: Any].self { return .object((any as! [String: Any]).mapValues(value)) }
        if let n = any as? NSNumber {
            // JSONSerialization returns booleans as NSNumbers of type char.
            if n.objCType.pointee == CChar(UInt8(ascii: "c")) { return .bool(n.boolValue) }
            return .number(n.doubleValue)
        }
        if let s = any as? String { return .string(s) }
        if let a = any as? [Any] { return .array(a.map(value)) }
        if let d = any as? [String: Any] { return .object(d.mapValues(value)) }
        return .null
    }

    /// The `id` as JSON text: numbers and strings only.
    static func idText(_ id: SpecValue) -> String? {
        switch id {
        case .number(let n): return n.isFinite ? ParameterValue.format(n) : nil
        case .string(let s): return JSONText.quote(s)
        default: return nil
        }
    }
}
