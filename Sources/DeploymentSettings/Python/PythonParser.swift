import Diagnostics

/// A recursive-descent parser for Python 3.11 modules. It accepts the whole language: statements the
/// evaluator does not run (def, class, loops, match, async) are still parsed to check their syntax and
/// to learn the names they bind.
struct PythonParser {
    private let tokens: [PythonToken]
    private var index = 0

    init(tokens: [PythonToken]) {
        self.tokens = tokens
    }

    static func parseModule(_ source: String) throws(PythonSyntaxError) -> [PythonStatement] {
        var parser = PythonParser(tokens: try PythonTokenizer.tokenize(source))
        return try parser.parseModule()
    }

    // MARK: - Token access

    private var current: PythonToken {
        _read { yield tokens[index] }
    }
    private func peek(_ distance: Int = 1) -> PythonToken { tokens[min(index + distance, tokens.count - 1)] }

    private mutating func advance() -> PythonToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func atOp(_ symbol: String) -> Bool { current.isOp(symbol) }
    private func atKeyword(_ word: String) -> Bool { current.isName(word) }

    private mutating func acceptOp(_ symbol: String) -> Bool {
        if atOp(symbol) {
            _ = advance()
            return true
        }
        return false
    }

    private mutating func acceptKeyword(_ word: String) -> Bool {
        if atKeyword(word) {
            _ = advance()
            return true
        }
        return false
    }

    private mutating func expectOp(_ symbol: String) throws(PythonSyntaxError) {
        guard acceptOp(symbol) else { throw unexpected(expecting: "'\(symbol)'") }
    }

    private mutating func expectKeyword(_ word: String) throws(PythonSyntaxError) {
        guard acceptKeyword(word) else { throw unexpected(expecting: "'\(word)'") }
    }

    private mutating func expectIdentifier() throws(PythonSyntaxError) -> String {
        guard current.kind == .name, !current.isKeyword else {
            throw unexpected(expecting: "a name")
        }
        return advance().text
    }

    private func describe(_ token: PythonToken) -> String {
        switch token.kind {
        case .name, .op, .number: return "'\(token.text)'"
        case .string: return "string literal"
        case .newline: return "end of line"
        case .indent: return "indent"
        case .dedent: return "dedent"
        case .endMarker: return "end of file"
        }
    }

    private func unexpected(expecting: String? = nil) -> PythonSyntaxError {
        if current.kind == .indent {
            return PythonSyntaxError(.indentation, "unexpected indent", at: current.position)
        }
        var message = "invalid syntax: unexpected \(describe(current))"
        if let expecting { message += ", expected \(expecting)" }
        return PythonSyntaxError(.syntax, message, at: current.position)
    }

    private static let notMatchSubjectStart = ["=", ".", ":", ";", ","]
    private static let augmentedOperators = ["+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@="]
    private static let expressionKeywords = ["None", "True", "False", "not", "lambda", "await", "yield"]
    private static let expressionStartOperators = ["(", "[", "{", "-", "+", "~", "*", "..."]
    private static let comparisonOperators = ["<", ">", "==", ">=", "<=", "!="]
    private static let unaryOperators = ["+", "-", "~"]

    // MARK: - Statements

    mutating func parseModule() throws(PythonSyntaxError) -> [PythonStatement] {
        var statements: [PythonStatement] = []
        while current.kind != .endMarker {
            if current.kind == .newline {
                _ = advance()
                continue
            }
            statements.append(contentsOf: try parseStatement())
        }
        return statements
    }

    private mutating func parseStatement() throws(PythonSyntaxError) -> [PythonStatement] {
        if current.kind == .indent {
            throw PythonSyntaxError(.indentation, "unexpected indent", at: current.position)
        }
        if current.kind == .name {
            switch current.text {
            case "if": return [try parseIf()]
            case "while": return [try parseWhile()]
            case "for": return [try parseFor()]
            case "try": return [try parseTry()]
            case "with": return [try parseWith()]
            case "def", "class": return [try parseDefinition()]
            case "async":
                if peek().isName("def") || peek().isName("for") || peek().isName("with") {
                    _ = advance()
                    return try parseStatement()
                }
            case "match" where isMatchStatement():
                return [try parseMatch()]
            default:
                break
            }
        } else if atOp("@") {
            return [try parseDecorated()]
        }
        return try parseSimpleStatements()
    }

    /// `match` is a soft keyword: it starts a match statement only when its line ends with `:`.
    private func isMatchStatement() -> Bool {
        let next = peek()
        if next.kind == .newline || next.kind == .endMarker { return false }
        if next.kind == .op, Self.notMatchSubjectStart.contains(next.text) { return false }
        var cursor = index + 1
        while cursor < tokens.count, tokens[cursor].kind != .newline, tokens[cursor].kind != .endMarker {
            cursor += 1
        }
        return tokens[cursor - 1].isOp(":")
    }

