import GymCore
@testable import GymSoC
import Testing

/// The simulator's rules (docs/references.md §9) on graphs small enough to work out by hand.
@Suite struct SoCSimulatorRuleTests {
    typealias F = SoCFixture

    /// A task that computes little and writes much is write-bound: bytes / bandwidth.
    @Test func aWriteBoundTaskTakesBytesOverBandwidth() {
        let bytes = 400_000.0
        let g = F.graph([("a", 100), ("b", 0)], [("a", "b", bytes)], last: "b")
        for clock in [1, 4] {
            var d = SoCDesign.single(.a53, memory: .init(.dram, width: 4, clock: clock), tasks: 2)
            d.buses = [.init(width: 128, clock: 8)]
            let r = PhaseSimulator(graph: g).run(d)
            // 4-byte DRAM at ×clock of 100 MHz: 0.4 GB/s × clock for writes.
            #expect(F.close(r.finishTimes[0], bytes / (4e8 * Double(clock))), "clock \(clock): \(r.finishTimes[0])")
            #expect(F.close(r.latency, r.finishTimes[0]))
        }
    }

    /// Compute-bound when the bytes are few: work / 2e9 on the A53.
    @Test func aComputeBoundTaskTakesWorkOverRate() {
        let g = F.graph([("a", 1_000_000), ("b", 0)], [("a", "b", 4)], last: "b")
        let r = PhaseSimulator(graph: g).run(.single(.a53, memory: .init(.dram), tasks: 2))
        #expect(F.close(r.latency, 2_000_000 / 2e9))
    }

    /// Two tasks on two processors writing through one bus each get half its bandwidth.
    @Test func twoTasksSharingABusEachGetHalf() {
        let bytes = 800_000.0
        let g = F.graph([("a", 10), ("b", 10), ("c", 0), ("d", 0)], [("a", "c", bytes), ("b", "d", bytes)], last: "d")
        // a writes to memory 0 on bus 1, b to memory 1 on bus 2; both cross bus 0, the slow one.
        let fast = SoCDesign.Bus(width: 128, clock: 8)
        var d = SoCDesign(processors: [.a53, .a53], memories: [.init(.dram, width: 128, clock: 8), .init(.dram, width: 128, clock: 8)],
                          buses: [.init(width: 4, clock: 1), fast, fast], processorBus: [0, 0], busLink: [nil, 0, 0],
                          busMemory: [nil, 0, 1], taskProcessor: [0, 1, 0, 1], taskMemory: [0, 1, 0, 1])
        #expect(d.violation(on: g) == nil)
        var r = PhaseSimulator(graph: g).run(d)
        #expect(F.close(r.finishTimes[0], bytes / (4e8 / 2)), "shared: \(r.finishTimes[0])")
        #expect(F.close(r.finishTimes[1], bytes / (4e8 / 2)))
        // Alone (b on the other processor's own bus), a gets the whole bus.
        d.buses.append(fast)
        d.busLink.append(nil)
        d.busMemory = [nil, 0, nil, 1]
        d.processorBus = [0, 3]
        #expect(d.violation(on: g) == nil)
        r = PhaseSimulator(graph: g).run(d)
        #expect(F.close(r.finishTimes[0], bytes / 4e8), "alone: \(r.finishTimes[0])")
    }

    /// A processor runs one task at a time: newly ready tasks (list order) before older waiting ones.
    @Test func aProcessorRunsOneTaskAtATimeInQueueOrder() {
        // r readies x, y, z; x readies w, which jumps ahead of the older y and z.
        let cycles: [String: Double] = ["r": 1000, "x": 2000, "y": 3000, "w": 4000, "z": 5000]
        let g = F.graph([("r", 1000), ("x", 2000), ("y", 3000), ("w", 4000), ("z", 5000), ("s", 0)],
                        [("r", "x", 1), ("r", "y", 1), ("r", "z", 1), ("x", "w", 1), ("w", "s", 1), ("y", "s", 1), ("z", "s", 1)],
                        last: "s")
        let r = PhaseSimulator(graph: g).run(.single(.a53, memory: .init(.dram, width: 128, clock: 8),
                                                     bus: .init(width: 128, clock: 8), tasks: 6))
        var clock = 0.0
        for name in ["r", "x", "w", "y", "z"] {
            clock += cycles[name]! * 2 / 2e9
            #expect(F.close(r.finishTimes[g.index(of: name)!], clock), "\(name) finished at \(r.finishTimes[g.index(of: name)!]), expected \(clock)")
        }
        #expect(F.close(r.latency, clock))
    }

