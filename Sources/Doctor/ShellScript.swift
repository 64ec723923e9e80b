import Encodings

/// A word of a shell command after quote removal, keeping its source text and position.
public struct ShellWord: Sendable, Hashable {
    /// The word as written (quotes included).
    public var raw: String
    /// The word after quote removal; parameter expansions and command substitutions are kept as written.
    public var value: String
    /// True when the word contains `$…` or a backtick substitution outside single quotes, so its value
    /// at run time is not `value`.
    public var hasExpansion: Bool
    public var start: TextPosition

    public init(raw: String, value: String, hasExpansion: Bool, start: TextPosition) {
        self.raw = raw
        self.value = value
        self.hasExpansion = hasExpansion
        self.start = start
    }

    /// The value when it is a plain literal (no expansion).
    public var literal: String? { hasExpansion ? nil : value }
}

/// `2> /dev/null`, `&>log`, `>&2`, `<<EOF` …
public struct ShellRedirection: Sendable, Hashable {
    /// The file descriptor written before the operator (`2` in `2>`), nil when implied.
    public var descriptor: Int?
    /// The operator: `>`, `>>`, `>|`, `>&`, `<`, `<&`, `<>`, `<<`, `<<-`, `<<<`, `&>`, `&>>`.
    public var operation: String
    public var target: String
    public var start: TextPosition
}

/// `NAME=value` written before a command (or alone on its line).
public struct ShellAssignment: Sendable, Hashable {
    public var name: String
    public var value: ShellWord
    public var start: TextPosition
}

/// What follows a command: how it is joined to the next one.
public enum ShellConnector: String, Sendable, Hashable {
    case and = "&&"
    case or = "||"
    case sequence = ";"
    case pipe = "|"
    case background = "&"
    case newline = "\\n"
    case end = ""
}

/// One simple command.
public struct ShellCommand: Sendable, Hashable {
    public var assignments: [ShellAssignment] = []
    public var words: [ShellWord] = []
    public var redirections: [ShellRedirection] = []
    public var connector: ShellConnector = .end
    public var start: TextPosition

    public init(start: TextPosition) {
        self.start = start
    }

    /// The command name (`npm`, `./manage.py`), nil for a bare assignment.
    public var name: String? { words.first?.value }
    /// The words after the name, as their unquoted values.
    public var arguments: [String] { words.dropFirst().map(\.value) }
}

/// A `# …` comment and where it starts.
public struct ShellComment: Sendable, Hashable {
    public var text: String
    public var start: TextPosition
}

/// Something the parser could not make sense of (an unterminated quote, a heredoc without its end).
public struct ShellSyntaxProblem: Sendable, Hashable {
    public var message: String
    public var start: TextPosition
}

/// A parsed POSIX shell script: its simple commands in order, each with the connector that follows it.
public struct ShellScript: Sendable, Hashable {
    public var commands: [ShellCommand] = []
    public var comments: [ShellComment] = []
    public var problems: [ShellSyntaxProblem] = []

    public init() {}

    /// Parses shell text that may come from several places of a file (see `PositionedText`).
    public static func parse(_ text: PositionedText) -> ShellScript {
        var parser = ShellScriptParser(text: text)
        return parser.parse()
    }

    public static func parse(_ text: String) -> ShellScript {
        parse(PositionedText(text))
    }
}
