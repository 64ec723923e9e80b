import Diagnostics

/// Entry point of the JavaScript front end: parses ECMAScript 2023 source text into a `Program`.
public enum JavaScriptParser {
    /// The deepest syntax tree the parser accepts (statements, expressions and patterns inside each other,
    /// including left-nested operator chains like `a+b+c`, whose tree is as deep as the chain is long).
    /// node 20 stops between 660 (nested classes) and 12,481 levels (a `!!!…1` chain) with "Maximum call stack
    /// size exceeded"; every other walker of the tree (printer, minifier, scope analysis, the bundler) is safe up
    /// to this depth on a `LargeStackThread`.
    public static let nestingLimit = 20_000

    /// Parses `source` (UTF-8) as a script, a CommonJS module body or an ES module.
    /// - Throws: the first syntax error, with its code and file:line:col.
    public static func parse(source: [UInt8], fileName: String, goal: SourceGoal) throws(JavaScriptSyntaxError) -> Program {
        let result: Result<Program, JavaScriptSyntaxError> = source.withUnsafeBufferPointer { buffer in
            var parser = Parser(source: buffer, goal: goal)
            do throws(JavaScriptSyntaxError) {
                return .success(try parser.parseProgram())
            } catch {
                var located = error
                let position = JavaScriptSourcePosition(offset: error.offset, in: buffer)
                located.fileName = fileName
                located.line = position.line
                located.column = position.column
                return .failure(located)
            }
        }
        return try result.get()
    }

    public static func parse(source: String, fileName: String, goal: SourceGoal) throws(JavaScriptSyntaxError) -> Program {
        try parse(source: Array(source.utf8), fileName: fileName, goal: goal)
    }
}

/// What the code being parsed may contain, per function (arrows inherit some of it).
struct FunctionScope {
    struct Label {
        var name: String
        var isLoop: Bool
    }

    var isAsync = false
    var isGenerator = false
    var allowsReturn = false
    var allowsNewTarget = false
    var allowsSuperProperty = false
    var allowsSuperCall = false
    /// Top level of a module: `await` is an operator.
    var isModuleTopLevel = false
    var labels: [Label] = []
    /// The names in `labels`, for the duplicate check (labels can nest thousands deep).
    var labelNames: Set<String> = []
    /// Enclosing loops and switches, for unlabelled `break`.
    var breakableDepth = 0
    var loopDepth = 0
    /// Labels directly in front of the statement being parsed (`a: b: while …`).
    var attachedLabelCount = 0
    /// Parsing the parameter list: `await` and `yield` expressions are errors there.
    var isInParameters = false
    /// A class field initializer or static block (and arrows inside): `arguments` is an error there.
    var isClassFieldInitializer = false
}

struct Parser {
    var lexer: Lexer
    let goal: SourceGoal
    var isStrict: Bool
    var scope = FunctionScope()
    var classDepth = 0
    /// `in` is not a binary operator while parsing the head of a `for` statement.
    var allowsIn = true
    /// Offsets of `{a = 1}` shorthand defaults that are errors unless their object becomes a pattern.
    var pendingCoverInitializers: [Int] = []
    /// End of the previous token, for parenthesis tracking.
    var previousEnd = 0
    /// Start of the inner expression and end of the `)` of the most recent parenthesized expression.
    var lastParenthesizedStart = -1
    var lastParenthesizedEnd = -1
    var exportedNames: Set<String> = []
    /// Offsets in `pendingCoverInitializers` that are a second `__proto__:` (an error unless the object becomes a pattern).
    var duplicateProtoOffsets: Set<Int> = []
    /// The first `await` or `yield` expression since the innermost function or arrow-parameter candidate began.
    var firstAwaitOrYield: Int?
    var bindingScopes: [BindingScope] = []
    var privateNameScopes: [PrivateNameScope] = []
    /// Depth of the node being parsed in the tree (see `JavaScriptParser.nestingLimit`).
    var nestingDepth = 0
    /// The deepest level reached since the innermost measurement began (see `parseExpression(level:)`).
    var deepestNesting = 0

    init(source: UnsafeBufferPointer<UInt8>, goal: SourceGoal) {
        self.lexer = Lexer(source: source, allowsHTMLComments: goal != .module)
        self.goal = goal
        self.isStrict = goal == .module
        self.scope.isModuleTopLevel = goal == .module
        // Node runs a CommonJS module as the body of a function.
        self.scope.allowsReturn = goal == .commonJS
        self.scope.allowsNewTarget = goal == .commonJS
    }

    // MARK: - Nesting

    /// Goes one level deeper in the tree; fails beyond the nesting limit.
    mutating func enterNesting() throws(JavaScriptSyntaxError) {
        nestingDepth += 1
        try noteNesting(nestingDepth)
    }

    mutating func leaveNesting() {
        nestingDepth -= 1
    }

    /// Records that the tree reaches `depth`; fails beyond the nesting limit.
    mutating func noteNesting(_ depth: Int) throws(JavaScriptSyntaxError) {
        if depth > deepestNesting { deepestNesting = depth }
        if depth > JavaScriptParser.nestingLimit {
            throw fail(
                .javaScriptNestingTooDeep,
                "the code is nested more than \(JavaScriptParser.nestingLimit) levels deep (statements, expressions and operator chains inside each other)",
                at: start)
        }
    }

