extension Parser {
    // MARK: - Bindings

    mutating func checkBindingIdentifier(_ name: String, keyword: Keyword, hasEscape: Bool, at offset: Int, isLexical: Bool)
        throws(JavaScriptSyntaxError)
    {
        if keyword == .none { return }
        if keyword.isReserved {
            throw fail(.javaScriptReservedWord, "'\(name)' is a reserved word and cannot be used as a name", at: offset)
        }
        if keyword == .let && (isLexical || isStrict) {
            throw fail(.javaScriptReservedWord, "'let' cannot be used as a name here", at: offset)
        }
        if isStrict && keyword.isStrictReserved {
            throw fail(.javaScriptReservedWord, "'\(name)' is reserved in strict mode", at: offset)
        }
        if isStrict && (keyword == .eval || keyword == .arguments) {
            throw fail(.javaScriptEvalOrArgumentsAssignment, "'\(name)' cannot be declared in strict mode", at: offset)
        }
        if keyword == .await && (goal == .module || scope.isAsync) {
            throw fail(.javaScriptReservedWord, "'await' cannot be used as a name here", at: offset)
        }
        if keyword == .yield && scope.isGenerator {
            throw fail(.javaScriptReservedWord, "'yield' cannot be used as a name in a generator", at: offset)
        }
    }

    mutating func parseBindingIdentifier(isLexical: Bool) throws(JavaScriptSyntaxError) -> String {
        guard kind == .identifier else { throw unexpected() }
        let name = lexer.identifier
        try checkBindingIdentifier(name, keyword: lexer.keyword, hasEscape: lexer.identifierHasEscape, at: start, isLexical: isLexical)
        try next()
        return name
    }

    /// An identifier, array pattern or object pattern in a declaration or parameter list.
    mutating func parseBindingTarget(isLexical: Bool) throws(JavaScriptSyntaxError) -> Pattern {
        try enterNesting()
        defer { leaveNesting() }
        let at = SourceOffset(start)
        switch kind {
        case .identifier:
            return Pattern(.identifier(try parseBindingIdentifier(isLexical: isLexical)), at: at)
        case .openBracket:
            try next()
            var elements: [Parameter?] = []
            var rest: Pattern?
            while kind != .closeBracket {
                if kind == .comma {
                    try next()
                    elements.append(nil)
                    continue
                }
                if kind == .dotDotDot {
                    try next()
                    rest = try parseBindingTarget(isLexical: isLexical)
                    guard kind == .closeBracket else {
                        throw fail(.javaScriptRestNotLast, "a rest element must be last in a pattern", at: start)
                    }
                    break
                }
                elements.append(try parseBindingElement(isLexical: isLexical))
                guard kind == .comma else { break }
                try next()
            }
            try expect(.closeBracket)
            return Pattern(.array(elements, rest: rest), at: at)
        case .openBrace:
            try next()
            var properties: [PatternProperty] = []
            var rest: Pattern?
            while kind != .closeBrace {
                if kind == .dotDotDot {
                    try next()
                    let restAt = SourceOffset(start)
                    rest = Pattern(.identifier(try parseBindingIdentifier(isLexical: isLexical)), at: restAt)
                    guard kind == .closeBrace else {
                        throw fail(.javaScriptRestNotLast, "a rest element must be last in a pattern", at: start)
                    }
                    break
                }
                let keyAt = start
                let keyIsIdentifier = kind == .identifier
                let keyword = lexer.keyword
                let hasEscape = lexer.identifierHasEscape
                let key = try parsePropertyKey(allowsPrivate: false)
                if kind == .colon {
                    try next()
                    properties.append(PatternProperty(key: key, value: try parseBindingElement(isLexical: isLexical), isShorthand: false))
                } else {
                    guard keyIsIdentifier, case .identifier(let name) = key else { throw unexpected() }
                    try checkBindingIdentifier(name, keyword: keyword, hasEscape: hasEscape, at: keyAt, isLexical: isLexical)
                    var defaultValue: ExpressionNode?
                    if kind == .equals {
                        try next()
                        defaultValue = try parseAssignmentExpression()
                    }
                    let target = Pattern(.identifier(name), at: SourceOffset(keyAt))
                    properties.append(PatternProperty(key: key, value: Parameter(target: target, defaultValue: defaultValue), isShorthand: true))
                }
                guard kind == .comma else { break }
                try next()
            }
            try expect(.closeBrace)
            return Pattern(.object(properties, rest: rest), at: at)
        default:
            throw unexpected()
        }
    }

