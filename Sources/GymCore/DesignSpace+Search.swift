/// Sampling, enumeration and neighbourhoods: the moves every agent shares.
extension DesignSpace {
    /// A uniformly drawn configuration. Constraints are honoured by rejection
    /// (up to `attempts` draws); if none satisfies them the last draw is
    /// returned and will be reported infeasible with the constraint's message.
    public func sample<G: RandomNumberGenerator>(using rng: inout G, attempts: Int = 100) -> Configuration {
        var config = sampleUnconstrained(using: &rng)
        var tries = 1
        while tries < attempts, violatedConstraint(config) != nil {
            config = sampleUnconstrained(using: &rng)
            tries += 1
        }
        return config
    }

    private func sampleUnconstrained<G: RandomNumberGenerator>(using rng: inout G) -> Configuration {
        configuration(values: parameters.map { $0.domain.sample(using: &rng) })
    }

    /// Every configuration in index order (first parameter fastest), or nil
    /// when the space is continuous or has more than `limit` points.
    public func enumerate(limit: Int = 1_000_000) -> [Configuration]? {
        guard let size = finiteSize, size <= limit else { return nil }
        let counts = levelCounts
        var out: [Configuration] = []
        out.reserveCapacity(size)
        var idx = [Int](repeating: 0, count: counts.count)
        for _ in 0..<size {
            out.append(configuration(indices: idx))
            for d in 0..<idx.count {
                idx[d] += 1
                if idx[d] < counts[d] { break }
                idx[d] = 0
            }
        }
        return out
    }

    /// Configuration at flat position `n` of the enumeration order.
    public func configuration(flatIndex n: Int) -> Configuration {
        var rest = n
        var idx: [Int] = []
        for c in levelCounts {
            idx.append(rest % c)
            rest /= c
        }
        return configuration(indices: idx)
    }

    /// Configurations that differ from `configuration` in one parameter: the
    /// adjacent levels of an ordered parameter, every other choice of a
    /// categorical one. This is the local-search neighbourhood.
    public func neighbours(of configuration: Configuration) -> [Configuration] {
        var out: [Configuration] = []
        let idx = indices(of: configuration)
        for (d, p) in parameters.enumerated() {
            let n = p.domain.levelCount
            let candidates: [Int] = p.domain.isCategorical
                ? (0..<n).filter { $0 != idx[d] }
                : [idx[d] - 1, idx[d] + 1].filter { $0 >= 0 && $0 < n }
            for c in candidates {
                var moved = idx
                moved[d] = c
                out.append(self.configuration(indices: moved))
            }
        }
        return out
    }
}
