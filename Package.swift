// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DSEGym",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dsegym", targets: ["dsegym"]),
        .library(name: "GymCore", targets: ["GymCore"]),
        .library(name: "GymCampaign", targets: ["GymCampaign"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // Already required by swift-sdk; named here only because GymMCP's transport wrapper spells `Logger`.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
    ],
    targets: [
        // MARK: System libraries (Debian: libgsl-dev, libsqlite3-dev)
        .systemLibrary(name: "CGSL", pkgConfig: "gsl",
                       providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),

        // MARK: Public API
        .target(name: "GymCore"),
        .target(name: "GymStore", dependencies: ["GymCore", "CSQLite"]),
        .target(name: "GymEnvironments", dependencies: ["GymCore"]),
        .target(name: "GymAgents", dependencies: ["GymCore", "CGSL"]),
        .target(name: "GymReport", dependencies: ["GymCore", "GymStore"]),
        .target(name: "GymProxy", dependencies: ["GymCore", "GymStore", "GymAgents"]),

        // MARK: Campaigns: sessions, plans, spec loading, comparisons (everything the CLI and the server share)
        .target(name: "GymCampaign", dependencies: [
            "GymCore", "GymStore", "GymEnvironments", "GymAgents", "GymReport", "GymProxy",
            .product(name: "Yams", package: "Yams"),
        ]),

        // MARK: MCP server (the only target that sees the MCP package, so the rest builds without it)
        .target(name: "GymMCP", dependencies: [
            "GymCore", "GymStore", "GymEnvironments", "GymAgents", "GymProxy", "GymCampaign",
            .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log"),
        ]),

        // MARK: Command line (a library so that tests can drive the commands)
        .target(name: "GymCommands", dependencies: [
            "GymCore", "GymStore", "GymEnvironments", "GymAgents", "GymReport", "GymProxy", "GymCampaign", "GymMCP",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "dsegym", dependencies: ["GymCommands"]),

        // MARK: Unit test bundles
        .testTarget(name: "GymCoreTests", dependencies: ["GymCore"]),
        .testTarget(name: "GymStoreTests", dependencies: ["GymStore", "GymCore"]),
        .testTarget(name: "GymEnvironmentsTests", dependencies: ["GymEnvironments", "GymCore"]),
        .testTarget(name: "GymAgentsTests", dependencies: ["GymAgents", "GymEnvironments", "GymCore"]),
        .testTarget(name: "GymReportTests", dependencies: ["GymReport", "GymStore", "GymCore"]),
        .testTarget(name: "GymProxyTests", dependencies: ["GymProxy", "GymStore", "GymEnvironments", "GymCore"]),
        .testTarget(name: "GymCommandsTests", dependencies: ["GymCommands", "GymCampaign", "GymStore", "GymCore"]),
        .testTarget(name: "GymMCPTests", dependencies: ["GymMCP", "GymCommands", "GymCampaign", "GymStore", "GymCore",
                                                        .product(name: "MCP", package: "swift-sdk")]),
    ]
)
