import Diagnostics

/// An exception the real django-webpack-loader / Django code would raise for the same inputs, and whether
/// edx_proctoring's `get_javascript()` swallows it (then the worker URL silently becomes LMS_ROOT_URL) or
/// lets it through (then the exam page fails with a server error).
public struct UpstreamException: Error, Sendable, Hashable, CustomStringConvertible {
    /// Python class name as `type(error).__name__` prints it, e.g. `WebpackBundleLookupError`, `TypeError`.
    public var typeName: String
    /// The exception's message (str(error)) as far as it is predictable.
    public var message: String
    /// The finding that explains it.
    public var code: DiagnosticCode

    public init(_ typeName: String, _ message: String, code: DiagnosticCode) {
        self.typeName = typeName
        self.message = message
        self.code = code
    }

    /// The webpack_loader exceptions (all `BaseWebpackLoaderException`) and `IOError` (= `OSError`) are caught
    /// by `BaseRestProctoringProvider.get_javascript()`; everything else propagates.
    public var isCaughtByEdxProctoring: Bool {
        Self.webpackLoaderExceptions.contains(typeName) || Self.osErrors.contains(typeName)
    }

    /// Fully qualified name, for messages.
    public var qualifiedName: String {
        Self.webpackLoaderExceptions.contains(typeName) ? "webpack_loader.exceptions.\(typeName)" : typeName
    }

    public var description: String { message.isEmpty ? qualifiedName : "\(qualifiedName): \(message)" }

    static let webpackLoaderExceptions: Set<String> = [
        "WebpackError", "WebpackLoaderBadStatsError", "WebpackLoaderTimeoutError", "WebpackBundleLookupError",
    ]
    static let osErrors: Set<String> = [
        "OSError", "IOError", "FileNotFoundError", "PermissionError", "IsADirectoryError", "NotADirectoryError",
    ]
}

extension Result {
    /// The error, when this is a failure (for early returns).
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
