extension Parser {
    /// A full expression (comma-separated sequence).
    mutating func parseExpression() throws(JavaScriptSyntaxError) -> ExpressionNode {
        try parseExpression(level: .lowest)
    }

    mutating func parseAssignmentExpression() throws(JavaScriptSyntaxError) -> ExpressionNode {
        try parseExpression(level: .comma)
    }

    func checkCoverInitializers(since count: Int) throws(JavaScriptSyntaxError) {
        if pendingCoverInitializers.count > count {
            throw coverError(at: pendingCoverInitializers[count])
        }
    }

    /// What is wrong with an object literal that did not become a pattern.
    func coverError(at offset: Int) -> JavaScriptSyntaxError {
        if duplicateProtoOffsets.contains(offset) {
            return fail(.javaScriptDuplicateDeclaration, "an object literal cannot have two '__proto__' properties", at: offset)
        }
        return fail(.javaScriptInvalidDestructuring, "a shorthand default '=' is only valid in a destructuring pattern", at: offset)
    }

    /// Parses operators that bind tighter than `level`.
    ///
    /// Measures the height of the tree it builds (see `JavaScriptParser.nestingLimit`): a prefix is as deep as the
    /// parser's recursion went, and each operator of a chain (`a+b+c`, `a.b.c`, `f()()`), which the parser
    /// builds in a loop, adds one level on top of its deeper operand.
    mutating func parseExpression(level: Precedence) throws(JavaScriptSyntaxError) -> ExpressionNode {
        let entryDepth = nestingDepth
        let outerDeepest = deepestNesting
        deepestNesting = entryDepth
        try enterNesting()
        defer {
            nestingDepth = entryDepth
            deepestNesting = max(outerDeepest, deepestNesting)
        }
        let left = try parsePrefix(level: level)
        var height = deepestNesting - entryDepth
        // An arrow function or a `yield` is an AssignmentExpression: only a comma can follow it.
        let endsAssignmentExpression: Bool
        switch left.kind {
        case .arrow: endsAssignmentExpression = !isParenthesized(left)
        case .yield: endsAssignmentExpression = !isParenthesized(left)
        default: endsAssignmentExpression = false
        }
        if endsAssignmentExpression && !(level < .comma && kind == .comma) {
            return left
        }
        return try parseSuffix(left, level: level, height: &height, entryDepth: entryDepth)
    }

    func isParenthesized(_ expression: ExpressionNode) -> Bool {
        lastParenthesizedEnd == previousEnd && lastParenthesizedStart == expression.at.byte
    }

    // MARK: - Prefix

    mutating func parsePrefix(level: Precedence) throws(JavaScriptSyntaxError) -> ExpressionNode {
        let at = SourceOffset(start)
        switch kind {
        case .identifier:
            return try parseIdentifierPrefix(level: level, at: at)
        case .number:
            let raw = lexer.tokenText
            try checkStrictOctal()
            try next()
            return ExpressionNode(.number(raw: raw), at: at)
        case .bigInt:
            let raw = lexer.tokenText
            try next()
            return ExpressionNode(.bigInt(raw: raw), at: at)
        case .string:
            let value = JavaScriptString(utf16: lexer.stringValue)
            try checkStrictOctal()
            try next()
            return ExpressionNode(.string(value), at: at)
        case .noSubstitutionTemplate, .templateHead:
            return try parseTemplate(tag: nil, at: at)
        case .slash, .slashEquals:
            let (pattern, flags) = try lexer.rescanRegularExpression()
            try checkRegularExpressionGroupNames(pattern, at: at.byte)
            try next()
            return ExpressionNode(.regularExpression(pattern: pattern, flags: flags), at: at)
        case .openParen:
            return try parseParenthesizedOrArrow(level: level, isAsync: false, at: at)
        case .openBracket:
            return try parseArrayLiteral(at: at)
        case .openBrace:
            return try parseObjectLiteral(at: at)
        case .privateName:
            let name = lexer.identifier
            guard classDepth > 0 else {
                throw fail(.javaScriptPrivateNameOutsideClass, "private name '#\(name)' outside of a class", at: start)
            }
            usePrivateName(name, at: start)
            try next()
            guard isKeyword(.in), level < .compare else { throw fail(.javaScriptUnexpectedToken, "unexpected private name '#\(name)'", at: at.byte) }
            return ExpressionNode(.privateName(name), at: at)
        case .exclamation, .tilde, .plus, .minus:
            let op: UnaryOperator =
                switch kind {
                case .exclamation: .not
                case .tilde: .bitwiseNot
                case .plus: .plus
                default: .negate
                }
            try next()
            let operand = try parseExpression(level: .prefix.lower)
            return ExpressionNode(.unary(op, operand), at: at)
        case .plusPlus, .minusMinus:
            let op: UpdateOperator = kind == .plusPlus ? .increment : .decrement
            try next()
            let operandAt = start
            let operand = try parseExpression(level: .prefix.lower)
            try validateSimpleTarget(operand, at: operandAt)
            return ExpressionNode(.update(op, isPrefix: true, operand), at: at)
        default:
            throw unexpected()
        }
    }

