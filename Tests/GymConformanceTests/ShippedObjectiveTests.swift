import Foundation
import GymCampaign
import GymCore
import GymTesting
import Testing

/// Every shipped spec in environments/ has an objective that tells designs
/// apart: its reward varies across random designs, and where it has a target
/// (`Objective.targetReward`) some design reaches it while random designs
/// rarely do. New specs are picked up by themselves.
///
/// Reachability is shown by a design declared below (the best of the random
/// designs the spec's comment says its targets were derived from), or, for a
/// spec without one, by the best of the random sample. Variants named
/// `*-archgym.yaml` keep ArchGym's original targets, which their comments say
/// are out of reach in DSEGym's models: for them the test checks only that
/// the reward varies. A Pareto objective has no scalar target.
@Suite struct ShippedObjectiveTests {
    /// Random designs per spec: few, since a DRAM or Timeloop-class design
    /// costs up to a second in a debug build; more where designs are cheap,
    /// or rarely feasible (about 0.4% of random points of ArchGym's SoC
    /// space pass its validity rules).
    static func samples(_ file: String) -> Int {
        file.hasPrefix("soc-") ? 4000 : file.hasPrefix("synthetic-") ? 200
            : file.hasPrefix("accelerator-eyeriss") || file.hasPrefix("accelerator-dram") ? 3 : 8
    }

