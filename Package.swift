// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DSEGym",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dsegym", targets: ["dsegym"]),
        .executable(name: "dsegym-mcp", targets: ["dsegym-mcp"]),
        .library(name: "GymCore", targets: ["GymCore"]),
        .library(name: "GymNumerics", targets: ["GymNumerics"]),
        .library(name: "GymStore", targets: ["GymStore"]),
        .library(name: "GymWorkloads", targets: ["GymWorkloads"]),
        .library(name: "GymAccelerator", targets: ["GymAccelerator"]),
        .library(name: "GymTimeloop", targets: ["GymTimeloop"]),
        .library(name: "GymDRAM", targets: ["GymDRAM"]),
        .library(name: "GymAcceleratorDRAM", targets: ["GymAcceleratorDRAM"]),
        .library(name: "GymCodesign", targets: ["GymCodesign"]),
        .library(name: "GymSynthetic", targets: ["GymSynthetic"]),
        .library(name: "GymSoC", targets: ["GymSoC"]),
        .library(name: "GymAgents", targets: ["GymAgents"]),
        .library(name: "GymProxy", targets: ["GymProxy"]),
        .library(name: "GymReport", targets: ["GymReport"]),
        .library(name: "GymCampaign", targets: ["GymCampaign"]),
        .library(name: "GymServe", targets: ["GymServe"]),
        .library(name: "GymMCP", targets: ["GymMCP"]),
        .library(name: "GymCommands", targets: ["GymCommands"]),
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

        // MARK: Core, numerics, store
        .target(name: "GymCore"),
        .target(name: "GymNumerics", dependencies: ["GymCore", "CGSL"]),
        .target(name: "GymStore", dependencies: ["GymCore", "CSQLite"]),

        // MARK: Environment families (one target each, so they compile in parallel)
        .target(name: "GymWorkloads", dependencies: ["GymCore"]),
        .target(name: "GymAccelerator", dependencies: ["GymCore", "GymWorkloads"]),
        .target(name: "GymTimeloop", dependencies: ["GymCore", "GymWorkloads"]),
        .target(name: "GymDRAM", dependencies: ["GymCore"]),
        .target(name: "GymAcceleratorDRAM", dependencies: ["GymCore", "GymWorkloads", "GymAccelerator", "GymDRAM"]),
        .target(name: "GymCodesign", dependencies: ["GymCore", "GymWorkloads", "GymAccelerator"]),
        .target(name: "GymSynthetic", dependencies: ["GymCore"]),
        .target(name: "GymSoC", dependencies: ["GymCore"]),

        // MARK: Agents, proxies, reports
        .target(name: "GymAgents", dependencies: ["GymCore", "GymNumerics"]),
        .target(name: "GymProxy", dependencies: ["GymCore", "GymStore", "GymNumerics"]),
        .target(name: "GymReport", dependencies: ["GymCore", "GymStore", "GymNumerics"]),

        // MARK: Campaigns: sessions, plans, spec loading, catalog, comparisons (shared by the CLI and the servers)
        .target(name: "GymCampaign", dependencies: [
            "GymCore", "GymNumerics", "GymStore", "GymAgents", "GymReport", "GymProxy",
            "GymAccelerator", "GymTimeloop", "GymDRAM", "GymCodesign", "GymSynthetic", "GymSoC",
            "GymAcceleratorDRAM",
            .product(name: "Yams", package: "Yams"),
        ]),

        // MARK: The JSON-lines protocol server (`dsegym serve`)
        .target(name: "GymServe", dependencies: ["GymCampaign", "GymCore", "GymStore"]),

        // MARK: The MCP server (the only target that sees the MCP package; built into its own executable, dsegym-mcp)
        .target(name: "GymMCP", dependencies: [
            "GymCore", "GymStore", "GymAgents", "GymProxy", "GymCampaign",
            .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log"),
        ]),

        // MARK: Command line (a library so that tests can drive the commands)
        .target(name: "GymCommands", dependencies: [
            "GymCore", "GymStore", "GymAgents", "GymReport", "GymProxy", "GymCampaign", "GymServe", "GymDRAM", "GymCodesign",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "dsegym", dependencies: ["GymCommands"]),
        // `dsegym mcp` execs this one, so building `dsegym` does not compile the MCP SDK.
        .executableTarget(name: "dsegym-mcp", dependencies: ["GymMCP"]),

        // MARK: Test support: fixtures and the conformance suites every catalogue entry must pass
        .target(name: "GymTesting", dependencies: ["GymCore", "GymWorkloads", "GymCampaign"]),

        // MARK: Unit test bundles
        .testTarget(name: "GymCoreTests", dependencies: ["GymCore"]),
        .testTarget(name: "GymStoreTests", dependencies: ["GymStore", "GymTesting", "GymCore"]),
        .testTarget(name: "GymWorkloadsTests", dependencies: ["GymWorkloads", "GymTesting", "GymCore"]),
        .testTarget(name: "GymAcceleratorTests", dependencies: ["GymAccelerator", "GymWorkloads", "GymCampaign", "GymTesting", "GymCore"]),
        .testTarget(name: "GymTimeloopTests", dependencies: ["GymTimeloop", "GymWorkloads", "GymCampaign", "GymCore"]),
        .testTarget(name: "GymAcceleratorDRAMTests", dependencies: ["GymAcceleratorDRAM", "GymAccelerator", "GymDRAM", "GymWorkloads", "GymCampaign", "GymTesting", "GymCore"]),
        .testTarget(name: "GymDRAMTests", dependencies: ["GymDRAM", "GymSynthetic", "GymCampaign", "GymCore"]),
        .testTarget(name: "GymSoCTests", dependencies: ["GymSoC", "GymCampaign", "GymCore"]),
        .testTarget(name: "GymCodesignTests", dependencies: ["GymCodesign", "GymAccelerator", "GymWorkloads", "GymCampaign", "GymCore"]),
        .testTarget(name: "GymAgentsTests", dependencies: ["GymAgents", "GymNumerics", "GymSynthetic", "GymCampaign", "GymTesting", "GymCore"]),
        .testTarget(name: "GymReportTests", dependencies: ["GymReport", "GymNumerics", "GymStore", "GymCore"]),
        .testTarget(name: "GymProxyTests", dependencies: ["GymProxy", "GymStore", "GymNumerics", "GymSynthetic", "GymCore"]),
        .testTarget(name: "GymCampaignTests", dependencies: ["GymCampaign", "GymCore"]),
        .testTarget(name: "GymConformanceTests", dependencies: ["GymTesting", "GymCampaign", "GymProxy", "GymStore", "GymCore"]),
        .testTarget(name: "GymCommandsTests", dependencies: ["GymCommands", "GymCampaign", "GymCodesign", "GymAccelerator", "GymStore", "GymTesting", "GymCore"]),
        .testTarget(name: "GymServeTests", dependencies: ["GymServe", "GymCampaign", "GymStore", "GymTesting", "GymCore"]),
        .testTarget(name: "GymMCPTests", dependencies: ["GymMCP", "GymCommands", "GymCampaign", "GymStore", "GymTesting", "GymCore",
                                                        .product(name: "MCP", package: "swift-sdk")]),
    ]
)
