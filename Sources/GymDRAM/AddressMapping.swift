import GymCore

/// Where a byte address lands: channel, rank, flat bank, row and column.
public struct DRAMAddress: Hashable, Sendable {
    public var channel: Int, rank: Int, bank: Int, row: Int, column: Int
}

/// Splits addresses into DRAM coordinates by a configurable bit order, most
/// significant field first, e.g. `row-bank-rank-column-channel` (DRAMSys's
/// RoBaRaCoCh) or the bank-interleaved `row-column-bank-rank-channel`.
///
/// The lowest log2(burst bytes) bits select a byte inside one burst and are
/// not a field. `column` counts bursts in a row (columns / burst length);
/// decoded columns are multiplied back to column addresses. Without a
/// `bankgroup` field, `bank` is the flat bank index (group = bank / banks
/// per group); with one, `bank` is the bank inside its group.
public struct AddressMapping: Hashable, Sendable {
    public enum Field: String, CaseIterable, Sendable { case row, bankgroup, bank, rank, column, channel }

    public static let defaultOrder = "row-bank-rank-column-channel"
    public static let presets = [defaultOrder, "row-column-bank-rank-channel", "row-bank-rank-column-bankgroup-channel",
                                 "row-rank-bank-column-channel"]

    public let order: [Field]
    private let widths: [Int]
    private let offsetBits: Int
    private let burstLength: Int, banksPerGroup: Int
    public let addressBits: Int

    public init(_ text: String, organisation o: MemSpec.Organisation) throws {
        var fields: [Field] = []
        for part in text.split(separator: "-") {
            guard let f = Field(rawValue: part.lowercased()) else {
                throw SpecError(key: "address_mapping", "'\(part)' is not a field; use a dash-separated order of \(Field.allCases.map(\.rawValue).joined(separator: ", ")) (e.g. \(AddressMapping.presets.joined(separator: " or ")))")
            }
            guard !fields.contains(f) else { throw SpecError(key: "address_mapping", "field '\(f.rawValue)' appears twice in '\(text)'") }
            fields.append(f)
        }
        for required in [Field.row, .bank, .column] where !fields.contains(required) {
            throw SpecError(key: "address_mapping", "'\(text)' lacks the field '\(required.rawValue)'")
        }
        let hasGroup = fields.contains(.bankgroup)
        func log2(_ v: Int) -> Int { v.trailingZeroBitCount }
        let w: [Field: Int] = [
            .row: log2(o.rows), .bankgroup: log2(o.bankGroups), .bank: log2(hasGroup ? o.banksPerGroup : o.banks),
            .rank: log2(o.ranks), .column: log2(max(1, o.columns / o.burstLength)), .channel: log2(o.channels)]
        for f in [Field.rank, .channel] where w[f]! > 0 && !fields.contains(f) {
            throw SpecError(key: "address_mapping", "'\(text)' lacks the field '\(f.rawValue)' though the memspec has several")
        }
        if !hasGroup && o.bankGroups > 1 && o.banks % o.bankGroups != 0 {
            throw SpecError(key: "address_mapping", "banks do not split into groups")
        }
        order = fields
        widths = fields.map { w[$0]! }
        offsetBits = log2(o.burstBytes)
        burstLength = o.burstLength
        banksPerGroup = o.banksPerGroup
        addressBits = offsetBits + widths.reduce(0, +)
    }

    public var text: String { order.map(\.rawValue).joined(separator: "-") }

    /// Decodes a byte address (must be below 2^addressBits).
    public func decode(_ address: UInt64) -> DRAMAddress {
        var a = DRAMAddress(channel: 0, rank: 0, bank: 0, row: 0, column: 0)
        var group = 0
        var rest = address >> UInt64(offsetBits)
        for (f, width) in zip(order, widths).reversed() {
            let v = Int(rest & ((1 << UInt64(width)) - 1))
            rest >>= UInt64(width)
            switch f {
            case .row: a.row = v
            case .bankgroup: group = v
            case .bank: a.bank = v
            case .rank: a.rank = v
            case .column: a.column = v * burstLength
            case .channel: a.channel = v
            }
        }
        if order.contains(.bankgroup) { a.bank = group * banksPerGroup + a.bank }
        return a
    }
}
