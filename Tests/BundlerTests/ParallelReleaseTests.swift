#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Testing
import ThreadSupport

/// `ParallelRelease` frees what it holds the last reference to before it returns, on worker threads, and leaves
/// alone what is still referenced elsewhere (BundleBuilder hands it every module's syntax trees).
@Suite struct ParallelReleaseTests {
    final class Counter: Sendable {
        let freed = Mutex(0)
        let freedOnCaller = Mutex(0)
    }

    final class Tracked: Sendable {
        let counter: Counter
        let creator: pthread_t

        init(_ counter: Counter) {
            self.counter = counter
            creator = pthread_self()
        }

        deinit {
            counter.freed.withLock { $0 += 1 }
            if pthread_equal(creator, pthread_self()) != 0 { counter.freedOnCaller.withLock { $0 += 1 } }
        }
    }

    @Test func freesEveryUnsharedValueOnWorkersBeforeReturning() {
        let counter = Counter()
        let values = (0..<200).map { _ in [Tracked(counter), Tracked(counter)] }
        let kept = values[7][1]
        ParallelRelease.release(consume values, threadCount: 2)
        #expect(counter.freed.withLock { $0 } == 399)
        #expect(counter.freedOnCaller.withLock { $0 } == 0)
        #expect(kept.counter === counter)
    }
}
