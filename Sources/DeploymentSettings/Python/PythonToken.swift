/// One token of Python source, as Python 3.11's tokenizer would produce it.
struct PythonToken: Sendable {
    enum Kind: Sendable, Equatable {
        case name
        case number
        case string
        case op
        case newline
        case indent
        case dedent
        case endMarker
    }

    var kind: Kind
    /// The source text of names, numbers and operators; empty for layout tokens and strings.
    var text: String
    var position: SourcePoint
    /// Decoded payload of a string token.
    var string: StringLiteral?

    func isOp(_ symbol: String) -> Bool { kind == .op && text == symbol }
    func isName(_ name: String) -> Bool { kind == .name && text == name }
}

/// A 1-based line and column (in Unicode scalars) in the file being read.
struct SourcePoint: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// A string literal token: its prefix decides how the body is read.
struct StringLiteral: Sendable {
    var isBytes: Bool
    var isRaw: Bool
    var isFormatted: Bool
    /// The text between the quotes, escapes not yet processed (f-strings need it raw).
    var body: String
    /// Line and column of the first character of the body, for f-string expressions.
    var bodyStart: SourcePoint
}

/// The reserved words of Python 3.11 (soft keywords such as `match` are names).
enum PythonKeywords {
    static let all: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}
