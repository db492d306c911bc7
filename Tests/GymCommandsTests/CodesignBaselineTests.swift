import Foundation
import GymAgents
import GymCore
import Testing
@testable import GymCommands
import GymCampaign
import GymCodesign
import GymAccelerator

/// `dsegym codesign-baseline` and the shipped co-design example: NAS first,
/// then ASIC, cannot meet the specs; co-exploration does.
struct CodesignBaselineTests {
    static let spec = CLI.packageRoot.appendingPathComponent("environments/codesign-cifar10-nuclei.yaml").path
    /// The agent of the search tests; switch to "ga" once it is in the catalog.
    static let agentName = "ga"

    static func limits() throws -> [String: Double] {
        let specs = try #require(try SpecLoader.load(spec).object("settings")?.object("specs"))
        return try Dictionary(uniqueKeysWithValues: specs.keys.map { ($0, try #require(try specs.double($0))) })
    }

    /// One comparison shared by the tests (finding the most accurate networks
    /// enumerates the whole network space, a few seconds in a debug build).
    static let shared = Result {
        try CodesignBaselineCommand.parse(["--env", spec, "--trials", "100", "--seed", "1"]).comparison()
    }

    @Test func json_hasTheKeys_andCoexplorationMeetsTheSpecsWhereSuccessiveDoesNot() throws {
        let (_, s, c) = try Self.shared.get()
        let text = CodesignBaselineCommand.json(s, c)
        let top = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(top.keys) == ["successive", "coexploration"])
        let keys: Set = ["meets_specs", "violations", "latency_cycles", "energy_nJ", "area_um2", "accuracy"]
        let successive = try #require(top["successive"] as? [String: Any])
        let coexploration = try #require(top["coexploration"] as? [String: Any])
        #expect(Set(successive.keys) == keys && Set(coexploration.keys) == keys)

        #expect(successive["meets_specs"] as? Bool == false)
        let violations = try #require(successive["violations"] as? [String])
        #expect(violations.contains { $0.hasPrefix("energy_nJ") }, "\(violations)")

        #expect(coexploration["meets_specs"] as? Bool == true)
        #expect((coexploration["violations"] as? [String])?.isEmpty == true)
        for (key, limit) in try Self.limits() {
            #expect(try #require(coexploration[key] as? Double) <= limit, "\(key)")
        }
        // NAS first picks the most accurate networks: the trade-off is accuracy.
        #expect(try #require(successive["accuracy"] as? Double) > (try #require(coexploration["accuracy"] as? Double)))
    }

    @Test func mostAccurateNetworks_needMoreEnergyAndLatencyThanTheShippedSpecs_onEveryHardwareOfTheSpace() throws {
        // Energy adds over tasks, and each task's energy depends only on its own
        // sub-accelerator; so the sum of per-task minima over every (template,
        // PEs, bandwidth) bounds every design's energy from below. Latency is at
        // least any one task's runtime, so the largest per-task minimum bounds it.
        let (baseline, successive, _) = try Self.shared.get()
        let env = baseline.environment
        let networks = try #require(successive.configuration)   // the most accurate networks, NAS first
        // The surrogates grow with width, depth and skips: NAS first picks the largest networks.
        #expect(networks.canonicalText.contains("cifar10_blocks1=9;cifar10_blocks2=9;cifar10_blocks3=9;cifar10_filters1=128;cifar10_filters2=128;cifar10_filters3=128"))
        #expect(networks["cifar10_skip"] == .text("on") && networks["nuclei_depth"] == .int(5) && networks["nuclei_filters"] == .real(64))
        let space = baseline.designSpace
        let templates = try #require(space.parameter(named: "acc1_dataflow")).domain
        let pes = try #require(space.parameter(named: "acc1_pes")).domain
        let shares = try #require(space.parameter(named: "acc1_bw_gbps")).domain
        var energyBound = 0.0, latencyBound = 0.0
        for point in env.taskPoints(networks) {
            var least = Double.infinity, fastest = Double.infinity
            for t in 0..<templates.levelCount {
                let flow = try Dataflow.named(templates.value(at: t).text)
                for p in 0..<pes.levelCount {
                    for s in 0..<shares.levelCount {
                        let sub = SubAccelerator(name: "acc1", dataflow: flow, pes: Int(pes.value(at: p).number!),
                                                 bandwidthGBps: shares.value(at: s).number!)
                        let task = TaskWorkload(task: point.family.name, workload: point.workload, subAccelerator: 0)
                        if case .success(let cost) = env.evaluator.evaluate([sub], tasks: [task], budgets: env.budgets) {
                            least = min(least, cost.energyPJ / 1000)
                            fastest = min(fastest, Double(cost.latencyCycles))
                        }
                    }
                }
            }
            energyBound += least
            latencyBound = max(latencyBound, fastest)
        }
        let limits = try Self.limits()
        #expect(energyBound > (try #require(limits["energy_nJ"])), "least energy of the most accurate networks: \(energyBound) nJ")
        #expect(latencyBound > (try #require(limits["latency_cycles"])), "least latency: \(latencyBound) cycles")
    }

    @Test func anAgentFindsASpecMeetingDesign_onTheShippedExample_within100Trials() throws {
        let loader = try EnvironmentLoader(path: Self.spec)
        let kind = try #require(AgentCatalog.kind(named: Self.agentName))
        let context = AgentContext(designSpace: loader.environment.designSpace, objective: loader.objective, seed: 1, budget: 100)
        let (agent, _) = try kind.make(SpecObject([:]), context)
        let log = MemoryTrialLog()
        let runner = CampaignRunner(environment: loader.environment, objective: loader.objective, agent: agent,
                                    budget: Budget(trials: 100), jobs: 2, log: log)
        let outcome = try runner.run()
        let best = try #require(outcome.best)
        #expect(best.metrics["specs_met"] == 1)
        #expect(best.reward == best.metrics["accuracy"])
        for (key, limit) in try Self.limits() {
            #expect(try #require(best.metrics[key]) <= limit, "\(key)")
        }
        #expect(log.trials.count == 100)
    }

    @Test func textReport_showsBothFlowsSideBySide() throws {
        let (baseline, s, c) = try Self.shared.get()
        let text = CodesignBaselineCommand.table(s, c, baseline: baseline)
        #expect(text.contains("successive (NAS, then ASIC)") && text.contains("co-exploration"))
        #expect(text.contains("meets specs") && text.contains("energy_nJ"))
    }

    @Test func rejectsANonCodesignEnvironment_andSettingADesignParameter() throws {
        let branin = CLI.packageRoot.appendingPathComponent("environments/synthetic-branin.yaml").path
        #expect(throws: SpecError.self) { try CodesignBaselineCommand.parse(["--env", branin, "--trials", "5"]).report() }
        do {
            _ = try CodesignBaselineCommand.parse(["--env", Self.spec, "--set", "nuclei_depth=3"]).report()
            Issue.record("accepted a design parameter")
        } catch let e as SpecError {
            #expect(e.message.contains("nuclei_depth"))
        }
    }
}
