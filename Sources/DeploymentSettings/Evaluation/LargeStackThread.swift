#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a settings load on a thread of its own with a large stack, and waits for it.
///
/// The tokenizer, parser and evaluator recurse once per level of bracket, block or expression nesting
/// (left-associative chains excepted: those are loops). Their limits (`PythonTokenizer`, `PythonParser`,
/// `ConfigurationYAMLLayer`) match CPython's, and a debug build needs a few KiB of stack per level, while
/// the command-line tool's commands are async and run on Swift's cooperative thread pool, whose threads
/// have the default thread stack (8 MiB with glibc's default `ulimit -s`, measured; 512 KiB on macOS) and
/// a caller may use much of it already, so a load never relies on the stack of the caller's thread.
enum LargeStackThread {
    /// Enough for the deepest input the limits allow, with a wide margin; only the pages used are committed.
    static let stackSize = 64 << 20

    private final class Job {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    static func run<T>(_ body: () -> T) -> T {
        withoutActuallyEscaping(body) { escapable in
            var result: T?
            let job = Job { result = escapable() }
            if !start(job) {
                // No thread could be made (resources exhausted): run here, on the caller's stack.
                job.work()
            }
            guard let result else { preconditionFailure("the settings thread ended without a result") }
            return result
        }
    }

    /// Runs `job` on a new thread and joins it; false when the thread could not be created.
    private static func start(_ job: Job) -> Bool {
        #if os(Linux)
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return false }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(job).toOpaque()
        let created = pthread_create(
            &thread, &attributes,
            { context in
                guard let context else { return nil }
                let job = Unmanaged<Job>.fromOpaque(context).takeRetainedValue()
                job.work()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Job>.fromOpaque(context).release()
            return false
        }
        pthread_join(thread, nil)
        return true
        #else
        return false
        #endif
    }
}