    /// A design reaching each spec's target, as `--set` assignments: the
    /// best of the random designs each spec's comment names (Branin's at its
    /// known minimum).
    static let knownGood: [String: [String]] = [
        "accelerator-dram-gpt2-decode.yaml": ["dataflow=kcp_ws", "pes=32", "simd_lanes=4", "l1_bytes=256", "l2_bytes=131072", "noc_bw=32", "PagePolicy=Open", "Scheduler=FrFcfs", "SchedulerBuffer=Bankwise", "RequestBufferSize=7", "RespQueue=Fifo", "RefreshPolicy=AllBank", "RefreshMaxPostponed=5", "RefreshMaxPulledin=4", "Arbiter=Simple", "MaxActiveTransactions=83", "PowerDownPolicy=NoPowerDown"],
        "accelerator-dram-llama3-8b-decode.yaml": ["dataflow=tpu_ws", "pes=128", "simd_lanes=4", "l1_bytes=128", "l2_bytes=2097152", "noc_bw=64", "PagePolicy=OpenAdaptive", "Scheduler=FrFcfsGrp", "SchedulerBuffer=Bankwise", "RequestBufferSize=4", "RespQueue=Reorder", "RefreshPolicy=AllBank", "RefreshMaxPostponed=3", "RefreshMaxPulledin=5", "Arbiter=Fifo", "MaxActiveTransactions=76", "PowerDownPolicy=Staggered"],
        "accelerator-llama3-8b-prefill.yaml": ["dataflow=tpu_ws", "pes=64", "simd_lanes=16", "l1_bytes=512", "l2_bytes=262144", "noc_bw=256", "offchip_bw=64"],
        "dram-ddr5-stream.yaml": ["PagePolicy=OpenAdaptive", "Scheduler=Fifo", "SchedulerBuffer=Shared", "RequestBufferSize=3", "RespQueue=Fifo", "RefreshPolicy=NoRefresh", "RefreshMaxPostponed=4", "RefreshMaxPulledin=8", "Arbiter=Simple", "MaxActiveTransactions=60", "PowerDownPolicy=Staggered"],
        "dram-hbm2-stream.yaml": ["PagePolicy=Open", "Scheduler=Fifo", "SchedulerBuffer=Bankwise", "RequestBufferSize=4", "RespQueue=Reorder", "RefreshPolicy=NoRefresh", "RefreshMaxPostponed=8", "RefreshMaxPulledin=5", "Arbiter=Reorder", "MaxActiveTransactions=28", "PowerDownPolicy=Staggered"],
        "dram-hbm3-stream.yaml": ["PagePolicy=OpenAdaptive", "Scheduler=Fifo", "SchedulerBuffer=Shared", "RequestBufferSize=3", "RespQueue=Fifo", "RefreshPolicy=NoRefresh", "RefreshMaxPostponed=4", "RefreshMaxPulledin=8", "Arbiter=Simple", "MaxActiveTransactions=60", "PowerDownPolicy=Staggered"],
        "dram-lpddr4-stream.yaml": ["PagePolicy=Open", "Scheduler=FrFcfs", "SchedulerBuffer=Shared", "RequestBufferSize=5", "RespQueue=Fifo", "RefreshPolicy=AllBank", "RefreshMaxPostponed=8", "RefreshMaxPulledin=6", "Arbiter=Fifo", "MaxActiveTransactions=20", "PowerDownPolicy=NoPowerDown"],
        "dram-lpddr5-stream.yaml": ["PagePolicy=Open", "Scheduler=Fifo", "SchedulerBuffer=ReadWrite", "RequestBufferSize=7", "RespQueue=Fifo", "RefreshPolicy=AllBank", "RefreshMaxPostponed=4", "RefreshMaxPulledin=1", "Arbiter=Simple", "MaxActiveTransactions=83", "PowerDownPolicy=NoPowerDown"],
        "accelerator-eyeriss-alexnet.yaml": [
            "num_pes=322", "mesh_x=7", "ifmap_spad_class=smartbuffer_SRAM", "ifmap_spad_depth=8",
            "ifmap_spad_block_size=2", "ifmap_spad_read_bw=2", "ifmap_spad_write_bw=2",
            "weights_spad_class=smartbuffer_RF", "weights_spad_depth=4", "weights_spad_block_size=4",
            "weights_spad_read_bw=8", "weights_spad_write_bw=8", "psum_spad_class=SRAM", "psum_spad_depth=256",
            "psum_spad_block_size=1", "psum_spad_read_bw=8", "psum_spad_write_bw=8", "dummy_buffer_class=SRAM",
            "dummy_buffer_depth=128", "dummy_buffer_block_size=4", "glb_class=SRAM", "glb_depth=8192",
            "glb_banks=16", "glb_block_size=2", "glb_read_bw=4", "glb_write_bw=16"],
        "accelerator-maestro-resnet50.yaml": [
            "dataflow=tpu_ws", "pes=2048", "simd_lanes=16", "l1_bytes=2048", "l2_bytes=4194304", "noc_bw=2048"],
        "accelerator-mapping-resnet18.yaml": [
            "l2_order=136", "l2_parallel=K", "l2_tile_k=1", "l2_tile_c=128", "l2_tile_y=64", "l2_tile_x=16",
            "l2_tile_r=full", "l2_tile_s=full", "l1_order=433", "l1_parallel=X", "l1_tile_k=16", "l1_tile_c=2",
            "l1_tile_y=1", "l1_tile_x=1", "l1_tile_r=full", "l1_tile_s=full", "pes=568"],
        "accelerator-resnet50.yaml": [
            "dataflow=tpu_ws", "pes=128", "simd_lanes=4", "l1_bytes=128", "l2_bytes=8192", "noc_bw=512",
            "offchip_bw=512"],
        "codesign-cifar10-nuclei.yaml": [
            "cifar10_filters1=32", "cifar10_filters2=32", "cifar10_filters3=128", "cifar10_blocks1=5",
            "cifar10_blocks2=2", "cifar10_blocks3=6", "cifar10_skip=on", "nuclei_depth=4", "nuclei_filters=16",
            "acc1_dataflow=kcp_ws", "acc1_pes=1024", "acc1_bw_gbps=24", "acc2_dataflow=ykp_os", "acc2_pes=256",
            "acc2_bw_gbps=32", "cifar10_on=acc1", "nuclei_on=acc1"],
        "dram-cloud-1.yaml": [
            "PagePolicy=OpenAdaptive", "Scheduler=FrFcfs", "SchedulerBuffer=Bankwise", "RequestBufferSize=3",
            "RespQueue=Reorder", "RefreshPolicy=NoRefresh", "RefreshMaxPostponed=6", "RefreshMaxPulledin=8",
            "Arbiter=Reorder", "MaxActiveTransactions=68", "PowerDownPolicy=Staggered"],
        "dram-cloud-2.yaml": [
            "PagePolicy=ClosedAdaptive", "Scheduler=FrFcfsGrp", "SchedulerBuffer=Bankwise", "RequestBufferSize=2",
            "RespQueue=Fifo", "RefreshPolicy=NoRefresh", "RefreshMaxPostponed=4", "RefreshMaxPulledin=7",
            "Arbiter=Simple", "MaxActiveTransactions=103", "PowerDownPolicy=NoPowerDown"],
        "dram-random.yaml": [
            "PagePolicy=ClosedAdaptive", "Scheduler=FrFcfs", "SchedulerBuffer=Shared", "RequestBufferSize=8",
            "RespQueue=Fifo", "RefreshPolicy=NoRefresh", "RefreshMaxPostponed=7", "RefreshMaxPulledin=6",
            "Arbiter=Fifo", "MaxActiveTransactions=6", "PowerDownPolicy=Staggered"],
        "dram-stream.yaml": [
            "PagePolicy=Open", "Scheduler=FrFcfs", "SchedulerBuffer=Shared", "RequestBufferSize=7",
            "RespQueue=Reorder", "RefreshPolicy=NoRefresh", "RefreshMaxPostponed=7", "RefreshMaxPulledin=5",
            "Arbiter=Fifo", "MaxActiveTransactions=3", "PowerDownPolicy=Staggered"],
        "soc-audio-decoder.yaml": [
            "pe_allocation_0=0", "pe_allocation_1=0", "pe_allocation_2=0", "mem_allocation_0=3",
            "mem_allocation_1=1", "mem_allocation_2=3", "bus_allocation_0=1", "bus_allocation_1=0",
            "bus_allocation_2=0", "pe_to_bus_connection_0=0", "pe_to_bus_connection_1=2", "pe_to_bus_connection_2=2",
            "bus_to_bus_connection_0=1", "bus_to_bus_connection_1=2", "bus_to_bus_connection_2=0",
            "bus_to_mem_connection_0=0", "bus_to_mem_connection_1=2", "bus_to_mem_connection_2=1",
            "task_to_pe_mapping_0=1", "task_to_pe_mapping_1=1", "task_to_pe_mapping_2=1", "task_to_pe_mapping_3=2",
            "task_to_pe_mapping_4=2", "task_to_pe_mapping_5=2", "task_to_pe_mapping_6=2", "task_to_pe_mapping_7=2",
            "task_to_pe_mapping_8=2", "task_to_pe_mapping_9=0", "task_to_pe_mapping_10=2", "task_to_pe_mapping_11=2",
            "task_to_pe_mapping_12=2", "task_to_pe_mapping_13=2", "task_to_pe_mapping_14=1",
            "task_to_pe_mapping_15=0", "task_to_pe_mapping_16=2", "task_to_pe_mapping_17=2",
            "task_to_mem_mapping_0=2", "task_to_mem_mapping_1=0", "task_to_mem_mapping_2=2",
            "task_to_mem_mapping_3=2", "task_to_mem_mapping_4=2", "task_to_mem_mapping_5=0",
            "task_to_mem_mapping_6=0", "task_to_mem_mapping_7=0", "task_to_mem_mapping_8=1",
            "task_to_mem_mapping_9=2", "task_to_mem_mapping_10=0", "task_to_mem_mapping_11=2",
            "task_to_mem_mapping_12=0", "task_to_mem_mapping_13=2", "task_to_mem_mapping_14=1",
            "task_to_mem_mapping_15=1", "task_to_mem_mapping_16=0", "task_to_mem_mapping_17=1"],
        "soc-edge-detection.yaml": [
            "pe_allocation_0=0", "pe_allocation_1=0", "pe_allocation_2=0", "mem_allocation_0=1",
            "mem_allocation_1=1", "mem_allocation_2=2", "bus_allocation_0=3", "bus_allocation_1=3",
            "bus_allocation_2=2", "pe_to_bus_connection_0=1", "pe_to_bus_connection_1=2", "pe_to_bus_connection_2=2",
            "bus_to_bus_connection_0=1", "bus_to_bus_connection_1=2", "bus_to_bus_connection_2=1",
            "bus_to_mem_connection_0=0", "bus_to_mem_connection_1=-1", "bus_to_mem_connection_2=2",
            "task_to_pe_mapping_0=1", "task_to_pe_mapping_1=0", "task_to_pe_mapping_2=2", "task_to_pe_mapping_3=0",
            "task_to_pe_mapping_4=2", "task_to_pe_mapping_5=0", "task_to_pe_mapping_6=2", "task_to_pe_mapping_7=1",
            "task_to_mem_mapping_0=2", "task_to_mem_mapping_1=0", "task_to_mem_mapping_2=0",
            "task_to_mem_mapping_3=0", "task_to_mem_mapping_4=2", "task_to_mem_mapping_5=0",
            "task_to_mem_mapping_6=0", "task_to_mem_mapping_7=1"],
        "soc-hpvm-cava.yaml": [
            "pe_allocation_0=0", "pe_allocation_1=0", "pe_allocation_2=0", "mem_allocation_0=1",
            "mem_allocation_1=3", "mem_allocation_2=2", "bus_allocation_0=0", "bus_allocation_1=2",
            "bus_allocation_2=0", "pe_to_bus_connection_0=1", "pe_to_bus_connection_1=1", "pe_to_bus_connection_2=1",
            "bus_to_bus_connection_0=2", "bus_to_bus_connection_1=0", "bus_to_bus_connection_2=1",
            "bus_to_mem_connection_0=1", "bus_to_mem_connection_1=-1", "bus_to_mem_connection_2=0",
            "task_to_pe_mapping_0=0", "task_to_pe_mapping_1=2", "task_to_pe_mapping_2=0", "task_to_pe_mapping_3=1",
            "task_to_pe_mapping_4=1", "task_to_pe_mapping_5=1", "task_to_pe_mapping_6=1", "task_to_pe_mapping_7=0",
            "task_to_pe_mapping_8=1", "task_to_mem_mapping_0=0", "task_to_mem_mapping_1=1",
            "task_to_mem_mapping_2=1", "task_to_mem_mapping_3=1", "task_to_mem_mapping_4=0",
            "task_to_mem_mapping_5=0", "task_to_mem_mapping_6=0", "task_to_mem_mapping_7=1",
            "task_to_mem_mapping_8=0"],
        "synthetic-ackley-mixed.yaml": [
            "i1=0", "i2=0", "i3=0", "o1=0.5", "o2=-0.5", "shift=none"],
        "synthetic-branin.yaml": [
            "x1=3.14159", "x2=2.275"],
        "synthetic-hartmann6.yaml": [
            "x1=0.4", "x2=0.9", "x3=0.8", "x4=0.6", "x5=0.4", "x6=0"],
    ]

