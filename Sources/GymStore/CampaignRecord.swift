import Foundation
import GymCore

/// Provenance of one campaign: everything needed to understand it later and
/// to resume it (the environment spec as resolved, the objective, the agent
/// and its resolved hyperparameters, seed, budget), plus where and when it ran.
public struct CampaignRecord: Sendable {
    public enum Status: String, Sendable { case running, finished, interrupted, failed }

    public var id: String
    public var name: String
    public var studyID: Int
    public var environment: String
    public var fingerprint: String
    public var environmentSpec: SpecValue
    public var environmentSpecFile: String?
    public var objective: Objective
    public var agent: String
    public var hyperparameters: SpecValue
    public var seed: UInt64
    public var budget: Budget
    public var jobs: Int
    /// Parameter names and their Optuna distributions, in design-space order.
    public var parameters: [ParameterColumn]
    public var metrics: [MetricSpec]
    public var toolVersion: String
    public var host: String
    public var startedAt: String
    public var finishedAt: String?
    public var status: Status
    public var stopReason: String?
    /// Wall time and agent (ask/tell) time over all sessions, in seconds.
    public var wallSeconds = 0.0
    public var agentSeconds = 0.0

    public init(name: String, environment: any Environment, environmentSpec: SpecValue, environmentSpecFile: String?,
                objective: Objective, agent: String, hyperparameters: SpecValue, seed: UInt64, budget: Budget, jobs: Int) {
        id = UUID().uuidString.lowercased()
        self.name = name
        studyID = 0
        self.environment = environment.id
        fingerprint = environment.fingerprint
        self.environmentSpec = environmentSpec
        self.environmentSpecFile = environmentSpecFile
        self.objective = objective
        self.agent = agent
        self.hyperparameters = hyperparameters
        self.seed = seed
        self.budget = budget
        self.jobs = jobs
        parameters = environment.designSpace.parameters.map(ParameterColumn.init)
        metrics = environment.metricSpecs
        toolVersion = DSEGymVersion.current
        host = ProcessInfo.processInfo.hostName
        startedAt = Timestamp.now()
        status = .running
    }

    init(id: String, name: String, studyID: Int, environment: String, fingerprint: String, environmentSpec: SpecValue,
         environmentSpecFile: String?, objective: Objective, agent: String, hyperparameters: SpecValue, seed: UInt64,
         budget: Budget, jobs: Int, parameters: [ParameterColumn], metrics: [MetricSpec], toolVersion: String,
         host: String, startedAt: String, finishedAt: String?, status: Status, stopReason: String?,
         wallSeconds: Double, agentSeconds: Double) {
        self.wallSeconds = wallSeconds
        self.agentSeconds = agentSeconds
        self.id = id
        self.name = name
        self.studyID = studyID
        self.environment = environment
        self.fingerprint = fingerprint
        self.environmentSpec = environmentSpec
        self.environmentSpecFile = environmentSpecFile
        self.objective = objective
        self.agent = agent
        self.hyperparameters = hyperparameters
        self.seed = seed
        self.budget = budget
        self.jobs = jobs
        self.parameters = parameters
        self.metrics = metrics
        self.toolVersion = toolVersion
        self.host = host
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.stopReason = stopReason
    }
}

/// A parameter as the store keeps it: name plus Optuna distribution.
public struct ParameterColumn: Hashable, Sendable, Codable {
    public var name: String
    public var distribution: OptunaDistribution

    public init(_ parameter: Parameter) {
        name = parameter.name
        distribution = OptunaDistribution(parameter.domain)
    }
}

/// The version written into provenance.
public enum DSEGymVersion {
    public static let current = "0.1.0"
}
