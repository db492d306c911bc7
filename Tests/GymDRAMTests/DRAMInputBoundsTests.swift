import Foundation
import Testing
import GymCore
@testable import GymDRAM

/// Every trace and memspec value that would overflow, trap, hang or mean
/// nothing is rejected at load time with one line naming the file, the key
/// and what is allowed (issue 20's reproducers).
struct DRAMInputBoundsTests {
    static let ddr4Text = (try? String(contentsOfFile: DRAMFixtures.environments + "/memspecs/ddr4-2400-x8-4gb.json", encoding: .utf8)) ?? ""

    /// The shipped DDR4 memspec with `"key": old` replaced by `"key": new`.
    static func ddr4(_ key: String, _ new: String) -> String {
        let pattern = "\"\(key)\": *[^,}\\n]+"
        let range = ddr4Text.range(of: pattern, options: .regularExpression)!
        return ddr4Text.replacingCharacters(in: range, with: "\"\(key)\": \(new)")
    }

    static func rejection(_ text: String) -> SpecError? {
        do { _ = try MemSpec.parse(text, file: "m.json"); return nil } catch let e as SpecError { return e } catch { return nil }
    }

    struct MemspecCase: CustomTestStringConvertible, Sendable {
        var key: String, value: String
        /// Fragments of the error (besides the file and the key).
        var mentions: [String]
        var testDescription: String { "\(key): \(value)" }
    }

    static let memspecCases: [MemspecCase] = [
        MemspecCase(key: "nbrOfRows", value: "1099511627776", mentions: ["1...1048576"]),             // 2^40: capacityBytes overflowed
        MemspecCase(key: "nbrOfColumns", value: "1099511627776", mentions: ["1...65536"]),
        MemspecCase(key: "burstLength", value: "1099511627776", mentions: ["1...64"]),
        MemspecCase(key: "nbrOfRanks", value: "1024", mentions: ["1...16"]),
        MemspecCase(key: "width", value: "12", mentions: ["power-of-two"]),
        MemspecCase(key: "clkMhz", value: "1e18", mentions: ["1...10000"]),
        MemspecCase(key: "clkMhz", value: "0.5", mentions: ["1...10000"]),
        MemspecCase(key: "RCD", value: "0", mentions: ["1...1000000"]),
        MemspecCase(key: "REFI", value: "1e12", mentions: ["1...1000000"]),
        MemspecCase(key: "idd0", value: "1e300", mentions: ["0...100000"]),
        MemspecCase(key: "vdd", value: "0", mentions: ["0.1...10"]),
        MemspecCase(key: "memoryType", value: "\"DDR5\"", mentions: ["'DDR5'", "DDR3, DDR4"]),
        MemspecCase(key: "memoryType", value: "7", mentions: ["'7'", "DDR3, DDR4"]),
        MemspecCase(key: "memoryType", value: "\"DDR3\"", mentions: ["no bank groups"]),           // a DDR4 body
    ]

