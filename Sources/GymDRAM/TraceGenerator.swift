import GymCore

/// Seeded synthetic traces, one request per cycle, addresses aligned to
/// `burstBytes` and below `capacityBytes` (a power of two).
public enum TraceGenerator {
    public struct Shape: Sendable, Hashable {
        public var capacityBytes: UInt64 = 1 << 30
        public var burstBytes: UInt64 = 64
        /// Fraction of writes (0 = all reads).
        public var writeRatio: Double = 0
        public init(capacityBytes: UInt64 = 1 << 30, burstBytes: UInt64 = 64, writeRatio: Double = 0) {
            self.capacityBytes = capacityBytes
            self.burstBytes = burstBytes
            self.writeRatio = writeRatio
        }
    }

    /// Consecutive bursts from a random start.
    public static func stream(count: Int, seed: UInt64, shape: Shape = Shape()) -> [TraceRequest] {
        strided(count: count, stride: shape.burstBytes, seed: seed, shape: shape)
    }

    /// Every `stride` bytes from a random start, wrapping at the capacity.
    public static func strided(count: Int, stride: UInt64, seed: UInt64, shape: Shape = Shape()) -> [TraceRequest] {
        var rng = SplitMix64(seed: seed)
        let start = (rng.next() % shape.capacityBytes) & ~(shape.burstBytes - 1)
        return (0..<count).map { i in
            let a = (start &+ UInt64(i) &* stride) % shape.capacityBytes & ~(shape.burstBytes - 1)
            return TraceRequest(cycle: i, isWrite: rng.nextUnit() < shape.writeRatio, address: a)
        }
    }

    /// Uniformly random bursts.
    public static func random(count: Int, seed: UInt64, shape: Shape = Shape()) -> [TraceRequest] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let a = (rng.next() % shape.capacityBytes) & ~(shape.burstBytes - 1)
            return TraceRequest(cycle: i, isWrite: rng.nextUnit() < shape.writeRatio, address: a)
        }
    }

    /// Bursty, cloud-like traffic: runs of sequential bursts (geometric length,
    /// mean `meanRun`) at random places, mixed with `randomFraction` lone
    /// random accesses and a few hot regions revisited with probability `hotFraction`.
    public static func cloud(count: Int, seed: UInt64, meanRun: Double, randomFraction: Double, hotFraction: Double,
                             hotRegions: Int = 8, shape: Shape = Shape()) -> [TraceRequest] {
        var rng = SplitMix64(seed: seed)
        let mask = ~(shape.burstBytes - 1)
        let hot = (0..<max(1, hotRegions)).map { _ in (rng.next() % shape.capacityBytes) & mask }
        var out: [TraceRequest] = []
        out.reserveCapacity(count)
        var next: UInt64 = 0, left = 0
        while out.count < count {
            if left == 0 {
                let u = rng.nextUnit()
                if u < randomFraction {
                    next = (rng.next() % shape.capacityBytes) & mask
                    left = 1
                } else {
                    next = u < randomFraction + hotFraction ? hot[Int(rng.next() % UInt64(hot.count))] : (rng.next() % shape.capacityBytes) & mask
                    // Geometric run length with the given mean.
                    left = 1
                    while rng.nextUnit() > 1 / meanRun { left += 1 }
                }
            }
            out.append(TraceRequest(cycle: out.count, isWrite: rng.nextUnit() < shape.writeRatio, address: next))
            next = (next + shape.burstBytes) % shape.capacityBytes
            left -= 1
        }
        return out
    }
}
