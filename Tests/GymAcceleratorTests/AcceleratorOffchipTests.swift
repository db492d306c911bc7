import GymCore
import Testing
@testable import GymAccelerator
@testable import GymWorkloads
import GymTesting
import GymCampaign

/// `offchip_bw: unlimited`, MAESTRO's own behaviour: runtime is not bounded
/// by off-chip bandwidth (docs/references.md §2, issue #15).
struct AcceleratorOffchipTests {
    /// ResNet-50's classifier as MAESTRO writes it: a 7×7 convolution over
    /// the last 7×7×2048 feature map (average pooling folded in).
    static let fcAsConv = Layer(name: "FC1000", type: .conv, k: 1000, c: 2048, r: 7, s: 7, y: 7, x: 7)

    static func runtime(_ layer: Layer, _ offchip: Int?) throws -> (cycles: Int, offchip: Int) {
        var hw = AcceleratorHardware.maestroValidation
        hw.offchipBandwidth = offchip
        let cost = try MaestroModel().evaluate(layer: layer, dataflow: .kcpWS, hardware: hw)
        return (cost.runtimeCycles, cost.offchipElements)
    }

    @Test func unlimitedIsTheLimitOfEverMoreBandwidth() throws {
        let unlimited = try Self.runtime(Self.fcAsConv, nil)
        let at512 = try Self.runtime(Self.fcAsConv, 512)
        // Its traffic (every weight once, 100 M elements) binds even at 512 elements/cycle ...
        #expect(at512.cycles > unlimited.cycles)
        #expect(at512.cycles >= at512.offchip / 512)
        // ... and only stops binding when the bound is gone.
        #expect(try Self.runtime(Self.fcAsConv, 1 << 30).cycles == unlimited.cycles)
        #expect(unlimited.offchip == at512.offchip)
        var previous = Int.max
        for bw in [32, 512, 4096, 1 << 20] {
            let c = try Self.runtime(Self.fcAsConv, bw).cycles
            #expect(c <= previous && c >= unlimited.cycles)
            previous = c
        }
    }

    @Test func unlimitedKeepsTheCalibrationRow() throws {
        // MAESTRO's ResNet-50 CONV1 row (1,330,673 cycles) is unbounded off-chip too.
        let conv1 = Layer(name: "CONV1", type: .conv, k: 64, c: 3, r: 7, s: 7, y: 224, x: 224, stride: 2)
        #expect(try Self.runtime(conv1, nil).cycles == 1_330_673)
        #expect(AcceleratorHardware.maestroValidation.offchipBandwidth == nil)
    }

    @Test func settingsAcceptUnlimited() throws {
        let base: [String: SpecValue] = ["workload": .string("resnet50")]
        let unbounded = try AcceleratorEnvironmentTests.make("accelerator", base.merging(["offchip_bw": .string("unlimited")]) { $1 })
        #expect(!unbounded.designSpace.names.contains("offchip_bw"))
        #expect(unbounded.fingerprint.contains("off=unlimited"))
        let bounded = try AcceleratorEnvironmentTests.make("accelerator", base)
        #expect(bounded.designSpace.names.last == "offchip_bw")
        // Without the bound a network is never slower than at any bandwidth of the space.
        var point = bounded.designSpace.defaultConfiguration
        let free = try unbounded.evaluate(Configuration(point.dictionary.filter { $0.key != "offchip_bw" }))["latency_cycles"]!
        for bw in [4.0, 512] {
            point = point.setting("offchip_bw", to: .real(bw))
            #expect(try bounded.evaluate(point)["latency_cycles"]! >= free)
        }
        let mapping = try AcceleratorEnvironmentTests.make("accelerator-mapping", ["workload": .string("resnet18"), "offchip_bw": .string("unlimited")])
        #expect(mapping.fingerprint.contains("off=unlimited"))
        #expect(try AcceleratorEnvironmentTests.make("accelerator-mapping", ["workload": .string("resnet18"), "offchip_bw": .number(128)])
            .fingerprint.contains("off=128"))
    }

    @Test func badOffchipValuesNameTheKeyAndWhatIsAllowed() {
        func message(_ kind: String, _ value: SpecValue) -> String? {
            do { _ = try AcceleratorEnvironmentTests.make(kind, ["workload": .string("resnet18"), "offchip_bw": value]); return nil }
            catch let e as SpecError { return e.description } catch { return "\(error)" }
        }
        let fast = message("accelerator-mapping", .string("fast"))
        #expect(fast?.contains("settings.offchip_bw") == true && fast?.contains("unlimited") == true)
        #expect(message("accelerator-mapping", .number(0))?.contains("1...") == true)
        // In the hardware search a number belongs to the knob.
        #expect(message("accelerator", .number(64))?.contains("allowed: unlimited") == true)
    }
}
