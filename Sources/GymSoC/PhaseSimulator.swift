/// FARSI's phase-driven performance model (docs/references.md §9), re-implemented.
///
/// A phase lasts while the set of running tasks is constant. In a phase every
/// running task advances at its rate, the minimum over its blocks and
/// directions of peak × share / ratio (compute, reads and writes overlap: a
/// roofline), where the ratio is 1 on the processor and bytes / work on each
/// memory and bus channel. Time jumps to the earliest completion; a task is
/// done at ≥ 99% progress; children become ready when all parents are done.
/// A processor runs one task at a time: when it frees up it takes the first of
/// its queue, which holds newly ready tasks in list order before older waiting
/// ones. No hop, queueing or access-latency terms.
public struct PhaseSimulator: Sendable {
    /// §9: power is the highest energy / time over consecutive groups of phases
    /// of about 10 ms. Our grouping: a group takes phases in order while its
    /// duration stays within this window (a longer phase is a group alone).
    public static let powerWindow = 0.01
    /// §9: progress at which a task counts as done.
    public static let doneProgress = 0.99

    public let graph: TaskGraph

    public init(graph: TaskGraph) { self.graph = graph }

    /// Simulates a valid design (see `SoCDesign.violation(on:)`).
    public func run(_ design: SoCDesign) -> SoCResult {
        let plan = ChannelPlan(graph: graph, design: design)
        let tasks = graph.tasks, T = tasks.count, P = design.processors.count, M = design.memories.count
        let R = plan.peak.count

        var remainingParents = graph.inputs.map(\.count)
        var remainingChildren = graph.outputs.map(\.count)
        var queues = Array(repeating: [Int](), count: P)
        var runningOn = Array<Int?>(repeating: nil, count: P)
        var live = Array(repeating: 0.0, count: M), peakLive = live
        var progress = Array(repeating: 0.0, count: T)
        var finish = Array(repeating: 0.0, count: T)
        var pendingReady = tasks.indices.filter { remainingParents[$0] == 0 }
        var justFinished: [Int] = []
        var time = 0.0

        // Per phase: duration, compute joules, then bytes read and written per memory.
        var durations: [Double] = [], computeJoules: [Double] = [], phaseBytes: [Double] = []
        var users = Array(repeating: 0, count: R), unitSums = Array(repeating: 0.0, count: R)
        var rates = Array(repeating: 0.0, count: T)

        func finishTask(_ t: Int) {
            finish[t] = time
            progress[t] = 1
            runningOn[design.taskProcessor[t]] = nil
            if remainingChildren[t] == 0 { live[design.taskMemory[t]] -= graph.outputBytes(of: t) }
            for q in graph.parents(of: t) {
                remainingChildren[q] -= 1
                if remainingChildren[q] == 0 { live[design.taskMemory[q]] -= graph.outputBytes(of: q) }
            }
            for c in graph.children(of: t) {
                remainingParents[c] -= 1
                if remainingParents[c] == 0 { pendingReady.append(c) }
            }
        }

        while true {
            // Settle the current instant: completions, newly ready tasks, launches
            // (a dummy task completes as it launches, which may ready more).
            while true {
                for t in justFinished.sorted() { finishTask(t) }
                justFinished.removeAll(keepingCapacity: true)
                if !pendingReady.isEmpty {
                    pendingReady.sort()
                    for p in 0..<P {
                        let newly = pendingReady.filter { design.taskProcessor[$0] == p }
                        if !newly.isEmpty { queues[p] = newly + queues[p] }
                    }
                    pendingReady.removeAll(keepingCapacity: true)
                }
                for p in 0..<P where runningOn[p] == nil && !queues[p].isEmpty {
                    let t = queues[p].removeFirst()
                    runningOn[p] = t
                    // §9 live memory: a task's output bytes are allocated at its launch.
                    let m = design.taskMemory[t]
                    live[m] += graph.outputBytes(of: t)
                    peakLive[m] = max(peakLive[m], live[m])
                    if tasks[t].isDummy { justFinished.append(t) }
                }
                if justFinished.isEmpty { break }
            }
            let active = runningOn.compactMap { $0 }
            if active.isEmpty { break }

            // Shares: a bus channel splits evenly among the tasks using it; a memory
            // channel in proportion to their work units.
            for r in 0..<R { users[r] = 0; unitSums[r] = 0 }
            for t in active {
                for c in plan.channels[t] { users[c.resource] += 1; unitSums[c.resource] += c.units }
            }
            var dt = Double.infinity, first = active[0]
            for t in active {
                var rate = plan.computeRate[t]
                for c in plan.channels[t] {
                    let share = plan.isMemory[c.resource] ? c.units / unitSums[c.resource] : 1 / Double(users[c.resource])
                    rate = min(rate, plan.peak[c.resource] * share / c.ratio)
                }
                rates[t] = rate
                let left = (1 - progress[t]) * tasks[t].work / rate
                if left < dt { dt = left; first = t }
            }

            time += dt
            var joules = 0.0
            let base = phaseBytes.count
            phaseBytes.append(contentsOf: repeatElement(0, count: 2 * M))
            for t in active {
                let old = progress[t]
                var now = t == first ? 1 : old + rates[t] * dt / tasks[t].work
                if now >= PhaseSimulator.doneProgress { now = 1; justFinished.append(t) }
                let step = now - old
                progress[t] = now
                joules += step * plan.computeEnergy[t]
                for (m, bytes) in plan.memoryReads[t] { phaseBytes[base + 2 * m] += step * bytes }
                if let m = plan.writeMemory[t] { phaseBytes[base + 2 * m + 1] += step * plan.writeBytes[t] }
            }
            durations.append(dt)
            computeJoules.append(joules)
        }

        // Memories are costed at the capacity their peak live bytes need (§9).
        var capacity = Array(repeating: 0.0, count: M)
        var readCost = capacity, writeCost = capacity
        var area = 0.0, dramArea = 0.0
        for m in 0..<M where peakLive[m] > 0 {
            guard let memory = design.memories[m] else { continue }
            capacity[m] = HardwareDatabase.capacity(peakLiveBytes: peakLive[m])
            let cost = memory.kind.cost(capacity: capacity[m])
            readCost[m] = cost.readJoulesPerByte
            writeCost[m] = cost.writeJoulesPerByte
            area += cost.area
            if memory.kind == .dram { dramArea += cost.area }
        }
        for p in 0..<P where plan.processorWorks[p] {
            switch design.processors[p] {
            case .a53?: area += HardwareDatabase.a53Area
            case .ip(let owner, let u, _)?: area += HardwareDatabase.ipArea(tasks[owner], unrolling: HardwareDatabase.ipUnrolling(u, for: tasks[owner]))
            case nil: break
            }
        }

        var energy = 0.0, computeEnergy = 0.0
        for t in 0..<T {
            computeEnergy += plan.computeEnergy[t]
            for (m, bytes) in plan.memoryReads[t] { energy += bytes * readCost[m] }
            if let m = plan.writeMemory[t] { energy += plan.writeBytes[t] * writeCost[m] }
        }
        energy += computeEnergy

        // Power: the highest energy / time over consecutive groups of phases.
        var power = 0.0, groupTime = 0.0, groupEnergy = 0.0
        for (i, d) in durations.enumerated() {
            if groupTime > 0 && groupTime + d > PhaseSimulator.powerWindow {
                power = max(power, groupEnergy / groupTime)
                groupTime = 0
                groupEnergy = 0
            }
            var e = computeJoules[i]
            for m in 0..<M { e += phaseBytes[2 * M * i + 2 * m] * readCost[m] + phaseBytes[2 * M * i + 2 * m + 1] * writeCost[m] }
            groupTime += d
            groupEnergy += e
        }
        if groupTime > 0 { power = max(power, groupEnergy / groupTime) }

        return SoCResult(latency: finish[graph.lastTask], power: power, area: area, dramArea: dramArea, energy: energy,
                         computeEnergy: computeEnergy, peakLiveBytes: peakLive, capacity: capacity,
                         finishTimes: finish, phases: durations.count)
    }
}
