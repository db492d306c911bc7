import Foundation

/// The one parallel map of DSEGym: `body` over `0..<count` on `jobs` threads,
/// results in index order. Work is striped statically (worker w takes w,
/// w+jobs, ...), so which thread computes what never affects a result; the
/// campaign runner, campaign plans and forest training all go through it.
public enum ParallelMap {
    /// One result with the seconds its evaluation took.
    public struct Timed<T> {
        public var metrics: Result<T, Error>
        public var seconds: Double
    }

    /// `body(i)` for every index, results in index order.
    public static func indices<T>(_ count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        var out = [T?](repeating: nil, count: count)
        let workers = max(1, min(jobs, count))
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            let work: @Sendable (Int) -> Void = { w in
                var i = w
                while i < count {
                    slots[i] = body(i)
                    i += workers
                }
            }
            if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        }
        return out.map { $0! }
    }

    /// A throwing `body` over `inputs`, each result with its wall time.
    public static func run<Input: Sendable, T>(_ inputs: [Input], jobs: Int,
                                               _ body: @escaping @Sendable (Input) throws -> T) -> [Timed<T>] {
        indices(inputs.count, jobs: jobs) { i in
            let start = DispatchTime.now().uptimeNanoseconds
            let r = Result { try body(inputs[i]) }
            return Timed(metrics: r, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
    }
}
