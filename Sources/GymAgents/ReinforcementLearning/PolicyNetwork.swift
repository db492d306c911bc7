import Foundation
import GymCore

/// A small multilayer perceptron with one softmax head per design parameter:
/// the factorised categorical policy `π(a | s) = Π_d softmax_d(z)[a_d]`.
///
/// Hidden layers use tanh; the output layer produces the logits of every head
/// side by side. All weights live in one flat array (`parameters`) so the
/// optimiser treats them uniformly. Initialisation is Glorot-uniform from a
/// seeded `SplitMix64`, with the output layer scaled by 0.01 so the initial
/// policy is nearly uniform.
struct PolicyNetwork: Sendable {
    struct Layer: Sendable {
        let inputs: Int, outputs: Int
        /// Offset of the weights (outputs × inputs, row-major) and then the biases.
        let offset: Int
        var weightCount: Int { inputs * outputs }
    }

    let layers: [Layer]
    let heads: [Int]
    var parameters: [Double]

    init(inputs: Int, hidden: [Int], heads: [Int], rng: inout SplitMix64) {
        self.heads = heads
        let sizes = [inputs] + hidden + [heads.reduce(0, +)]
        var layers: [Layer] = []
        var offset = 0
        for i in 0..<(sizes.count - 1) {
            layers.append(Layer(inputs: sizes[i], outputs: sizes[i + 1], offset: offset))
            offset += sizes[i] * sizes[i + 1] + sizes[i + 1]
        }
        self.layers = layers
        parameters = [Double](repeating: 0, count: offset)
        for (i, l) in layers.enumerated() {
            let limit = (6.0 / Double(l.inputs + l.outputs)).squareRoot() * (i == layers.count - 1 ? 0.01 : 1)
            for k in 0..<l.weightCount { parameters[l.offset + k] = limit * (2 * rng.nextUnit() - 1) }
        }
    }

    /// Activations of every layer (input first, logits last).
    func forward(_ state: [Double]) -> [[Double]] {
        var activations = [state]
        parameters.withUnsafeBufferPointer { p in
            for (i, l) in layers.enumerated() {
                let x = activations[activations.count - 1]
                var y = [Double](repeating: 0, count: l.outputs)
                for o in 0..<l.outputs {
                    var s = p[l.offset + l.weightCount + o]
                    let row = l.offset + o * l.inputs
                    for j in 0..<l.inputs { s += p[row + j] * x[j] }
                    y[o] = i == layers.count - 1 ? s : tanh(s)
                }
                activations.append(y)
            }
        }
        return activations
    }

    /// Per-head probabilities from the logits.
    func probabilities(_ logits: [Double]) -> [[Double]] {
        var out: [[Double]] = []
        var start = 0
        for n in heads {
            let z = logits[start..<(start + n)]
            let top = z.max()!
            let e = z.map { exp($0 - top) }
            let total = e.reduce(0, +)
            out.append(e.map { $0 / total })
            start += n
        }
        return out
    }

    /// Gradient of `Σ_k dLogits_k · logit_k` in the parameters (backpropagation
    /// through the tanh layers).
    func gradient(_ activations: [[Double]], _ dLogits: [Double]) -> [Double] {
        var grad = [Double](repeating: 0, count: parameters.count)
        var delta = dLogits
        for i in stride(from: layers.count - 1, through: 0, by: -1) {
            let l = layers[i]
            let x = activations[i]
            var back = [Double](repeating: 0, count: l.inputs)
            for o in 0..<l.outputs where delta[o] != 0 {
                let row = l.offset + o * l.inputs
                grad[l.offset + l.weightCount + o] += delta[o]
                for j in 0..<l.inputs {
                    grad[row + j] += delta[o] * x[j]
                    back[j] += delta[o] * parameters[row + j]
                }
            }
            if i > 0 { for j in 0..<l.inputs { back[j] *= 1 - x[j] * x[j] } }
            delta = back
        }
        return grad
    }
}

/// Adam (Kingma & Ba 2015) ascending a gradient.
struct Adam: Sendable {
    var learningRate: Double
    var beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
    private var m: [Double], v: [Double]
    private var t = 0

    init(count: Int, learningRate: Double) {
        self.learningRate = learningRate
        m = [Double](repeating: 0, count: count)
        v = m
    }

    mutating func ascend(_ parameters: inout [Double], _ gradient: [Double]) {
        t += 1
        let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
        for k in parameters.indices {
            m[k] = beta1 * m[k] + (1 - beta1) * gradient[k]
            v[k] = beta2 * v[k] + (1 - beta2) * gradient[k] * gradient[k]
            parameters[k] += learningRate * (m[k] / c1) / ((v[k] / c2).squareRoot() + epsilon)
        }
    }
}