    @Test(arguments: Fixtures.shippedSpecs.map { URL(fileURLWithPath: $0).lastPathComponent })
    func rewardVariesAndTargetIsReachable(_ file: String) throws {
        let path = Fixtures.environments + "/" + file
        let loader = try EnvironmentLoader(path: path)
        let space = loader.environment.designSpace
        var rng = SplitMix64(seed: 19)
        let samples = Self.samples(file)
        let designs = (0..<samples).map { _ in space.sample(using: &rng) }
        let evaluator = PointEvaluator(environment: loader.environment, objective: loader.objective, jobs: 2)
        var cache: [UInt64: CachedEvaluation] = [:]
        let rewards = try evaluator.evaluate(designs, cache: &cache).map(\.reward)
        let feasible = rewards.compactMap { $0 }
        #expect(Set(feasible).count >= 2 || (feasible.count < rewards.count && !feasible.isEmpty),
                "\(file): the reward does not vary across \(samples) random designs (\(feasible.count) feasible, \(Set(feasible).count) distinct rewards)")

        guard let target = loader.objective.targetReward else {
            #expect(loader.objective.kind == .pareto,
                    "\(file): give the objective a target (stop_at_reward for minimize/maximize) derived from random designs")
            return
        }
        let reached = feasible.filter { $0 >= target }.count
        if file.hasSuffix("-archgym.yaml") {
            #expect(reached == 0, "\(file): the comment says ArchGym's targets are out of reach, yet \(reached) random designs reach them")
            return
        }
        #expect(reached * 4 <= samples,
                "\(file): \(reached) of \(samples) random designs reach the target \(target): too easy to tell agents apart")
        let best: Double?
        if let sets = Self.knownGood[file] {
            let design = try EnvironmentLoader(path: path, sets: sets).configuration
            best = try evaluator.evaluate([design], cache: &cache)[0].reward
        } else {
            best = feasible.max()
        }
        #expect((best ?? -.infinity) >= target,
                "\(file): no design shown to reach the target reward \(target) (best \(best.map { "\($0)" } ?? "infeasible")); declare one in ShippedObjectiveTests.knownGood")
    }
}
