import Foundation
import Testing
@testable import GymStore

/// Multi-objective campaigns store the Pareto front and its hypervolume after
/// every generation, identically after an interruption and resume.
struct ParetoCampaignTests {
    let spec = "environments/codesign-cifar10-nuclei-pareto.yaml"

    func fronts(_ db: String) throws -> [String] {
        let store = try TrialStore.openExisting(db)
        let s = try store.db.prepare("SELECT batch, trials, front_size, hypervolume, reference_json, front_json FROM dsegym_fronts ORDER BY batch")
        var rows: [String] = []
        while try s.step() {
            rows.append([s.int(0), s.int(1), s.int(2)].map(String.init).joined(separator: "|")
                        + "|\(s.double(3) ?? -1)|\(s.text(4) ?? "")|\(s.text(5) ?? "")")
        }
        return rows
    }

    @Test func nsga2_logsOneFrontPerGeneration_andResumeReproducesThem() throws {
        let dir = CLI.temporaryFolder().path
        let args = ["--env", spec, "--agent", "nsga2", "--trials", "240", "--seed", "3", "--name", "n"]
        #expect(try CLI.run(["run"] + args + ["--db", "\(dir)/full.sqlite"]).status == 0)
        #expect(try CLI.run(["run"] + args + ["--db", "\(dir)/cut.sqlite", "--stop-after", "100"]).status == 130)
        #expect(try CLI.run(["resume", "--db", "\(dir)/cut.sqlite", "--name", "n"]).status == 0)
        let full = try fronts("\(dir)/full.sqlite")
        #expect(full.count == 6) // population 40: six generations of 240 trials
        #expect(full == (try fronts("\(dir)/cut.sqlite")))
        let volumes = full.map { Double($0.split(separator: "|")[3])! }
        #expect(zip(volumes, volumes.dropFirst()).allSatisfy { $0 <= $1 })
    }
}
