import GymCore

/// Every environment DSEGym ships, by the name a spec's `environment:` uses.
/// A new environment family adds one entry here.
public enum EnvironmentCatalog {
    public static let all: [EnvironmentKind] = [
        Branin.kind,
        Hartmann6.kind,
        MixedAckley.kind,
        AcceleratorEnvironment.kind,
        MappingEnvironment.kind,
        EyerissEnvironment.kind,
        CodesignEnvironment.kind,
        DRAMEnvironment.kind,
    ]

    public static var names: [String] { all.map(\.name) }

    public static func kind(named name: String) -> EnvironmentKind? {
        all.first { $0.name == name }
    }
}
