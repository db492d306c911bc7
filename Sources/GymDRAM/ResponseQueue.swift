/// The response path (docs/references.md §4, RespQueue and Arbiter): when
/// each request's data completes, and when its response leaves through the
/// arbiter, in completion order or, when the response queue or the arbiter
/// reorders, in request order.
struct ResponseQueue {
    let inRequestOrder: Bool
    /// The arbiter's delay on the way back.
    let delay: Int
    /// Per request: data completion and response release cycles (-1: not yet).
    private var completion: [Int]
    private(set) var release: [Int]
    /// In request order: the oldest request without a response, and the last release.
    private var nextInOrder = 0, lastInOrderRelease = 0

    init(_ rule: any ResponseQueueRule, arbiter: any ArbiterRule, requests: Int) {
        inRequestOrder = rule.returnsInRequestOrder || arbiter.returnsInRequestOrder
        delay = arbiter.delay
        completion = Array(repeating: -1, count: requests)
        release = Array(repeating: -1, count: requests)
    }

    /// Records request `id`'s data completion at `cycle` and hands the
    /// responses it lets go to `arbiter`.
    @inline(__always)
    mutating func complete(_ id: Int, at cycle: Int, arbiter: inout RequestArbiter) {
        completion[id] = cycle
        if inRequestOrder {
            while nextInOrder < completion.count, completion[nextInOrder] >= 0 {
                let t = max(completion[nextInOrder] + delay, lastInOrderRelease)
                release[nextInOrder] = t
                lastInOrderRelease = t
                arbiter.release(at: t)
                nextInOrder += 1
            }
        } else {
            release[id] = cycle + delay
            arbiter.release(at: cycle + delay)
        }
    }
}
