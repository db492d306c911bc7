import Foundation
import Testing
import GymCore
@testable import GymDRAM
@testable import GymSynthetic
import GymCampaign

private func settings(_ values: [String: String]) -> SpecObject {
    SpecObject(values.mapValues(SpecValue.string), file: "dram-test.yaml", path: "settings", baseDirectory: DRAMFixtures.environments)
}

@Test func dramIsRegisteredWithArchGymsKnobNames() throws {
    let kind = try #require(Catalog.standard.environment(named: "dram"))
    let env = try kind.make(settings(["trace": "stream"]))
    #expect(env.id == "dram-v1")
    #expect(env.designSpace.names == ["PagePolicy", "Scheduler", "SchedulerBuffer", "RequestBufferSize", "RespQueue", "RefreshPolicy",
                                      "RefreshMaxPostponed", "RefreshMaxPulledin", "Arbiter", "MaxActiveTransactions", "PowerDownPolicy"])
    #expect(env.designSpace.parameter(named: "RefreshPolicy")?.domain == .categorical(["NoRefresh", "AllBank", "PerBank", "SameBank"]))
    #expect(env.designSpace.parameter(named: "RequestBufferSize")?.domain == .integer(1...8, step: 1))
    let rl = try kind.make(settings(["ranges": "rl"]))
    #expect(rl.designSpace.parameter(named: "RequestBufferSize")?.domain == .ordinal([1, 2, 4, 8, 16, 32, 64, 128]))
    #expect(rl.designSpace.parameter(named: "MaxActiveTransactions")?.domain == .ordinal([1, 2, 4, 8, 16, 32, 64, 128]))
}

@Test func evaluationIsDeterministicAndDefaultConfigurationIsFeasible() throws {
    let env = try DRAMEnvironment(settings: settings(["trace": "cloud-1", "memspec": "ddr4-2400-x8-4gb"]))
    let c = env.designSpace.defaultConfiguration
    let a = try env.evaluate(c), b = try env.evaluate(c)
    #expect(a == b && a.feasible)
    let closed = try env.evaluate(c.setting("PagePolicy", to: ParameterValue.text("Closed")))
    #expect(closed != a)
}

@Test func fingerprintCoversMemspecTraceAndMapping() throws {
    let base = try DRAMEnvironment(settings: settings(["trace": "random"]))
    #expect(try DRAMEnvironment(settings: settings(["trace": "random"])).fingerprint == base.fingerprint)
    #expect(try DRAMEnvironment(settings: settings(["trace": "stream"])).fingerprint != base.fingerprint)
    #expect(try DRAMEnvironment(settings: settings(["trace": "random", "memspec": "ddr4-2400-x8-8gb"])).fingerprint != base.fingerprint)
    #expect(try DRAMEnvironment(settings: settings(["trace": "random", "address_mapping": "row-column-bank-rank-channel"])).fingerprint != base.fingerprint)
    #expect(base.fingerprint.hasPrefix("dram-v1:"))
}

@Test func badSettingsNameTheKeyAndWhatIsAllowed() {
    func message(_ values: [String: String]) -> String {
        do { _ = try DRAMEnvironment(settings: settings(values)); return "" } catch { return "\(error)" }
    }
    #expect(message(["tracee": "x"]).contains("key 'settings.tracee'"))
    #expect(message(["trace": "nonesuch"]).contains("stream, random, cloud-1, cloud-2"))
    #expect(message(["memspec": "nonesuch"]).contains("ddr4-2400-x8-4gb"))
    #expect(message(["ranges": "ppo"]).contains("allowed: ga, rl"))
    #expect(message(["address_mapping": "row-bank-colum"]).contains("'colum' is not a field"))
}

@Test func memspecLoaderReadsDRAMSysLayoutAndRejectsBrokenFiles() throws {
    let ddr3 = try DRAMFixtures.ddr3, ddr4 = try DRAMFixtures.ddr4, ddr4x8 = try DRAMFixtures.memSpec("ddr4-2400-x8-8gb")
    #expect(ddr3.organisation.bankGroups == 1 && ddr3.timing.CCD_L == ddr3.timing.CCD_S && ddr3.timing.CL == 10)
    #expect(ddr3.organisation.capacityBytes == 1 << 30 && abs(ddr3.peakBandwidthGBps - 12.8) < 1e-9)
    #expect(ddr4.timing.RFC == 313 && ddr4x8.timing.RFC == 420 && ddr4x8.organisation.rows == 2 * ddr4.organisation.rows)
    #expect(abs(ddr4.timing.tCKns - 0.8333333) < 1e-6 && ddr4.power.idd0 == 60.75)
    let broken = ddr4.sourceText.replacingOccurrences(of: "\"RCD\": 16,", with: "")
    #expect(throws: SpecError(file: "x.json", key: "memspec.memtimingspec.RCD", "missing timing")) { try MemSpec.parse(broken, file: "x.json") }
    let odd = ddr4.sourceText.replacingOccurrences(of: "\"nbrOfBanks\": 16", with: "\"nbrOfBanks\": 12")
    #expect(throws: SpecError.self) { try MemSpec.parse(odd) }
}

