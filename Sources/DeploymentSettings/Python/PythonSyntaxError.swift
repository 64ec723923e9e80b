/// A reason Python itself would refuse to compile the file, with the place it would point at.
struct PythonSyntaxError: Error, Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `SyntaxError` in general.
        case syntax
        /// `IndentationError` / `TabError`.
        case indentation
        /// An unterminated string or triple-quoted string literal.
        case unterminatedString
        /// A bracket never closed, closed by the wrong bracket, or closed without being opened.
        case unbalancedBracket
        /// Nesting beyond the limits of CPython's tokenizer, parser or compiler (too many open brackets,
        /// indentation levels, or an expression nested too deeply).
        case tooDeep
    }

    var kind: Kind
    var message: String
    var position: SourcePoint

    init(_ kind: Kind, _ message: String, at position: SourcePoint) {
        self.kind = kind
        self.message = message
        self.position = position
    }
}