    @Test(arguments: memspecCases)
    func memspecValue_isRejected_namingFileKeyAndRange(_ c: MemspecCase) throws {
        let text = DRAMInputBoundsTests.ddr4(c.key, c.value)
        let e = try #require(DRAMInputBoundsTests.rejection(text), "accepted \(c.key): \(c.value)")
        #expect(e.file == "m.json")
        let key = e.key ?? ""
        let named = key.hasSuffix(c.key) || (c.key == "memoryType" && key.hasSuffix("nbrOfBankGroups"))
        #expect(named, "\(e)")
        for m in c.mentions { #expect(e.description.contains(m), "'\(m)' missing from: \(e)") }
        #expect(!e.description.contains("\n"))
    }

    @Test func rlZero_isRejected_underItsOwnName() throws {
        let ddr3 = try String(contentsOfFile: DRAMFixtures.environments + "/memspecs/ddr3-1600-x8-1gb.json", encoding: .utf8)
        let text = ddr3.replacingOccurrences(of: "\"RL\": 10", with: "\"RL\": 0")
        let e = try #require(DRAMInputBoundsTests.rejection(text))
        #expect(e.key == "memspec.memtimingspec.RL")
    }

    @Test func unrepresentableNumber_saysSoInOneLine_withoutDecoderInternals() throws {
        let e = try #require(DRAMInputBoundsTests.rejection(DRAMInputBoundsTests.ddr4("idd0", "1e400")))
        #expect(e.description.hasPrefix("m.json: key 'memspec.mempowerspec.idd0': not valid JSON"), "\(e)")
        #expect(!e.description.contains("Dictionary"))
        #expect(!e.description.contains("\n"))
    }

    @Test func shippedMemspecs_stayWithinTheBounds() throws {
        for name in MemSpec.shippedNames { _ = try DRAMFixtures.memSpec(name) }
    }

    // MARK: Traces

    @Test func relativeTraceWhoseCyclesOverflow_isRejectedAtTheLine() {
        let big = Trace.maxCycle / 2 + 1
        #expect(throws: SpecError(file: "t.rstl", key: "line 2", "cycle \(big) after the previous request at \(big) is beyond the last allowed cycle, \(Trace.maxCycle)")) {
            try Trace.parse("\(big): read 0x0\n\(big): read 0x40\n", name: "t", relative: true, file: "t.rstl")
        }
        #expect(throws: SpecError.self) {   // each step allowed, the sum not
            try Trace.parse("\(Trace.maxCycle): read 0x0\n1: read 0x40\n", name: "t", relative: true)
        }
        #expect((try? Trace.parse("\(Trace.maxCycle): read 0x0\n", name: "t", relative: true)) != nil)
        let huge = Int.max / 2 + 1   // the reproducer: three such steps overflowed 64 bits
        #expect(throws: SpecError.self) {
            try Trace.parse("\(huge): read 0x0\n\(huge): read 0x40\n\(huge): read 0x80\n", name: "t", relative: true)
        }
    }

    @Test func cycleBeyondInt_orTheBound_isRejected() {
        #expect(throws: SpecError(key: "line 1", "cycle 9223372036854775807 is beyond the last allowed cycle, \(Trace.maxCycle)")) {
            try Trace.parse("9223372036854775807: read 0x0\n", name: "t")
        }
        #expect(throws: SpecError(key: "line 1", "cycle 99999999999999999999 is out of range; allowed: 0...\(Trace.maxCycle)")) {
            try Trace.parse("99999999999999999999: read 0x0\n", name: "t")
        }
    }

    @Test func decimalAddress_isRejected_asTheMessageSays() {
        #expect(throws: SpecError(key: "line 1", "missing or bad address '4096'; write it as 0x hex (at most 64 bits)")) {
            try Trace.parse("0: read 4096\n", name: "t")
        }
        // A decimal before a hex address is DRAMSys's length field, not an address.
        #expect((try? Trace.parse("0: read 64 0x1000\n", name: "t"))?.requests.first?.address == 0x1000)
    }

    @Test func slowTraceClock_thatPushesArrivalsPastTheBound_isRejected() throws {
        let spec = try DRAMFixtures.ddr4
        let mapping = try AddressMapping(AddressMapping.defaultOrder, organisation: spec.organisation)
        // 1 MHz trace clock on a 1200 MHz device: trace cycle 1e12 → 1.2e15 device cycles.
        let trace = try Trace.parse("0: read 0x0\n1000000000000: read 0x40\n", name: "t")
        #expect(throws: SpecError.self) { try DRAMSimulation(spec: spec, mapping: mapping, trace: trace, traceClockMHz: 1) }
        #expect((try? DRAMSimulation(spec: spec, mapping: mapping, trace: trace)) != nil)
    }

    @Test(arguments: ["0.001", "1e-9", "0", "-3", "1e18", "nan"])
    func traceClockOutsideOneMegahertzToTenGigahertz_isRejected(_ clock: String) throws {
        let object = SpecObject(["trace_clock_mhz": .string(clock)], file: "e.yaml", path: "settings",
                                baseDirectory: DRAMFixtures.repository)
        #expect(throws: SpecError.self) { try DRAMEnvironment(settings: object) }
        do { _ = try DRAMEnvironment(settings: object) } catch let e as SpecError {
            #expect(e.key == "settings.trace_clock_mhz")
            #expect(e.message.contains("1...10000"))
        }
    }
}
