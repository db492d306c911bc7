import MCP

/// The tools DSEGym offers over MCP, with their JSON-schema inputs.
///
/// Numbers are bounded here and again when the arguments are read
/// (`ToolArguments`), so a client that ignores the schema gets a tool error.
enum ToolCatalog {
    static let maxTrials = 10_000_000
    static let maxCount = 10_000
    static let maxJobs = 1024
    static let defaultDatabase = "results/dsegym.sqlite"

    static let all: [Tool] = [listEnvironments, describeEnvironment, evaluate, runCampaign, bestTrials]

    private static func object(_ properties: [String: Value], required: [String] = []) -> Value {
        .object(["type": "object", "properties": .object(properties), "required": .array(required.map(Value.string)),
                 "additionalProperties": false])
    }

    private static func string(_ description: String) -> Value {
        .object(["type": "string", "description": .string(description)])
    }

    private static func integer(_ description: String, _ range: ClosedRange<Int>, default d: Int) -> Value {
        .object(["type": "integer", "description": .string(description), "minimum": .int(range.lowerBound),
                 "maximum": .int(range.upperBound), "default": .int(d)])
    }

    private static let spec = string("Environment spec file (YAML) relative to the server's working directory, e.g. environments/synthetic-branin.yaml; or proxy:<model.json>.")
    private static let settings: Value = .object([
        "type": "object",
        "description": "Spec settings to override (as `dsegym evaluate --set key=value`), e.g. {\"workload\": \"resnet18\"}.",
        "additionalProperties": .object(["type": .array(["string", "number", "boolean"])]),
    ])
    private static let db = string("SQLite trial store (default \(defaultDatabase)).")

    static let listEnvironments = Tool(
        name: "list_environments",
        description: "List every environment kind (name, summary, settings) and the spec files shipped under environments/*.yaml.",
        inputSchema: object([:]),
        annotations: .init(readOnlyHint: true))

    static let describeEnvironment = Tool(
        name: "describe_environment",
        description: "Describe the environment a spec builds: its design parameters (kind, values or range, default, summary), metrics (unit, better direction) and objective.",
        inputSchema: object(["spec": spec, "settings": settings], required: ["spec"]),
        annotations: .init(readOnlyHint: true))

    static let evaluate = Tool(
        name: "evaluate",
        description: "Evaluate one configuration (unspecified parameters take their defaults) and return its metrics, reward and feasibility, exactly as `dsegym evaluate --json`. Nothing is stored.",
        inputSchema: object([
            "spec": spec, "settings": settings,
            "config": .object([
                "type": "object",
                "description": "Design parameter values by name, e.g. {\"x1\": 0.5, \"PagePolicy\": \"Open\"}.",
                "additionalProperties": .object(["type": .array(["string", "number"])]),
            ]),
        ], required: ["spec"]),
        annotations: .init(readOnlyHint: true, idempotentHint: true))

    static let runCampaign = Tool(
        name: "run_campaign",
        description: "Run a search campaign with a built-in agent (or an agent preset file) and log every trial in the SQLite store; returns a summary with the best trial. Sends progress notifications when the request carries a progress token; cancelling the request stops the campaign after the batch in flight.",
        inputSchema: object([
            "spec": spec,
            "agent": string("Agent name (random, random-walker, ga, aco, bo, rl, nsga2; see `dsegym agents`) or preset file such as agents/ga.yaml."),
            "seed": integer("Seed of the agent's random stream.", 0...Int.max, default: 0),
            "trials": integer("Trial budget.", 1...maxTrials, default: 1000),
            "db": db,
            "name": string("Campaign name (default: <environment>-<agent>-s<seed>, made unique)."),
            "jobs": integer("Worker threads evaluating each batch (results do not depend on it).", 1...maxJobs, default: 1),
            "wall_seconds": .object(["type": "number", "exclusiveMinimum": 0, "description": "Stop after this many seconds of wall time."]),
            "stop_at_target": .object(["type": "boolean", "default": false, "description": "Stop as soon as the objective's target is reached."]),
        ], required: ["spec", "agent"]),
        annotations: .init(readOnlyHint: false, destructiveHint: false, idempotentHint: false))

    static let bestTrials = Tool(
        name: "best_trials",
        description: "The best trials of a stored campaign (highest reward first) with their configurations and metrics, and its Pareto front when the objective is pareto.",
        inputSchema: object([
            "db": db,
            "campaign": string("Campaign name (as run_campaign returned it)."),
            "count": integer("How many trials.", 1...maxCount, default: 10),
        ], required: ["campaign"]),
        annotations: .init(readOnlyHint: true))
}