    // MARK: - Token helpers

    @inline(__always) var kind: TokenKind { lexer.kind }
    @inline(__always) var start: Int { lexer.start }

    mutating func next() throws(JavaScriptSyntaxError) {
        previousEnd = lexer.end
        try lexer.next()
    }

    func fail(_ code: DiagnosticCode, _ message: String, at offset: Int) -> JavaScriptSyntaxError {
        JavaScriptSyntaxError(code, message, at: offset)
    }

    func unexpected() -> JavaScriptSyntaxError {
        if kind == .endOfFile {
            return fail(.javaScriptUnexpectedToken, "unexpected end of file", at: start)
        }
        return fail(.javaScriptUnexpectedToken, "unexpected token \(describeToken())", at: start)
    }

    func describeToken() -> String {
        switch kind {
        case .identifier: "'\(lexer.identifier)'"
        case .string, .number, .bigInt, .privateName, .regularExpression: "'\(lexer.tokenText)'"
        case .endOfFile: "end of file"
        default: "'\(lexer.tokenText)'"
        }
    }

    mutating func expect(_ expected: TokenKind) throws(JavaScriptSyntaxError) {
        guard kind == expected else {
            if kind == .endOfFile {
                throw fail(.javaScriptUnexpectedToken, "unexpected end of file, expected \(expected.text)", at: start)
            }
            throw fail(.javaScriptUnexpectedToken, "unexpected token \(describeToken()), expected \(expected.text)", at: start)
        }
        try next()
    }

    /// The current token is the keyword (written without escapes).
    @inline(__always) func isKeyword(_ keyword: Keyword) -> Bool {
        kind == .identifier && lexer.keyword == keyword && !lexer.identifierHasEscape
    }

    mutating func expectKeyword(_ keyword: Keyword) throws(JavaScriptSyntaxError) {
        guard isKeyword(keyword) else {
            throw fail(.javaScriptUnexpectedToken, "unexpected token \(describeToken()), expected '\(keyword)'", at: start)
        }
        try next()
    }

    /// Automatic semicolon insertion: a `;`, or a line break, `}` or end of file before the next token.
    mutating func consumeSemicolon() throws(JavaScriptSyntaxError) {
        if kind == .semicolon {
            try next()
        } else if !(kind == .closeBrace || kind == .endOfFile || lexer.hasNewlineBefore) {
            throw unexpected()
        }
    }

    /// The token after the current one, without consuming anything.
    func peekNext() throws(JavaScriptSyntaxError) -> Lexer {
        var probe = lexer
        try probe.next()
        return probe
    }

    // MARK: - Program

    mutating func parseProgram() throws(JavaScriptSyntaxError) -> Program {
        let hashbang = lexer.skipHashbang()
        try next()
        pushBindingScope(.function(isProgram: true))
        var body: [Statement] = []
        try parseDirectivePrologue(into: &body)
        while kind != .endOfFile {
            body.append(try parseStatementListItem())
        }
        return Program(goal: goal, hashbang: hashbang, body: body)
    }

    /// Parses leading string-literal statements as directives; "use strict" turns on strict mode.
    mutating func parseDirectivePrologue(into body: inout [Statement], parametersAreSimple: Bool = true) throws(JavaScriptSyntaxError) {
        var firstOctalInPrologue: Int?
        while kind == .string {
            let probe = try peekNext()
            let continues =
                Parser.continuesExpression(probe.kind)
                || probe.kind == .identifier && (probe.keyword == .in || probe.keyword == .instanceof)
            let endsStatement =
                probe.kind == .semicolon || probe.kind == .closeBrace || probe.kind == .endOfFile
                || (probe.hasNewlineBefore && !continues)
            guard endsStatement else { return }
            let raw = lexer.tokenText
            let at = SourceOffset(start)
            if raw == "\"use strict\"" || raw == "'use strict'" {
                guard parametersAreSimple else {
                    throw fail(
                        .javaScriptInvalidDestructuring,
                        "\"use strict\" is not allowed in a function with default, destructuring or rest parameters", at: start)
                }
                isStrict = true
            }
            // An octal escape in an earlier directive becomes an error once "use strict" appears.
            if firstOctalInPrologue == nil { firstOctalInPrologue = lexer.legacyOctalOffset }
            if isStrict, let octal = firstOctalInPrologue {
                throw fail(.javaScriptLegacyOctalInStrictMode, "octal escape sequences are not allowed in strict mode", at: octal)
            }
            try next()
            try consumeSemicolon()
            body.append(Statement(.directive(raw: raw), at: at))
        }
    }

    /// Tokens that continue an expression across a line break (so a string before them is not a directive).
    static func continuesExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .identifier, .privateName, .number, .bigInt, .string, .openBrace, .plusPlus, .minusMinus, .exclamation,
            .tilde, .regularExpression:
            false
        case .openParen, .openBracket, .dot, .questionDot, .noSubstitutionTemplate, .templateHead:
            true
        default:
            kind.assignmentOperator != nil || BinaryOperator.forToken(kind) != nil || kind == .question || kind == .comma
        }
    }
}
