import GymCore

/// Grows one CART regression tree (Breiman et al. 1984) on binned features:
/// each node takes the split that most reduces the squared error (variance
/// reduction), searched over a random subset of the columns (Breiman 2001),
/// until a depth or leaf-size limit or no split helps.
struct TreeGrower {
    struct Limits: Sendable {
        var maxDepth: Int
        var minSamplesLeaf: Int
        /// Columns tried per split (at least one valid column is always found
        /// if any exists, as scikit-learn does).
        var featuresPerSplit: Int
    }

    let data: BinnedFeatures
    let targets: [Double]
    let limits: Limits

    /// Grows a tree on `sample` (row indices, repeats allowed: a bootstrap).
    func grow(sample: [Int32], rng: inout SplitMix64) -> RegressionTree {
        var tree = RegressionTree()
        var rows = sample
        var scratch = Scratch(maxBins: data.thresholds.map { $0.count + 1 }.max() ?? 1, columns: data.columnCount)
        rows.withUnsafeMutableBufferPointer { buffer in
            build(buffer, 0..<buffer.count, depth: 0, tree: &tree, scratch: &scratch, rng: &rng)
        }
        return tree
    }

    private struct Scratch {
        var counts: [Int]
        var sums: [Double]
        var order: [Int]
        init(maxBins: Int, columns: Int) {
            counts = [Int](repeating: 0, count: maxBins)
            sums = [Double](repeating: 0, count: maxBins)
            order = Array(0..<columns)
        }
    }

    private struct Split {
        var feature: Int
        var cut: Int
        var score: Double
    }

    private func build(_ rows: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>, depth: Int,
                       tree: inout RegressionTree, scratch: inout Scratch, rng: inout SplitMix64) {
        let node = tree.feature.count
        var sum = 0.0
        for k in range { sum += targets[Int(rows[k])] }
        let n = range.count
        let mean = sum / Double(n)
        tree.feature.append(-1)
        tree.right.append(0)
        tree.value.append(mean)
        guard depth < limits.maxDepth, n >= 2 * limits.minSamplesLeaf,
              let split = bestSplit(rows, range, parentScore: sum * sum / Double(n), scratch: &scratch, rng: &rng)
        else { return }
        // Partition rows in place: bins 0...cut to the front.
        let base = split.feature * data.rowCount
        var lo = range.lowerBound, hi = range.upperBound - 1
        while lo <= hi {
            if Int(data.bins[base + Int(rows[lo])]) <= split.cut { lo += 1 } else { rows.swapAt(lo, hi); hi -= 1 }
        }
        tree.feature[node] = Int32(split.feature)
        tree.value[node] = data.thresholds[split.feature][split.cut]
        build(rows, range.lowerBound..<lo, depth: depth + 1, tree: &tree, scratch: &scratch, rng: &rng)
        tree.right[node] = Int32(tree.feature.count)
        build(rows, lo..<range.upperBound, depth: depth + 1, tree: &tree, scratch: &scratch, rng: &rng)
    }

    /// The best split over a random order of the columns: the first
    /// `featuresPerSplit` columns, continuing past them only until some
    /// column gives a valid split. Nil when no split lowers the error.
    private func bestSplit(_ rows: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>, parentScore: Double,
                           scratch: inout Scratch, rng: inout SplitMix64) -> Split? {
        let columns = data.columnCount
        // Fisher–Yates, drawn lazily as columns are visited.
        var best: Split?
        let minLeaf = limits.minSamplesLeaf
        let n = range.count
        var visited = 0
        while visited < columns, visited < limits.featuresPerSplit || best == nil {
            let pick = visited + Int(rng.next() % UInt64(columns - visited))
            scratch.order.swapAt(visited, pick)
            let f = scratch.order[visited]
            visited += 1
            let bins = data.binCount(f)
            guard bins > 1 else { continue }
            for b in 0..<bins { scratch.counts[b] = 0; scratch.sums[b] = 0 }
            let base = f * data.rowCount
            for k in range {
                let r = Int(rows[k])
                let b = Int(data.bins[base + r])
                scratch.counts[b] += 1
                scratch.sums[b] += targets[r]
            }
            var total = 0.0
            for b in 0..<bins { total += scratch.sums[b] }
            var leftCount = 0, leftSum = 0.0
            for cut in 0..<(bins - 1) {
                leftCount += scratch.counts[cut]
                leftSum += scratch.sums[cut]
                guard scratch.counts[cut] > 0 || cut == 0 else { continue }
                let rightCount = n - leftCount
                if leftCount < minLeaf { continue }
                if rightCount < minLeaf { break }
                let rightSum = total - leftSum
                let score = leftSum * leftSum / Double(leftCount) + rightSum * rightSum / Double(rightCount)
                // Sum of squared errors falls by score − parentScore; demand a
                // relative gain above rounding noise.
                if score > parentScore * (1 + 1e-12) + 1e-300, score > (best?.score ?? -.infinity) {
                    best = Split(feature: f, cut: cut, score: score)
                }
            }
        }
        return best
    }
}
