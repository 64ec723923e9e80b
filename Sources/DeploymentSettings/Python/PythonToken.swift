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
    /// A reserved word (`if`, `None`, …); soft keywords such as `match` are plain names.
    var isKeyword = false

    func isOp(_ symbol: String) -> Bool { kind == .op && text == symbol }
    func isName(_ name: String) -> Bool { kind == .name && text == name }
}

/// A 1-based line and column (in Unicode scalars) in the file being read.
struct SourcePoint: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// A string literal token: its prefix decides how the body is read. A class, so that copying a token
/// stays cheap.
final class StringLiteral: Sendable {
    let isBytes: Bool
    let isRaw: Bool
    let isFormatted: Bool
    /// The text between the quotes, escapes not yet processed (f-strings need it raw).
    let body: String
    /// Line and column of the first character of the body, for f-string expressions.
    let bodyStart: SourcePoint

    init(isBytes: Bool, isRaw: Bool, isFormatted: Bool, body: String, bodyStart: SourcePoint) {
        self.isBytes = isBytes
        self.isRaw = isRaw
        self.isFormatted = isFormatted
        self.body = body
        self.bodyStart = bodyStart
    }
}

/// The reserved words of Python 3.11 (soft keywords such as `match` are names).
enum PythonKeywords {
    static let all: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}
