#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// A few long-lived large-stack threads (one per processor) that run the jobs one caller submits, and hand each
/// result back to that caller by ticket, in whatever order the caller asks for them.
///
/// It replaces a new thread per job: the JavaScript stages of a build run hundreds of small jobs (read, parse and
/// analyse a module; link it; minify and print it), each needing `LargeStackThread`'s stack. The results a caller
/// takes do not depend on which thread ran which job or when, so output built from them in ticket order is the
/// same on every run. One caller only: `submit` and `take` are called from the thread that opened the workers.
public final class LargeStackWorkers<Input: Sendable, Output: Sendable>: Sendable {
    private struct State {
        var pending: [Input?] = []
        var nextPending = 0
        var finished: [Int: Output] = [:]
        var takenCount = 0
        var waitingFor: Int?
        var waitingForAny = false
        var closed = false
    }

    private let work: @Sendable (Input) -> Output
    private let state = Mutex(State())
    /// Signalled once per submitted job, and once per thread when closing.
    private let jobAvailable = DispatchSemaphore(value: 0)
    /// Signalled when the result the caller waits for is in.
    private let resultAvailable = DispatchSemaphore(value: 0)
    private let threads = Mutex<[LargeStackThread.StartedThread]>([])

    private init(work: @escaping @Sendable (Input) -> Output) {
        self.work = work
    }

    /// Runs `body` with workers that apply `work` to the inputs it submits; every job has ended when this returns.
    /// `threadCount` defaults to the number of online processors.
    public static func with<Result, Failure: Error>(
        threadCount: Int = LargeStackWorkers.processorCount, work: @Sendable (Input) -> Output,
        _ body: (LargeStackWorkers) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = withoutActuallyEscaping(work) { escapable in
            let workers = LargeStackWorkers(work: escapable)
            workers.startThreads(max(1, threadCount))
            defer { workers.close() }
            return Swift.Result { () throws(Failure) -> Result in try body(workers) }
        }
        return try outcome.get()
    }

    /// Online processors (at least 1).
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Queues a job; its ticket is the number of jobs submitted before it.
    @discardableResult
    public func submit(_ input: Input) -> Int {
        let ticket = state.withLock { state in
            state.pending.append(input)
            return state.pending.count - 1
        }
        jobAvailable.signal()
        return ticket
    }

    /// The result of job `ticket`, waiting for it if needed. Each result can be taken once.
    public func take(_ ticket: Int) -> Output {
        waitFor { state in
            if let output = state.finished.removeValue(forKey: ticket) {
                state.takenCount += 1
                return output
            }
            state.waitingFor = ticket
            return nil
        }
    }

    /// The ticket and result of some finished job whose result was not taken yet, waiting for one if needed; nil
    /// when every submitted job's result has been taken. For a caller that submits more work as results come in,
    /// whatever their order, and still uses each result in ticket order (keeping the ones it does not need yet).
    public func takeAny() -> (ticket: Int, output: Output)? {
        waitFor { state -> (ticket: Int, output: Output)?? in
            if let (ticket, output) = state.finished.popFirst() {
                state.takenCount += 1
                return .some((ticket, output))
            }
            if state.takenCount == state.pending.count { return .some(nil) }
            state.waitingForAny = true
            return nil
        }
    }

    /// Runs `attempt` under the lock until it returns a value. Between attempts: when no thread could be
    /// started, runs the next queued job here; otherwise waits for the next finished job.
    private func waitFor<Value: Sendable>(_ attempt: (inout State) -> Value?) -> Value {
        while true {
            if let value = state.withLock({ attempt(&$0) }) { return value }
            if threads.withLock({ $0.isEmpty }) {
                runNextJob()
            } else {
                resultAvailable.wait()
            }
        }
    }

    /// Submits every input and returns the outputs in input order.
    public func map(_ inputs: [Input]) -> [Output] {
        let tickets = inputs.map { submit($0) }
        return tickets.map { take($0) }
    }

    private func startThreads(_ count: Int) {
        for _ in 0..<count {
            guard let thread = LargeStackThread.start({ [self] in self.serve() }) else { break }
            threads.withLock { $0.append(thread) }
        }
    }

    /// A worker thread: runs queued jobs until the workers close.
    private func serve() {
        while true {
            jobAvailable.wait()
            if !runNextJob() { return }
        }
    }

    /// Runs the oldest queued job; false when there is none and the workers are closed.
    @discardableResult
    private func runNextJob() -> Bool {
        let next: (ticket: Int, input: Input)? = state.withLock { state in
            guard state.nextPending < state.pending.count, let input = state.pending[state.nextPending] else { return nil }
            let ticket = state.nextPending
            state.pending[ticket] = nil
            state.nextPending += 1
            return (ticket, input)
        }
        guard let next else { return !state.withLock { $0.closed } }
        let output = work(next.input)
        let wakesCaller = state.withLock { state in
            state.finished[next.ticket] = output
            guard state.waitingFor == next.ticket || state.waitingForAny else { return false }
            state.waitingFor = nil
            state.waitingForAny = false
            return true
        }
        if wakesCaller { resultAvailable.signal() }
        return true
    }

    /// Lets the threads finish the queued jobs, then joins them.
    private func close() {
        state.withLock { $0.closed = true }
        let started = threads.withLock { $0 }
        for _ in started { jobAvailable.signal() }
        for thread in started { thread.join() }
        threads.withLock { $0.removeAll() }
    }
}
