/// The declarations of one scope, for the redeclaration early errors (`let a; let a;`, `let x; var x;`),
/// following ECMAScript's LexicallyDeclaredNames / VarDeclaredNames rules as acorn implements them.
struct BindingScope {
    enum Kind {
        /// A function body, the program, or a class static block: where `var` stops.
        case function(isProgram: Bool)
        case block
        /// A catch clause; `simpleParameter` is its parameter when it is a plain identifier (`var e` may repeat it).
        case catchClause(simpleParameter: String?)
    }

    var kind: Kind
    var lexical: Set<String> = []
    /// `var` names declared in this scope or in a block inside it.
    var vars: Set<String> = []
    /// Sloppy-mode function declarations in blocks (Annex B lets them repeat each other).
    var functions: Set<String> = []

    var stopsVar: Bool {
        if case .function = kind { return true }
        return false
    }
}

/// How a name is declared.
enum BindingKind {
    case lexical
    case `var`
    /// A sloppy-mode, plain function declaration.
    case function
}

/// The private names (`#x`) one class body declares and uses; uses are checked when the body ends, since a
/// method may use a name declared further down.
struct PrivateNameScope {
    enum Declaration: Equatable {
        case field(isStatic: Bool)
        case method(isStatic: Bool)
        case getter(isStatic: Bool)
        case setter(isStatic: Bool)
        case accessorPair(isStatic: Bool)
    }

    var declared: [String: Declaration] = [:]
    var used: [(name: String, offset: Int)] = []
}

/// What a function's body must check about its parameter list.
struct ParameterFacts {
    var names: [(name: String, offset: Int)] = []
    /// No defaults, no destructuring, no rest: the only lists where "use strict" may appear in the body.
    var isSimple = true
    /// Arrows, methods and non-simple lists may never repeat a name; other functions only in strict mode.
    var requiresUniqueNames = false

    init(parameters: [Parameter], rest: Pattern?, requiresUniqueNames: Bool) {
        for parameter in parameters {
            if parameter.defaultValue != nil { isSimple = false }
            if case .identifier = parameter.target.kind {} else { isSimple = false }
            Self.collectNames(parameter.target, into: &names)
        }
        if let rest {
            isSimple = false
            Self.collectNames(rest, into: &names)
        }
        self.requiresUniqueNames = requiresUniqueNames || !isSimple
    }

    /// The identifiers a pattern binds, in source order.
    static func collectNames(_ pattern: Pattern, into names: inout [(name: String, offset: Int)]) {
        switch pattern.kind {
        case .identifier(let name):
            names.append((name, pattern.at.byte))
        case .array(let elements, let rest):
            for element in elements {
                if let element { collectNames(element.target, into: &names) }
            }
            if let rest { collectNames(rest, into: &names) }
        case .object(let properties, let rest):
            for property in properties { collectNames(property.value.target, into: &names) }
            if let rest { collectNames(rest, into: &names) }
        }
    }

    /// The first repeated name.
    var firstDuplicate: (name: String, offset: Int)? {
        var seen: Set<String> = []
        for entry in names where !seen.insert(entry.name).inserted { return entry }
        return nil
    }
}

extension Parser {
    // MARK: - Redeclarations

    mutating func pushBindingScope(_ kind: BindingScope.Kind) {
        bindingScopes.append(BindingScope(kind: kind))
    }

    mutating func popBindingScope() {
        bindingScopes.removeLast()
    }

    /// Function declarations at the top of a function, or of a script, are `var`-like.
    func treatsFunctionsAsVar(_ scope: BindingScope) -> Bool {
        switch scope.kind {
        case .function(let isProgram): !isProgram || goal != .module
        default: false
        }
    }

    mutating func declare(_ name: String, as binding: BindingKind, at offset: Int) throws(JavaScriptSyntaxError) {
        guard let current = bindingScopes.indices.last else { return }
        var redeclared = false
        // The scopes are read in place, not copied: a copy alive during `insert` would make it copy the whole set.
        switch binding {
        case .lexical:
            redeclared =
                bindingScopes[current].lexical.contains(name) || bindingScopes[current].functions.contains(name)
                || bindingScopes[current].vars.contains(name)
            bindingScopes[current].lexical.insert(name)
        case .function:
            redeclared =
                treatsFunctionsAsVar(bindingScopes[current])
                ? bindingScopes[current].lexical.contains(name)
                : bindingScopes[current].lexical.contains(name) || bindingScopes[current].vars.contains(name)
            bindingScopes[current].functions.insert(name)
        case .var:
            for index in bindingScopes.indices.reversed() {
                var catchParameter: String?
                if case .catchClause(let simple) = bindingScopes[index].kind { catchParameter = simple }
                if bindingScopes[index].lexical.contains(name) && catchParameter != name
                    || !treatsFunctionsAsVar(bindingScopes[index]) && bindingScopes[index].functions.contains(name)
                {
                    redeclared = true
                    break
                }
                bindingScopes[index].vars.insert(name)
                if bindingScopes[index].stopsVar { break }
            }
        }
        if redeclared {
            throw fail(.javaScriptDuplicateDeclaration, "'\(name)' has already been declared", at: offset)
        }
    }

