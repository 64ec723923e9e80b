import Diagnostics
import FileSystemSupport
import OrderedJSON

/// One worker bundle to build, from one workers.json entry: `"<name>": ["babel-polyfill", "/abs/main.js"]`.
///
/// webpack treats an array entry as one chunk whose modules run in array order (the polyfill first)
/// and whose exports are those of the last module; a string entry is a one-element array. The name is
/// the npm module name and may contain `/` (`@edx/mockprock`), which becomes a sub-folder of the output:
/// `bundles/@edx/mockprock.js`.
public struct EntryPoint: Sendable, Hashable {
    public struct Request: Sendable, Hashable {
        public var specifier: String
        /// Where the request is written (the workers.json entry), for messages.
        public var location: SourceLocation?

        public init(specifier: String, location: SourceLocation? = nil) {
            self.specifier = specifier
            self.location = location
        }
    }

    public var name: String
    /// In execution order.
    public var requests: [Request]
    /// webpack's `context`: bare and relative requests resolve from here (the edx-platform root).
    public var contextDirectory: String

    public init(name: String, requests: [Request], contextDirectory: String) {
        self.name = name
        self.requests = requests
        self.contextDirectory = contextDirectory
    }

    /// The bundle's path relative to the output directory (`output.filename: '[name].js'`).
    public var outputRelativePath: String { name + ".js" }

    /// Builds an entry from a workers.json member; `location` is where that member is written.
    public static func fromWorkersConfig(
        name: String, value: JSONValue, contextDirectory: String, location: SourceLocation? = nil
    ) -> Result<EntryPoint, DiagnosticError> {
        if let problem = nameProblem(name) {
            return .failure(
                DiagnosticError(
                    Diagnostic(
                        .entryPointInvalid, "worker entry name '\(name)' \(problem)", at: location,
                        fix: "use the npm package name of the worker (e.g. \"@edx/mockprock\") as the key")))
        }
        let specifiers: [String]
        switch value {
        case .string(let specifier):
            specifiers = [specifier]
        case .array(let elements) where !elements.isEmpty && elements.allSatisfy({ $0.stringValue?.isEmpty == false }):
            specifiers = elements.compactMap(\.stringValue)
        default:
            return .failure(
                DiagnosticError(
                    Diagnostic(
                        .entryPointInvalid,
                        "worker entry '\(name)' must be a non-empty string or a non-empty list of non-empty strings, found \(value.kindDescription)",
                        at: location,
                        fix: "write it as edx_proctoring does: [\"babel-polyfill\", \"<NODE_MODULES_ROOT>/<package>/<main>\"]")))
        }
        return .success(
            EntryPoint(
                name: name, requests: specifiers.map { Request(specifier: $0, location: location) },
                contextDirectory: contextDirectory))
    }

    /// Why a name cannot be an output path, or nil when it can.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.hasPrefix("/") { return "is an absolute path; it would be written outside the bundles directory" }
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == ".." || $0 == "." }) {
            return "contains '.' or '..'; it would be written outside the bundles directory"
        }
        if segments.contains(where: \.isEmpty) { return "contains an empty path segment" }
        return nil
    }
}

/// An entry whose requests were all resolved, in execution order.
public struct ResolvedEntryPoint: Sendable, Hashable {
    public var entry: EntryPoint
    public var modules: [ResolvedModule]
}

extension ModuleResolver {
    /// Resolves every request of `entry` from its context directory (as ESM requests, like webpack's
    /// EntryDependency). Returns all failures, not just the first.
    public func resolve(_ entry: EntryPoint) -> Result<ResolvedEntryPoint, DiagnosticError> {
        var modules: [ResolvedModule] = []
        var failures: [Diagnostic] = []
        for request in entry.requests {
            let importer = ImporterLocation.context(entry.contextDirectory, declaredAt: request.location)
            switch resolve(request.specifier, from: importer, kind: .entry) {
            case .success(let module): modules.append(module)
            case .failure(let error): failures.append(error.diagnostic)
            }
        }
        if !failures.isEmpty { return .failure(DiagnosticError(failures)) }
        return .success(ResolvedEntryPoint(entry: entry, modules: modules))
    }
}