    mutating func parseIdentifierPrefix(level: Precedence, at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode {
        let name = lexer.identifier
        let keyword = lexer.keyword
        let hasEscape = lexer.identifierHasEscape
        if hasEscape && keyword.isReserved {
            throw fail(.javaScriptEscapedKeyword, "keywords cannot contain escape sequences", at: start)
        }
        if !hasEscape {
            switch keyword {
            case .this:
                try next()
                return ExpressionNode(.this, at: at)
            case .null:
                try next()
                return ExpressionNode(.null, at: at)
            case .true, .false:
                try next()
                return ExpressionNode(.boolean(keyword == .true), at: at)
            case .function:
                return ExpressionNode(.function(try parseFunction(isAsync: false, isExpression: true, nameIsOptional: true, at: at)), at: at)
            case .class:
                return ExpressionNode(.class(try parseClass(isExpression: true)), at: at)
            case .new:
                return try parseNew(at: at)
            case .super:
                return try parseSuper(at: at)
            case .import:
                return try parseImportExpression(at: at)
            case .typeof, .void, .delete:
                let op: UnaryOperator = keyword == .typeof ? .typeof : keyword == .void ? .void : .delete
                try next()
                let operand = try parseExpression(level: .prefix.lower)
                if op == .delete {
                    if isStrict, case .identifier = operand.kind {
                        throw fail(.javaScriptDeleteOfIdentifierInStrictMode, "cannot delete a variable in strict mode", at: at.byte)
                    }
                    if case .privateMember = operand.kind {
                        throw fail(.javaScriptPrivateNameOutsideClass, "private members cannot be deleted", at: at.byte)
                    }
                }
                return ExpressionNode(.unary(op, operand), at: at)
            case .yield:
                if scope.isGenerator {
                    return try parseYield(level: level, at: at)
                }
            case .await:
                if scope.isAsync || scope.isModuleTopLevel {
                    if scope.isInParameters {
                        throw fail(.javaScriptAwaitOrYieldMisplaced, "'await' is not allowed in the parameters of an async function", at: at.byte)
                    }
                    if firstAwaitOrYield == nil { firstAwaitOrYield = at.byte }
                    try next()
                    let operand = try parseExpression(level: .prefix.lower)
                    return ExpressionNode(.await(operand), at: at)
                }
            case .async:
                if let asyncForm = try parseAsyncPrefix(level: level, at: at) { return asyncForm }
                return ExpressionNode(.identifier(name), at: at)
            default:
                break
            }
        }
        try checkIdentifierReference(name, keyword: keyword, at: at.byte)
        try next()
        if kind == .arrow, !lexer.hasNewlineBefore {
            guard level <= .assign else { throw unexpected() }
            try checkBindingIdentifier(name, keyword: keyword, hasEscape: hasEscape, at: at.byte, isLexical: false)
            let parameter = Parameter(target: Pattern(.identifier(name), at: at))
            return try parseArrowBody(parameters: [parameter], rest: nil, isAsync: false, at: at)
        }
        return ExpressionNode(.identifier(name), at: at)
    }

    func checkIdentifierReference(_ name: String, keyword: Keyword, at offset: Int) throws(JavaScriptSyntaxError) {
        if keyword == .none { return }
        if keyword == .arguments && scope.isClassFieldInitializer {
            throw fail(.javaScriptEvalOrArgumentsAssignment, "'arguments' is not allowed in a class field initializer or static block", at: offset)
        }
        if keyword.isReserved {
            throw fail(.javaScriptUnexpectedToken, "unexpected keyword '\(name)'", at: offset)
        }
        if isStrict && keyword.isStrictReserved {
            throw fail(.javaScriptReservedWord, "'\(name)' is reserved in strict mode", at: offset)
        }
        if keyword == .await && (goal == .module || scope.isAsync) {
            throw fail(.javaScriptAwaitOrYieldMisplaced, "'await' is only valid in async functions and at the top level of modules", at: offset)
        }
    }

    /// `async function`, `async x => …`, `async (…) => …`; nil when `async` is a plain identifier (already consumed).
    mutating func parseAsyncPrefix(level: Precedence, at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode? {
        try next()
        if lexer.hasNewlineBefore { return nil }
        if isKeyword(.function) {
            return ExpressionNode(.function(try parseFunction(isAsync: true, isExpression: true, nameIsOptional: true, at: at)), at: at)
        }
        if kind == .identifier, !(lexer.keyword.isReserved && !lexer.identifierHasEscape) {
            let probe = try peekNext()
            guard probe.kind == .arrow, !probe.hasNewlineBefore else { return nil }
            guard level <= .assign else { throw unexpected() }
            let parameterAt = SourceOffset(start)
            let savedAsync = scope.isAsync
            scope.isAsync = true
            let name = try parseBindingIdentifier(isLexical: false)
            scope.isAsync = savedAsync
            return try parseArrowBody(parameters: [Parameter(target: Pattern(.identifier(name), at: parameterAt))], rest: nil, isAsync: true, at: at)
        }
        if kind == .openParen {
            return try parseParenthesizedOrArrow(level: level, isAsync: true, at: at)
        }
        if kind == .arrow, !lexer.hasNewlineBefore {
            guard level <= .assign else { throw unexpected() }
            return try parseArrowBody(parameters: [Parameter(target: Pattern(.identifier("async"), at: at))], rest: nil, isAsync: false, at: at)
        }
        return nil
    }

    mutating func parseYield(level: Precedence, at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode {
        guard level <= .assign else {
            throw fail(.javaScriptAwaitOrYieldMisplaced, "'yield' cannot be used here without parentheses", at: start)
        }
        if scope.isInParameters {
            throw fail(.javaScriptAwaitOrYieldMisplaced, "'yield' is not allowed in the parameters of a generator", at: start)
        }
        if firstAwaitOrYield == nil { firstAwaitOrYield = at.byte }
        try next()
        if lexer.hasNewlineBefore {
            return ExpressionNode(.yield(nil, isDelegate: false), at: at)
        }
        if kind == .asterisk {
            try next()
            return ExpressionNode(.yield(try parseExpression(level: .yield), isDelegate: true), at: at)
        }
        switch kind {
        case .closeParen, .closeBracket, .closeBrace, .comma, .semicolon, .colon, .endOfFile, .templateMiddle, .templateTail:
            return ExpressionNode(.yield(nil, isDelegate: false), at: at)
        case .identifier where isKeyword(.in) || isKeyword(.of):
            return ExpressionNode(.yield(nil, isDelegate: false), at: at)
        case .question:
            return ExpressionNode(.yield(nil, isDelegate: false), at: at)
        default:
            return ExpressionNode(.yield(try parseExpression(level: .yield), isDelegate: false), at: at)
        }
    }

    mutating func parseNew(at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode {
        try next()
        if kind == .dot {
            try next()
            guard isKeyword(.target) else { throw unexpected() }
            guard scope.allowsNewTarget else {
                throw fail(.javaScriptNewTargetOutsideFunction, "'new.target' is only valid inside functions", at: at.byte)
            }
            try next()
            return ExpressionNode(.newTarget, at: at)
        }
        let calleeAt = start
        let callee = try parseExpression(level: .member)
        if Parser.containsOptionalChain(callee) && !isParenthesized(callee) {
            throw fail(.javaScriptInvalidOptionalChain, "an optional chain cannot be the callee of 'new'", at: calleeAt)
        }
        if case .importCall = callee.kind, !isParenthesized(callee) {
            throw fail(.javaScriptUnexpectedToken, "'import()' cannot be used with 'new'", at: calleeAt)
        }
        if kind == .questionDot {
            throw fail(.javaScriptInvalidOptionalChain, "an optional chain cannot be the callee of 'new'", at: start)
        }
        var arguments: [ExpressionNode] = []
        if kind == .openParen {
            arguments = try parseArguments()
        }
        return ExpressionNode(.new(callee: callee, arguments: arguments), at: at)
    }

    static func containsOptionalChain(_ expression: ExpressionNode) -> Bool {
        switch expression.kind {
        case .member(_, _, let chain), .privateMember(_, _, let chain), .index(_, _, let chain), .call(_, _, let chain):
            chain != .none
        default:
            false
        }
    }

    mutating func parseSuper(at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode {
        try next()
        switch kind {
        case .openParen:
            guard scope.allowsSuperCall else {
                throw fail(.javaScriptInvalidSuper, "'super()' is only valid in constructors of derived classes", at: at.byte)
            }
        case .dot, .openBracket:
            guard scope.allowsSuperProperty else {
                throw fail(.javaScriptInvalidSuper, "'super' property access is only valid in methods", at: at.byte)
            }
        default:
            throw fail(.javaScriptInvalidSuper, "'super' must be followed by a call or a property access", at: at.byte)
        }
        return ExpressionNode(.super, at: at)
    }

    mutating func parseImportExpression(at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode {
        try next()
        if kind == .dot {
            try next()
            guard isKeyword(.meta) else { throw unexpected() }
            guard goal == .module else {
                throw fail(.javaScriptImportMetaInScript, "'import.meta' is only valid in modules", at: at.byte)
            }
            try next()
            return ExpressionNode(.importMeta, at: at)
        }
        guard kind == .openParen else { throw unexpected() }
        try next()
        let savedAllowsIn = allowsIn
        allowsIn = true
        let specifier = try parseAssignmentExpression()
        allowsIn = savedAllowsIn
        try expect(.closeParen)
        return ExpressionNode(.importCall(specifier), at: at)
    }

    // MARK: - Templates

    mutating func parseTemplate(tag: ExpressionNode?, at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode {
        let head = try currentTemplatePart(isTagged: tag != nil)
        var spans: [TemplateSpan] = []
        if kind == .templateHead {
            let savedAllowsIn = allowsIn
            allowsIn = true
            while true {
                try next()
                let expression = try parseExpression()
                guard kind == .closeBrace else {
                    if kind == .endOfFile {
                        throw fail(.javaScriptUnterminatedTemplate, "unterminated template literal", at: at.byte)
                    }
                    throw unexpected()
                }
                do {
                    try lexer.rescanTemplateContinuation()
                } catch {
                    throw error.code == .javaScriptUnterminatedTemplate
                        ? fail(.javaScriptUnterminatedTemplate, "unterminated template literal", at: at.byte) : error
                }
                spans.append(TemplateSpan(expression: expression, tail: try currentTemplatePart(isTagged: tag != nil)))
                if kind == .templateTail { break }
            }
            allowsIn = savedAllowsIn
        }
        try next()
        return ExpressionNode(.template(tag: tag, head: head, spans: spans), at: at)
    }

    func currentTemplatePart(isTagged: Bool) throws(JavaScriptSyntaxError) -> TemplatePart {
        if let invalid = lexer.invalidTemplateEscapeOffset {
            guard isTagged else {
                throw fail(.javaScriptInvalidEscape, "invalid escape sequence in template literal", at: invalid)
            }
            return TemplatePart(cooked: nil, raw: lexer.templateRaw)
        }
        return TemplatePart(cooked: JavaScriptString(utf16: lexer.stringValue), raw: lexer.templateRaw)
    }

    // MARK: - Parentheses and arrows

    /// `( … )` as a parenthesized expression or arrow parameters; with `isAsync`, `async( … )` as a call or async arrow.
    mutating func parseParenthesizedOrArrow(level: Precedence, isAsync: Bool, at: SourceOffset) throws(JavaScriptSyntaxError)
        -> ExpressionNode
    {
        try next()
        let savedAllowsIn = allowsIn
        allowsIn = true
        let pendingBefore = pendingCoverInitializers.count
        let outerAwaitOrYield = firstAwaitOrYield
        firstAwaitOrYield = nil
        var items: [ExpressionNode] = []
        var restAt: Int?
        var trailingCommaAt: Int?
        while kind != .closeParen {
            if kind == .dotDotDot {
                let spreadAt = SourceOffset(start)
                if restAt == nil { restAt = start }
                try next()
                items.append(ExpressionNode(.spread(try parseAssignmentExpression()), at: spreadAt))
            } else {
                items.append(try parseAssignmentExpression())
            }
            guard kind == .comma else { break }
            trailingCommaAt = start
            try next()
            if kind != .closeParen { trailingCommaAt = nil }
        }
        let closeAt = start
        try expect(.closeParen)
        allowsIn = savedAllowsIn
        let awaitOrYieldInItems = firstAwaitOrYield
        firstAwaitOrYield = outerAwaitOrYield ?? awaitOrYieldInItems
        if kind == .arrow, !lexer.hasNewlineBefore {
            guard level <= .assign else { throw unexpected() }
            if let offset = awaitOrYieldInItems {
                throw fail(.javaScriptAwaitOrYieldMisplaced, "'await' and 'yield' are not allowed in arrow function parameters", at: offset)
            }
            var parameters: [Parameter] = []
            var rest: Pattern?
            let savedAsync = scope.isAsync
            if isAsync { scope.isAsync = true }
            for (index, item) in items.enumerated() {
                if case .spread(let inner) = item.kind {
                    guard index == items.count - 1, trailingCommaAt == nil else {
                        throw fail(.javaScriptRestNotLast, "a rest parameter must be last", at: item.at.byte)
                    }
                    rest = try bindingPattern(from: inner)
                } else {
                    parameters.append(try parameter(from: item))
                }
            }
            scope.isAsync = savedAsync
            pendingCoverInitializers.removeSubrange(pendingBefore...)
            return try parseArrowBody(parameters: parameters, rest: rest, isAsync: isAsync, at: at)
        }
        if isAsync {
            return ExpressionNode(.call(callee: ExpressionNode(.identifier("async"), at: at), arguments: items, optionalChain: .none), at: at)
        }
        if items.isEmpty { throw fail(.javaScriptUnexpectedToken, "unexpected token ')'", at: closeAt) }
        if let restAt { throw fail(.javaScriptUnexpectedToken, "unexpected token '...'", at: restAt) }
        if let trailingCommaAt { throw fail(.javaScriptUnexpectedToken, "unexpected token ')'", at: trailingCommaAt + 1) }
        let inner = items.count == 1 ? items[0] : ExpressionNode(.sequence(items), at: items[0].at)
        lastParenthesizedStart = inner.at.byte
        lastParenthesizedEnd = previousEnd
        return inner
    }

    mutating func parseArrowBody(parameters: [Parameter], rest: Pattern?, isAsync: Bool, at: SourceOffset) throws(JavaScriptSyntaxError)
        -> ExpressionNode
    {
        try next()
        let savedScope = scope
        let savedStrict = isStrict
        let outerAwaitOrYield = firstAwaitOrYield
        firstAwaitOrYield = nil
        scope = FunctionScope()
        scope.isAsync = isAsync
        scope.allowsReturn = true
        scope.allowsNewTarget = savedScope.allowsNewTarget
        scope.allowsSuperProperty = savedScope.allowsSuperProperty
        scope.allowsSuperCall = savedScope.allowsSuperCall
        scope.isClassFieldInitializer = savedScope.isClassFieldInitializer
        pushBindingScope(.function(isProgram: false))
        let facts = ParameterFacts(parameters: parameters, rest: rest, requiresUniqueNames: true)
        try declareParameters(facts)
        let body: ArrowBody
        if kind == .openBrace {
            let savedAllowsIn = allowsIn
            allowsIn = true
            body = .block(try parseFunctionBody(parameters: facts))
            allowsIn = savedAllowsIn
        } else {
            body = .expression(try parseAssignmentExpression())
        }
        popBindingScope()
        firstAwaitOrYield = outerAwaitOrYield
        scope = savedScope
        isStrict = savedStrict
        return ExpressionNode(.arrow(ArrowFunction(parameters: parameters, rest: rest, body: body, isAsync: isAsync)), at: at)
    }

    // MARK: - Array and object literals

    mutating func parseArrayLiteral(at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode {
        try next()
        let savedAllowsIn = allowsIn
        allowsIn = true
        var elements: [ExpressionNode?] = []
        while kind != .closeBracket {
            if kind == .comma {
                try next()
                elements.append(nil)
                continue
            }
            if kind == .dotDotDot {
                let spreadAt = SourceOffset(start)
                try next()
                elements.append(ExpressionNode(.spread(try parseAssignmentExpression()), at: spreadAt))
            } else {
                elements.append(try parseAssignmentExpression())
            }
            guard kind == .comma else { break }
            try next()
        }
        try expect(.closeBracket)
        allowsIn = savedAllowsIn
        return ExpressionNode(.array(elements), at: at)
    }

    mutating func parseObjectLiteral(at: SourceOffset) throws(JavaScriptSyntaxError) -> ExpressionNode {
        try next()
        let savedAllowsIn = allowsIn
        allowsIn = true
        var properties: [Property] = []
        var hasProto = false
        while kind != .closeBrace {
            let propertyStart = start
            let property = try parseObjectProperty()
            if property.kind == .value, !property.isShorthand, Parser.isProtoKey(property.key) {
                if hasProto {
                    // An error unless the literal turns out to be a destructuring pattern.
                    pendingCoverInitializers.append(propertyStart)
                    duplicateProtoOffsets.insert(propertyStart)
                }
                hasProto = true
            }
            properties.append(property)
            guard kind == .comma else { break }
            try next()
        }
        try expect(.closeBrace)
        allowsIn = savedAllowsIn
        return ExpressionNode(.object(properties), at: at)
    }

    mutating func parseObjectProperty() throws(JavaScriptSyntaxError) -> Property {
        let propertyAt = SourceOffset(start)
        if kind == .dotDotDot {
            try next()
            return Property(kind: .spread, key: .identifier(""), value: try parseAssignmentExpression())
        }
        var isAsync = false
        var isGenerator = false
        var accessor: MethodKind?
        if isKeyword(.async) {
            let probe = try peekNext()
            if !Parser.objectModifierIsName(probe) && !probe.hasNewlineBefore {
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
            if !Parser.objectModifierIsName(try peekNext()) {
                try next()
                accessor = isGetter ? .getter : .setter
            }
        }
        let keyAt = start
        let keyIsIdentifier = kind == .identifier
        let keyword = lexer.keyword
        let hasEscape = lexer.identifierHasEscape
        let key = try parsePropertyKey(allowsPrivate: false)
        if kind == .openParen {
            let methodKind = accessor ?? .method
            let function = try parseFunctionRest(
                isAsync: isAsync, isGenerator: isGenerator, kind: methodKind, allowsSuper: true, allowsSuperCall: false)
            let propertyKind: PropertyKind =
                switch methodKind {
                case .getter: .getter
                case .setter: .setter
                default: .method
                }
            return Property(kind: propertyKind, key: key, value: ExpressionNode(.function(function), at: propertyAt))
        }
        guard accessor == nil, !isAsync, !isGenerator else { throw unexpected() }
        if kind == .colon {
            try next()
            return Property(kind: .value, key: key, value: try parseAssignmentExpression())
        }
        guard keyIsIdentifier, case .identifier(let name) = key else { throw unexpected() }
        if hasEscape && keyword.isReserved {
            throw fail(.javaScriptEscapedKeyword, "keywords cannot contain escape sequences", at: keyAt)
        }
        try checkIdentifierReference(name, keyword: keyword, at: keyAt)
        if keyword == .yield && scope.isGenerator || keyword == .await && (scope.isAsync || scope.isModuleTopLevel) {
            throw fail(.javaScriptReservedWord, "'\(name)' cannot be used as a shorthand property here", at: keyAt)
        }
        let value = ExpressionNode(.identifier(name), at: SourceOffset(keyAt))
        if kind == .equals {
            pendingCoverInitializers.append(start)
            try next()
            let defaultValue = try parseAssignmentExpression()
            return Property(kind: .value, key: key, value: value, isShorthand: true, shorthandDefault: defaultValue)
        }
        return Property(kind: .value, key: key, value: value, isShorthand: true)
    }

    static func isProtoKey(_ key: PropertyKey) -> Bool {
        switch key {
        case .identifier(let name): name == "__proto__"
        case .string(let value): value == "__proto__"
        default: false
        }
    }

    static func objectModifierIsName(_ probe: Lexer) -> Bool {
        switch probe.kind {
        case .openParen, .colon, .comma, .closeBrace, .equals: true
        default: false
        }
    }

    // MARK: - Suffix

    mutating func parseArguments() throws(JavaScriptSyntaxError) -> [ExpressionNode] {
        try expect(.openParen)
        let savedAllowsIn = allowsIn
        allowsIn = true
        var arguments: [ExpressionNode] = []
        while kind != .closeParen {
            if kind == .dotDotDot {
                let spreadAt = SourceOffset(start)
                try next()
                arguments.append(ExpressionNode(.spread(try parseAssignmentExpression()), at: spreadAt))
            } else {
                arguments.append(try parseAssignmentExpression())
            }
            guard kind == .comma else { break }
            try next()
        }
        try expect(.closeParen)
        allowsIn = savedAllowsIn
        return arguments
    }

    mutating func parseMemberName() throws(JavaScriptSyntaxError) -> (name: String, isPrivate: Bool) {
        if kind == .identifier {
            let name = lexer.identifier
            try next()
            return (name, false)
        }
        if kind == .privateName {
            let name = lexer.identifier
            guard classDepth > 0 else {
                throw fail(.javaScriptPrivateNameOutsideClass, "private name '#\(name)' outside of a class", at: start)
            }
            usePrivateName(name, at: start)
            try next()
            return (name, true)
        }
        throw unexpected()
    }

    /// The operators after a prefix, in a loop (a chain never recurses). `height` is the height of `left`, whose
    /// root is one level below `entryDepth`; each operator puts a node on top of `left` and its operands.
    mutating func parseSuffix(_ initial: ExpressionNode, level: Precedence, height: inout Int, entryDepth: Int)
        throws(JavaScriptSyntaxError) -> ExpressionNode
    {
        var left = initial
        var inChain = false
        var builtAssignment = false
        while true {
            deepestNesting = nestingDepth
            // An assignment took every operator it could into its value; only a comma may follow it (`x = yield\n* 2`
            // is `x = yield`, then a statement starting with `*`).
            let stopsHere = builtAssignment && !(kind == .comma && level < .comma)
            guard !stopsHere, let wrapped = try parseSuffixOperator(left, level: level, inChain: &inChain) else {
                deepestNesting = entryDepth + height
                return left
            }
            height = max(height, deepestNesting - nestingDepth) + 1
            deepestNesting = entryDepth + height
            try noteNesting(entryDepth + height)
            left = wrapped
            if case .assignment = wrapped.kind { builtAssignment = true } else { builtAssignment = false }
            if kind != .dot && kind != .questionDot && kind != .openBracket && kind != .openParen && kind != .noSubstitutionTemplate
                && kind != .templateHead
            {
                inChain = false
            }
        }
    }

    /// One operator after `left` and its operands, or nil when the next token does not continue the expression
    /// at this `level`.
    mutating func parseSuffixOperator(_ left: ExpressionNode, level: Precedence, inChain: inout Bool) throws(JavaScriptSyntaxError)
        -> ExpressionNode?
    {
        let at = left.at
        switch kind {
        case .dot:
            try next()
            let (name, isPrivate) = try parseMemberName()
            let chain: OptionalChain = inChain ? .continuation : .none
            return ExpressionNode(
                isPrivate
                    ? .privateMember(object: left, name: name, optionalChain: chain)
                    : .member(object: left, name: name, optionalChain: chain), at: at)
        case .questionDot:
            if level >= .member && !inChain {
                // `new a?.b` is an error, reported by parseNew.
                return nil
            }
            try next()
            inChain = true
            switch kind {
            case .openBracket:
                try next()
                let savedAllowsIn = allowsIn
                allowsIn = true
                let index = try parseExpression()
                allowsIn = savedAllowsIn
                try expect(.closeBracket)
                return ExpressionNode(.index(object: left, index: index, optionalChain: .start), at: at)
            case .openParen:
                return ExpressionNode(.call(callee: left, arguments: try parseArguments(), optionalChain: .start), at: at)
            case .noSubstitutionTemplate, .templateHead:
                throw fail(.javaScriptInvalidOptionalChain, "a template literal cannot follow an optional chain", at: start)
            default:
                let (name, isPrivate) = try parseMemberName()
                return ExpressionNode(
                    isPrivate
                        ? .privateMember(object: left, name: name, optionalChain: .start)
                        : .member(object: left, name: name, optionalChain: .start), at: at)
            }
        case .openBracket:
            try next()
            let savedAllowsIn = allowsIn
            allowsIn = true
            let index = try parseExpression()
            allowsIn = savedAllowsIn
            try expect(.closeBracket)
            return ExpressionNode(.index(object: left, index: index, optionalChain: inChain ? .continuation : .none), at: at)
        case .openParen:
            if level >= .call { return nil }
            let arguments = try parseArguments()
            return ExpressionNode(.call(callee: left, arguments: arguments, optionalChain: inChain ? .continuation : .none), at: at)
        case .noSubstitutionTemplate, .templateHead:
            if inChain || Parser.containsOptionalChain(left) && !isParenthesized(left) {
                throw fail(.javaScriptInvalidOptionalChain, "a template literal cannot follow an optional chain", at: start)
            }
            return try parseTemplate(tag: left, at: at)
        case .plusPlus, .minusMinus:
            if lexer.hasNewlineBefore || level >= .postfix { return nil }
            try validateSimpleTarget(left, at: at.byte)
            let op: UpdateOperator = kind == .plusPlus ? .increment : .decrement
            try next()
            return ExpressionNode(.update(op, isPrefix: false, left), at: at)
        case .comma:
            if level >= .comma { return nil }
            var items = [left]
            while kind == .comma {
                try next()
                items.append(try parseExpression(level: .comma))
            }
            return ExpressionNode(.sequence(items), at: at)
        case .question:
            if level >= .conditional { return nil }
            try next()
            let savedAllowsIn = allowsIn
            allowsIn = true
            let consequent = try parseExpression(level: .comma)
            allowsIn = savedAllowsIn
            try expect(.colon)
            let alternate = try parseExpression(level: .comma)
            return ExpressionNode(.conditional(test: left, consequent: consequent, alternate: alternate), at: at)
        default:
            if let assignment = kind.assignmentOperator {
                if level >= .assign { return nil }
                try validateAssignment(left, operator: assignment)
                try next()
                let value = try parseExpression(level: .assign.lower)
                return ExpressionNode(.assignment(assignment, target: left, value: value), at: at)
            }
            var binary = BinaryOperator.forToken(kind)
            if binary == nil, kind == .identifier, !lexer.identifierHasEscape {
                if lexer.keyword == .in && allowsIn {
                    binary = .in
                } else if lexer.keyword == .instanceof {
                    binary = .instanceof
                }
            }
            guard let op = binary else { return nil }
            let precedence = op.precedence
            if level >= precedence { return nil }
            let operatorAt = start
            if case .privateName = left.kind, op != .in {
                throw fail(.javaScriptUnexpectedToken, "unexpected private name", at: at.byte)
            }
            if op == .exponent {
                if case .unary = left.kind, !isParenthesized(left) {
                    throw fail(.javaScriptUnaryBeforeExponent, "a unary expression cannot be the left operand of '**'", at: operatorAt)
                }
                if case .await = left.kind, !isParenthesized(left) {
                    throw fail(.javaScriptUnaryBeforeExponent, "an await expression cannot be the left operand of '**'", at: operatorAt)
                }
            }
            if op == .nullishCoalescing, case .binary(let leftOp, _, _) = left.kind, leftOp == .logicalOr || leftOp == .logicalAnd,
                !isParenthesized(left)
            {
                throw fail(.javaScriptMixedNullishCoalescing, "'??' cannot be mixed with '||' or '&&' without parentheses", at: operatorAt)
            }
            if op == .logicalOr || op == .logicalAnd, case .binary(.nullishCoalescing, _, _) = left.kind, !isParenthesized(left) {
                throw fail(.javaScriptMixedNullishCoalescing, "'??' cannot be mixed with '||' or '&&' without parentheses", at: operatorAt)
            }
            try next()
            let right = try parseExpression(level: op == .exponent ? precedence.lower : precedence)
            if op == .nullishCoalescing, case .binary(let rightOp, _, _) = right.kind, rightOp == .logicalOr || rightOp == .logicalAnd,
                !isParenthesized(right)
            {
                throw fail(.javaScriptMixedNullishCoalescing, "'??' cannot be mixed with '||' or '&&' without parentheses", at: operatorAt)
            }
            return ExpressionNode(.binary(op, left, right), at: at)
        }
    }
}
