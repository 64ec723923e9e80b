import Diagnostics

/// A top-level `class Name(Base, ...):` and the logical lines of its body.
struct PythonClassDefinition {
    var name: String
    /// Base expressions as written (`Base`, `rest.BaseRestProctoringProvider`); keyword arguments left out.
    var bases: [String]
    var line: Int
    var column: Int
    /// The statements of the body, with their indentation (the first one fixes the body's level).
    var body: [PythonLogicalLine]

    /// The last top-level definition of `name` in the file (a later definition rebinds the name, as in Python).
    static func find(_ name: String, in lines: [PythonLogicalLine]) -> PythonClassDefinition? {
        var found: PythonClassDefinition?
        for (position, line) in lines.enumerated() where line.indentation == 0 {
            guard let header = parseHeader(line.text), header.name == name else { continue }
            var body: [PythonLogicalLine] = []
            if !header.inlineBody.isEmpty {
                // `class X(Base): npm_module = 'x'` — a one-line body.
                body.append(PythonLogicalLine(indentation: 1, text: header.inlineBody, line: line.line, column: line.column))
            } else {
                var next = position + 1
                while next < lines.count, lines[next].indentation > 0 {
                    body.append(lines[next])
                    next += 1
                }
            }
            found = PythonClassDefinition(name: name, bases: header.bases, line: line.line, column: line.column, body: body)
        }
        return found
    }

    struct Header {
        var name: String
        var bases: [String]
        var inlineBody: String
    }

