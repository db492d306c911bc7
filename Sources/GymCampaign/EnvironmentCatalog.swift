import GymAccelerator
import GymAcceleratorDRAM
import GymAgents
import GymCodesign
import GymCore
import GymDRAM
import GymProxy
import GymSoC
import GymSynthetic
import GymTimeloop

extension Catalog {
    /// Everything DSEGym ships: each family's environment kinds, the proxy
    /// (a fitted model standing in for its environment) and every agent.
    /// A new environment family adds its kinds here.
    public static let standard = Catalog(
        environments: [
            Branin.kind, Hartmann6.kind, MixedAckley.kind,
            AcceleratorEnvironment.kind, MappingEnvironment.kind,
            EyerissEnvironment.kind,
            CodesignEnvironment.kind,
            DRAMEnvironment.kind,
            AcceleratorDRAMEnvironment.kind,
            SoCEnvironment.kind,
            ProxyEnvironment.kind,
        ],
        agents: AgentCatalog.all)

    /// The catalog commands and loaders use unless given another: `standard`,
    /// or what a downstream tool bound with `Catalog.$current.withValue`.
    @TaskLocal public static var current: Catalog = .standard
}
