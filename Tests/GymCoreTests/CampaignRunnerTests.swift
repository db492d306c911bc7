import Testing
@testable import GymCore

struct CampaignRunnerTests {
    let env = QuadraticEnvironment()
    let objective = Objective.defaultObjective(for: QuadraticEnvironment().metricSpecs)

    func run(seed: UInt64, jobs: Int, trials: Int = 200, cache: [UInt64: CachedEvaluation] = [:],
             stopAtTarget: Bool = false, objective: Objective? = nil) throws -> (MemoryTrialLog, CampaignOutcome) {
        let log = MemoryTrialLog()
        let runner = CampaignRunner(environment: env, objective: objective ?? self.objective,
                                    agent: RecordingAgent(space: env.designSpace, seed: seed),
                                    budget: Budget(trials: trials, stopAtTarget: stopAtTarget), jobs: jobs, log: log, cache: cache)
        return (log, try runner.run())
    }

    func fingerprint(_ trials: [Trial]) -> [String] {
        trials.map { "\($0.index)|\($0.batch)|\($0.configuration)|\($0.metrics.json)|\(String(describing: $0.reward))|\($0.reason ?? "")" }
    }

    @Test func sameSeed_givesTheSameTrials_forAnyNumberOfJobs() throws {
        let (one, _) = try run(seed: 5, jobs: 1)
        let (two, _) = try run(seed: 5, jobs: 2)
        let (four, _) = try run(seed: 5, jobs: 4)
        #expect(one.trials.count == 200)
        #expect(fingerprint(one.trials) == fingerprint(two.trials))
        #expect(fingerprint(one.trials) == fingerprint(four.trials))
        let (other, _) = try run(seed: 6, jobs: 1)
        #expect(fingerprint(other.trials) != fingerprint(one.trials))
    }

    @Test func batches_followTheAgentsBatchSize_andTheBudgetCutsTheLast() throws {
        let (log, outcome) = try run(seed: 1, jobs: 2, trials: 20)
        #expect(log.trials.map(\.batch) == [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2])
        #expect(outcome.totalTrials == 20)
        #expect(outcome.stop == .budget)
    }

    @Test func infeasiblePoints_haveNoReward_andCarryTheReason() throws {
        let (log, _) = try run(seed: 2, jobs: 1, trials: 300)
        let broken = log.trials.filter { $0.configuration.int("x3") == 6 && $0.configuration.int("x1") + $0.configuration.int("x2") <= 10 }
        #expect(!broken.isEmpty)
        #expect(broken.allSatisfy { $0.reward == nil && $0.reason == "x3 = 6 is unbuildable" })
        let violating = log.trials.filter { $0.configuration.int("x1") + $0.configuration.int("x2") > 10 }
        #expect(!violating.isEmpty)
        #expect(violating.allSatisfy { $0.reward == nil && $0.reason == "x1 + x2 must not exceed 10" })
    }

    @Test func repeatedConfigurations_areCacheHits_withIdenticalMetrics() throws {
        let (log, _) = try run(seed: 3, jobs: 2, trials: 400)
        var first: [Configuration: Trial] = [:]
        var hits = 0
        for t in log.trials {
            if let earlier = first[t.configuration] {
                #expect(t.cacheHit)
                #expect(t.metrics == earlier.metrics)
                hits += 1
            } else {
                #expect(!t.cacheHit)
                first[t.configuration] = t
            }
        }
        #expect(hits > 0) // 400 draws from 686 points repeat some
    }

    @Test func warmCache_skipsEvaluation_butGivesTheSameTrials() throws {
        let (cold, _) = try run(seed: 4, jobs: 1)
        var cache: [UInt64: CachedEvaluation] = [:]
        for t in cold.trials { cache[t.configuration.stableHash] = CachedEvaluation(configurationJSON: t.configuration.json, metrics: t.metrics) }
        let (warm, _) = try run(seed: 4, jobs: 2, cache: cache)
        #expect(fingerprint(warm.trials) == fingerprint(cold.trials))
        #expect(warm.trials.allSatisfy { $0.cacheHit })
    }

    @Test func replayOfAPrefix_thenRun_equalsAnUninterruptedRun() throws {
        let (full, _) = try run(seed: 8, jobs: 1, trials: 100)
        let log = MemoryTrialLog()
        let runner = CampaignRunner(environment: env, objective: objective,
                                    agent: RecordingAgent(space: env.designSpace, seed: 8),
                                    budget: Budget(trials: 100), jobs: 2, log: log)
        try runner.replay(Array(full.trials.prefix(42))) // 6 whole batches of 7
        _ = try runner.run()
        #expect(fingerprint(Array(full.trials.prefix(42)) + log.trials) == fingerprint(full.trials))
    }

    @Test func replay_detectsAnAgentThatChanged() throws {
        let (full, _) = try run(seed: 8, jobs: 1, trials: 14)
        let runner = CampaignRunner(environment: env, objective: objective,
                                    agent: RecordingAgent(space: env.designSpace, seed: 9),
                                    budget: Budget(trials: 100), jobs: 1, log: MemoryTrialLog())
        #expect(throws: ResumeConflict.self) { try runner.replay(full.trials) }
    }

    @Test func stopAtTarget_endsTheCampaignOnceTheTargetIsReached() throws {
        let o = Objective(kind: .minimize, terms: [.init(metric: "value", direction: .minimize, value: 1)], stopAtReward: -3)
        let (log, outcome) = try run(seed: 11, jobs: 1, trials: 5000, stopAtTarget: true, objective: o)
        #expect(outcome.stop == .target)
        #expect(log.trials.count < 5000)
        #expect(try #require(outcome.best?.reward) >= -3)
    }

    @Test func shouldStop_isHonouredBetweenBatches() throws {
        let log = MemoryTrialLog()
        let runner = CampaignRunner(environment: env, objective: objective,
                                    agent: RecordingAgent(space: env.designSpace, seed: 1),
                                    budget: Budget(trials: 100), jobs: 1, log: log)
        let outcome = try runner.run(progress: nil, shouldStop: { log.trials.count >= 10 })
        #expect(outcome.stop == .interrupted)
        #expect(log.trials.count == 14) // two whole batches, never half of one
    }
}
