import Foundation

/// Maps a throwing function over inputs on `jobs` threads, results in input
/// order. Work is striped statically (worker w takes w, w+jobs, ...), so which
/// thread computes what never affects the results.
enum ParallelMap {
    struct Timed<T> {
        var metrics: Result<T, Error>
        var seconds: Double
    }

    static func run<T>(_ inputs: [Configuration], jobs: Int,
                       _ body: @escaping @Sendable (Configuration) throws -> T) -> [Timed<T>] {
        var out = [Timed<T>?](repeating: nil, count: inputs.count)
        let workers = min(jobs, inputs.count)
        guard workers > 0 else { return [] }
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            let work: @Sendable (Int) -> Void = { w in
                var i = w
                while i < inputs.count {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let r = Result { try body(inputs[i]) }
                    let s = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
                    slots[i] = Timed(metrics: r, seconds: s)
                    i += workers
                }
            }
            if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        }
        return out.map { $0! }
    }
}