    mutating func declare(_ pattern: Pattern, as binding: BindingKind) throws(JavaScriptSyntaxError) {
        var names: [(name: String, offset: Int)] = []
        ParameterFacts.collectNames(pattern, into: &names)
        for entry in names { try declare(entry.name, as: binding, at: entry.offset) }
    }

    /// A function declaration's name, in the scope around the function.
    mutating func declareFunction(_ function: Function, at offset: Int) throws(JavaScriptSyntaxError) {
        guard let name = function.name, let current = bindingScopes.last else { return }
        let binding: BindingKind =
            isStrict || function.isAsync || function.isGenerator ? (treatsFunctionsAsVar(current) ? .var : .lexical) : .function
        try declare(name, as: binding, at: offset)
    }

    /// Parameters: declared in the function's scope, repeated only where the function allows it.
    mutating func declareParameters(_ facts: ParameterFacts) throws(JavaScriptSyntaxError) {
        if facts.requiresUniqueNames || isStrict, let duplicate = facts.firstDuplicate {
            throw fail(.javaScriptDuplicateDeclaration, "duplicate parameter name '\(duplicate.name)'", at: duplicate.offset)
        }
        for entry in facts.names {
            bindingScopes[bindingScopes.count - 1].vars.insert(entry.name)
        }
    }

    // MARK: - Private names

    mutating func declarePrivateName(_ name: String, as declaration: PrivateNameScope.Declaration, at offset: Int)
        throws(JavaScriptSyntaxError)
    {
        guard let current = privateNameScopes.indices.last else { return }
        guard let existing = privateNameScopes[current].declared[name] else {
            privateNameScopes[current].declared[name] = declaration
            return
        }
        switch (existing, declaration) {
        case (.getter(let a), .setter(let b)) where a == b, (.setter(let a), .getter(let b)) where a == b:
            privateNameScopes[current].declared[name] = .accessorPair(isStatic: a)
        default:
            throw fail(.javaScriptDuplicateDeclaration, "private name '#\(name)' has already been declared", at: offset)
        }
    }

    mutating func usePrivateName(_ name: String, at offset: Int) {
        guard let current = privateNameScopes.indices.last else { return }
        privateNameScopes[current].used.append((name, offset))
    }

    /// At the end of a class body: names it uses but does not declare belong to an enclosing class, or are errors.
    mutating func closePrivateNameScope() throws(JavaScriptSyntaxError) {
        guard let closed = privateNameScopes.popLast() else { return }
        for use in closed.used where closed.declared[use.name] == nil {
            if privateNameScopes.isEmpty {
                throw fail(
                    .javaScriptPrivateNameOutsideClass, "private name '#\(use.name)' is not declared in an enclosing class", at: use.offset)
            }
            privateNameScopes[privateNameScopes.count - 1].used.append(use)
        }
    }

    // MARK: - Regular expressions

    /// Node 20 (before duplicate named groups) refuses a group name that appears twice in one pattern.
    func checkRegularExpressionGroupNames(_ pattern: String, at offset: Int) throws(JavaScriptSyntaxError) {
        let bytes = Array(pattern.utf8)
        guard bytes.count > 3 else { return }
        var names: Set<String> = []
        var index = 0
        var inClass = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
            } else if byte == UInt8(ascii: "[") {
                inClass = true
            } else if byte == UInt8(ascii: "("), index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "?"),
                bytes[index + 2] == UInt8(ascii: "<"), bytes[index + 3] != UInt8(ascii: "="), bytes[index + 3] != UInt8(ascii: "!")
            {
                let nameStart = index + 3
                var nameEnd = nameStart
                while nameEnd < bytes.count && bytes[nameEnd] != UInt8(ascii: ">") { nameEnd += 1 }
                let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
                if !names.insert(name).inserted {
                    throw fail(
                        .javaScriptDuplicateDeclaration, "duplicate capture group name '\(name)' in regular expression",
                        at: offset + 1 + nameStart)
                }
                index = nameEnd
            }
            index += 1
        }
    }
}
