/// What a name can hold while a settings module runs: plain data, or one of the few objects the
/// evaluator models (modules, functions, `os.environ`, an opened file). Only data reaches
/// `ResolvedSettings`.
indirect enum RuntimeValue: Sendable {
    case data(PythonValue)
    /// A modelled standard-library or third-party module (`os`, `os.path`, `yaml`, `path`, …).
    case module(String)
    /// A modelled callable, by qualified name (`os.path.join`, `dict`, `path.Path`, …).
    case function(String)
    /// `os.environ`.
    case environment
    /// What `vars()` / `globals()` return at module level: the module's own namespace.
    case namespaceView
    /// The result of `open(...)` / `codecs.open(...)`: a file the settings will parse.
    case openedFile

    var data: PythonValue? {
        if case .data(let value) = self { return value }
        return nil
    }
}

/// The result of evaluating an expression. `origin` is set when the value comes straight from an
/// input other than the file (an environment variable, a YAML key), so the assignment keeps it.
struct Evaluated: Sendable {
    var value: RuntimeValue
    var origin: Provenance?
    /// For a dict loaded from the configuration YAML: where each top-level key came from.
    var keyOrigins: [String: Provenance]?

    init(_ value: RuntimeValue, origin: Provenance? = nil, keyOrigins: [String: Provenance]? = nil) {
        self.value = value
        self.origin = origin
        self.keyOrigins = keyOrigins
    }

    static func data(_ value: PythonValue, origin: Provenance? = nil) -> Evaluated {
        Evaluated(.data(value), origin: origin)
    }
}

/// A name of a module namespace with where its current value was set.
struct Binding: Sendable {
    var value: RuntimeValue
    var provenance: Provenance
    var isConditional: Bool
    var keyOrigins: [String: Provenance]?
    /// An upper bound of the value's nesting and size, kept as values are built (nil: not measured yet).
    var shape: ValueShape? = nil
}

/// How a statement ended, for unrolled loops and `try` blocks.
enum StatementFlow: Sendable, Equatable {
    case normal
    /// `break`, `continue`, `return`, `raise`.
    case control(String)
    /// An exception the evaluator knows was raised (a missing module inside `try`).
    case raised(String)
}