    /// Live bytes: a task's outputs are allocated at its launch and freed when all its children finish.
    @Test func aMemorySizeFollowsTheLiveBytesRule() {
        // On one A53 in order a, b, c, d: a allocates 400k; b adds 50k (a lives on: c has not run);
        // c adds 70k: 520k live, the peak; c's end frees a, d's end frees b and c.
        let g = F.graph([("a", 10), ("b", 10), ("c", 10), ("d", 10)],
                        [("a", "b", 300_000), ("a", "c", 100_000), ("b", "d", 50_000), ("c", "d", 70_000)], last: "d")
        let r = PhaseSimulator(graph: g).run(.single(.a53, memory: .init(.sram), tasks: 4))
        #expect(r.peakLiveBytes == [520_000])
        #expect(r.capacity == [768_000])
        // SRAM costed at the next listed CACTI capacity, 1.024 MB.
        #expect(F.close(r.area, HardwareDatabase.a53Area + 2.21e-7))
        #expect(F.close(HardwareDatabase.capacity(peakLiveBytes: 10), 256_000))
        #expect(F.close(HardwareDatabase.capacity(peakLiveBytes: 256_001), 512_000))
    }

    /// Energy: instructions / instructions-per-joule plus bytes × per-byte energy at the costed capacity.
    @Test func energyIsComputePlusBytesTimesPerByteEnergy() {
        let g = F.graph([("a", 1000), ("b", 3000), ("c", 0)], [("a", "b", 10_000), ("b", "c", 5_000)], last: "c")
        let r = PhaseSimulator(graph: g).run(.single(.a53, memory: .init(.sram), tasks: 3))
        let compute = 8000 / HardwareDatabase.a53InstructionsPerJoule
        // a writes 10k, b reads them and writes 5k (c is a dummy: it moves nothing); 256 kB SRAM.
        let memory = 15_000 * 1.612e-13 + 10_000 * 1.75e-13
        #expect(F.close(r.energy, compute + memory))
        #expect(F.close(r.computeEnergy, compute))
        // Less than 10 ms in all: power is the average.
        #expect(F.close(r.power, r.energy / r.latency))
    }

    /// Power is the peak over groups of phases, not the average, when a run is long.
    @Test func powerIsThePeakOverTenMillisecondGroups() {
        // Two 8 ms compute phases: the first on the A53, the second on an IP whose energy is far lower.
        var g = F.graph([("a", 8e6), ("b", 8e6), ("c", 0)], [("a", "b", 1), ("b", "c", 1)], last: "c")
        g.tasks[1].ipCycles = 8e5  // 8 ms at 100 MHz
        let d = SoCDesign(processors: [.a53, .ip(task: 1, unrolling: 1, clock: 1)], memories: [.init(.sram)], buses: [.init()],
                          processorBus: [0, 0], busLink: [nil], busMemory: [0], taskProcessor: [0, 1, 0], taskMemory: [0, 0, 0])
        #expect(d.violation(on: g) == nil)
        let r = PhaseSimulator(graph: g).run(d)
        #expect(F.close(r.latency, 0.016))
        #expect(r.power > r.energy / r.latency * 1.5)
        #expect(F.close(r.power, (16e6 / HardwareDatabase.a53InstructionsPerJoule + 1 * 1.612e-13) / 0.008, 1e-6))
    }
}