@Test func addressMappingsPlaceFieldsInTheGivenBitOrder() throws {
    let o = try DRAMFixtures.ddr4.organisation
    let rbc = try AddressMapping("row-bank-rank-column-channel", organisation: o)
    let interleaved = try AddressMapping("row-column-bank-rank-channel", organisation: o)
    // Consecutive bursts: same bank under row-bank-column, next bank when interleaved.
    #expect(rbc.decode(0).bank == rbc.decode(64).bank && rbc.decode(64).column == 8)
    #expect(interleaved.decode(64).bank == 1 && interleaved.decode(64).column == 0)
    #expect(rbc.addressBits == 32)
    let grouped = try AddressMapping("row-bank-rank-column-bankgroup-channel", organisation: o)
    #expect(grouped.decode(64).bank == o.banksPerGroup)  // next group, bank 0
}

@Test func tracesBeyondTheMemoryAreRejected() throws {
    let spec = try DRAMFixtures.ddr3
    let trace = Trace(name: "big", requests: [TraceRequest(cycle: 0, isWrite: false, address: 1 << 31)])
    #expect(throws: SpecError.self) {
        try DRAMSimulation(spec: spec, mapping: AddressMapping(AddressMapping.defaultOrder, organisation: spec.organisation), trace: trace)
    }
}

@Test func commandLogListsEveryCommandWithCycleAndCoordinates() throws {
    let env = try DRAMEnvironment(settings: settings(["trace": "stream", "memspec": "ddr4-2400-x8-4gb"]))
    let text = try env.commandLog(for: env.designSpace.defaultConfiguration)
    let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
    let first = lines[0].split(separator: " ")
    #expect(first.count == 8 && first[1] == "ACT")
    let metrics = try env.evaluate(env.designSpace.defaultConfiguration)
    #expect(Double(lines.filter { $0.contains(" RD ") || $0.contains(" RDA ") }.count) == metrics["rd_count"])
}

/// The example specs name only metrics the environment measures, with the
/// bounded target-spec objective (the YAML is simple enough to read by line).
@Test func exampleSpecsTargetPowerAndLatencyWithTargetSpec() throws {
    for trace in Trace.shippedNames {
        let text = try String(contentsOfFile: DRAMFixtures.environments + "/dram-\(trace).yaml", encoding: .utf8)
        #expect(text.contains("environment: dram") && text.contains("trace: \(trace)") && text.contains("kind: target-spec"))
        var targets: [String: SpecValue] = [:]
        var inTargets = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("  targets:") { inTargets = true; continue }
            guard inTargets, line.hasPrefix("    ") else { inTargets = false; continue }
            let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            targets[parts[0]] = .number(Double(parts[1])!)
        }
        #expect(Set(targets.keys) == ["power_mW", "read_latency_avg_ns"])
        let objective = try Objective(spec: SpecObject(["kind": .string("target-spec"), "targets": .object(targets)]), metrics: DRAMResult.metricSpecs)
        #expect(objective.kind == .targetSpec)
    }
}

@Test func commandLogIsReachableThroughASpecNarrowedEnvironment() throws {
    let spec = try EnvironmentSpec(SpecObject([
        "environment": .string("dram"),
        "settings": .object(["trace": .string("stream")]),
        "space": .object(["PagePolicy": .array([.string("Closed")])]),
    ], baseDirectory: DRAMFixtures.environments), knownKinds: Catalog.standard.environmentNames)
    let (env, _) = try spec.build(Catalog.standard.environments)
    #expect(env is ScopedEnvironment)
    let text = try #require(try DRAMEnvironment.commandLog(of: env, for: env.designSpace.defaultConfiguration))
    #expect(text.contains(" RDA "))   // the narrowed default is Closed: auto-precharge reads
    #expect(try DRAMEnvironment.commandLog(of: try Branin.kind.make(SpecObject([:])), for: env.designSpace.defaultConfiguration) == nil)
}
