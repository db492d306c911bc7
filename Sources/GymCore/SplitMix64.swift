/// A small, fast, seedable random number generator (Steele, Lea & Flood 2014).
///
/// Every agent and environment that needs randomness owns one of these, seeded
/// explicitly; nothing in DSEGym touches a global RNG, so the same seed always
/// gives the same stream on every platform and thread count.
///
///     var rng = SplitMix64(seed: 7)
///     let x = Double.random(in: 0..<1, using: &rng)
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// An independent generator for a named sub-stream (e.g. one per worker or
    /// per purpose), so adding draws in one place never shifts another's stream.
    public func derived(_ salt: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: state ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        return SplitMix64(seed: mixer.next())
    }
}