    private mutating func parseBlock(after keyword: String, line: Int) throws(PythonSyntaxError) -> [PythonStatement] {
        try expectOp(":")
        if current.kind != .newline {
            return try parseSimpleStatements()
        }
        _ = advance()
        guard current.kind == .indent else {
            throw PythonSyntaxError(
                .indentation, "expected an indented block after '\(keyword)' statement on line \(line)",
                at: current.position)
        }
        _ = advance()
        var statements: [PythonStatement] = []
        while current.kind != .dedent && current.kind != .endMarker {
            if current.kind == .newline {
                _ = advance()
                continue
            }
            statements.append(contentsOf: try parseStatement())
        }
        if current.kind == .dedent { _ = advance() }
        return statements
    }

    /// Skips a header the evaluator does not need (def parameters, class bases, case patterns) up to its `:`.
    /// The tokenizer already checked brackets, so the first `:` outside brackets ends the header.
    private mutating func skipHeader() throws(PythonSyntaxError) {
        var depth = 0
        while true {
            let token = current
            if token.kind == .newline || token.kind == .endMarker {
                throw unexpected(expecting: "':'")
            }
            if token.kind == .op {
                switch token.text {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth -= 1
                case ":" where depth == 0: return
                default: break
                }
            } else if token.isName("lambda") && depth == 0 {
                // A lambda's own `:` belongs to it.
                _ = advance()
                try skipLambdaParameters()
                continue
            }
            _ = advance()
        }
    }

    /// Lambda parameters up to and including the `:` (defaults may hold lambdas of their own).
    private mutating func skipLambdaParameters() throws(PythonSyntaxError) {
        try parseParameters(closing: ":")
    }

    /// A parameter list up to and including `closing`: `)` for `def` (annotations allowed), `:` for lambdas.
    private mutating func parseParameters(closing: String) throws(PythonSyntaxError) {
        let annotations = closing == ")"
        while !atOp(closing) {
            if acceptOp("*") || acceptOp("**") {
                if current.kind == .name {
                    _ = try expectIdentifier()
                    if annotations && acceptOp(":") { _ = try parseTest() }
                }
            } else if !acceptOp("/") {
                _ = try expectIdentifier()
                if annotations && acceptOp(":") { _ = try parseTest() }
                if acceptOp("=") { _ = try parseTest() }
            }
            if !acceptOp(",") { break }
        }
        try expectOp(closing)
    }

