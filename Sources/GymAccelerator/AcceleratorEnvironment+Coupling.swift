import GymCore
import GymWorkloads

/// The accelerator half of an environment that couples this model with a
/// memory model (`accelerator-dram`): the hardware search without the
/// `offchip_bw` knob, whose on-chip schedule is the model's runtime with no
/// off-chip bound (the memory model supplies off-chip time instead).
extension AcceleratorEnvironment {
    /// Reads the accelerator settings of `spec`; `extraKeys` are the coupled
    /// environment's own. `offchip_bw` is rejected: the memory model decides off-chip time.
    public static func forCoupling(_ spec: SpecObject, defaultWorkload: String, extraKeys: [String]) throws -> AcceleratorEnvironment {
        if spec.has("offchip_bw") {
            throw spec.error("offchip_bw", "is not a setting here: off-chip time comes from the DRAM simulation (the memspec and controller knobs set it)")
        }
        try spec.requireOnly(AcceleratorSettings.commonKeys.filter { $0 != "offchip_bw" } + extraKeys)
        var settings = try AcceleratorSettings(spec, defaultWorkload: defaultWorkload, extraKeys: extraKeys, fixedHardware: false)
        settings.hardware.offchipBandwidth = nil
        settings.offchipUnlimited = true
        return AcceleratorEnvironment(settings: settings)
    }

    /// Help lines of the settings `forCoupling` reads.
    public static var couplingSettingsHelp: [(key: String, help: String)] {
        AcceleratorSettings.commonHelp.filter { $0.key != "offchip_bw" }
    }

    public var workload: Workload { settings.workload }
    public var costModel: MaestroModel { model }
    public var enforcesBufferCapacity: Bool { settings.enforceBufferCapacity }

    /// The hardware a configuration of `designSpace` describes.
    public func hardware(for configuration: Configuration) -> AcceleratorHardware { hardware(configuration) }

    /// The dataflow a configuration names.
    /// - Throws: `SpecError` for a name the space does not offer.
    public func dataflow(for configuration: Configuration) throws -> Dataflow {
        try dataflow(named: configuration.string("dataflow"))
    }

    /// Every layer's cost under a configuration.
    /// - Throws: `MappingRejection` naming the first layer the dataflow cannot map.
    public func networkCost(_ configuration: Configuration) throws -> NetworkCost { try network(configuration) }
}
