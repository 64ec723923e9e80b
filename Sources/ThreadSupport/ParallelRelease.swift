import Synchronization

/// Frees many large values (the syntax trees of a build) on large-stack worker threads, a share per thread,
/// instead of one after another on the caller's thread.
///
/// Swift frees a tree recursively when its last reference goes, node by node; for a large build that takes about
/// as long as printing the trees, and on one thread it is time the other processors sit idle.
public enum ParallelRelease {
    /// Frees `values` on up to `threadCount` threads and returns when they are freed. Only what `values` holds the
    /// last reference to is freed there: anything still referenced elsewhere lives on with its other holders.
    public static func release<Value: Sendable>(_ values: consuming [Value], threadCount: Int = LargeStackWorkers<Int, Int>.processorCount) {
        var remaining = consume values
        let shareCount = max(1, min(threadCount, remaining.count))
        var shares = [[Value]](repeating: [], count: shareCount)
        var next = 0
        // Moved, not copied, so that each share holds the only references.
        while let value = remaining.popLast() {
            shares[next].append(value)
            next = (next + 1) % shareCount
        }
        let pending = Mutex(consume shares)
        LargeStackWorkers<Int, Int>.with(
            threadCount: shareCount,
            work: { index in
                var share: [Value] = []
                pending.withLock { swap(&share, &$0[index]) }
                return share.count  // `share` is freed here, on this worker.
            }
        ) { workers in _ = workers.map(Array(0..<shareCount)) }
    }
}
