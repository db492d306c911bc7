import Foundation
import Testing
import GymCore
@testable import GymNumerics

private func points(_ n: Int, seed: UInt64) -> (x: [[Double]], y: [Double]) {
    var rng = SplitMix64(seed: seed)
    var x: [[Double]] = []
    for _ in 0..<n {
        let a = rng.nextUnit(), b = rng.nextUnit(), c = Double(rng.next() % 3)
        x.append([a, b, c])
    }
    let y = x.map { (p: [Double]) -> Double in cos(5 * p[0]) - p[1] + (p[2] == 2 ? 0.3 : 0) }
    return (x, y)
}

private let hyperparameters = GaussianProcess.Hyperparameters(
    logSignalVariance: 0.2, logLengthscales: [log(0.3), log(0.5), log(1)], logNoiseVariance: log(1e-4))

/// Extending the Cholesky factor by the new rows gives the GP a fresh factorisation gives.
@Test func extendedGPPredictsAsAFreshlyFactorisedOne() throws {
    let (x, y) = points(40, seed: 8)
    let categorical = [false, false, true]
    let small = GaussianProcess(inputs: Array(x[0..<30]), targets: Array(y[0..<30]), categorical: categorical,
                                hyperparameters: hyperparameters)
    let extended = try #require(small.extended(inputs: x, targets: y))
    let fresh = GaussianProcess(inputs: x, targets: y, categorical: categorical, hyperparameters: hyperparameters)
    let probe = points(15, seed: 9).x
    #expect(extended.count == 40)
    #expect(abs(extended.targetMean - fresh.targetMean) < 1e-12)
    for (a, b) in zip(extended.predict(probe), fresh.predict(probe)) {
        #expect(abs(a.mean - b.mean) < 1e-7)
        #expect(abs(a.variance - b.variance) < 1e-7)
    }
    // New targets for the same inputs re-standardise without new rows.
    let shifted = try #require(fresh.extended(inputs: x, targets: y.map { 3 * $0 + 1 }))
    for (a, b) in zip(shifted.predict(probe), fresh.predict(probe)) { #expect(abs(a.mean - (3 * b.mean + 1)) < 1e-6) }
}

@Test func extensionRefusesOtherLeadingInputs() {
    let (x, y) = points(20, seed: 2)
    let gp = GaussianProcess(inputs: Array(x[0..<10]), targets: Array(y[0..<10]), categorical: [false, false, true],
                             hyperparameters: hyperparameters)
    #expect(gp.extended(inputs: Array(x[1..<20]), targets: Array(y[1..<20])) == nil)
    #expect(gp.extended(inputs: Array(x[0..<5]), targets: Array(y[0..<5])) == nil)
}
