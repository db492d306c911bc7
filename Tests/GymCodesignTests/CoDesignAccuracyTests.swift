import Foundation
import GymCore
import Testing
@testable import GymCodesign
@testable import GymAccelerator

/// Accuracy surrogates reproduce their calibration points and order
/// architectures sensibly; a CSV table overrides them.
struct CoDesignAccuracyTests {
    @Test func resnetSurrogate_reproducesHeEtAlAndWideResNetWithinAThirdOfAPoint() {
        let published: [([Int], Int, Double)] = [   // filters, blocks per stage, test error %
            ([16, 32, 64], 3, 8.75), ([16, 32, 64], 5, 7.51), ([16, 32, 64], 7, 7.17), ([16, 32, 64], 9, 6.97),
            ([32, 64, 128], 6, 5.33), ([64, 128, 256], 6, 4.97),
        ]
        for (filters, blocks, error) in published {
            let choice = ResNetCIFAR10.Choice(filters: filters, blocks: [blocks, blocks, blocks], skip: true)
            #expect(abs(ResNetCIFAR10.testErrorPercent(choice) - error) < 0.3, "\(filters) \(blocks): \(ResNetCIFAR10.testErrorPercent(choice))")
        }
    }

    @Test func resnetSurrogate_prefersDeeperWiderAndSkips() {
        let base = ResNetCIFAR10.Choice(filters: [16, 32, 64], blocks: [3, 3, 3], skip: true)
        var deeper = base; deeper.blocks = [4, 4, 4]
        var wider = base; wider.filters = [32, 64, 128]
        var plain = base; plain.skip = false
        let acc = ResNetCIFAR10.accuracy
        #expect(acc(deeper) > acc(base) && acc(wider) > acc(base) && acc(plain) < acc(base))
        var deepPlain = plain; deepPlain.blocks = [6, 6, 6]
        #expect(acc(deepPlain) < acc(plain), "plain nets degrade with depth (He et al. Fig. 6)")
    }

    @Test func unetSurrogate_hitsTheUNetPlusPlusAnchorAndGrowsWithDepthAndFilters() {
        #expect(abs(UNetNuclei.iou(.init(depth: 4, filters: 32)) - 0.9077) < 1e-4)
        #expect(UNetNuclei.iou(.init(depth: 3, filters: 32)) < UNetNuclei.iou(.init(depth: 4, filters: 32)))
        #expect(UNetNuclei.iou(.init(depth: 4, filters: 16)) < UNetNuclei.iou(.init(depth: 4, filters: 32)))
        #expect(UNetNuclei.iou(.init(depth: 5, filters: 64)) < 1)
    }

    @Test func aTableOverridesTheSurrogateForListedChoices_only() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-codesign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "# measured\nfilters,depth,accuracy\n32,4,0.8123\n".write(to: folder.appendingPathComponent("nuclei.csv"), atomically: true, encoding: .utf8)
        let env = try CoDesignEnvironmentTests.make([:])
        let spec = SpecObject(["accuracy_tables": .object(["nuclei": .string("nuclei.csv")])], file: "t.yaml", path: "settings",
                              baseDirectory: folder.path)
        let withTable = try CodesignEnvironment(settings: spec)
        var c = env.designSpace.defaultConfiguration   // nuclei depth 4, 32 filters
        #expect(try withTable.evaluate(c)["nuclei_accuracy"] == 0.8123)
        #expect(try withTable.evaluate(c)["cifar10_accuracy"] == env.evaluate(c)["cifar10_accuracy"])
        c = c.setting("nuclei_depth", to: .int(3))
        #expect(try withTable.evaluate(c)["nuclei_accuracy"] == UNetNuclei.iou(.init(depth: 3, filters: 32)))
        #expect(withTable.fingerprint != env.fingerprint)
    }

    @Test func badTablesAreSpecErrorsNamingLineAndColumn() {
        let family = UNetNuclei()
        let cases: [(String, String, String)] = [
            ("depth,accuracy\n4,0.9\n", "line 1", "filters"),
            ("depth,filters,accuracy\n4,32,90.7\n", "line 2 column accuracy", "fraction"),
            ("depth,filters,accuracy\n9,32,0.9\n", "line 2 column depth", "2...5"),
            ("depth,filters,accuracy\n4,32,0.9\n4,32,0.8\n", "line 3", "twice"),
        ]
        for (text, key, hint) in cases {
            do { _ = try AccuracyTable(csv: text, family: family, file: "t.csv"); Issue.record("accepted \(text)") }
            catch let e as SpecError {
                #expect(e.file == "t.csv" && e.key == key, "\(e)")
                #expect(e.message.contains(hint), "\(e)")
            }
            catch { Issue.record("\(error)") }
        }
    }
}

extension CoDesignAccuracyTests {
    static let environments = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../environments").standardizedFileURL.path

    @Test func shippedPublishedTable_loadsAndGivesResNet20ItsMeasuredAccuracy() throws {
        let spec = SpecObject(["accuracy_tables": .object(["cifar10": .string("codesign/cifar10-published.csv")])],
                              file: "t.yaml", path: "settings", baseDirectory: Self.environments)
        let env = try CodesignEnvironment(settings: spec)
        let resnet20 = env.designSpace.defaultConfiguration   // 16/32/64 filters, 3/3/3 blocks, skips
        #expect(try env.evaluate(resnet20)["cifar10_accuracy"] == 0.9125)
        let (_, parts) = try env.evaluateInDetail(resnet20)
        #expect(parts.first { $0.name == "cifar10" }?.notes.contains { $0.1 == "0.9125 (table)" } == true)
    }
}
