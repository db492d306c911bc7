import Foundation
import Testing
import GymCore
@testable import GymAgents
@testable import GymNumerics

private func sample(_ n: Int, seed: UInt64) -> (x: [[Double]], y: [Double]) {
    var rng = SplitMix64(seed: seed)
    let x = (0..<n).map { _ in [rng.nextUnit(), rng.nextUnit(), Double(rng.index(below: 3))] }
    let y = x.map { sin(6 * $0[0]) + $0[1] * $0[1] + ($0[2] == 1 ? 0.5 : 0) }
    return (x, y)
}

@Test func posteriorMeanInterpolatesNoiselessTrainingPoints() {
    let (x, y) = sample(25, seed: 3)
    let h = GaussianProcess.Hyperparameters(logSignalVariance: 0, logLengthscales: [log(0.3), log(0.3), log(1)],
                                           logNoiseVariance: log(1e-8))
    let gp = GaussianProcess(inputs: x, targets: y, categorical: [false, false, true], hyperparameters: h)
    let predictions = gp.predict(x)
    for (p, target) in zip(predictions, y) {
        #expect(abs(p.mean - target) < 1e-3)
        #expect(p.variance < 1e-4)
    }
    // Away from the data the posterior is uncertain.
    let far = gp.predict([[0.5, 0.5, 2]])[0]
    #expect(far.variance > predictions.map(\.variance).max()!)
}

@Test func logMarginalLikelihoodGradientMatchesFiniteDifferences() throws {
    let (x, y) = sample(20, seed: 5)
    let theta = [0.3, log(0.4), log(0.7), log(2.0), log(1e-2)]
    let h = GaussianProcess.Hyperparameters(vector: theta)
    let (_, gradient) = try #require(GaussianProcess.logMarginalLikelihood(
        inputs: x, targets: y, categorical: [false, false, true], hyperparameters: h))
    for i in theta.indices {
        let step = 1e-5
        var up = theta, down = theta
        up[i] += step
        down[i] -= step
        let fUp = try #require(GaussianProcess.logMarginalLikelihood(
            inputs: x, targets: y, categorical: [false, false, true], hyperparameters: .init(vector: up))).value
        let fDown = try #require(GaussianProcess.logMarginalLikelihood(
            inputs: x, targets: y, categorical: [false, false, true], hyperparameters: .init(vector: down))).value
        let numeric = (fUp - fDown) / (2 * step)
        #expect(abs(numeric - gradient[i]) < 1e-4 * max(1, abs(numeric)), "component \(i): \(numeric) vs \(gradient[i])")
    }
}

@Test func fittingRaisesTheLikelihoodAboveTheStart() throws {
    let (x, y) = sample(30, seed: 8)
    let categorical = [false, false, true]
    let start = GaussianProcess.Hyperparameters.initial(dimensions: 3)
    let gp = GaussianProcess.fit(inputs: x, targets: y, categorical: categorical, start: start, restarts: 2, seed: 1)
    let before = try #require(GaussianProcess.logMarginalLikelihood(inputs: x, targets: y, categorical: categorical,
                                                                    hyperparameters: start)).value
    let after = try #require(GaussianProcess.logMarginalLikelihood(inputs: x, targets: y, categorical: categorical,
                                                                   hyperparameters: gp.hyperparameters)).value
    #expect(after > before)
}

@Test func addingAnObservationExtendsTheCholeskyFactorExactly() {
    let (x, y) = sample(15, seed: 9)
    let h = GaussianProcess.Hyperparameters(vector: [0, log(0.3), log(0.5), log(1), log(1e-6)])
    let small = GaussianProcess(inputs: Array(x.dropLast()), targets: Array(y.dropLast()),
                                categorical: [false, false, true], hyperparameters: h)
    let grown = small.adding(x.last!, target: y.last!)
    let direct = GaussianProcess(inputs: x, targets: y, categorical: [false, false, true], hyperparameters: h)
    #expect(grown.count == x.count)
    // The covariance does not depend on the targets, so the factors agree.
    for (a, b) in zip(grown.cholesky, direct.cholesky) { #expect(abs(a - b) < 1e-9) }
    // And the grown GP interpolates the added point.
    #expect(abs(grown.predict([x.last!])[0].mean - y.last!) < 1e-3)
}