    private mutating func parseIf() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        var branches: [(test: PythonExpression?, body: [PythonStatement])] = []
        let test = try parseNamedExpressionTest()
        branches.append((test, try parseBlock(after: "if", line: start.position.line)))
        while atKeyword("elif") {
            let elif = advance()
            let test = try parseNamedExpressionTest()
            branches.append((test, try parseBlock(after: "elif", line: elif.position.line)))
        }
        if atKeyword("else") {
            let elseToken = advance()
            branches.append((nil, try parseBlock(after: "else", line: elseToken.position.line)))
        }
        return PythonStatement(kind: .ifChain(branches), position: start.position)
    }

    private mutating func parseOptionalElse() throws(PythonSyntaxError) -> [PythonStatement] {
        guard atKeyword("else") else { return [] }
        let elseToken = advance()
        return try parseBlock(after: "else", line: elseToken.position.line)
    }

    private mutating func parseWhile() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        _ = try parseNamedExpressionTest()
        let body = try parseBlock(after: "while", line: start.position.line)
        return PythonStatement(kind: .whileLoop(body: body, orElse: try parseOptionalElse()), position: start.position)
    }

    private mutating func parseFor() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        let target = try parseTargetList()
        try expectKeyword("in")
        let iterable = try parseStarExpressions()
        let body = try parseBlock(after: "for", line: start.position.line)
        let orElse = try parseOptionalElse()
        return PythonStatement(
            kind: .forLoop(target: target, iterable: iterable, body: body, orElse: orElse), position: start.position)
    }

    private mutating func parseTry() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        let body = try parseBlock(after: "try", line: start.position.line)
        var handlers: [ExceptHandler] = []
        while atKeyword("except") {
            let exceptToken = advance()
            _ = acceptOp("*")
            var types: [String] = []
            var name: String?
            if !atOp(":") {
                let typeExpression = try parseTest()
                types = Self.exceptionNames(in: typeExpression)
                if acceptKeyword("as") { name = try expectIdentifier() }
            }
            let handlerBody = try parseBlock(after: "except", line: exceptToken.position.line)
            handlers.append(ExceptHandler(types: types, name: name, body: handlerBody))
        }
        let orElse = try parseOptionalElse()
        var finallyBody: [PythonStatement] = []
        if atKeyword("finally") {
            let finallyToken = advance()
            finallyBody = try parseBlock(after: "finally", line: finallyToken.position.line)
        }
        if handlers.isEmpty && finallyBody.isEmpty {
            throw PythonSyntaxError(.syntax, "expected 'except' or 'finally' block", at: current.position)
        }
        return PythonStatement(
            kind: .tryBlock(body: body, handlers: handlers, orElse: orElse, finally: finallyBody), position: start.position)
    }

    private static func exceptionNames(in expression: PythonExpression) -> [String] {
        switch expression.kind {
        case .name(let name): return [name]
        case .attribute(let base, let member): return exceptionNames(in: base).map { "\($0).\(member)" }
        case .tuple(let items): return items.flatMap { exceptionNames(in: $0) }
        default: return ["?"]
        }
    }

    private mutating func parseWith() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        var items: [(context: PythonExpression, target: PythonExpression?)] = []
        // `with (a as b, c as d):` is the parenthesised form; try it first and fall back to an expression.
        let saved = index
        if atOp("(") {
            _ = advance()
            if let parenthesised = try? parseWithItems(closing: true), atOp(":") {
                items = parenthesised
            } else {
                index = saved
            }
        }
        if items.isEmpty {
            items = try parseWithItems(closing: false)
        }
        let body = try parseBlock(after: "with", line: start.position.line)
        return PythonStatement(kind: .with(items: items, body: body), position: start.position)
    }

    private mutating func parseWithItems(closing: Bool) throws(PythonSyntaxError) -> [(
        context: PythonExpression, target: PythonExpression?
    )] {
        var items: [(context: PythonExpression, target: PythonExpression?)] = []
        repeat {
            if closing && atOp(")") { break }
            let context = try parseTest()
            var target: PythonExpression?
            if acceptKeyword("as") { target = try parseTarget() }
            items.append((context, target))
        } while acceptOp(",")
        if closing { try expectOp(")") }
        return items
    }

    private mutating func parseDefinition() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        let name = try expectIdentifier()
        if start.text == "def" {
            try expectOp("(")
            try parseParameters(closing: ")")
            if acceptOp("->") { _ = try parseTest() }
            _ = try parseBlock(after: start.text, line: start.position.line)
            return PythonStatement(kind: .definition(kind: start.text, name: name), position: start.position)
        }
        var bases: [PythonExpression] = []
        if acceptOp("(") {
            for argument in try parseArguments() {
                if case .positional(let base) = argument { bases.append(base) }
            }
        }
        let body = try parseBlock(after: start.text, line: start.position.line)
        return PythonStatement(kind: .classDefinition(name: name, bases: bases, body: body), position: start.position)
    }

    private mutating func parseDecorated() throws(PythonSyntaxError) -> PythonStatement {
        while acceptOp("@") {
            _ = try parseNamedExpressionTest()
            guard current.kind == .newline else { throw unexpected(expecting: "end of line") }
            _ = advance()
        }
        _ = acceptKeyword("async")
        guard atKeyword("def") || atKeyword("class") else { throw unexpected(expecting: "'def' or 'class'") }
        return try parseDefinition()
    }

    private mutating func parseMatch() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        _ = try parseStarExpressions()
        try expectOp(":")
        guard current.kind == .newline else { throw unexpected(expecting: "end of line") }
        _ = advance()
        guard current.kind == .indent else {
            throw PythonSyntaxError(
                .indentation, "expected an indented block after 'match' statement on line \(start.position.line)",
                at: current.position)
        }
        _ = advance()
        var bodies: [[PythonStatement]] = []
        while current.kind != .dedent && current.kind != .endMarker {
            if current.kind == .newline {
                _ = advance()
                continue
            }
            guard atKeyword("case") else { throw unexpected(expecting: "'case'") }
            let caseToken = advance()
            try skipHeader()
            bodies.append(try parseBlock(after: "case", line: caseToken.position.line))
        }
        if current.kind == .dedent { _ = advance() }
        return PythonStatement(kind: .match(bodies: bodies), position: start.position)
    }

    private mutating func parseSimpleStatements() throws(PythonSyntaxError) -> [PythonStatement] {
        var statements: [PythonStatement] = []
        repeat {
            if current.kind == .newline || current.kind == .endMarker { break }
            statements.append(try parseSmallStatement())
        } while acceptOp(";")
        guard current.kind == .newline || current.kind == .endMarker else {
            throw unexpected()
        }
        if current.kind == .newline { _ = advance() }
        return statements
    }

    private mutating func parseSmallStatement() throws(PythonSyntaxError) -> PythonStatement {
        let start = current
        let position = start.position
        if start.kind == .name {
            switch start.text {
            case "pass":
                _ = advance()
                return PythonStatement(kind: .other, position: position)
            case "break", "continue":
                _ = advance()
                return PythonStatement(kind: .controlFlow(start.text), position: position)
            case "return":
                _ = advance()
                if !atEndOfSmallStatement { _ = try parseStarExpressions() }
                return PythonStatement(kind: .controlFlow("return"), position: position)
            case "raise":
                _ = advance()
                if !atEndOfSmallStatement {
                    _ = try parseTest()
                    if acceptKeyword("from") { _ = try parseTest() }
                }
                return PythonStatement(kind: .controlFlow("raise"), position: position)
            case "global", "nonlocal":
                _ = advance()
                repeat { _ = try expectIdentifier() } while acceptOp(",")
                return PythonStatement(kind: .other, position: position)
            case "assert":
                _ = advance()
                _ = try parseTest()
                if acceptOp(",") { _ = try parseTest() }
                return PythonStatement(kind: .other, position: position)
            case "del":
                _ = advance()
                var targets: [PythonExpression] = []
                repeat {
                    if atEndOfSmallStatement { break }
                    targets.append(try parseTarget())
                } while acceptOp(",")
                return PythonStatement(kind: .delete(targets), position: position)
            case "import":
                return try parseImport()
            case "from":
                return try parseFromImport()
            default:
                break
            }
        }
        let first = try parseStarExpressions(allowYield: true)
        if atOp("=") {
            var targets = [first]
            var value = first
            while acceptOp("=") {
                value = try parseStarExpressions(allowYield: true)
                targets.append(value)
            }
            targets.removeLast()
            for target in targets { try checkAssignable(target) }
            return PythonStatement(kind: .assign(targets: targets, value: value), position: position)
        }
        if current.kind == .op, Self.augmentedOperators.contains(current.text) {
            let op = String(advance().text.dropLast())
            try checkAssignable(first)
            let value = try parseStarExpressions(allowYield: true)
            return PythonStatement(kind: .augmentedAssign(target: first, op: op, value: value), position: position)
        }
        if acceptOp(":") {
            _ = try parseTest()
            var value: PythonExpression?
            if acceptOp("=") { value = try parseStarExpressions(allowYield: true) }
            return PythonStatement(kind: .annotatedAssign(target: first, value: value), position: position)
        }
        return PythonStatement(kind: .expression(first), position: position)
    }

    private var atEndOfSmallStatement: Bool {
        current.kind == .newline || current.kind == .endMarker || atOp(";")
    }

    private func checkAssignable(_ target: PythonExpression) throws(PythonSyntaxError) {
        switch target.kind {
        case .name, .attribute, .subscript: return
        case .tuple(let items), .list(let items):
            for item in items { try checkAssignable(item) }
        case .starred(let inner):
            try checkAssignable(inner)
        default:
            throw PythonSyntaxError(.syntax, "cannot assign to expression", at: target.position)
        }
    }

    private mutating func parseDottedName() throws(PythonSyntaxError) -> String {
        var name = try expectIdentifier()
        while acceptOp(".") { name += "." + (try expectIdentifier()) }
        return name
    }

    private mutating func parseImport() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        var modules: [(module: String, alias: String?)] = []
        repeat {
            let module = try parseDottedName()
            var alias: String?
            if acceptKeyword("as") { alias = try expectIdentifier() }
            modules.append((module, alias))
        } while acceptOp(",")
        return PythonStatement(kind: .importModules(modules), position: start.position)
    }

    private mutating func parseFromImport() throws(PythonSyntaxError) -> PythonStatement {
        let start = advance()
        var level = 0
        while atOp(".") || atOp("...") {
            level += advance().text.count
        }
        var module = ""
        if !atKeyword("import") { module = try parseDottedName() }
        if level == 0 && module.isEmpty { throw unexpected(expecting: "a module name") }
        try expectKeyword("import")
        if acceptOp("*") {
            return PythonStatement(kind: .importFrom(level: level, module: module, names: nil), position: start.position)
        }
        let parenthesised = acceptOp("(")
        var names: [(name: String, alias: String?)] = []
        repeat {
            if parenthesised && atOp(")") { break }
            let name = try expectIdentifier()
            var alias: String?
            if acceptKeyword("as") { alias = try expectIdentifier() }
            names.append((name, alias))
        } while acceptOp(",")
        if parenthesised { try expectOp(")") }
        if names.isEmpty { throw unexpected(expecting: "a name to import") }
        return PythonStatement(kind: .importFrom(level: level, module: module, names: names), position: start.position)
    }

    // MARK: - Expressions

    /// A target of `for`, `with … as`, `del`: or-expressions (no comparisons, so `in` ends it).
    private mutating func parseTarget() throws(PythonSyntaxError) -> PythonExpression {
        if atOp("*") {
            let star = advance()
            return PythonExpression(kind: .starred(try parseBitwiseOr()), position: star.position)
        }
        return try parseBitwiseOr()
    }

    private mutating func parseTargetList() throws(PythonSyntaxError) -> PythonExpression {
        let start = current.position
        var items = [try parseTarget()]
        var sawComma = false
        while acceptOp(",") {
            sawComma = true
            if atKeyword("in") || atOp("=") { break }
            items.append(try parseTarget())
        }
        return sawComma ? PythonExpression(kind: .tuple(items), position: start) : items[0]
    }

    /// `a, *b, c` at statement level: a tuple when there is a comma.
    private mutating func parseStarExpressions(allowYield: Bool = false) throws(PythonSyntaxError) -> PythonExpression {
        if allowYield && atKeyword("yield") { return try parseYield() }
        let start = current.position
        var items = [try parseStarOrNamedExpression()]
        var sawComma = false
        while acceptOp(",") {
            sawComma = true
            if !startsExpression { break }
            items.append(try parseStarOrNamedExpression())
        }
        return sawComma ? PythonExpression(kind: .tuple(items), position: start) : items[0]
    }

    private mutating func parseYield() throws(PythonSyntaxError) -> PythonExpression {
        let start = advance()
        if acceptKeyword("from") {
            _ = try parseTest()
        } else if startsExpression {
            _ = try parseStarExpressions()
        }
        return PythonExpression(kind: .opaque("yield expression"), position: start.position)
    }

    private var startsExpression: Bool {
        switch current.kind {
        case .name:
            return !current.isKeyword || Self.expressionKeywords.contains(current.text)
        case .number, .string: return true
        case .op: return Self.expressionStartOperators.contains(current.text)
        default: return false
        }
    }

    private mutating func parseStarOrNamedExpression() throws(PythonSyntaxError) -> PythonExpression {
        if atOp("*") {
            let star = advance()
            return PythonExpression(kind: .starred(try parseBitwiseOr()), position: star.position)
        }
        return try parseNamedExpressionTest()
    }

    private mutating func parseNamedExpressionTest() throws(PythonSyntaxError) -> PythonExpression {
        if current.kind == .name && peek().isOp(":=") {
            let name = try expectIdentifier()
            let position = current.position
            _ = advance()
            return PythonExpression(kind: .namedExpression(name, try parseTest()), position: position)
        }
        return try parseTest()
    }

    /// Tokens that end an expression: a lone literal or name before one of them needs no precedence climbing.
    private static let expressionTerminators: Set<String> = [",", ")", "]", "}", ":", "=", ";"]

    private var isLoneAtom: Bool {
        let token = current
        switch token.kind {
        case .number, .string: break
        case .name where !token.isKeyword || token.text == "None" || token.text == "True" || token.text == "False": break
        default: return false
        }
        let next = peek()
        return next.kind == .newline || (next.kind == .op && Self.expressionTerminators.contains(next.text))
    }

    private mutating func parseTest() throws(PythonSyntaxError) -> PythonExpression {
        if isLoneAtom { return try parseAtom() }
        if atKeyword("lambda") {
            let start = advance()
            try skipLambdaParameters()
            _ = try parseTest()
            return PythonExpression(kind: .opaque("lambda"), position: start.position)
        }
        let body = try parseOr()
        if atKeyword("if") {
            // A conditional expression, unless this `if` belongs to a comprehension.
            _ = advance()
            let test = try parseOr()
            try expectKeyword("else")
            let orElse = try parseTest()
            return PythonExpression(kind: .conditional(test: test, body: body, orElse: orElse), position: body.position)
        }
        return body
    }

    /// The `if` clause of a comprehension: no conditional expression allowed at this level.
    private mutating func parseTestNoConditional() throws(PythonSyntaxError) -> PythonExpression {
        if atKeyword("lambda") { return try parseTest() }
        return try parseOr()
    }

    private mutating func parseOr() throws(PythonSyntaxError) -> PythonExpression {
        let first = try parseAnd()
        guard atKeyword("or") else { return first }
        var items = [first]
        while acceptKeyword("or") { items.append(try parseAnd()) }
        return PythonExpression(kind: .or(items), position: first.position)
    }

    private mutating func parseAnd() throws(PythonSyntaxError) -> PythonExpression {
        let first = try parseNot()
        guard atKeyword("and") else { return first }
        var items = [first]
        while acceptKeyword("and") { items.append(try parseNot()) }
        return PythonExpression(kind: .and(items), position: first.position)
    }

    private mutating func parseNot() throws(PythonSyntaxError) -> PythonExpression {
        if atKeyword("not") {
            let start = advance()
            return PythonExpression(kind: .unary("not", try parseNot()), position: start.position)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(PythonSyntaxError) -> PythonExpression {
        let first = try parseBitwiseOr()
        var operations: [(op: String, right: PythonExpression)] = []
        while true {
            var op: String?
            if current.kind == .op, Self.comparisonOperators.contains(current.text) {
                op = advance().text
            } else if atKeyword("in") {
                _ = advance()
                op = "in"
            } else if atKeyword("not") && peek().isName("in") {
                _ = advance()
                _ = advance()
                op = "not in"
            } else if atKeyword("is") {
                _ = advance()
                op = acceptKeyword("not") ? "is not" : "is"
            }
            guard let op else { break }
            operations.append((op, try parseBitwiseOr()))
        }
        if operations.isEmpty { return first }
        return PythonExpression(kind: .compare(first, operations), position: first.position)
    }

    /// Binding power of the binary operators between comparisons and unary operators.
    private static func binaryPrecedence(_ token: PythonToken) -> Int? {
        guard token.kind == .op else { return nil }
        switch token.text {
        case "|": return 1
        case "^": return 2
        case "&": return 3
        case "<<", ">>": return 4
        case "+", "-": return 5
        case "*", "/", "//", "%", "@": return 6
        default: return nil
        }
    }

    /// Precedence climbing over `| ^ & << >> + - * / // % @` (all left-associative).
    private mutating func parseBitwiseOr() throws(PythonSyntaxError) -> PythonExpression {
        try parseBinary(minimumPrecedence: 1)
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws(PythonSyntaxError) -> PythonExpression {
        var left = try parseFactor()
        while let precedence = Self.binaryPrecedence(current), precedence >= minimumPrecedence {
            let op = advance().text
            let right = try parseBinary(minimumPrecedence: precedence + 1)
            left = PythonExpression(kind: .binary(op, left, right), position: left.position)
        }
        return left
    }

    private mutating func parseFactor() throws(PythonSyntaxError) -> PythonExpression {
        if current.kind == .op, Self.unaryOperators.contains(current.text) {
            let start = advance()
            return PythonExpression(kind: .unary(start.text, try parseFactor()), position: start.position)
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(PythonSyntaxError) -> PythonExpression {
        var base: PythonExpression
        if atKeyword("await") {
            let start = advance()
            _ = try parsePrimary()
            base = PythonExpression(kind: .opaque("await expression"), position: start.position)
        } else {
            base = try parsePrimary()
        }
        if acceptOp("**") {
            let exponent = try parseFactor()
            base = PythonExpression(kind: .binary("**", base, exponent), position: base.position)
        }
        return base
    }

    private mutating func parsePrimary() throws(PythonSyntaxError) -> PythonExpression {
        var expression = try parseAtom()
        while true {
            if atOp(".") {
                _ = advance()
                let name = try expectIdentifier()
                expression = PythonExpression(kind: .attribute(expression, name), position: expression.position)
            } else if atOp("(") {
                _ = advance()
                let arguments = try parseArguments()
                expression = PythonExpression(kind: .call(expression, arguments), position: expression.position)
            } else if atOp("[") {
                _ = advance()
                let subscriptValue = try parseSubscriptList()
                try expectOp("]")
                expression = PythonExpression(
                    kind: .subscript(expression, subscriptValue), position: expression.position)
            } else {
                return expression
            }
        }
    }

    private mutating func parseArguments() throws(PythonSyntaxError) -> [PythonArgument] {
        var arguments: [PythonArgument] = []
        while !atOp(")") {
            if acceptOp("*") {
                arguments.append(.unpackSequence(try parseTest()))
            } else if acceptOp("**") {
                arguments.append(.unpackMapping(try parseTest()))
            } else if current.kind == .name && peek().isOp("=") && !current.isKeyword {
                let name = advance().text
                _ = advance()
                arguments.append(.keyword(name, try parseTest()))
            } else {
                var value = try parseNamedExpressionTest()
                if atKeyword("for") || (atKeyword("async") && peek().isName("for")) {
                    try parseComprehensionClauses()
                    value = PythonExpression(kind: .opaque("generator expression"), position: value.position)
                }
                arguments.append(.positional(value))
            }
            if !acceptOp(",") { break }
        }
        try expectOp(")")
        return arguments
    }

    private mutating func parseSubscriptList() throws(PythonSyntaxError) -> PythonExpression {
        let start = current.position
        var items = [try parseSubscriptItem()]
        var sawComma = false
        while acceptOp(",") {
            sawComma = true
            if atOp("]") { break }
            items.append(try parseSubscriptItem())
        }
        return sawComma ? PythonExpression(kind: .tuple(items), position: start) : items[0]
    }

    private mutating func parseSubscriptItem() throws(PythonSyntaxError) -> PythonExpression {
        let start = current.position
        if atOp("*") {
            _ = advance()
            return PythonExpression(kind: .starred(try parseBitwiseOr()), position: start)
        }
        var lower: PythonExpression?
        if !atOp(":") { lower = try parseNamedExpressionTest() }
        guard acceptOp(":") else {
            guard let lower else { throw unexpected() }
            return lower
        }
        var upper: PythonExpression?
        var step: PythonExpression?
        if !atOp(":") && !atOp("]") && !atOp(",") { upper = try parseTest() }
        if acceptOp(":") {
            if !atOp("]") && !atOp(",") { step = try parseTest() }
        }
        return PythonExpression(kind: .slice(lower: lower, upper: upper, step: step), position: start)
    }

    private mutating func parseComprehensionClauses() throws(PythonSyntaxError) {
        while atKeyword("for") || (atKeyword("async") && peek().isName("for")) {
            _ = acceptKeyword("async")
            _ = advance()
            _ = try parseTargetList()
            try expectKeyword("in")
            _ = try parseOr()
            while atKeyword("if") {
                _ = advance()
                _ = try parseTestNoConditional()
            }
        }
    }

    private mutating func parseAtom() throws(PythonSyntaxError) -> PythonExpression {
        let token = current
        let position = token.position
        switch token.kind {
        case .number:
            _ = advance()
            return PythonExpression(kind: .constant(Self.numberValue(token.text)), position: position)
        case .string:
            return try parseStrings()
        case .name:
            switch token.text {
            case "None":
                _ = advance()
                return PythonExpression(kind: .constant(.none), position: position)
            case "True", "False":
                _ = advance()
                return PythonExpression(kind: .constant(.bool(token.text == "True")), position: position)
            default:
                if token.isKeyword { throw unexpected() }
                _ = advance()
                return PythonExpression(kind: .name(token.text), position: position)
            }
        case .op:
            switch token.text {
            case "(": return try parseParenthesised()
            case "[": return try parseListDisplay()
            case "{": return try parseBraceDisplay()
            case "...":
                _ = advance()
                return PythonExpression(kind: .opaque("Ellipsis"), position: position)
            default:
                throw unexpected()
            }
        default:
            throw unexpected()
        }
    }

    private mutating func parseParenthesised() throws(PythonSyntaxError) -> PythonExpression {
        let open = advance()
        if acceptOp(")") { return PythonExpression(kind: .tuple([]), position: open.position) }
        if atKeyword("yield") {
            let value = try parseYield()
            try expectOp(")")
            return value
        }
        let first = try parseStarOrNamedExpression()
        if atKeyword("for") || (atKeyword("async") && peek().isName("for")) {
            try parseComprehensionClauses()
            try expectOp(")")
            return PythonExpression(kind: .opaque("generator expression"), position: open.position)
        }
        if acceptOp(")") {
            if case .starred = first.kind { throw PythonSyntaxError(.syntax, "cannot use starred expression here", at: first.position) }
            return first
        }
        var items = [first]
        while acceptOp(",") {
            if atOp(")") { break }
            items.append(try parseStarOrNamedExpression())
        }
        try expectOp(")")
        return PythonExpression(kind: .tuple(items), position: open.position)
    }

    private mutating func parseListDisplay() throws(PythonSyntaxError) -> PythonExpression {
        let open = advance()
        var items: [PythonExpression] = []
        if acceptOp("]") { return PythonExpression(kind: .list([]), position: open.position) }
        let first = try parseStarOrNamedExpression()
        if atKeyword("for") || (atKeyword("async") && peek().isName("for")) {
            try parseComprehensionClauses()
            try expectOp("]")
            return PythonExpression(kind: .opaque("list comprehension"), position: open.position)
        }
        items.append(first)
        while acceptOp(",") {
            if atOp("]") { break }
            items.append(try parseStarOrNamedExpression())
        }
        try expectOp("]")
        return PythonExpression(kind: .list(items), position: open.position)
    }

    private mutating func parseBraceDisplay() throws(PythonSyntaxError) -> PythonExpression {
        let open = advance()
        if acceptOp("}") { return PythonExpression(kind: .dict([]), position: open.position) }
        // Dict when the first item is `key: value` or `**mapping`; set otherwise.
        if atOp("**") || !isSetDisplay() {
            var entries: [(key: PythonExpression?, value: PythonExpression)] = []
            repeat {
                if atOp("}") { break }
                if acceptOp("**") {
                    entries.append((nil, try parseBitwiseOr()))
                } else {
                    let key = try parseTest()
                    try expectOp(":")
                    let value = try parseTest()
                    entries.append((key, value))
                }
                if entries.count == 1 && (atKeyword("for") || (atKeyword("async") && peek().isName("for"))) {
                    try parseComprehensionClauses()
                    try expectOp("}")
                    return PythonExpression(kind: .opaque("dict comprehension"), position: open.position)
                }
            } while acceptOp(",")
            try expectOp("}")
            return PythonExpression(kind: .dict(entries), position: open.position)
        }
        var items: [PythonExpression] = []
        repeat {
            if atOp("}") { break }
            items.append(try parseStarOrNamedExpression())
            if items.count == 1 && (atKeyword("for") || (atKeyword("async") && peek().isName("for"))) {
                try parseComprehensionClauses()
                try expectOp("}")
                return PythonExpression(kind: .opaque("set comprehension"), position: open.position)
            }
        } while acceptOp(",")
        try expectOp("}")
        return PythonExpression(kind: .set(items), position: open.position)
    }

    /// Looks ahead (without consuming) for a `:` at depth 0 before the first `,`/`}`/`for` of a brace display.
    private func isSetDisplay() -> Bool {
        var cursor = index
        var depth = 0
        var lambdas = 0
        while cursor < tokens.count {
            let token = tokens[cursor]
            if token.kind == .endMarker { return true }
            if token.isName("lambda") && depth == 0 { lambdas += 1 }
            if token.kind == .op {
                switch token.text {
                case "(", "[", "{": depth += 1
                case ")", "]", "}":
                    if depth == 0 { return true }
                    depth -= 1
                case ",": if depth == 0 { return true }
                case ":":
                    if depth == 0 {
                        if lambdas > 0 {
                            lambdas -= 1
                        } else {
                            return false
                        }
                    }
                default: break
                }
            } else if depth == 0 && token.isName("for") {
                return true
            }
            cursor += 1
        }
        return true
    }

    // MARK: - Literals

    static func numberValue(_ text: String) -> PythonValue {
        let digits = text.filter { $0 != "_" }
        let lower = digits.lowercased()
        if lower.hasSuffix("j") {
            return .unknown(UnknownValue(reason: "complex number \(text)", location: SourceLocation()))
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            if let value = Int(lower.dropFirst(2), radix: radix) { return .int(String(value)) }
            return .unknown(UnknownValue(reason: "integer \(text) is too large", location: SourceLocation()))
        }
        if lower.contains(".") || lower.contains("e") {
            if let value = Double(lower) { return .float(PythonFormatting.floatRepr(value)) }
            return .unknown(UnknownValue(reason: "number \(text)", location: SourceLocation()))
        }
        if let value = Int(lower) { return .int(String(value)) }
        // Arbitrary-precision integers keep their digits.
        var trimmed = Substring(lower)
        while trimmed.count > 1 && trimmed.first == "0" { trimmed = trimmed.dropFirst() }
        return .int(String(trimmed))
    }

    /// Adjacent string literals concatenate at compile time (`"a" "b"`), also across f-strings.
    private mutating func parseStrings() throws(PythonSyntaxError) -> PythonExpression {
        let position = current.position
        var parts: [FormattedStringPart] = []
        var bytes: [UInt8]?
        var sawText = false
        while current.kind == .string, let literal = current.string {
            let token = advance()
            if literal.isBytes {
                if sawText { throw PythonSyntaxError(.syntax, "cannot mix bytes and nonbytes literals", at: token.position) }
                bytes = (bytes ?? []) + PythonStringDecoding.decodeBytes(literal.body, raw: literal.isRaw)
                continue
            }
            if bytes != nil { throw PythonSyntaxError(.syntax, "cannot mix bytes and nonbytes literals", at: token.position) }
            sawText = true
            if literal.isFormatted {
                parts.append(contentsOf: try FormattedStringParser.parse(literal))
            } else {
                parts.append(.literal(PythonStringDecoding.decode(literal.body, raw: literal.isRaw)))
            }
        }
        if let bytes { return PythonExpression(kind: .constant(.bytes(bytes)), position: position) }
        if parts.allSatisfy({ if case .literal = $0 { return true } else { return false } }) {
            var text = ""
            for case .literal(let piece) in parts { text += piece }
            return PythonExpression(kind: .constant(.string(text)), position: position)
        }
        return PythonExpression(kind: .formattedString(parts), position: position)
    }

    /// Parses one expression from tokens (used for f-string replacement fields).
    static func parseEmbeddedExpression(_ tokens: [PythonToken]) throws(PythonSyntaxError) -> PythonExpression {
        var parser = PythonParser(tokens: tokens)
        let expression = try parser.parseStarExpressions(allowYield: true)
        guard parser.current.kind == .endMarker else { throw parser.unexpected() }
        return expression
    }
}