    static func parseHeader(_ text: String) -> Header? {
        guard text.hasPrefix("class ") || text.hasPrefix("class\t") else { return nil }
        let rest = text.dropFirst(6).drop(while: { $0 == " " || $0 == "\t" })
        let name = String(rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" }))
        guard !name.isEmpty else { return nil }
        var remainder = rest.dropFirst(name.count).drop(while: { $0 == " " || $0 == "\t" })
        var bases: [String] = []
        if remainder.first == "(" {
            guard let close = matchingParenthesis(in: remainder) else { return nil }
            let inside = remainder[remainder.index(after: remainder.startIndex)..<close]
            bases = splitTopLevelCommas(inside)
                .map { $0.trimmingPythonWhitespace() }
                .filter { !$0.isEmpty && !$0.contains("=") && !$0.hasPrefix("*") }
            remainder = remainder[remainder.index(after: close)...].drop(while: { $0 == " " || $0 == "\t" })
        }
        guard remainder.first == ":" else { return nil }
        return Header(name: name, bases: bases, inlineBody: remainder.dropFirst().trimmingPythonWhitespace())
    }

    enum Assignment {
        case assigned(NpmModuleDeclaration, SourceLocation)
        case absent
    }

    /// The class-level binding of `npm_module`: the last plain assignment at the body's level wins;
    /// an assignment nested in a block, or a `def npm_module`, makes it undecidable.
    func npmModuleAssignment(file: String) -> Assignment {
        guard let bodyLevel = body.first?.indentation else { return .absent }
        var result = Assignment.absent
        // Lines deeper than this belong to a nested def/class, whose names are not class attributes.
        var nestedScopeIndentation: Int?
        for statement in body {
            if let nested = nestedScopeIndentation {
                if statement.indentation > nested { continue }
                nestedScopeIndentation = nil
            }
            let text = statement.text
            if Self.opensNestedScope(text) && !text.contains("npm_module") {
                nestedScopeIndentation = statement.indentation
                continue
            }
            let location = SourceLocation.file(file, line: statement.line, column: statement.column)
            if text.hasPrefix("def npm_module") || text.hasPrefix("async def npm_module") {
                result = .assigned(.unknown(reason: "'npm_module' is a method or property of class '\(name)'"), location)
                continue
            }
            guard let expression = Self.assignedExpression(of: "npm_module", in: text) else { continue }
            if statement.indentation != bodyLevel {
                result = .assigned(.unknown(reason: "'npm_module' is assigned inside a block of class '\(name)', so its value depends on a condition"), location)
                continue
            }
            switch PythonStringLiteral.evaluate(expression) {
            case .value(let value):
                result = .assigned(.declared(value), location)
            case .notStatic(let reason):
                result = .assigned(.unknown(reason: "'npm_module = \(expression)' in class '\(name)': \(reason)"), location)
            }
        }
        return result
    }

    private static func opensNestedScope(_ text: String) -> Bool {
        ["def ", "async def ", "class ", "@"].contains { text.hasPrefix($0) }
    }

    /// The right-hand side of `name = expr` or `name: annotation = expr`; nil for other statements
    /// (including `name == x` and an annotation without value).
    static func assignedExpression(of name: String, in text: String) -> String? {
        guard text.hasPrefix(name) else { return nil }
        var rest = text.dropFirst(name.count)
        if let next = rest.first, next.isLetter || next.isNumber || next == "_" { return nil }
        rest = rest.drop(while: { $0 == " " || $0 == "\t" })
        if rest.first == ":" {
            guard let equals = firstTopLevelAssignmentEquals(in: rest) else { return nil }
            return rest[rest.index(after: equals)...].trimmingPythonWhitespace()
        }
        guard rest.first == "=", rest.dropFirst().first != "=" else { return nil }
        return rest.dropFirst().trimmingPythonWhitespace()
    }

    private static func firstTopLevelAssignmentEquals(in text: Substring) -> Substring.Index? {
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case "=" where depth == 0:
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == "=" { return nil }
                return index
            default: break
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func matchingParenthesis(in text: Substring) -> Substring.Index? {
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            switch text[index] {
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                depth -= 1
                if depth == 0 { return index }
            case "'", "\"":
                // Strings in a base list are rare (subscripted generics with string annotations); skip them.
                let quote = text[index]
                index = text.index(after: index)
                while index < text.endIndex, text[index] != quote { index = text.index(after: index) }
            default: break
            }
            if index < text.endIndex { index = text.index(after: index) }
        }
        return nil
    }

    static func splitTopLevelCommas(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            switch text[index] {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case "," where depth == 0:
                parts.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts
    }
}

/// The names a module binds with `import` / `from … import …` (anywhere in the file, including inside
/// `try` blocks), resolved to absolute module names.
struct PythonImportBindings {
    struct Binding {
        var module: String
        /// Nil for `import a.b [as m]`, the imported name for `from m import name`.
        var attribute: String?
    }

    var bindings: [String: Binding] = [:]

    init(lines: [PythonLogicalLine], module: String, isPackage: Bool) {
        let packageParts = isPackage ? module.split(separator: ".").map(String.init) : module.split(separator: ".").dropLast().map(String.init)
        for line in lines {
            let text = line.text
            if text.hasPrefix("from ") {
                let afterFrom = text.dropFirst(5).drop(while: { $0 == " " })
                guard let importRange = afterFrom.firstRange(of: " import ") else { continue }
                let source = afterFrom[..<importRange.lowerBound].trimmingPythonWhitespace()
                guard let absolute = Self.absoluteModule(source, package: packageParts) else { continue }
                var names = afterFrom[importRange.upperBound...].trimmingPythonWhitespace()
                if names.hasPrefix("(") { names = String(names.dropFirst().dropLast()) }
                for item in PythonClassDefinition.splitTopLevelCommas(Substring(names)) {
                    let words = item.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                    guard let name = words.first, name != "*" else { continue }
                    let local = words.count == 3 && words[1] == "as" ? words[2] : name
                    bindings[local] = Binding(module: absolute, attribute: name)
                }
            } else if text.hasPrefix("import ") {
                for item in PythonClassDefinition.splitTopLevelCommas(text.dropFirst(7)) {
                    let words = item.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                    guard let name = words.first else { continue }
                    if words.count == 3 && words[1] == "as" {
                        bindings[words[2]] = Binding(module: name, attribute: nil)
                    } else if let head = name.split(separator: ".").first {
                        bindings[String(head)] = Binding(module: String(head), attribute: nil)
                    }
                }
            }
        }
    }

    /// Where `Base` or `mod.sub.Base` (as used in a class's base list) is defined: a module and a class name.
    func resolve(dottedName: String) -> (module: String, className: String)? {
        let parts = dottedName.split(separator: ".").map(String.init)
        guard let head = parts.first, let binding = bindings[head] else { return nil }
        if parts.count == 1 {
            guard let attribute = binding.attribute else { return nil }
            return (binding.module, attribute)
        }
        // `mod.Base` or `pkg.sub.Base`: the head names a module.
        var modulePath = binding.attribute.map { binding.module + "." + $0 } ?? binding.module
        for middle in parts.dropFirst().dropLast() { modulePath += "." + middle }
        guard let className = parts.last else { return nil }
        return (modulePath, className)
    }

    /// `.x` / `..x` / `pkg.x` → absolute dotted name.
    static func absoluteModule(_ source: String, package: [String]) -> String? {
        let dots = source.prefix(while: { $0 == "." }).count
        guard dots > 0 else { return source }
        let remainder = source.dropFirst(dots)
        guard dots - 1 <= package.count else { return nil }
        var parts = Array(package.dropLast(dots - 1))
        if !remainder.isEmpty { parts.append(String(remainder)) }
        return parts.isEmpty ? nil : parts.joined(separator: ".")
    }
}