    mutating func parseBindingElement(isLexical: Bool) throws(JavaScriptSyntaxError) -> Parameter {
        let target = try parseBindingTarget(isLexical: isLexical)
        var defaultValue: ExpressionNode?
        if kind == .equals {
            try next()
            defaultValue = try parseAssignmentExpression()
        }
        return Parameter(target: target, defaultValue: defaultValue)
    }

    // MARK: - Functions

    mutating func parseFunctionDeclaration(isAsync: Bool, at: SourceOffset) throws(JavaScriptSyntaxError) -> Function {
        try parseFunction(isAsync: isAsync, isExpression: false, nameIsOptional: false, at: at)
    }

    /// Parses from the `function` keyword; `async` was consumed by the caller.
    mutating func parseFunction(isAsync: Bool, isExpression: Bool, nameIsOptional: Bool, at: SourceOffset) throws(JavaScriptSyntaxError)
        -> Function
    {
        try next()
        var isGenerator = false
        if kind == .asterisk {
            isGenerator = true
            try next()
        }
        var name: String?
        if kind == .identifier {
            if isExpression {
                // The name of a function expression lives in the function's own scope.
                let saved = scope
                scope.isAsync = isAsync
                scope.isGenerator = isGenerator
                scope.isModuleTopLevel = false
                name = try parseBindingIdentifier(isLexical: false)
                scope = saved
            } else {
                name = try parseBindingIdentifier(isLexical: false)
            }
        } else if !isExpression && !nameIsOptional {
            throw fail(.javaScriptUnexpectedToken, "a function declaration needs a name", at: start)
        }
        var function = try parseFunctionRest(isAsync: isAsync, isGenerator: isGenerator, kind: .method, allowsSuper: false, allowsSuperCall: false)
        function.name = name
        function.at = at
        return function
    }

    /// Parameters and body of a function or method.
    mutating func parseFunctionRest(isAsync: Bool, isGenerator: Bool, kind methodKind: MethodKind, allowsSuper: Bool, allowsSuperCall: Bool)
        throws(JavaScriptSyntaxError) -> Function
    {
        let savedScope = scope
        let savedStrict = isStrict
        let savedAllowsIn = allowsIn
        let outerAwaitOrYield = firstAwaitOrYield
        firstAwaitOrYield = nil
        scope = FunctionScope()
        scope.isAsync = isAsync
        scope.isGenerator = isGenerator
        scope.allowsReturn = true
        scope.allowsNewTarget = true
        scope.allowsSuperProperty = allowsSuper
        scope.allowsSuperCall = allowsSuperCall
        scope.isInParameters = true
        allowsIn = true
        pushBindingScope(.function(isProgram: false))
        let parametersAt = start
        try expect(.openParen)
        var parameters: [Parameter] = []
        var rest: Pattern?
        while kind != .closeParen {
            if kind == .dotDotDot {
                try next()
                rest = try parseBindingTarget(isLexical: false)
                guard kind == .closeParen else {
                    throw fail(.javaScriptRestNotLast, "a rest parameter must be last", at: start)
                }
                break
            }
            parameters.append(try parseBindingElement(isLexical: false))
            guard kind == .comma else { break }
            try next()
        }
        try expect(.closeParen)
        scope.isInParameters = false
        switch methodKind {
        case .getter where !parameters.isEmpty || rest != nil:
            throw fail(.javaScriptInvalidAccessorParameters, "a getter cannot have parameters", at: parametersAt)
        case .setter where parameters.count != 1 || rest != nil:
            throw fail(.javaScriptInvalidAccessorParameters, "a setter must have exactly one parameter", at: parametersAt)
        default:
            break
        }
        // Methods (not plain functions) have UniqueFormalParameters.
        let facts = ParameterFacts(parameters: parameters, rest: rest, requiresUniqueNames: allowsSuper)
        try declareParameters(facts)
        let body = try parseFunctionBody(parameters: facts)
        popBindingScope()
        firstAwaitOrYield = outerAwaitOrYield
        scope = savedScope
        isStrict = savedStrict
        allowsIn = savedAllowsIn
        return Function(name: nil, parameters: parameters, rest: rest, body: body, isAsync: isAsync, isGenerator: isGenerator)
    }

