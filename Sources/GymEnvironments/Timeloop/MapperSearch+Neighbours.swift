import GymCore

extension MapperSearch {
    /// Every mapping one step away, in a fixed order: one prime factor moved
    /// to another level (or between space and time), or one level's loop
    /// order replaced by a stationary order. Used for first-improvement descent.
    func neighbours(of m: Mapping) -> [Mapping] {
        var out: [Mapping] = []
        for a in 0...top {
            for d in LoopDimension.allCases where m.temporal[a][d] > 1 {
                for f in Set(MapperSearch.primeFactors(m.temporal[a][d])).sorted() {
                    for b in 0...top where b != a {
                        var n = m
                        n.temporal[a][d] /= f
                        n.temporal[b][d] *= f
                        out.append(n)
                    }
                    for s in spatialLevels where m.spatial[s].product * f <= arch.levels[s].fanout {
                        var n = m
                        n.temporal[a][d] /= f
                        n.spatial[s][d] *= f
                        out.append(n)
                    }
                }
            }
        }
        for s in spatialLevels {
            for d in LoopDimension.allCases where m.spatial[s][d] > 1 {
                for f in Set(MapperSearch.primeFactors(m.spatial[s][d])).sorted() {
                    for b in 0...top {
                        var n = m
                        n.spatial[s][d] /= f
                        n.temporal[b][d] *= f
                        out.append(n)
                    }
                }
            }
        }
        for l in 0...top where m.temporal[l].product > 1 {
            for t in DataTensor.allCases {
                let order = MapperSearch.order(stationary: t)
                if order != m.order[l] {
                    var n = m
                    n.order[l] = order
                    out.append(n)
                }
            }
        }
        return out
    }
}
