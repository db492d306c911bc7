import Foundation
import Testing
@testable import GymServe

/// `open`, `evaluate` and `evaluate_batch` give what `dsegym evaluate` gives:
/// the same metrics, reward and messages, whatever the number of threads.
struct EnvironmentMethodTests {
    static let hartmann = "environments/synthetic-hartmann6.yaml"
    static let accelerator = "environments/accelerator-resnet50.yaml"

    /// (spec, configuration as --set pairs)
    static let points: [(String, [(String, String)])] = [
        (hartmann, [("x1", "0.2"), ("x2", "0.1"), ("x3", "0.5"), ("x4", "0.3"), ("x5", "0.3"), ("x6", "0.7")]),
        (hartmann, []),
        (accelerator, [("dataflow", "rs"), ("pes", "512"), ("l1_bytes", "1024")]),
        (accelerator, [("pes", "4096"), ("simd_lanes", "16")]), // over the area constraint
        (accelerator, [("dataflow", "ykp_os"), ("l1_bytes", "64"), ("l2_bytes", "8192")]),
    ]

    @Test(arguments: 0..<points.count)
    func evaluate_givesTheMetricsOfDsegymEvaluate(point: Int) throws {
        let (spec, sets) = Self.points[point]
        let cli = try Support.run(["evaluate", "--json", "--env", Support.spec(spec)] + sets.flatMap { ["--set", "\($0.0)=\($0.1)"] })
        #expect(cli.status == 0, "\(cli.stderr)")
        let expected = Support.object(cli.stdout)
        let client = Client()
        let handle = try client.open(spec)
        let config = "{" + sets.map { "\"\($0.0)\": " + (Double($0.1) != nil ? $0.1 : "\"\($0.1)\"") }.joined(separator: ", ") + "}"
        let served = try client.result("evaluate", #"{"handle": "\#(handle)", "config": \#(config)}"#)
        #expect(Support.json(served["metrics"]!) == Support.json(expected["metrics"]!))
        #expect(Support.json(served["reward"]!) == Support.json(expected["reward"]!))
        #expect(Support.json(served["reason"]!) == Support.json(expected["reason"]!))
        #expect(served["feasible"] as? Bool == expected["feasible"] as? Bool)
        #expect(served["cached"] as? Bool == false)
    }

    @Test func aValueOutsideTheSpace_hasTheMessageOfDsegymEvaluateSet() throws {
        for (spec, key, cliValue, jsonValue) in [(Self.hartmann, "x1", "7", "7"),
                                                 ("environments/synthetic-ackley-mixed.yaml", "i1", "1.1805916207174113e+21", "1180591620717411303424"),
                                                 ("environments/synthetic-ackley-mixed.yaml", "i1", "2.5", "2.5")] {
            let cli = try Support.run(["evaluate", "--json", "--env", Support.spec(spec), "--set", "\(key)=\(cliValue)"])
            #expect(cli.status == 2)
            let client = Client()
            let handle = try client.open(spec)
            let error = try client.error("evaluate", #"{"handle": "\#(handle)", "config": {"\#(key)": \#(jsonValue)}}"#)
            #expect(error.kind == "spec")
            #expect("error: \(error.message)\n" == cli.stderr)
        }
    }

    @Test func configurations_rejectUnknownParametersAndNonScalars() throws {
        let client = Client()
        let handle = try client.open(Self.hartmann)
        let unknown = try client.error("evaluate", #"{"handle": "\#(handle)", "config": {"x7": 0.1}}"#)
        #expect(unknown.kind == "spec")
        #expect(unknown.message == "key 'x7': unknown parameter; known: x1, x2, x3, x4, x5, x6")
        let nested = try client.error("evaluate", #"{"handle": "\#(handle)", "config": {"x1": [0.1]}}"#)
        #expect(nested.kind == "request")
        #expect(nested.message == "field 'config.x1': expected a number or a string, got [0.1]")
        let text = try client.result("evaluate", #"{"handle": "\#(handle)", "config": {"x1": "0.1"}}"#)
        let number = try client.result("evaluate", #"{"handle": "\#(handle)", "config": {"x1": 0.1}}"#)
        #expect(Support.json(text["metrics"]!) == Support.json(number["metrics"]!))
        #expect(number["cached"] as? Bool == true)
    }

    @Test func theEvaluationCache_isBounded_andStartsAfreshPastItsLimit() throws {
        let client = Client(cacheLimit: 2)
        let handle = try client.open(Self.hartmann)
        func cached(_ x1: Double) throws -> Bool {
            try client.result("evaluate", #"{"handle": "\#(handle)", "config": {"x1": \#(x1)}}"#)["cached"] as! Bool
        }
        #expect(try [cached(0.1), cached(0.2), cached(0.1)] == [false, false, true])
        // A third distinct point overflows the limit of 2: the cache is emptied after it.
        #expect(try [cached(0.3), cached(0.1), cached(0.3), cached(0.3)] == [false, false, false, true])
        #expect(client.session.evaluationCache.values.reduce(0) { $0 + $1.count } <= 2)
    }

    func batch(jobs: Int) throws -> [String] {
        let client = Client(jobs: jobs)
        let handle = try client.open(Self.accelerator)
        let configs = (0..<24).map { i in
            #"{"pes": \#([64, 256, 1024, 4096][i % 4]), "dataflow": "\#(["kcp_ws", "rs", "ykp_os"][i % 3])", "l1_bytes": \#([64, 512, 2048][i % 3])}"#
        }
        let result = try client.result("evaluate_batch", #"{"handle": "\#(handle)", "configs": [\#(configs.joined(separator: ", "))]}"#)
        return (result["results"] as! [Any]).map(Support.json)
    }

    @Test func evaluateBatch_givesTheSameResults_forAnyNumberOfThreads_inOrder() throws {
        let one = try batch(jobs: 1)
        #expect(one.count == 24)
        #expect(one == (try batch(jobs: 3)))
        // 4 × 3 distinct points repeat in the second half: cached, same metrics.
        let objects = one.map(Support.object)
        #expect(objects[12...].allSatisfy { $0["cached"] as? Bool == true })
        #expect(objects[..<12].allSatisfy { $0["cached"] as? Bool == false })
        #expect(Support.json(objects[0]["metrics"]!) == Support.json(objects[12]["metrics"]!))
    }

    @Test func evaluateBatch_failsWhole_withTheFirstInvalidConfigurationsIndex() throws {
        let client = Client()
        let handle = try client.open(Self.hartmann)
        let error = try client.error("evaluate_batch", #"{"handle": "\#(handle)", "configs": [{"x1": 0.1}, {"x1": 0.1}, {"x2": 0.15}, {"x3": 2}]}"#)
        #expect(error.kind == "spec")
        #expect(error.message == "configs[2]: \(Support.spec(Self.hartmann)): key 'x2': --set value '0.15' not allowed; allowed: one of 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1")
        // Nothing was evaluated: the first configuration is not cached.
        #expect(try client.result("evaluate", #"{"handle": "\#(handle)", "config": {"x1": 0.1}}"#)["cached"] as? Bool == false)
        let typed = try client.error("evaluate_batch", #"{"handle": "\#(handle)", "configs": [{}, 3]}"#)
        #expect(typed.kind == "request")
        #expect(typed.message == "field 'configs[1]': expected an object of parameter values, got 3")
        let empty = try client.error("evaluate_batch", #"{"handle": "\#(handle)", "configs": []}"#)
        #expect(empty.message == "field 'configs': empty; give at least one item")
    }

    @Test func evaluateBatch_refusesMoreThanTheLimit() throws {
        let client = Client()
        let handle = try client.open(Self.hartmann)
        let configs = Array(repeating: "{}", count: ServeProtocol.maximumBatch + 1).joined(separator: ",")
        let error = try client.error("evaluate_batch", #"{"handle": "\#(handle)", "configs": [\#(configs)]}"#)
        #expect(error.kind == "request")
        #expect(error.message == "field 'configs': 100001 items; at most 100000 per request")
    }

    @Test func open_describesTheSpace_metricsAndObjective_andAppliesSettings() throws {
        let client = Client()
        let opened = try client.result("open", #"{"spec": \#(Support.quote(Support.spec(Self.accelerator)))}"#)
        #expect(opened["handle"] as? String == "e1")
        #expect(opened["environment"] as? String == "accelerator-v1")
        let parameters = opened["parameters"] as! [[String: Any]]
        let pes = parameters.first { $0["name"] as? String == "pes" }!
        #expect(pes["kind"] as? String == "ordinal")
        #expect(pes["default"] as? Int == 256)
        #expect((parameters.first { $0["name"] as? String == "dataflow" }!["values"] as? [String])?.first == "kcp_ws")
        let objective = opened["objective"] as! [String: Any]
        #expect(objective["kind"] as? String == "target-spec")
        #expect(Support.json(objective["constraints"]!) == #"[{"at_most":6,"metric":"area_mm2"}]"#)
        #expect(objective["target_reward"] as? Int == 1)
        let metrics = opened["metrics"] as! [[String: Any]]
        #expect(metrics.contains { $0["key"] as? String == "latency_ns" && $0["direction"] as? String == "minimize" })

        let coarse = try client.result("open", #"{"spec": \#(Support.quote(Support.spec(Self.hartmann))), "settings": {"grid_points": 5}}"#)
        #expect(coarse["handle"] as? String == "e2")
        #expect(((coarse["parameters"] as! [[String: Any]])[0]["values"] as! [Double]) == [0, 0.25, 0.5, 0.75, 1])
        #expect(coarse["fingerprint"] as? String == "synthetic-hartmann6-v1;grid=5")
    }

    @Test func open_reportsBadSpecsAndSettings_asTheCommandLineDoes() throws {
        let client = Client()
        let missing = try client.error("open", #"{"spec": "/nonexistent/spec.yaml"}"#)
        #expect(missing.kind == "spec")
        #expect(missing.message == "/nonexistent/spec.yaml: cannot read the file (missing or unreadable)")
        let spec = Support.quote(Support.spec(Self.hartmann))
        let unknown = try client.error("open", #"{"spec": \#(spec), "settings": {"grid": 5}}"#)
        #expect(unknown.kind == "spec")
        #expect(unknown.message.contains("key 'settings.grid'"))
        let parameter = try client.error("open", #"{"spec": \#(spec), "settings": {"x1": 0.5}}"#)
        #expect(parameter.kind == "spec")
        #expect(parameter.message == "key 'settings.x1': a design parameter, not a setting; give it in each configuration")
        let typed = try client.error("open", #"{"spec": \#(spec), "settings": {"grid_points": [5]}}"#)
        #expect(typed.kind == "request")
        #expect(typed.message == "field 'settings.grid_points': expected a string, number or boolean, got [5]")
    }

    @Test func close_forgetsTheHandle() throws {
        let client = Client()
        let handle = try client.open(Self.hartmann)
        #expect(try client.result("close", #"{"handle": "\#(handle)"}"#).isEmpty)
        let closed = try client.error("evaluate", #"{"handle": "\#(handle)", "config": {}}"#)
        #expect(closed.kind == "handle")
        #expect(closed.message == "no open environment 'e1' (none is open)")
        #expect(try client.error("close", #"{"handle": "\#(handle)"}"#).kind == "handle")
    }
}
