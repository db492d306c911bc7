/// A stretch of a command log that repeats: while the controller idles for
/// a long time (no request buffered or due), refresh is periodic, and the
/// simulator logs one period (`count` commands from `start`) and how many
/// more times it recurs, each copy `period` cycles after the one before
/// (docs/references.md §4: REF every tREFI). The log as issued is the block,
/// then `times` shifted copies, then the commands after `start + count`.
struct CommandRepeat: Sendable, Hashable {
    var start: Int
    var count: Int
    var period: Int
    var times: Int
}

extension ChannelOutcome {
    /// Every issued command in issue order, repeats expanded.
    func forEachCommand(_ body: (IssuedCommand) -> Void) {
        var next = 0
        for r in repeats {
            while next < r.start + r.count { body(commands[next]); next += 1 }
            var j = 1
            while j <= r.times {
                for i in r.start..<(r.start + r.count) {
                    var c = commands[i]
                    c.cycle += j * r.period
                    body(c)
                }
                j += 1
            }
        }
        while next < commands.count { body(commands[next]); next += 1 }
    }

    /// The issued commands in issue order, repeats expanded.
    var expandedCommands: [IssuedCommand] {
        guard !repeats.isEmpty else { return commands }
        var out: [IssuedCommand] = []
        forEachCommand { out.append($0) }
        return out
    }

    /// Commands per kind (`DRAMCommand.rawValue`), repeats included.
    var commandCounts: [Int] {
        var n = Array(repeating: 0, count: DRAMCommand.count)
        for c in commands { n[c.command.rawValue] += 1 }
        for r in repeats {
            for i in r.start..<(r.start + r.count) { n[commands[i].command.rawValue] += r.times }
        }
        return n
    }
}
