import Foundation
import GymCampaign
import GymCore
import GymStore

/// `campaign`, `ask`, `tell`, `run`, `trials`, `best`, `close`, `shutdown`.
extension ServeSession {
    func campaign(_ params: Params) throws -> String {
        try params.requireOnly(["db", "name", "handle", "agent", "seed", "budget", "hyperparameters"], method: "campaign")
        let database = try params.requiredString("db")
        let name = try params.requiredString("name")
        let environment = try environmentHandle(params)
        let agentName = try params.requiredString("agent")
        let seed = try params.requiredInt("seed", in: 0...ServeProtocol.maximumSeed)
        let budget = try params.requiredInt("budget", in: 1...ServeProtocol.maximumBudget)
        let hyperparameters = try params.object("hyperparameters")
        guard !name.isEmpty else { throw ProtocolError.request("field 'name': empty; give the campaign a name") }
        var agent = try AgentReference(agentName)
        if let hyperparameters {
            guard !agent.isExternal else {
                throw ProtocolError.request("field 'hyperparameters': only for built-in agents; external:\(agent.externalLabel!) keeps its own")
            }
            // Given here, they override the preset's, key by key.
            agent.hyperparameters.values.merge(hyperparameters) { _, given in given }
        }
        let key = OpenCampaigns.key(database: database, name: name)
        guard openCampaigns.claim(key) else {
            let mine = campaigns.first { $0.value.key == key }?.key
            throw CampaignStateError("campaign '\(name)' in \(database) is already open" + (mine.map { " as \($0)" } ?? " on another connection"))
        }
        let live: LiveCampaign
        do {
            live = try LiveCampaign.open(.init(
                database: database, name: name, loader: environment.loader, specPath: environment.specPath, agent: agent,
                seed: UInt64(seed), budget: Budget(trials: budget), jobs: jobs))
        } catch {
            openCampaigns.release(key)
            throw error
        }
        let handle = newHandle("c")
        campaigns[handle] = CampaignHandle(live: live, loader: environment.loader, key: key)
        return JSONText.object([("campaign", JSONText.quote(handle)), ("name", JSONText.quote(live.name)),
                                ("agent", JSONText.quote(live.record.agent)), ("trials", String(live.trialCount)),
                                ("budget", String(live.budget)), ("resumed", ResultJSON.bool(live.resumed))])
    }

    func ask(_ params: Params) throws -> String {
        try params.requireOnly(["campaign", "count"], method: "ask")
        let campaign = try campaignHandle(params)
        let count = try params.int("count", in: 1...ServeProtocol.maximumBatch)
        let configurations = try campaign.live.ask(count)
        return JSONText.object([("configs", ResultJSON.array(configurations.map(\.json)))])
    }

    func tell(_ params: Params) throws -> String {
        try params.requireOnly(["campaign", "configs"], method: "tell")
        let campaign = try campaignHandle(params)
        let configurations = try Self.configurations(try params.requiredArray("configs", limit: ServeProtocol.maximumBatch),
                                                     loader: campaign.loader)
        let trials = try campaign.live.tell(configurations)
        return JSONText.object([("trials", ResultJSON.array(trials.map(ResultJSON.trial))),
                                ("best", ResultJSON.best(campaign.live.best)),
                                ("remaining", String(campaign.live.remaining))])
    }

    func run(_ params: Params) throws -> String {
        try params.requireOnly(["campaign", "trials"], method: "run")
        let campaign = try campaignHandle(params)
        let limit = try params.int("trials", in: 1...ServeProtocol.maximumBudget)
        let outcome = try campaign.live.run(limit: limit, cancellation: cancellation)
        return JSONText.object([("trials", String(campaign.live.trialCount)), ("new", String(outcome.newTrials)),
                                ("best", ResultJSON.best(campaign.live.best)),
                                ("remaining", String(campaign.live.remaining))])
    }

    func trials(_ params: Params) throws -> String {
        try params.requireOnly(["campaign", "start", "count"], method: "trials")
        let campaign = try campaignHandle(params)
        let start = try params.int("start", in: 0...ServeProtocol.maximumBudget) ?? 0
        let count = try params.int("count", in: 1...ServeProtocol.maximumBatch) ?? ServeProtocol.maximumBatch
        let trials = try campaign.live.loggedTrials(from: start, count: count)
        return JSONText.object([("trials", ResultJSON.array(trials.map(ResultJSON.logged))),
                                ("total", String(campaign.live.trialCount))])
    }

    func best(_ params: Params) throws -> String {
        try params.requireOnly(["campaign", "count"], method: "best")
        let campaign = try campaignHandle(params)
        let count = try params.int("count", in: 1...ServeProtocol.maximumBatch) ?? 5
        var pairs = [("trials", ResultJSON.array(try campaign.live.bestTrials(count).map(ResultJSON.stored)))]
        if let front = try campaign.live.paretoTrials() {
            pairs.append(("pareto", ResultJSON.array(front.map(ResultJSON.stored))))
        }
        return JSONText.object(pairs)
    }

    func close(_ params: Params) throws -> String {
        try params.requireOnly(["handle", "campaign"], method: "close")
        switch (params.has("handle"), params.has("campaign")) {
        case (true, true):
            throw ProtocolError.request("give either 'handle' or 'campaign', not both")
        case (true, false):
            let handle = try params.requiredString("handle")
            guard environments.removeValue(forKey: handle) != nil else {
                throw ProtocolError(.handle, "no open environment '\(handle)'" + Self.openList(environments.keys))
            }
        case (false, true):
            let handle = try params.requiredString("campaign")
            guard campaigns[handle] != nil else {
                throw ProtocolError(.handle, "no open campaign '\(handle)'" + Self.openList(campaigns.keys))
            }
            try closeCampaign(handle)
        case (false, false):
            throw ProtocolError.request("missing field 'handle' (an environment) or 'campaign'")
        }
        return "{}"
    }

    func shutdown(_ params: Params) throws -> String {
        try params.requireOnly([], method: "shutdown")
        closeAll()
        markShutDown()
        return "{}"
    }

    func campaignHandle(_ params: Params) throws -> CampaignHandle {
        let handle = try params.requiredString("campaign")
        guard let campaign = campaigns[handle] else {
            throw ProtocolError(.handle, "no open campaign '\(handle)'" + Self.openList(campaigns.keys))
        }
        return campaign
    }

    /// Forgets the handle and releases the campaign even if marking it in the store fails.
    func closeCampaign(_ handle: String) throws {
        guard let campaign = campaigns.removeValue(forKey: handle) else { return }
        defer { openCampaigns.release(campaign.key) }
        try campaign.live.close()
    }
}
