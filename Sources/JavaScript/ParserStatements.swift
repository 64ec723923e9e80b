extension Parser {
    /// A statement or a declaration (`let`, `const`, `class`, `function`, `import`, `export`).
    mutating func parseStatementListItem() throws(JavaScriptSyntaxError) -> Statement {
        let pendingBefore = pendingCoverInitializers.count
        let statement = try parseStatement(isListItem: true)
        if pendingCoverInitializers.count > pendingBefore {
            throw coverError(at: pendingCoverInitializers[pendingBefore])
        }
        return statement
    }

    /// The body of `if`, loops, labels and `with`: declarations other than sloppy-mode functions are not allowed.
    mutating func parseSubstatement() throws(JavaScriptSyntaxError) -> Statement {
        if isKeyword(.let) {
            let probe = try peekNext()
            if probe.kind == .openBracket {
                throw fail(.javaScriptLexicalDeclarationInSingleStatement, "a lexical declaration needs a block here", at: start)
            }
        }
        if isKeyword(.const) || isKeyword(.class) || (isStrict && isKeyword(.function)) {
            throw fail(.javaScriptLexicalDeclarationInSingleStatement, "a declaration needs a block here", at: start)
        }
        if isKeyword(.async) {
            let probe = try peekNext()
            if probe.kind == .identifier, probe.keyword == .function, !probe.identifierHasEscape, !probe.hasNewlineBefore {
                throw fail(.javaScriptLexicalDeclarationInSingleStatement, "an async function declaration needs a block here", at: start)
            }
        }
        let pendingBefore = pendingCoverInitializers.count
        let statement = try parseStatement(isListItem: false)
        if pendingCoverInitializers.count > pendingBefore {
            throw coverError(at: pendingCoverInitializers[pendingBefore])
        }
        return statement
    }

    mutating func parseStatement(isListItem: Bool) throws(JavaScriptSyntaxError) -> Statement {
        try enterNesting()
        defer { leaveNesting() }
        let at = SourceOffset(start)
        let attachedLabels = scope.attachedLabelCount
        scope.attachedLabelCount = 0
        switch kind {
        case .openBrace:
            return Statement(.block(try parseBlock()), at: at)
        case .semicolon:
            try next()
            return Statement(.empty, at: at)
        case .identifier:
            break
        default:
            return try parseExpressionStatement(at: at)
        }
        if lexer.identifierHasEscape {
            if lexer.keyword.isReserved && lexer.keyword != .this && lexer.keyword != .null && lexer.keyword != .true
                && lexer.keyword != .false
            {
                throw fail(.javaScriptEscapedKeyword, "keywords cannot contain escape sequences", at: start)
            }
            return try parseExpressionStatement(at: at)
        }
        switch lexer.keyword {
        case .var:
            try next()
            let declaration = try parseVariableDeclarations(kind: .var)
            try consumeSemicolon()
            return Statement(.variable(declaration), at: at)
        case .let:
            let probe = try peekNext()
            let startsDeclaration: Bool =
                switch probe.kind {
                case .openBracket: true
                case .openBrace: isListItem || !probe.hasNewlineBefore
                case .identifier:
                    (!probe.keyword.isReserved || probe.identifierHasEscape) && (isListItem || !probe.hasNewlineBefore)
                        && !(probe.keyword == .in || probe.keyword == .instanceof)
                default: false
                }
            if startsDeclaration {
                guard isListItem else {
                    throw fail(.javaScriptLexicalDeclarationInSingleStatement, "a lexical declaration needs a block here", at: start)
                }
                try next()
                let declaration = try parseVariableDeclarations(kind: .let)
                try consumeSemicolon()
                return Statement(.variable(declaration), at: at)
            }
            return try parseExpressionStatement(at: at)
        case .const:
            try next()
            let declaration = try parseVariableDeclarations(kind: .const)
            try consumeSemicolon()
            return Statement(.variable(declaration), at: at)
        case .function:
            let function = try parseFunctionDeclaration(isAsync: false, at: at)
            try declareFunction(function, at: at.byte)
            return Statement(.function(function), at: at)
        case .async:
            let probe = try peekNext()
            if probe.kind == .identifier, probe.keyword == .function, !probe.identifierHasEscape, !probe.hasNewlineBefore {
                try next()
                let function = try parseFunctionDeclaration(isAsync: true, at: at)
                try declareFunction(function, at: at.byte)
                return Statement(.function(function), at: at)
            }
            return try parseExpressionStatement(at: at)
        case .class:
            let declared = try parseClass(isExpression: false)
            if let name = declared.name { try declare(name, as: .lexical, at: at.byte) }
            return Statement(.class(declared), at: at)
        case .if:
            return try parseIfChain(at: at)
        case .for:
            return try parseForStatement(at: at, attachedLabels: attachedLabels)
        case .while:
            try next()
            try expect(.openParen)
            let test = try parseExpression()
            try expect(.closeParen)
            let body = try parseLoopBody(attachedLabels: attachedLabels)
            return Statement(.while(test: test, body: body), at: at)
        case .do:
            try next()
            let body = try parseLoopBody(attachedLabels: attachedLabels)
            try expectKeyword(.while)
            try expect(.openParen)
            let test = try parseExpression()
            try expect(.closeParen)
            // `do … while (x)` ends its statement even without a line break.
            if kind == .semicolon { try next() }
            return Statement(.doWhile(body: body, test: test), at: at)
        case .return:
            guard scope.allowsReturn else {
                throw fail(.javaScriptReturnOutsideFunction, "'return' outside of a function", at: start)
            }
            try next()
            var value: ExpressionNode?
            if kind != .semicolon && kind != .closeBrace && kind != .endOfFile && !lexer.hasNewlineBefore {
                value = try parseExpression()
            }
            try consumeSemicolon()
            return Statement(.return(value), at: at)
        case .break, .continue:
            let isBreak = lexer.keyword == .break
            try next()
            var label: String?
            if kind == .identifier, !lexer.hasNewlineBefore, !(lexer.keyword.isReserved && !lexer.identifierHasEscape) {
                let name = lexer.identifier
                guard let found = scope.labels.last(where: { $0.name == name }) else {
                    throw fail(.javaScriptInvalidJump, "undefined label '\(name)'", at: start)
                }
                if !isBreak && !found.isLoop {
                    throw fail(.javaScriptInvalidJump, "'continue' must name a loop label", at: start)
                }
                label = name
                try next()
            } else if isBreak ? scope.breakableDepth == 0 : scope.loopDepth == 0 {
                throw fail(.javaScriptInvalidJump, isBreak ? "'break' outside of a loop or switch" : "'continue' outside of a loop", at: at.byte)
            }
            try consumeSemicolon()
            return Statement(isBreak ? .break(label: label) : .continue(label: label), at: at)
        case .throw:
            try next()
            if lexer.hasNewlineBefore {
                throw fail(.javaScriptNewlineAfterThrow, "a line break is not allowed after 'throw'", at: start)
            }
            let value = try parseExpression()
            try consumeSemicolon()
            return Statement(.throw(value), at: at)
        case .try:
            return try parseTryStatement(at: at)
        case .switch:
            return try parseSwitchStatement(at: at)
        case .with:
            if isStrict {
                throw fail(.javaScriptWithInStrictMode, "'with' is not allowed in strict mode", at: start)
            }
            try next()
            try expect(.openParen)
            let object = try parseExpression()
            try expect(.closeParen)
            let body = try parseSubstatement()
            return Statement(.with(object: object, body: body), at: at)
        case .debugger:
            try next()
            try consumeSemicolon()
            return Statement(.debugger, at: at)
        case .import:
            let probe = try peekNext()
            if probe.kind == .openParen || probe.kind == .dot {
                return try parseExpressionStatement(at: at)
            }
            guard goal == .module else {
                throw fail(.javaScriptModuleSyntaxInScript, "'import' declarations are only allowed in modules", at: start)
            }
            guard isListItem, scope.isModuleTopLevel else { throw unexpected() }
            return Statement(.import(try parseImportDeclaration()), at: at)
        case .export:
            guard goal == .module else {
                throw fail(.javaScriptModuleSyntaxInScript, "'export' declarations are only allowed in modules", at: start)
            }
            guard isListItem, scope.isModuleTopLevel else { throw unexpected() }
            return try parseExportDeclaration(at: at)
        case .enum:
            throw unexpected()
        default:
            return try parseExpressionStatement(at: at, attachedLabels: attachedLabels)
        }
    }

    /// `if … else if … else if … else …` in a loop: each `else if` is one level deeper in the tree than the one
    /// before, but a long chain never makes the parser recurse.
    mutating func parseIfChain(at: SourceOffset) throws(JavaScriptSyntaxError) -> Statement {
        struct Link {
            var test: ExpressionNode
            var consequent: Statement
            var at: SourceOffset
        }
        let entryDepth = nestingDepth
        defer { nestingDepth = entryDepth }
        var links: [Link] = []
        var linkAt = at
        var alternate: Statement?
        while true {
            try next()
            try expect(.openParen)
            let test = try parseExpression()
            try expect(.closeParen)
            links.append(Link(test: test, consequent: try parseIfBody(), at: linkAt))
            guard isKeyword(.else) else { break }
            try next()
            guard isKeyword(.if) else {
                alternate = try parseIfBody()
                break
            }
            linkAt = SourceOffset(start)
            try enterNesting()
        }
        for link in links.reversed() {
            alternate = Statement(.if(test: link.test, consequent: link.consequent, alternate: alternate), at: link.at)
        }
        guard let chain = alternate else { throw unexpected() }
        return chain
    }

    /// Annex B allows `if (x) function f() {}` in sloppy mode.
    mutating func parseIfBody() throws(JavaScriptSyntaxError) -> Statement {
        if !isStrict, isKeyword(.function) {
            let at = SourceOffset(start)
            let function = try parseFunctionDeclaration(isAsync: false, at: at)
            if function.isGenerator {
                throw fail(.javaScriptLexicalDeclarationInSingleStatement, "a generator declaration needs a block here", at: at.byte)
            }
            return Statement(.function(function), at: at)
        }
        return try parseSubstatement()
    }

    mutating func parseLoopBody(attachedLabels: Int) throws(JavaScriptSyntaxError) -> Statement {
        let labelCount = scope.labels.count
        for index in (labelCount - attachedLabels)..<labelCount { scope.labels[index].isLoop = true }
        scope.loopDepth += 1
        scope.breakableDepth += 1
        let body = try parseSubstatement()
        scope.loopDepth -= 1
        scope.breakableDepth -= 1
        return body
    }

    mutating func parseExpressionStatement(at: SourceOffset, attachedLabels: Int = 0) throws(JavaScriptSyntaxError) -> Statement {
        let isPlainIdentifier = kind == .identifier
        let expression = try parseExpression()
        if isPlainIdentifier, kind == .colon, case .identifier(let name) = expression.kind, lastParenthesizedEnd != previousEnd {
            if scope.labelNames.contains(name) {
                throw fail(.javaScriptDuplicateLabel, "label '\(name)' is already declared", at: at.byte)
            }
            try next()
            scope.labels.append(FunctionScope.Label(name: name, isLoop: false))
            scope.labelNames.insert(name)
            scope.attachedLabelCount = attachedLabels + 1
            let body: Statement
            if !isStrict, isKeyword(.function) {
                let functionAt = SourceOffset(start)
                let function = try parseFunctionDeclaration(isAsync: false, at: functionAt)
                if function.isGenerator {
                    throw fail(.javaScriptLexicalDeclarationInSingleStatement, "a generator declaration cannot be labelled", at: functionAt.byte)
                }
                body = Statement(.function(function), at: functionAt)
            } else {
                body = try parseSubstatement()
            }
            scope.attachedLabelCount = 0
            scope.labels.removeLast()
            scope.labelNames.remove(name)
            return Statement(.labeled(label: name, body: body), at: at)
        }
        try consumeSemicolon()
        return Statement(.expression(expression), at: at)
    }

    /// `{ … }`; with `hasOwnScope` false its declarations belong to a scope the caller opened (a catch clause).
    mutating func parseBlock(hasOwnScope: Bool = true) throws(JavaScriptSyntaxError) -> [Statement] {
        try expect(.openBrace)
        if hasOwnScope { pushBindingScope(.block) }
        var body: [Statement] = []
        while kind != .closeBrace {
            if kind == .endOfFile { throw unexpected() }
            body.append(try parseStatementListItem())
        }
        if hasOwnScope { popBindingScope() }
        try next()
        return body
    }

    // MARK: - Variables

    mutating func parseVariableDeclarations(kind variableKind: VariableKind, isForHead: Bool = false) throws(JavaScriptSyntaxError)
        -> VariableDeclaration
    {
        var declarators: [VariableDeclarator] = []
        while true {
            let targetAt = start
            let target = try parseBindingTarget(isLexical: variableKind != .var)
            try declare(target, as: variableKind == .var ? .var : .lexical)
            var initializer: ExpressionNode?
            if kind == .equals {
                try next()
                initializer = try parseAssignmentExpression()
            } else if !isForHead || !(isKeyword(.of) || isKeyword(.in)) {
                if variableKind == .const {
                    throw fail(.javaScriptMissingInitializer, "'const' declarations must be initialized", at: targetAt)
                }
                if case .identifier = target.kind {} else {
                    throw fail(.javaScriptMissingInitializer, "destructuring declarations must be initialized", at: targetAt)
                }
            }
            declarators.append(VariableDeclarator(target: target, initializer: initializer))
            guard kind == .comma else { break }
            try next()
        }
        return VariableDeclaration(kind: variableKind, declarators: declarators)
    }

    // MARK: - for

    mutating func parseForStatement(at: SourceOffset, attachedLabels: Int) throws(JavaScriptSyntaxError) -> Statement {
        try next()
        pushBindingScope(.block)
        defer { popBindingScope() }
        var isAwait = false
        if isKeyword(.await) {
            guard scope.isAsync || scope.isModuleTopLevel else {
                throw fail(.javaScriptAwaitOrYieldMisplaced, "'for await' is only valid in async functions and modules", at: start)
            }
            isAwait = true
            try next()
        }
        try expect(.openParen)
        var initializer: ForInitializer?
        let headStart = start
        let savedAllowsIn = allowsIn
        allowsIn = false
        var declarationKind: VariableKind?
        if isKeyword(.var) {
            declarationKind = .var
        } else if isKeyword(.const) {
            declarationKind = .const
        } else if isKeyword(.let) {
            let probe = try peekNext()
            if probe.kind == .openBracket || probe.kind == .openBrace
                || (probe.kind == .identifier && !(probe.keyword == .in || probe.keyword == .of && !probe.identifierHasEscape))
            {
                declarationKind = .let
            }
        }
        if let declarationKind {
            try next()
            let declaration = try parseVariableDeclarations(kind: declarationKind, isForHead: true)
            allowsIn = savedAllowsIn
            if isKeyword(.of) || isKeyword(.in) {
                let isOf = isKeyword(.of)
                guard declaration.declarators.count == 1 else {
                    throw fail(.javaScriptInvalidForLoopHead, "only one variable can be declared in a for-\(isOf ? "of" : "in") loop", at: headStart)
                }
                let declarator = declaration.declarators[0]
                let left: ForBinding
                if let value = declarator.initializer {
                    guard !isOf, !isStrict, declarationKind == .var, case .identifier = declarator.target.kind else {
                        throw fail(.javaScriptInvalidForLoopHead, "for-\(isOf ? "of" : "in") loop variable cannot have an initializer", at: headStart)
                    }
                    left = .legacyVarWithInitializer(declarator.target, value)
                } else {
                    left = .declaration(declarationKind, declarator.target)
                }
                return try finishForInOf(left: left, isOf: isOf, isAwait: isAwait, at: at, attachedLabels: attachedLabels)
            }
            initializer = .variable(declaration)
        } else if kind != .semicolon {
            let pendingBefore = pendingCoverInitializers.count
            let startsWithLet = isKeyword(.let)
            let startsWithAsync = isKeyword(.async)
            let expression = try parseExpression()
            allowsIn = savedAllowsIn
            if isKeyword(.of) || isKeyword(.in) {
                let isOf = isKeyword(.of)
                if isOf, startsWithLet || (startsWithAsync && expression.kind == .identifier("async") && lastParenthesizedEnd != previousEnd) {
                    throw fail(.javaScriptInvalidForLoopHead, "the left side of a for-of loop cannot start with '\(startsWithLet ? "let" : "async")'", at: headStart)
                }
                try validateAssignmentTarget(expression, allowsPattern: true)
                pendingCoverInitializers.removeSubrange(pendingBefore...)
                return try finishForInOf(left: .target(expression), isOf: isOf, isAwait: isAwait, at: at, attachedLabels: attachedLabels)
            }
            try checkCoverInitializers(since: pendingBefore)
            initializer = .expression(expression)
        }
        allowsIn = savedAllowsIn
        if isAwait { throw fail(.javaScriptInvalidForLoopHead, "'for await' requires a for-of loop", at: at.byte) }
        try expect(.semicolon)
        let test = kind == .semicolon ? nil : try parseExpression()
        try expect(.semicolon)
        let update = kind == .closeParen ? nil : try parseExpression()
        try expect(.closeParen)
        let body = try parseLoopBody(attachedLabels: attachedLabels)
        return Statement(.for(initializer: initializer, test: test, update: update, body: body), at: at)
    }

    mutating func finishForInOf(left: ForBinding, isOf: Bool, isAwait: Bool, at: SourceOffset, attachedLabels: Int) throws(JavaScriptSyntaxError)
        -> Statement
    {
        if isAwait && !isOf { throw fail(.javaScriptInvalidForLoopHead, "'for await' requires a for-of loop", at: start) }
        try next()
        let right = isOf ? try parseAssignmentExpression() : try parseExpression()
        try expect(.closeParen)
        let body = try parseLoopBody(attachedLabels: attachedLabels)
        if isOf {
            return Statement(.forOf(left: left, right: right, body: body, isAwait: isAwait), at: at)
        }
        return Statement(.forIn(left: left, right: right, body: body), at: at)
    }

    // MARK: - try / switch

    mutating func parseTryStatement(at: SourceOffset) throws(JavaScriptSyntaxError) -> Statement {
        try next()
        let block = try parseBlock()
        var handler: CatchClause?
        var finalizer: [Statement]?
        if isKeyword(.catch) {
            try next()
            var parameter: Pattern?
            if kind == .openParen {
                try next()
                parameter = try parseBindingTarget(isLexical: true)
                try expect(.closeParen)
            }
            // The parameter and the body's declarations share one scope: `catch (e) { let e }` is an error.
            if let parameter, case .identifier(let name) = parameter.kind {
                pushBindingScope(.catchClause(simpleParameter: name))
                bindingScopes[bindingScopes.count - 1].lexical.insert(name)
            } else {
                pushBindingScope(.catchClause(simpleParameter: nil))
                if let parameter { try declare(parameter, as: .lexical) }
            }
            handler = CatchClause(parameter: parameter, body: try parseBlock(hasOwnScope: false))
            popBindingScope()
        }
        if isKeyword(.finally) {
            try next()
            finalizer = try parseBlock()
        }
        if handler == nil && finalizer == nil {
            throw fail(.javaScriptUnexpectedToken, "'try' needs a 'catch' or 'finally' block", at: start)
        }
        return Statement(.try(block: block, handler: handler, finalizer: finalizer), at: at)
    }

    mutating func parseSwitchStatement(at: SourceOffset) throws(JavaScriptSyntaxError) -> Statement {
        try next()
        try expect(.openParen)
        let discriminant = try parseExpression()
        try expect(.closeParen)
        try expect(.openBrace)
        scope.breakableDepth += 1
        pushBindingScope(.block)
        defer { popBindingScope() }
        var cases: [SwitchCase] = []
        var hasDefault = false
        while kind != .closeBrace {
            var test: ExpressionNode?
            if isKeyword(.case) {
                try next()
                test = try parseExpression()
            } else if isKeyword(.default) {
                if hasDefault { throw fail(.javaScriptUnexpectedToken, "a switch can only have one 'default' clause", at: start) }
                hasDefault = true
                try next()
            } else {
                throw unexpected()
            }
            try expect(.colon)
            var body: [Statement] = []
            while kind != .closeBrace && !isKeyword(.case) && !isKeyword(.default) {
                if kind == .endOfFile { throw unexpected() }
                body.append(try parseStatementListItem())
            }
            cases.append(SwitchCase(test: test, body: body))
        }
        scope.breakableDepth -= 1
        try next()
        return Statement(.switch(discriminant: discriminant, cases: cases), at: at)
    }
}
