/// Where a finding or a value comes from: a place in a file, or a named input that has no file
/// (an environment variable, a command-line flag, a key of a YAML file).
public struct SourceLocation: Sendable, Hashable {
    /// Path of the file as the user gave it (or as found), when the location is in a file.
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column in Unicode scalars, when known.
    public var column: Int?
    /// The non-file origin, e.g. `env JS_ENV_EXTRA_CONFIG`, `flag --env-root`, `yaml PROCTORING_BACKENDS.proctortrack`.
    public var source: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, source: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.source = source
    }

    public static func file(_ path: String, line: Int? = nil, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    public static func environment(_ name: String) -> SourceLocation {
        SourceLocation(source: "env \(name)")
    }

    public static func flag(_ name: String) -> SourceLocation {
        SourceLocation(source: "flag \(name)")
    }

    /// A key path inside a YAML or JSON configuration file, with the line of the key when known.
    public static func configurationKey(_ keyPath: String, file: String, line: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, source: "key \(keyPath)")
    }

    /// `file:line:col`, `file:line`, `file`, or the source name: the form compilers print.
    public var description: String {
        var text = ""
        if let file {
            text = file
            if let line {
                text += ":\(line)"
                if let column { text += ":\(column)" }
            }
            if let source { text += " (\(source))" }
            return text
        }
        return source ?? "<unknown>"
    }
}

extension SourceLocation: CustomStringConvertible {}
