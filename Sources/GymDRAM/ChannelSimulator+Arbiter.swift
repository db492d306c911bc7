/// The front end: arbiter, request-buffer admission, and the response path
/// (response queue and arbiter on the way back).
extension ChannelSimulator {
    // MARK: Arbiter and request buffer

    func readyCycle(_ r: ChannelRequest) -> Int {
        config.arbiter == .simple ? r.arrival : max(r.arrival + 1, lastAdmit + 1)
    }

    func hasSpace(_ r: ChannelRequest) -> Bool {
        let size = config.requestBufferSize
        switch config.schedulerBuffer {
        case .shared: return bufferedReads + bufferedWrites < size
        case .bankwise: return queueCount[r.rank * banks + r.bank] < size
        case .readWrite: return (r.isWrite ? bufferedWrites : bufferedReads) < size
        }
    }

    mutating func admit() {
        while nextRequest < requests.count {
            let r = requests[nextRequest]
            guard readyCycle(r) <= now, !capsTransactions || inFlight < config.maxActiveTransactions, hasSpace(r) else { return }
            let q = r.rank * banks + r.bank
            slots[q * capacity + queueCount[q]] = BufferedRequest(id: nextRequest, isWrite: r.isWrite, row: r.row, column: r.column)
            queueCount[q] += 1
            bound[q] = -1
            pending[q] = PendingSlot.unknown
            queuedPerRank[r.rank] += 1
            if r.isWrite { bufferedWrites += 1 } else { bufferedReads += 1 }
            wantsSelfRefresh[r.rank] = false   // work arrived: stay awake instead of entering self-refresh
            inFlight += 1
            admitted[nextRequest] = now
            lastAdmit = now
            nextRequest += 1
            if config.arbiter != .simple { return } // one request per cycle through a queueing arbiter
        }
    }

    /// The next arrival that is not yet ready (a blocked one waits for another event).
    func nextAdmissionEvent() -> Int {
        guard nextRequest < requests.count else { return Int.max }
        let t = readyCycle(requests[nextRequest])
        return t > now ? t : Int.max
    }

    // MARK: Responses

    /// Records a request's data completion and releases responses as the
    /// response queue and arbiter allow.
    mutating func complete(_ id: Int, at cycle: Int) {
        completion[id] = cycle
        if inOrderResponses {
            while inOrderNext < requests.count, completion[inOrderNext] >= 0 {
                let t = max(completion[inOrderNext] + arbiterDelay, lastInOrderRelease)
                release[inOrderNext] = t
                lastInOrderRelease = t
                releases.insert(t)
                inOrderNext += 1
            }
        } else {
            release[id] = cycle + arbiterDelay
            releases.insert(cycle + arbiterDelay)
        }
    }
}
