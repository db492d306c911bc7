import Testing
@testable import GymCore

struct ParetoTests {
    @Test func fronts_sortPointsByDomination() {
        let points: [[Double]] = [[1, 5], [2, 2], [5, 1], [3, 3], [4, 4], [6, 6]]
        let fronts = Pareto.nondominatedFronts(points)
        #expect(fronts.map { Set($0) } == [Set([0, 1, 2]), Set([3]), Set([4]), Set([5])])
    }

    @Test func hypervolume2D_matchesHandComputedArea() {
        // Reference (4,4); points (1,3), (2,2), (3,1): staircase area 3·1 + 2·1 + 1·1 = 6.
        #expect(Pareto.hypervolume([[1, 3], [2, 2], [3, 1]], reference: [4, 4]) == 6)
        // A dominated point adds nothing.
        #expect(Pareto.hypervolume([[1, 3], [2, 2], [3, 1], [3, 3]], reference: [4, 4]) == 6)
    }

    @Test func hypervolume3D_ofOnePointIsItsBox_andUnionsOverlap() {
        #expect(Pareto.hypervolume([[1, 1, 1]], reference: [2, 3, 4]) == 1 * 2 * 3)
        // Boxes [0,2]x[1,2]x[1,2] and [1,2]x[0,2]x[1,2] (volume 2 each) overlap in a unit cube: union 3.
        let v = Pareto.hypervolume([[0, 1, 1], [1, 0, 1]], reference: [2, 2, 2])
        #expect(v == 3.0)
    }

    @Test func crowding_marksBoundaryPointsInfinite() {
        let d = Pareto.crowdingDistances([[0, 4], [1, 2], [2, 1], [4, 0]])
        #expect(d[0].isInfinite && d[3].isInfinite)
        #expect(abs(d[1] - (2.0 / 4 + 3.0 / 4)) < 1e-12)
    }
}
