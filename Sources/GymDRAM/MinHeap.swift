/// A binary min-heap of cycles: the arbiter's pending response releases,
/// each of which frees one outstanding transaction (MaxActiveTransactions,
/// docs/references.md §4).
struct MinHeap: Sendable {
    private var items: [Int] = []

    var minimum: Int? { items.first }

    mutating func insert(_ v: Int) {
        items.append(v)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= items[i] { break }
            items.swapAt(p, i)
            i = p
        }
    }

    mutating func removeMinimum() {
        guard !items.isEmpty else { return }
        items[0] = items[items.count - 1]
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && items[l] < items[m] { m = l }
            if r < items.count && items[r] < items[m] { m = r }
            if m == i { return }
            items.swapAt(i, m)
            i = m
        }
    }
}
