#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs recursive work (syntax trees of JavaScript and of Python settings) on a thread whose stack is large
/// enough for the deepest input the parsers accept.
///
/// The JavaScript parser, printer, minifier, scope analysis and the bundler's walkers, and the settings
/// tokenizer, parser and evaluator, recurse once per level of nesting, and Swift frees a tree recursively
/// too. The parsers' nesting limits bound that depth; this thread's stack bounds what one level may cost. Swift's cooperative threads (where `async` commands run)
/// and Dispatch's workers have 512 KiB to 8 MiB depending on the platform, and debug builds use kilobytes of
/// stack per level; so every caller that parses, walks, prints or drops a tree runs that work in here.
/// The stack is reserved address space: only the pages that a deep tree really touches become memory.
public enum LargeStackThread {
    /// 4 GiB of address space: a tree at the nesting limit touches about 1 GiB of it in a debug build
    /// (peak RSS of the deepest shapes of DeepNestingCommandTests) and a small fraction in a release build.
    public static let stackSize = 4 << 30

    /// Smaller stacks to try where the system refuses to reserve `stackSize` (a small machine without
    /// overcommit): release builds need far less than debug builds.
    static let fallbackStackSizes = [1 << 30, 256 << 20]

    /// Runs `body` on a new thread with a `stackSize` stack and waits for it. Falls back to smaller stacks
    /// (those of `fallbackStackSizes` below `stackSize`), and to the calling thread only if the system refuses
    /// to create any thread.
    public static func run<Value, Failure: Error>(stackSize: Int = stackSize, _ body: () throws(Failure) -> Value)
        throws(Failure) -> Value
    {
        var outcome: Result<Value, Failure>?
        withoutActuallyEscaping({ outcome = Result { () throws(Failure) -> Value in try body() } }) { work in
            let job = Job(work)
            let sizes = [stackSize] + fallbackStackSizes.filter { $0 < stackSize }
            let ran = sizes.contains { job.runOnThread(stackSize: $0) }
            if !ran { work() }
        }
        guard let outcome else { preconditionFailure("the large-stack job did not run") }
        return try outcome.get()
    }

    private final class Job {
        let work: () -> Void

        init(_ work: @escaping () -> Void) { self.work = work }

        /// false when no thread could be created (then nothing ran).
        func runOnThread(stackSize: Int) -> Bool {
            guard let thread = LargeStackThread.start(stackSize: stackSize, job: self) else { return false }
            thread.join()
            return true
        }
    }

    /// A thread started by `start`; it must be joined once.
    struct StartedThread {
        let thread: pthread_t

        func join() { pthread_join(thread, nil) }
    }

    /// Starts `job.work` on a new thread with a `stackSize` stack; nil when the system refuses. The job stays
    /// retained until its work returns.
    private static func start(stackSize: Int, job: Job) -> StartedThread? {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return nil }
        let context = Unmanaged.passRetained(job).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            let job = Unmanaged<Job>.fromOpaque(context).takeRetainedValue()
            job.work()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Job>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Darwin)
        guard let thread else { return nil }
        #endif
        return StartedThread(thread: thread)
    }

    /// Starts `body` on a new large-stack thread (falling back to smaller stacks as `run` does) and returns it
    /// for joining; nil when the system refuses to create any thread.
    static func start(_ body: @escaping @Sendable () -> Void) -> StartedThread? {
        let job = Job(body)
        for size in [stackSize] + fallbackStackSizes {
            if let thread = start(stackSize: size, job: job) { return thread }
        }
        return nil
    }
}
