import GymCore

extension MapperSearch {
    /// One step in the mapping space.
    enum Move {
        /// A prime factor `f` of dimension `d` from temporal level `a` to `b`.
        case time(from: Int, to: Int, dim: ProblemDimension, factor: Int)
        /// From temporal level `a` into the spatial fanout of level `s`.
        case intoSpace(from: Int, space: Int, dim: ProblemDimension, factor: Int)
        /// From the spatial fanout of level `s` to temporal level `b`.
        case outOfSpace(space: Int, to: Int, dim: ProblemDimension, factor: Int)
        /// Level `l`'s loop order made stationary for `tensor`.
        case order(level: Int, stationary: DataTensor)
    }

    /// Every move one step away, in a fixed order: a prime factor moved to
    /// another level or between space and time, or one level's order made
    /// stationary for a tensor. Moves are small values, applied only when the
    /// descent tries them.
    func moves(from m: Mapping) -> [Move] {
        var out: [Move] = []
        for a in 0...top {
            for d in ProblemDimension.allCases where m.temporal[a][d] > 1 {
                for f in Set(MapperSearch.primeFactors(m.temporal[a][d])).sorted() {
                    for b in 0...top where b != a && allowsTime(b, d) { out.append(.time(from: a, to: b, dim: d, factor: f)) }
                    for s in spatialLevels where spatialRoom(s, d, m.spatial[s]) >= f {
                        out.append(.intoSpace(from: a, space: s, dim: d, factor: f))
                    }
                }
            }
        }
        for s in spatialLevels {
            for d in ProblemDimension.allCases where m.spatial[s][d] > 1 {
                for f in Set(MapperSearch.primeFactors(m.spatial[s][d])).sorted() {
                    for b in 0...top where allowsTime(b, d) { out.append(.outOfSpace(space: s, to: b, dim: d, factor: f)) }
                }
            }
        }
        for l in 0...top where m.temporal[l].product > 1 && arch.levels[l].constraints.permutation == nil {
            for t in DataTensor.allCases where MapperSearch.order(stationary: t) != m.order[l] {
                out.append(.order(level: l, stationary: t))
            }
        }
        return out
    }

    func applying(_ move: Move, to m: Mapping) -> Mapping {
        var n = m
        switch move {
        case let .time(a, b, d, f):
            n.temporal[a][d] /= f
            n.temporal[b][d] *= f
        case let .intoSpace(a, s, d, f):
            n.temporal[a][d] /= f
            n.spatial[s][d] *= f
        case let .outOfSpace(s, b, d, f):
            n.spatial[s][d] /= f
            n.temporal[b][d] *= f
        case let .order(l, t):
            n.order[l] = MapperSearch.order(stationary: t)
        }
        return n
    }
}
