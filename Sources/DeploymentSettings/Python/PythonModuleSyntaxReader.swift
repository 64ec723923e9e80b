/// Turns the parsed statements into the public summary; source text is cut from the file by token positions.
struct PythonModuleSyntaxReader {
    let tokens: [PythonToken]
    let lines: [[Unicode.Scalar]]

    init(tokens: [PythonToken], text: String) {
        self.tokens = tokens
        // Lines end as the tokenizer ends them: "\n", "\r\n" or a lone "\r".
        var lines: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r": break
            case "\n", "\r": lines.append([])
            default: lines[lines.count - 1].append(scalar)
            }
            previous = scalar
        }
        self.lines = lines
    }

    func module(_ statements: [PythonStatement]) -> PythonModuleSyntax {
        var classes: [PythonClassSyntax] = []
        for statement in statements {
            guard case .classDefinition(let name, let bases, let body) = statement.kind else { continue }
            var attributes: [PythonClassAttribute] = []
            collectAttributes(body, isConditional: false, into: &attributes)
            classes.append(
                PythonClassSyntax(
                    name: name, bases: bases.compactMap(Self.dottedName), line: statement.position.line,
                    column: statement.position.column, attributes: attributes))
        }
        var imports: [PythonImportSyntax] = []
        collectImports(statements, into: &imports)
        return PythonModuleSyntax(classes: classes, imports: imports)
    }

    static func dottedName(_ expression: PythonExpression) -> String? {
        switch expression.kind {
        case .name(let name): return name
        case .attribute(let base, let name): return dottedName(base).map { $0 + "." + name }
        default: return nil
        }
    }

    // MARK: - Imports

    private func collectImports(_ statements: [PythonStatement], into imports: inout [PythonImportSyntax]) {
        for statement in statements {
            let line = statement.position.line
            switch statement.kind {
            case .importModules(let modules):
                for (module, alias) in modules {
                    imports.append(PythonImportSyntax(level: 0, module: module, importedName: nil, alias: alias, line: line))
                }
            case .importFrom(let level, let module, let names):
                for (name, alias) in names ?? [] {
                    imports.append(
                        PythonImportSyntax(level: level, module: module, importedName: name, alias: alias, line: line))
                }
            default:
                collectImports(Self.nestedBlocks(of: statement), into: &imports)
            }
        }
    }

    /// The statements of the blocks a compound statement runs in the same scope (not def/class bodies).
    private static func nestedBlocks(of statement: PythonStatement) -> [PythonStatement] {
        switch statement.kind {
        case .ifChain(let branches): return branches.flatMap(\.body)
        case .tryBlock(let body, let handlers, let orElse, let finallyBody): return body + handlers.flatMap(\.body) + orElse + finallyBody
        case .with(_, let body): return body
        case .forLoop(_, _, let body, let orElse), .whileLoop(let body, let orElse): return body + orElse
        case .match(let bodies): return bodies.flatMap { $0 }
        default: return []
        }
    }

    // MARK: - Class bodies

    private func collectAttributes(
        _ statements: [PythonStatement], isConditional: Bool, into attributes: inout [PythonClassAttribute]
    ) {
        func add(_ name: String, _ value: PythonClassAttribute.Value, at point: SourcePoint) {
            attributes.append(
                PythonClassAttribute(name: name, value: value, isConditional: isConditional, line: point.line, column: point.column))
        }
        for statement in statements {
            switch statement.kind {
            case .assign(let targets, let value):
                for target in targets {
                    if case .name(let name) = target.kind {
                        add(name, self.value(value, statement: statement), at: target.position)
                    } else {
                        for (name, point) in Self.names(boundBy: target) {
                            add(name, .otherBinding(source: statementSource(statement)), at: point)
                        }
                    }
                }
            case .annotatedAssign(let target, let value?):
                if case .name(let name) = target.kind { add(name, self.value(value, statement: statement), at: target.position) }
            case .augmentedAssign(let target, _, _):
                if case .name(let name) = target.kind { add(name, .otherBinding(source: statementSource(statement)), at: target.position) }
            case .delete(let targets):
                for target in targets {
                    for (name, point) in Self.names(boundBy: target) {
                        add(name, .otherBinding(source: statementSource(statement)), at: point)
                    }
                }
            case .definition(let kind, let name):
                add(name, .definition(kind: kind), at: statement.position)
            case .classDefinition(let name, _, _):
                add(name, .definition(kind: "class"), at: statement.position)
            case .importModules, .importFrom:
                var imports: [PythonImportSyntax] = []
                collectImports([statement], into: &imports)
                for binding in imports { add(binding.boundName, .otherBinding(source: statementSource(statement)), at: statement.position) }
            case .forLoop(let target, _, _, _):
                for (name, point) in Self.names(boundBy: target) {
                    add(name, .otherBinding(source: statementSource(statement)), at: point)
                }
                collectAttributes(Self.nestedBlocks(of: statement), isConditional: true, into: &attributes)
            case .with(let items, _):
                for target in items.compactMap(\.target) {
                    for (name, point) in Self.names(boundBy: target) {
                        add(name, .otherBinding(source: statementSource(statement)), at: point)
                    }
                }
                collectAttributes(Self.nestedBlocks(of: statement), isConditional: true, into: &attributes)
            default:
                collectAttributes(Self.nestedBlocks(of: statement), isConditional: true, into: &attributes)
            }
        }
    }

    /// The plain names a target binds (`a`, `a, *b`, `[a, b]`); attributes and subscripts bind none.
    private static func names(boundBy target: PythonExpression) -> [(String, SourcePoint)] {
        switch target.kind {
        case .name(let name): return [(name, target.position)]
        case .tuple(let items), .list(let items): return items.flatMap { names(boundBy: $0) }
        case .starred(let inner): return names(boundBy: inner)
        default: return []
        }
    }

    private func value(_ expression: PythonExpression, statement: PythonStatement) -> PythonClassAttribute.Value {
        switch expression.kind {
        case .constant(.string(let text)):
            return .string(text)
        case .constant(.bytes):
            return .notStringLiteral(source: statementSource(statement), reason: "it is a bytes literal, not a str")
        case .formattedString:
            return .notStringLiteral(source: statementSource(statement), reason: "it is an f-string")
        default:
            let reason = Self.startsWithStringLiteral(expression) ? "it is not only string literals" : "it is not a string literal"
            return .notStringLiteral(source: statementSource(statement), reason: reason)
        }
    }

    /// True for `'a' + x`, `'a'.upper()`, `'%s' % x`: an expression whose leftmost operand is a string literal.
    private static func startsWithStringLiteral(_ expression: PythonExpression) -> Bool {
        switch expression.kind {
        case .constant(.string), .formattedString: return true
        case .binary(_, let left, _), .compare(let left, _), .attribute(let left, _), .subscript(let left, _), .call(let left, _):
            return startsWithStringLiteral(left)
        case .and(let operands), .or(let operands): return operands.first.map(startsWithStringLiteral) ?? false
        case .conditional(_, let body, _): return startsWithStringLiteral(body)
        default: return false
        }
    }

    // MARK: - Source text

    /// The text of the simple statement that starts at `statement.position`, up to its `;` or end of line,
    /// on one line: comments dropped, line breaks inside brackets (and the indentation after them) one space.
    private func statementSource(_ statement: PythonStatement) -> String {
        guard let first = firstTokenIndex(at: statement.position) else { return "" }
        var depth = 0
        var last = first
        var cursor = first
        scan: while cursor < tokens.count {
            let token = tokens[cursor]
            switch token.kind {
            case .newline, .endMarker, .indent, .dedent:
                break scan
            case .op where ["(", "[", "{"].contains(token.text):
                depth += 1
            case .op where [")", "]", "}"].contains(token.text):
                depth -= 1
            case .op where token.text == ";" && depth == 0:
                break scan
            default:
                break
            }
            last = cursor
            cursor += 1
        }
        return text(of: tokens[first...last])
    }

    /// The first token that is not layout (NEWLINE, INDENT, DEDENT) at `point`.
    private func firstTokenIndex(at point: SourcePoint) -> Int? {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            let position = tokens[middle].position
            if (position.line, position.column) < (point.line, point.column) { low = middle + 1 } else { high = middle }
        }
        while low < tokens.count, [.newline, .indent, .dedent].contains(tokens[low].kind) { low += 1 }
        return low < tokens.count && tokens[low].position == point ? low : nil
    }

    /// The point just after a token.
    private func end(of token: PythonToken) -> SourcePoint {
        guard token.kind == .string, let literal = token.string else {
            return SourcePoint(line: token.position.line, column: token.position.column + token.text.unicodeScalars.count)
        }
        var point = literal.bodyStart
        for scalar in literal.body.unicodeScalars {
            if scalar == "\n" {
                point = SourcePoint(line: point.line + 1, column: 1)
            } else {
                point.column += 1
            }
        }
        // The closing quotes repeat the opening ones: three when the three scalars before the body are quotes.
        let start = literal.bodyStart
        let opening = scalars(line: start.line, columns: (start.column - 3)..<start.column)
        let quote = opening.first
        let isTriple = start.column - token.position.column >= 3 && opening.count == 3
            && (quote == "'" || quote == "\"") && opening.allSatisfy { $0 == quote }
        point.column += isTriple ? 3 : 1
        return point
    }

    private func scalars(line: Int, columns: Range<Int>) -> ArraySlice<Unicode.Scalar> {
        guard line >= 1, line <= lines.count else { return [] }
        let text = lines[line - 1]
        let lower = min(max(columns.lowerBound - 1, 0), text.count)
        let upper = min(max(columns.upperBound - 1, lower), text.count)
        return text[lower..<upper]
    }

    /// The source of consecutive tokens: the text between tokens on one line is kept (spaces), a line
    /// break between tokens becomes one space; a string spanning lines keeps its line breaks.
    private func text(of tokens: ArraySlice<PythonToken>) -> String {
        var result = String.UnicodeScalarView()
        var previousEnd: SourcePoint?
        for token in tokens {
            if let previousEnd {
                if previousEnd.line == token.position.line {
                    result.append(contentsOf: scalars(line: token.position.line, columns: previousEnd.column..<token.position.column))
                } else {
                    result.append(" ")
                }
            }
            let tokenEnd = end(of: token)
            for line in token.position.line...max(tokenEnd.line, token.position.line) {
                if line != token.position.line { result.append("\n") }
                let from = line == token.position.line ? token.position.column : 1
                let to = line == tokenEnd.line ? tokenEnd.column : Int.max
                result.append(contentsOf: scalars(line: line, columns: from..<to))
            }
            previousEnd = tokenEnd
        }
        return String(result)
    }
}