    /// The body of a function or arrow, in the binding scope the caller opened for its parameters.
    mutating func parseFunctionBody(parameters: ParameterFacts) throws(JavaScriptSyntaxError) -> [Statement] {
        try expect(.openBrace)
        var body: [Statement] = []
        let wasStrict = isStrict
        try parseDirectivePrologue(into: &body, parametersAreSimple: parameters.isSimple)
        if isStrict && !wasStrict, let duplicate = parameters.firstDuplicate {
            // "use strict" in the body applies to the parameters before it.
            throw fail(.javaScriptDuplicateDeclaration, "duplicate parameter name '\(duplicate.name)'", at: duplicate.offset)
        }
        while kind != .closeBrace {
            if kind == .endOfFile { throw unexpected() }
            body.append(try parseStatementListItem())
        }
        try next()
        return body
    }

    // MARK: - Property keys and methods

    mutating func parsePropertyKey(allowsPrivate: Bool) throws(JavaScriptSyntaxError) -> PropertyKey {
        switch kind {
        case .identifier:
            let name = lexer.identifier
            try next()
            return .identifier(name)
        case .string:
            let value = JavaScriptString(utf16: lexer.stringValue)
            try checkStrictOctal()
            try next()
            return .string(value)
        case .number:
            let raw = lexer.tokenText
            try checkStrictOctal()
            try next()
            return .number(raw: raw)
        case .bigInt:
            let raw = lexer.tokenText
            try next()
            return .bigInt(raw: raw)
        case .openBracket:
            try next()
            let savedAllowsIn = allowsIn
            allowsIn = true
            let expression = try parseAssignmentExpression()
            allowsIn = savedAllowsIn
            try expect(.closeBracket)
            return .computed(expression)
        case .privateName where allowsPrivate:
            let name = lexer.identifier
            if name == "constructor" {
                throw fail(.javaScriptInvalidClassMember, "'#constructor' is not a valid private name", at: start)
            }
            try next()
            return .privateName(name)
        default:
            throw unexpected()
        }
    }

    func checkStrictOctal() throws(JavaScriptSyntaxError) {
        if isStrict, let offset = lexer.legacyOctalOffset {
            throw fail(.javaScriptLegacyOctalInStrictMode, "legacy octal literals and escapes are not allowed in strict mode", at: offset)
        }
    }

    // MARK: - Classes

    mutating func parseClass(isExpression: Bool, nameIsOptional: Bool = false) throws(JavaScriptSyntaxError) -> Class {
        let at = SourceOffset(start)
        try next()
        let savedStrict = isStrict
        isStrict = true
        var name: String?
        if kind == .identifier && !isKeyword(.extends) {
            name = try parseBindingIdentifier(isLexical: true)
        } else if !isExpression && !nameIsOptional {
            throw fail(.javaScriptUnexpectedToken, "a class declaration needs a name", at: start)
        }
        var superClass: ExpressionNode?
        if isKeyword(.extends) {
            try next()
            superClass = try parseExpression(level: .postfix)
        }
        try expect(.openBrace)
        classDepth += 1
        privateNameScopes.append(PrivateNameScope())
        var members: [ClassMember] = []
        var hasConstructor = false
        while kind != .closeBrace {
            if kind == .semicolon {
                try next()
                continue
            }
            if kind == .endOfFile { throw unexpected() }
            let memberStart = start
            let member = try parseClassMember(hasSuperClass: superClass != nil)
            if case .method(false, .constructor, _, _) = member {
                if hasConstructor { throw fail(.javaScriptInvalidClassMember, "a class can only have one constructor", at: memberStart) }
                hasConstructor = true
            }
            members.append(member)
        }
        try closePrivateNameScope()
        classDepth -= 1
        try next()
        isStrict = savedStrict
        return Class(name: name, superClass: superClass, members: members, at: at)
    }

