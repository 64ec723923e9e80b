import Synchronization

/// Gathers findings as a pipeline runs. Stages receive a collector instead of printing, so the
/// command decides how to render them (text, JSON, SARIF, GitHub annotations).
public final class DiagnosticCollector: Sendable {
    private let storage = Mutex<[Diagnostic]>([])

    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        storage.withLock { $0.append(diagnostic) }
    }

    public func emit(contentsOf diagnostics: [Diagnostic]) {
        storage.withLock { $0.append(contentsOf: diagnostics) }
    }

    public var diagnostics: [Diagnostic] {
        storage.withLock { $0 }
    }

    public var hasErrors: Bool {
        storage.withLock { items in items.contains { $0.severity == .error } }
    }

    public var worstSeverity: Severity? {
        storage.withLock { items in items.map(\.severity).max() }
    }
}
