/// The arbiter's state (docs/references.md §4, Arbiter and
/// MaxActiveTransactions): the next trace request to forward, when the last
/// one passed, and the transactions outstanding until their responses leave.
/// Its `ArbiterRule` says how long passing takes and whether there is a cap.
struct RequestArbiter {
    let delay: Int
    let cap: Int
    /// Whether MaxActiveTransactions applies (a queueing arbiter).
    let capped: Bool
    /// Index in the channel's trace of the next request to forward.
    private(set) var next = 0
    private var lastForward = -1
    private var inFlight = 0
    /// Release cycles of responses still in the controller or the arbiter.
    private var releases = MinHeap()
    /// Per request: the cycle it entered the controller (-1: not yet).
    private(set) var forwarded: [Int]

    init(_ rule: any ArbiterRule, config: ControllerConfiguration, requests: Int) {
        delay = rule.delay
        let cap = rule.transactionCap(maxActiveTransactions: config.maxActiveTransactions)
        self.cap = cap ?? Int.max
        capped = cap != nil
        forwarded = Array(repeating: -1, count: requests)
    }

    /// The cycle `r` may pass, given the request forwarded before it. For a
    /// queueing arbiter this is after `lastForward`, so one request per cycle.
    @inline(__always)
    func readyCycle(_ r: ChannelRequest) -> Int {
        delay == 0 ? r.arrival : max(r.arrival + delay, lastForward + 1)
    }

    @inline(__always)
    private func hasTransactionSlot() -> Bool { !capped || inFlight < cap }

    /// The next request if it may pass at `now` (it is ready and the cap
    /// allows it); it still needs space in the request buffer.
    @inline(__always)
    func ready(_ requests: [ChannelRequest], at now: Int) -> ChannelRequest? {
        guard next < requests.count else { return nil }
        let r = requests[next]
        return readyCycle(r) <= now && hasTransactionSlot() ? r : nil
    }

    /// Forwards the next request (`ready` and with buffer space) and
    /// returns its index in the trace.
    @inline(__always)
    mutating func forward(at now: Int) -> Int {
        inFlight += 1
        forwarded[next] = now
        lastForward = now
        next += 1
        return next - 1
    }

    /// The next arrival that is not yet ready (a blocked one waits for another event).
    func nextArrival(_ requests: [ChannelRequest], after now: Int) -> Int {
        guard next < requests.count else { return Int.max }
        let t = readyCycle(requests[next])
        return t > now ? t : Int.max
    }

    /// When the next request may pass if nothing else changes (Int.max while
    /// it waits for a transaction slot or buffer space, or none is left).
    @inline(__always)
    func nextForward(_ requests: [ChannelRequest], into buffer: RequestBuffer) -> Int {
        guard next < requests.count else { return Int.max }
        let r = requests[next]
        return hasTransactionSlot() && buffer.hasSpace(for: r) ? readyCycle(r) : Int.max
    }

    /// A response leaves the arbiter at `cycle`, freeing its transaction then.
    mutating func release(at cycle: Int) { releases.insert(cycle) }

    /// Frees the transactions of responses that have left by `now`.
    @inline(__always)
    mutating func retire(upTo now: Int) {
        // Tested before the loop, so that no pass without a release pays for
        // preparing the heap for mutation (measured).
        guard let first = releases.minimum, first <= now else { return }
        repeat {
            releases.removeMinimum()
            inFlight -= 1
        } while releases.minimum.map { $0 <= now } ?? false
    }

    /// Whether a response has yet to leave and free its transaction.
    var hasPendingReleases: Bool { releases.minimum != nil }

    /// The next release that frees a transaction slot (Int.max when uncapped or none).
    var nextRelease: Int { capped ? releases.minimum ?? Int.max : Int.max }
}