    /// Modifier words (`static`, `async`, `get`, `set`) are names when followed by one of these tokens.
    static func modifierIsName(_ probe: Lexer) -> Bool {
        switch probe.kind {
        case .openParen, .equals, .semicolon, .closeBrace, .endOfFile: true
        default: false
        }
    }

    static func isConstructorKey(_ key: PropertyKey) -> Bool {
        switch key {
        case .identifier(let name): name == "constructor"
        case .string(let value): value == "constructor"
        default: false
        }
    }

    static func isPrototypeKey(_ key: PropertyKey) -> Bool {
        switch key {
        case .identifier(let name): name == "prototype"
        case .string(let value): value == "prototype"
        default: false
        }
    }

    mutating func parseClassMember(hasSuperClass: Bool) throws(JavaScriptSyntaxError) -> ClassMember {
        var isStatic = false
        if isKeyword(.static), !Parser.modifierIsName(try peekNext()) {
            try next()
            isStatic = true
            if kind == .openBrace {
                let savedScope = scope
                scope = FunctionScope()
                scope.allowsSuperProperty = true
                scope.allowsNewTarget = true
                scope.isClassFieldInitializer = true
                pushBindingScope(.function(isProgram: false))
                let body = try parseBlock(hasOwnScope: false)
                popBindingScope()
                scope = savedScope
                return .staticBlock(body)
            }
        }
        var isAsync = false
        var isGenerator = false
        var methodKind = MethodKind.method
        if isKeyword(.async) {
            let probe = try peekNext()
            if !Parser.modifierIsName(probe) && !probe.hasNewlineBefore {
                try next()
                isAsync = true
            }
        }
        if kind == .asterisk {
            try next()
            isGenerator = true
        }
        if !isAsync && !isGenerator && (isKeyword(.get) || isKeyword(.set)) {
            let isGetter = isKeyword(.get)
            if !Parser.modifierIsName(try peekNext()) {
                try next()
                methodKind = isGetter ? .getter : .setter
            }
        }
        let keyAt = start
        let key = try parsePropertyKey(allowsPrivate: true)
        if case .privateName(let name) = key {
            let declaration: PrivateNameScope.Declaration =
                kind != .openParen ? .field(isStatic: isStatic)
                : methodKind == .getter ? .getter(isStatic: isStatic)
                : methodKind == .setter ? .setter(isStatic: isStatic) : .method(isStatic: isStatic)
            try declarePrivateName(name, as: declaration, at: keyAt)
        }
        if isStatic && Parser.isPrototypeKey(key) {
            throw fail(.javaScriptInvalidClassMember, "a static member cannot be named 'prototype'", at: keyAt)
        }
        if kind == .openParen {
            let isConstructor = !isStatic && Parser.isConstructorKey(key)
            if isConstructor {
                guard methodKind == .method, !isAsync, !isGenerator else {
                    throw fail(.javaScriptInvalidClassMember, "the constructor cannot be a getter, setter, generator or async method", at: keyAt)
                }
                methodKind = .constructor
            }
            let function = try parseFunctionRest(
                isAsync: isAsync, isGenerator: isGenerator, kind: methodKind, allowsSuper: true,
                allowsSuperCall: isConstructor && hasSuperClass)
            return .method(isStatic: isStatic, kind: methodKind, key: key, function: function)
        }
        guard methodKind == .method, !isAsync, !isGenerator else { throw unexpected() }
        if Parser.isConstructorKey(key) {
            throw fail(.javaScriptInvalidClassMember, "a class field cannot be named 'constructor'", at: keyAt)
        }
        var value: ExpressionNode?
        if kind == .equals {
            try next()
            let savedScope = scope
            let savedAllowsIn = allowsIn
            scope = FunctionScope()
            scope.allowsSuperProperty = true
            scope.allowsNewTarget = true
            scope.isClassFieldInitializer = true
            allowsIn = true
            value = try parseAssignmentExpression()
            scope = savedScope
            allowsIn = savedAllowsIn
        }
        try consumeSemicolon()
        return .field(isStatic: isStatic, key: key, value: value)
    }
}
