import Foundation
import GymStore
import Testing

/// The proxy loop through the binary: fit on one campaign, score on another,
/// refuse training data, run an agent on the proxy, check the winners.
struct ProxyCommandTests {
    static let env = "environments/synthetic-hartmann6.yaml"

    /// A database with a random campaign `train` (300) and a GA campaign `test` (200), and a model fitted on `train`.
    static func fitted() throws -> (dir: String, db: String, model: String) {
        let dir = CLI.temporaryFolder().path
        let db = "\(dir)/db.sqlite", model = "\(dir)/model.json"
        for (agent, trials, seed, name) in [("random", "300", "1", "train"), ("ga", "200", "2", "test")] {
            let run = try CLI.run(["run", "--env", env, "--agent", agent, "--trials", trials, "--seed", seed, "--db", db, "--name", name])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let fit = try CLI.run(["proxy", "fit", "--db", db, "--name", "train", "--env", env, "--out", model,
                               "--trees", "16", "--folds", "3", "--seed", "7"])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("3-fold cross-validation") && fit.stdout.contains("value"))
        return (dir, db, model)
    }

    @Test func eval_scoresAnotherCampaign_andRefusesTheTrainingOne() throws {
        let (_, db, model) = try Self.fitted()
        // The GA revisits one design of the random campaign: a configuration overlap.
        let shared = try CLI.run(["proxy", "eval", "--model", model, "--db", db, "--name", "test", "--json"])
        #expect(shared.status == 2 && shared.stderr.contains("were training configurations") && shared.stderr.contains("--drop-overlap"))
        let held = try CLI.run(["proxy", "eval", "--model", model, "--db", db, "--name", "test", "--json", "--drop-overlap"])
        #expect(held.status == 0, "\(held.stderr)")
        #expect(held.stderr.contains("dropped"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(held.stdout.utf8)) as? [String: [String: Any]])
        let value = try #require(json["value"])
        for key in ["rmse", "rel_rmse_pct", "mape_pct", "r2", "kendall_tau"] { #expect(value[key] is Double, "\(key)") }

        let refused = try CLI.run(["proxy", "eval", "--model", model, "--db", db, "--name", "train"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("overlaps the model's training data") && refused.stderr.contains("--allow-overlap"))
        #expect(refused.stdout.isEmpty)

        // Every campaign of the database includes the training one: refused too.
        #expect(try CLI.run(["proxy", "eval", "--model", model, "--db", db]).status == 2)

        let allowed = try CLI.run(["proxy", "eval", "--model", model, "--db", db, "--name", "train", "--allow-overlap"])
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("WARNING") && allowed.stderr.contains("flatter"))
    }

    @Test func agentsRunOnTheProxy_trialsAreMarked_andCheckReportsTheGap() throws {
        let (dir, db, model) = try Self.fitted()
        let run = try CLI.run(["run", "--env", "proxy:\(model)", "--agent", "random", "--trials", "40", "--db", db, "--name", "on-proxy"])
        #expect(run.status == 0, "\(run.stderr)")
        // A spec naming the model works the same way.
        try "environment: proxy\nsettings: {model: model.json}\nobjective: {kind: minimize, metric: value}\n"
            .write(toFile: "\(dir)/proxy.yaml", atomically: true, encoding: .utf8)
        let spec = try CLI.run(["run", "--env", "\(dir)/proxy.yaml", "--agent", "ga", "--trials", "40", "--db", db, "--name", "on-proxy-spec"])
        #expect(spec.status == 0, "\(spec.stderr)")

        let store = try TrialStore.openExisting(db)
        for name in ["on-proxy", "on-proxy-spec"] {
            let campaign = try #require(try store.campaign(named: name))
            #expect(campaign.environment == "proxy-v1:synthetic-hartmann6-v1" || campaign.environment.hasPrefix("proxy-v1:"))
            #expect(campaign.fingerprint.hasPrefix("proxy-v1;model="))
        }
        let check = try CLI.run(["proxy", "check", "--db", db, "--name", "on-proxy", "--top", "3"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("re-evaluated on synthetic-hartmann6") && check.stdout.contains("mean |gap|"))

        let notProxy = try CLI.run(["proxy", "check", "--db", db, "--name", "train"])
        #expect(notProxy.status == 2 && notProxy.stderr.contains("not on a proxy"))
    }

    @Test func fit_refusesCampaignsOfAnotherEnvironment() throws {
        let dir = CLI.temporaryFolder().path
        let db = "\(dir)/db.sqlite"
        _ = try CLI.run(["run", "--env", "environments/synthetic-branin.yaml", "--agent", "random", "--trials", "20", "--db", db, "--name", "branin"])
        let out = try CLI.run(["proxy", "fit", "--db", db, "--name", "branin", "--env", Self.env, "--out", "\(dir)/m.json"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("branin") && out.stderr.contains("fingerprint"))
    }
}

/// The diversity study: one row per agent plus the mix, all the same size.
struct ProxyStudyCommandTests {
    @Test func study_printsOneRowPerAgentAndTheMix_ofEqualSize() throws {
        let dir = CLI.temporaryFolder().path
        let out = try CLI.run(["proxy", "study", "--env", ProxyCommandTests.env, "--budget", "60", "--agents", "random,ga",
                               "--seed", "4", "--trees", "8", "--db", "\(dir)/study.sqlite"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = out.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let size = try #require(rows.first?.firstIndex(of: "distinct").map { Int(rows[0][$0 - 1]) } ?? nil)
        for label in ["random", "ga", "mix"] {
            let row = try #require(rows.first { $0.first == label }, "\(label) missing: \(out.stdout)")
            let n = label == "mix" ? row[3] : row[1]
            #expect(Int(n) == size, "\(label): \(row)")
        }
    }
}
