/// One SoC design (docs/references.md §9): which blocks sit in the slots
/// (allocation), how they are wired, and where each task runs and writes.
/// An empty slot is nil; links and mappings name slots by index.
public struct SoCDesign: Hashable, Sendable {
    public enum Processor: Hashable, Sendable {
        /// The general-purpose A53: runs every task.
        case a53
        /// The IP of one task (runs only that task), with its loop unrolling and clock multiplier.
        case ip(task: Int, unrolling: Int, clock: Int)
    }

    public struct Memory: Hashable, Sendable {
        public var kind: MemoryKind
        public var width: Int
        public var clock: Int
        public init(_ kind: MemoryKind, width: Int = 4, clock: Int = 1) {
            self.kind = kind
            self.width = width
            self.clock = clock
        }
        public var bandwidth: Double { HardwareDatabase.bandwidth(width: width, clock: clock) }
    }

    public struct Bus: Hashable, Sendable {
        public var width: Int
        public var clock: Int
        public init(width: Int = 4, clock: Int = 1) {
            self.width = width
            self.clock = clock
        }
        public var bandwidth: Double { HardwareDatabase.bandwidth(width: width, clock: clock) }
    }

    public var processors: [Processor?]
    public var memories: [Memory?]
    public var buses: [Bus?]
    /// Per processor slot: the bus it sits on.
    public var processorBus: [Int]
    /// Per bus slot: another bus it is linked to (links carry data both ways), or nil.
    public var busLink: [Int?]
    /// Per bus slot: the memory it is linked to, or nil.
    public var busMemory: [Int?]
    /// Per task: the processor slot that runs it.
    public var taskProcessor: [Int]
    /// Per task: the memory slot it writes its outputs to (its children read them there).
    public var taskMemory: [Int]

    public init(processors: [Processor?], memories: [Memory?], buses: [Bus?], processorBus: [Int],
                busLink: [Int?], busMemory: [Int?], taskProcessor: [Int], taskMemory: [Int]) {
        self.processors = processors
        self.memories = memories
        self.buses = buses
        self.processorBus = processorBus
        self.busLink = busLink
        self.busMemory = busMemory
        self.taskProcessor = taskProcessor
        self.taskMemory = taskMemory
    }

    /// Everything on slot 0: one processor, one bus, one memory (the §9 calibration
    /// design when `processor` is an A53 and `memory` a ×1 DRAM).
    public static func single(_ processor: Processor, memory: Memory, bus: Bus = Bus(), tasks: Int) -> SoCDesign {
        SoCDesign(processors: [processor], memories: [memory], buses: [bus], processorBus: [0], busLink: [nil],
                  busMemory: [0], taskProcessor: Array(repeating: 0, count: tasks), taskMemory: Array(repeating: 0, count: tasks))
    }

    /// The buses data crosses between a processor and a memory, processor side
    /// first (breadth-first over bus links, lowest index first), or nil when none connects them.
    public func route(fromProcessor p: Int, toMemory m: Int) -> [Int]? {
        guard processors.indices.contains(p), processors[p] != nil,
              buses.indices.contains(processorBus[p]), buses[processorBus[p]] != nil else { return nil }
        let start = processorBus[p]
        var previous = Array<Int?>(repeating: nil, count: buses.count)
        var seen = Array(repeating: false, count: buses.count)
        var frontier = [start]
        seen[start] = true
        var head = 0
        while head < frontier.count {
            let b = frontier[head]
            head += 1
            if busMemory[b] == m {
                var path = [b], at = b
                while let before = previous[at] { path.append(before); at = before }
                return path.reversed()
            }
            for n in neighbours(of: b) where !seen[n] {
                seen[n] = true
                previous[n] = b
                frontier.append(n)
            }
        }
        return nil
    }

    /// `route(fromProcessor:toMemory:)` for every processor and memory slot.
    public func routeTable() -> [[[Int]?]] {
        processors.indices.map { p in memories.indices.map { m in route(fromProcessor: p, toMemory: m) } }
    }

    /// Present buses linked to bus `b` (either end of a link), in index order.
    func neighbours(of b: Int) -> [Int] {
        var out: [Int] = []
        if let l = busLink[b], buses.indices.contains(l), buses[l] != nil, l != b { out.append(l) }
        for (i, l) in busLink.enumerated() where l == b && i != b && buses[i] != nil && !out.contains(i) { out.append(i) }
        return out.sorted()
    }
}
