import Dispatch
import Synchronization

/// A value computed on another thread while the caller does something else (the report's SHA-384 hashes
/// while the commit writes and syncs the files); `value` waits for it.
final class BackgroundResult<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// The computed value, waiting for it the first time.
    var value: Value {
        while true {
            if let value = result.withLock({ $0 }) { return value }
            done.wait()
            done.signal()  // Stored before the signal; later reads find it without waiting.
        }
    }
}
