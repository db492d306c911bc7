import Foundation

/// Reads newline-terminated lines from a file descriptor through one buffer,
/// with no system call per line when lines arrive together. A line longer
/// than `maximumBytes` is skipped up to its newline and reported as too long,
/// so no input can make the reader hold more than about that many bytes.
struct LineReader {
    enum Item: Equatable {
        case line(Data)
        case tooLong(bytes: Int)
    }

    let descriptor: Int32
    let maximumBytes: Int
    /// Polled with the input: once readable, reading stops as at end of input.
    let stopDescriptor: Int32?
    private var buffer: [UInt8] = []
    /// Unread bytes are `buffer[start..<buffer.count]`; none before `scanned` is a newline.
    private var start = 0
    private var scanned = 0
    /// Bytes of an overlong line dropped so far (nil when not skipping one).
    private var skipped: Int?
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(descriptor: Int32, maximumBytes: Int = ServeProtocol.maximumLineBytes, stopDescriptor: Int32? = nil) {
        self.descriptor = descriptor
        self.maximumBytes = maximumBytes
        self.stopDescriptor = stopDescriptor
    }

    /// The next line without its newline, or nil at end of input or once
    /// stopped. A last line without a newline counts.
    mutating func next() -> Item? {
        while true {
            if let newline = findNewline() {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                if skipped != nil || line.count > maximumBytes {
                    defer { skipped = nil }
                    return .tooLong(bytes: (skipped ?? 0) + line.count)
                }
                return .line(Data(line))
            }
            compact()
            if buffer.count > maximumBytes {
                skipped = (skipped ?? 0) + buffer.count
                buffer.removeAll(keepingCapacity: true)
                scanned = 0
            }
            let more = fill()
            if more == .stopped { return nil }
            guard more == .data else {
                defer { buffer.removeAll(); start = 0; scanned = 0; skipped = nil }
                if let dropped = skipped { return .tooLong(bytes: dropped + buffer.count) }
                return buffer.isEmpty ? nil : .line(Data(buffer))
            }
        }
    }

    /// The index of the next newline at or after `scanned`.
    private mutating func findNewline() -> Int? {
        guard scanned < buffer.count else { return nil }
        let found = buffer.withUnsafeBufferPointer { p -> Int? in
            guard let hit = memchr(p.baseAddress! + scanned, 0x0A, p.count - scanned) else { return nil }
            return p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        scanned = found ?? buffer.count
        return found
    }

    /// Drops the bytes already returned.
    private mutating func compact() {
        guard start > 0 else { return }
        buffer.removeSubrange(0..<start)
        scanned -= start
        start = 0
    }

    private enum Fill { case data, end, stopped }

    /// Reads more input.
    private mutating func fill() -> Fill {
        if let stop = stopDescriptor {
            var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
            while poll(&fds, 2, -1) < 0 {
                if errno != EINTR { return .end }
            }
            if fds[1].revents != 0 { return .stopped }
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return .data
            }
            if n < 0, errno == EINTR { continue }
            return .end
        }
    }
}
