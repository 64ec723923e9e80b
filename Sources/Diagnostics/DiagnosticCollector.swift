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

    /// Adds the diagnostics a stage threw that it has not already emitted (stages may do both: emit
    /// every finding as found, then throw the errors that stopped them).
    public func absorb(_ error: DiagnosticError) {
        storage.withLock { items in
            for diagnostic in error.diagnostics where !items.contains(diagnostic) {
                items.append(diagnostic)
            }
        }
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
