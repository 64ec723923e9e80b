/// Semantics-preserving rewrites that make the printed code shorter (see `MinifyOptions` for the list).
/// One bottom-up pass; every rule looks only at a node and its direct children, so the cost is linear.
struct SyntaxShortener {
    /// `undefined` may be replaced by `void 0` (and `Infinity` by `1/0`) only when nothing in the program binds
    /// or assigns that name. The pass assumes so and notes any binding it meets; if it met one, it runs again
    /// without those two rules (rare, and cheaper than a scope analysis of every program).
    let undefinedIsGlobal: Bool
    let infinityIsGlobal: Bool
    let observations = Observations()

    final class Observations {
        var bindsUndefined = false
        var bindsInfinity = false
    }

    init(program: Program) {
        self.init(undefinedIsGlobal: true, infinityIsGlobal: true)
    }

    init(undefinedIsGlobal: Bool, infinityIsGlobal: Bool) {
        self.undefinedIsGlobal = undefinedIsGlobal
        self.infinityIsGlobal = infinityIsGlobal
    }

    /// Notes a name that is bound or assigned here.
    func noteBinding(_ name: String) {
        if name == "undefined" { observations.bindsUndefined = true }
        if name == "Infinity" { observations.bindsInfinity = true }
    }

    func shorten(_ program: Program) -> Program {
        var result = program
        // Strictness comes from directives only, not from the goal: the bundler prints the body of an ES module
        // (with the `"use strict"` it adds) inside a function of a classic script, where the goal no longer holds.
        result.body = body(program.body, isStrict: false, allowsDirectives: true)
        let redo = (undefinedIsGlobal && observations.bindsUndefined) || (infinityIsGlobal && observations.bindsInfinity)
        if redo {
            let careful = SyntaxShortener(
                undefinedIsGlobal: undefinedIsGlobal && !observations.bindsUndefined, infinityIsGlobal: infinityIsGlobal && !observations.bindsInfinity)
            return careful.shorten(program)
        }
        return result
    }

    // MARK: - Statement lists

    /// A function body or program: drops repeated or inherited `"use strict"`, then shortens the statements.
    func body(_ statements: [Statement], isStrict: Bool, allowsDirectives: Bool) -> [Statement] {
        var strict = isStrict
        var seenDirectives: Set<String> = []
        var rest = statements[...]
        var prologue: [Statement] = []
        while allowsDirectives, let first = rest.first, case .directive(let raw) = first.kind {
            rest = rest.dropFirst()
            let value = String(raw.dropFirst().dropLast())
            let isUseStrict = value == "use strict"
            if isUseStrict && strict { continue }
            if !seenDirectives.insert(value).inserted { continue }
            if isUseStrict { strict = true }
            prologue.append(first)
        }
        if prologue.isEmpty && rest.count == statements.count { return list(statements, isStrict: strict) }
        return prologue + list(Array(rest), isStrict: strict)
    }

    func list(_ statements: [Statement], isStrict: Bool) -> [Statement] {
        var shortened: [Statement] = []
        shortened.reserveCapacity(statements.count)
        for statement in statements {
            appendFlattened(self.statement(statement, isStrict: isStrict), to: &shortened)
        }
        return foldReturns(join(shortened))
    }

    /// `if (a) return b; return c;` → `return a ? b : c;` (from the end, so chains become nested conditionals).
    func foldReturns(_ statements: [Statement]) -> [Statement] {
        guard statements.count >= 2, statements.contains(where: SyntaxShortener.isIfReturnWithoutElse) else { return statements }
        var result: [Statement] = []
        result.reserveCapacity(statements.count)
        for statement in statements.reversed() {
            if case .if(let test, let consequent, nil) = statement.kind, case .return(let yes) = consequent.kind,
                let next = result.last, case .return(let no) = next.kind, yes != nil || no != nil
            {
                let conditional = SyntaxShortener.conditional(test, yes ?? SyntaxShortener.voidZero, no ?? SyntaxShortener.voidZero)
                result[result.count - 1] = Statement(.return(conditional), at: statement.at)
            } else {
                result.append(statement)
            }
        }
        return result.reversed()
    }

    static func isIfReturnWithoutElse(_ statement: Statement) -> Bool {
        if case .if(_, let consequent, nil) = statement.kind, case .return = consequent.kind { return true }
        return false
    }

    static let voidZero = ExpressionNode(.unary(.void, ExpressionNode(.number(raw: "0"))))

    /// `a ? b : c`, or `x, a ? b : c` when the test is a sequence `(x, a)` (no parentheses needed).
    static func conditional(_ test: ExpressionNode, _ yes: ExpressionNode, _ no: ExpressionNode) -> ExpressionNode {
        if case .sequence(var items) = test.kind, let last = items.popLast() {
            return ExpressionNode(.sequence(items + [conditional(last, yes, no)]), at: test.at)
        }
        return ExpressionNode(.conditional(test: test, consequent: yes, alternate: no), at: test.at)
    }

    /// Statement-list positions can take several statements: blocks without lexical declarations are spliced in.
    func appendFlattened(_ statement: Statement, to list: inout [Statement]) {
        switch statement.kind {
        case .empty:
            return
        case .expression(let expression) where LiteralValue.of(expression) != nil:
            // What is left of a folded `"production" !== "production" && dev();` does nothing.
            return
        case .block(let body) where !SyntaxShortener.declaresLexically(body):
            list.append(contentsOf: body)
        default:
            list.append(statement)
        }
    }

    static func declaresLexically(_ body: [Statement]) -> Bool {
        body.contains { statement in
            switch statement.kind {
            case .function, .class: true
            case .variable(let declaration): declaration.kind != .var
            default: false
            }
        }
    }

    /// Merges neighbours: `var a; var b` → `var a, b`, `a(); b()` → `a(), b()`, `a(); return b` → `return a(), b`.
    func join(_ statements: [Statement]) -> [Statement] {
        var result: [Statement] = []
        result.reserveCapacity(statements.count)
        for statement in statements {
            guard var previous = result.last else {
                result.append(statement)
                continue
            }
            switch (previous.kind, statement.kind) {
            case (.variable(let first), .variable(let second)) where first.kind == second.kind:
                previous.kind = .variable(VariableDeclaration(kind: first.kind, declarators: first.declarators + second.declarators))
                result[result.count - 1] = previous
            case (.expression(let first), .expression(let second)):
                previous.kind = .expression(SyntaxShortener.sequence(first, second))
                result[result.count - 1] = previous
            case (.expression(let first), .return(let value?)):
                var merged = statement
                merged.kind = .return(SyntaxShortener.sequence(first, value))
                merged.at = previous.at
                result[result.count - 1] = merged
            case (.expression(let first), .throw(let value)):
                var merged = statement
                merged.kind = .throw(SyntaxShortener.sequence(first, value))
                merged.at = previous.at
                result[result.count - 1] = merged
            case (.expression(let first), .for(let initializer, let test, let update, let body)):
                // `a(); for (b = 0; …)` → `for (a(), b = 0; …)`.
                let merged: ForInitializer?
                switch initializer {
                case nil: merged = .expression(first)
                case .expression(let value): merged = .expression(SyntaxShortener.sequence(first, value))
                case .variable: merged = nil
                }
                if let merged {
                    result[result.count - 1] = Statement(.for(initializer: merged, test: test, update: update, body: body), at: previous.at)
                } else {
                    result.append(statement)
                }
            case (.variable(let first), .for(let initializer, let test, let update, let body)) where first.kind == .var:
                // `var a; for (var b = 0; …)` → `for (var a, b = 0; …)`; only `var`, whose scope does not change.
                var declarators: [VariableDeclarator]?
                switch initializer {
                case nil: declarators = first.declarators
                case .variable(let second) where second.kind == .var: declarators = first.declarators + second.declarators
                default: declarators = nil
                }
                if let declarators {
                    let merged = ForInitializer.variable(VariableDeclaration(kind: .var, declarators: declarators))
                    result[result.count - 1] = Statement(.for(initializer: merged, test: test, update: update, body: body), at: previous.at)
                } else {
                    result.append(statement)
                }
            case (.if(let firstTest, let firstBody, nil), .if(let secondTest, let secondBody, nil))
            where firstBody == secondBody && SyntaxShortener.isJump(firstBody):
                // `if (a) return; if (b) return;` → `if (a || b) return;`
                let test = ExpressionNode(.binary(.logicalOr, firstTest, secondTest), at: firstTest.at)
                result[result.count - 1] = Statement(.if(test: test, consequent: firstBody, alternate: nil), at: previous.at)
            case (.expression(let first), .if(let test, let consequent, let alternate)):
                var merged = statement
                merged.kind = .if(test: SyntaxShortener.sequence(first, test), consequent: consequent, alternate: alternate)
                merged.at = previous.at
                result[result.count - 1] = merged
            default:
                result.append(statement)
            }
        }
        return result
    }

    static func isJump(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .return, .throw, .break, .continue: true
        default: false
        }
    }

    static func sequence(_ first: ExpressionNode, _ second: ExpressionNode) -> ExpressionNode {
        var items: [ExpressionNode] = []
        if case .sequence(let inner) = first.kind { items += inner } else { items.append(first) }
        if case .sequence(let inner) = second.kind { items += inner } else { items.append(second) }
        return ExpressionNode(.sequence(items), at: first.at)
    }

    // MARK: - Statements

    /// A statement in single-statement position: a one-statement block loses its braces.
    func substatement(_ statement: Statement, isStrict: Bool) -> Statement {
        guard case .block(let body) = statement.kind else { return self.statement(statement, isStrict: isStrict) }
        let result = statement
        do {
            let flattened = list(body, isStrict: isStrict)
            if flattened.count == 1, let only = flattened.first {
                if !SyntaxShortener.declaresLexically(flattened) { return only }
            }
            if flattened.isEmpty { return Statement(.block([]), at: result.at) }
            return Statement(.block(flattened), at: result.at)
        }
    }

    func statement(_ statement: Statement, isStrict: Bool) -> Statement {
        var result = statement
        switch statement.kind {
        case .import(let declaration):
            for name in [declaration.defaultBinding, declaration.namespaceBinding].compactMap({ $0 }) + (declaration.namedBindings ?? []).map(\.local) {
                noteBinding(name)
            }
            return statement
        case .directive, .empty, .break, .continue, .debugger, .exportNamed, .exportAll:
            return statement
        case .expression(let expression):
            guard let changed = shortened(expression) else { return statement }
            result.kind = .expression(changed)
        case .throw(let expression):
            guard let changed = shortened(expression) else { return statement }
            result.kind = .throw(changed)
        case .exportDefaultExpression(let expression):
            result.kind = .exportDefaultExpression(self.expression(expression))
        case .variable(let declaration):
            guard let changed = shortened(declaration) else { return statement }
            result.kind = .variable(changed)
        case .function(let function):
            result.kind = .function(self.function(function, isStrict: isStrict))
        case .exportDefaultFunction(let function):
            result.kind = .exportDefaultFunction(self.function(function, isStrict: isStrict))
        case .class(let classNode):
            result.kind = .class(self.class(classNode))
        case .exportDefaultClass(let classNode):
            result.kind = .exportDefaultClass(self.class(classNode))
        case .block(let body):
            result.kind = .block(list(body, isStrict: isStrict))
        case .if(let test, let consequent, let alternate):
            return shortenIf(
                test: expression(test), consequent: substatement(consequent, isStrict: isStrict),
                alternate: alternate.map { substatement($0, isStrict: isStrict) }, at: statement.at)
        case .for(let initializer, let test, let update, let body):
            var newInitializer = initializer
            switch initializer {
            case .variable(let declaration): newInitializer = .variable(variable(declaration))
            case .expression(let value): newInitializer = .expression(expression(value))
            case nil: break
            }
            result.kind = .for(
                initializer: newInitializer, test: test.map { expression($0) }, update: update.map { expression($0) },
                body: substatement(body, isStrict: isStrict))
        case .forIn(let left, let right, let body):
            result.kind = .forIn(left: forBinding(left), right: expression(right), body: substatement(body, isStrict: isStrict))
        case .forOf(let left, let right, let body, let isAwait):
            result.kind = .forOf(left: forBinding(left), right: expression(right), body: substatement(body, isStrict: isStrict), isAwait: isAwait)
        case .while(let test, let body):
            // `for(;a;)` is as long as `while(a)`, and a preceding `var` or expression can then join its head.
            result.kind = .for(initializer: nil, test: expression(test), update: nil, body: substatement(body, isStrict: isStrict))
        case .doWhile(let body, let test):
            result.kind = .doWhile(body: substatement(body, isStrict: isStrict), test: expression(test))
        case .return(let value):
            guard let value else { return statement }
            let changed = shortened(value)
            let newValue = changed ?? value
            if case .undefined = LiteralValue.of(newValue) {
                result.kind = .return(nil)
            } else if case .identifier("undefined") = newValue.kind, undefinedIsGlobal {
                result.kind = .return(nil)
            } else {
                guard let changed else { return statement }
                result.kind = .return(changed)
            }
        case .try(let block, let handler, let finalizer):
            let newHandler = handler.map {
                CatchClause(parameter: $0.parameter.map { pattern($0) }, body: list($0.body, isStrict: isStrict))
            }
            result.kind = .try(block: list(block, isStrict: isStrict), handler: newHandler, finalizer: finalizer.map { list($0, isStrict: isStrict) })
        case .switch(let discriminant, let cases):
            result.kind = .switch(
                discriminant: expression(discriminant),
                cases: cases.map { SwitchCase(test: $0.test.map { expression($0) }, body: list($0.body, isStrict: isStrict)) })
        case .labeled(let label, let body):
            result.kind = .labeled(label: label, body: substatement(body, isStrict: isStrict))
        case .with(let object, let body):
            result.kind = .with(object: expression(object), body: substatement(body, isStrict: isStrict))
        case .exportDeclaration(let declaration):
            result.kind = .exportDeclaration(self.statement(declaration, isStrict: isStrict))
        }
        return result
    }

    /// `if (a) b;` → `a && b;`, `if (a) b; else c;` → `a ? b : c;`, and branches with a literal test removed.
    func shortenIf(test: ExpressionNode, consequent: Statement, alternate: Statement?, at: SourceOffset) -> Statement {
        if let literal = LiteralValue.of(test) {
            let taken = literal.isTruthy ? consequent : alternate
            let dropped = literal.isTruthy ? alternate : consequent
            // `var`s (and Annex B block functions) in the dropped branch still exist, as undefined.
            let hoisted = dropped.map(SyntaxShortener.hoistedNames) ?? []
            var kept: [Statement] = []
            if !hoisted.isEmpty {
                kept.append(
                    Statement(.variable(VariableDeclaration(kind: .var, declarators: hoisted.map { VariableDeclarator(target: Pattern(.identifier($0))) }))))
            }
            if let taken { kept.append(taken) }
            if kept.count == 1, let only = kept.first { return only }
            return Statement(kept.isEmpty ? .empty : .block(kept), at: at)
        }
        let isEmptyConsequent: Bool
        switch consequent.kind {
        case .empty: isEmptyConsequent = true
        case .block(let body): isEmptyConsequent = body.isEmpty
        default: isEmptyConsequent = false
        }
        switch (consequent.kind, alternate?.kind) {
        case (.return(let yes?), .return(let no?)):
            return Statement(.return(SyntaxShortener.conditional(test, yes, no)), at: at)
        case (.expression(let yes), nil):
            return Statement(.expression(logical(test, yes)), at: at)
        case (.expression(let yes), .expression(let no)):
            return Statement(.expression(SyntaxShortener.conditional(test, yes, no)), at: at)
        case (_, nil) where isEmptyConsequent:
            return Statement(.expression(test), at: at)
        default:
            return Statement(.if(test: test, consequent: consequent, alternate: alternate), at: at)
        }
    }

    /// `a && b`, or `a || b` when `a` is a negation (`!a && b` → `a || b`).
    func logical(_ test: ExpressionNode, _ body: ExpressionNode) -> ExpressionNode {
        if case .unary(.not, let inner) = test.kind {
            return ExpressionNode(.binary(.logicalOr, inner, body), at: test.at)
        }
        return ExpressionNode(.binary(.logicalAnd, test, body), at: test.at)
    }

    /// Names a dead branch still declares in the enclosing function: its `var`s and block-level functions.
    static func hoistedNames(_ statement: Statement) -> [String] {
        var names: [String] = []
        func visit(_ statement: Statement) {
            switch statement.kind {
            case .variable(let declaration) where declaration.kind == .var:
                for declarator in declaration.declarators { names += RenameWalker.boundNames(declarator.target) }
            case .function(let function):
                if let name = function.name { names.append(name) }
            case .block(let body):
                body.forEach(visit)
            case .if(_, let consequent, let alternate):
                visit(consequent)
                if let alternate { visit(alternate) }
            case .for(let initializer, _, _, let body):
                if case .variable(let declaration) = initializer, declaration.kind == .var {
                    for declarator in declaration.declarators { names += RenameWalker.boundNames(declarator.target) }
                }
                visit(body)
            case .forIn(let left, _, let body), .forOf(let left, _, let body, _):
                switch left {
                case .declaration(.var, let pattern), .legacyVarWithInitializer(let pattern, _): names += RenameWalker.boundNames(pattern)
                default: break
                }
                visit(body)
            case .while(_, let body), .doWhile(let body, _), .labeled(_, let body), .with(_, let body):
                visit(body)
            case .try(let block, let handler, let finalizer):
                block.forEach(visit)
                handler?.body.forEach(visit)
                finalizer?.forEach(visit)
            case .switch(_, let cases):
                for switchCase in cases { switchCase.body.forEach(visit) }
            default:
                break
            }
        }
        visit(statement)
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    func forBinding(_ binding: ForBinding) -> ForBinding {
        switch binding {
        case .declaration(let kind, let target): .declaration(kind, pattern(target))
        case .legacyVarWithInitializer(let target, let value): .legacyVarWithInitializer(pattern(target), expression(value))
        case .target(let value): .target(assignmentTarget(value))
        }
    }

    func variable(_ declaration: VariableDeclaration) -> VariableDeclaration {
        shortened(declaration) ?? declaration
    }

    /// `variable(_:)`, or nil when the declaration stays as it is.
    func shortened(_ declaration: VariableDeclaration) -> VariableDeclaration? {
        let declarators = declaration.declarators.mapChanges { declarator -> VariableDeclarator? in
            let target = shortened(declarator.target)
            let initializer = declarator.initializer.flatMap { shortened($0) }
            guard target != nil || initializer != nil else { return nil }
            return VariableDeclarator(target: target ?? declarator.target, initializer: initializer ?? declarator.initializer)
        }
        return declarators.map { VariableDeclaration(kind: declaration.kind, declarators: $0) }
    }

    // MARK: - Functions, classes, patterns

    func function(_ function: Function, isStrict: Bool) -> Function {
        if let name = function.name { noteBinding(name) }
        var result = function
        result.parameters = function.parameters.map(parameter)
        result.rest = function.rest.map(pattern)
        result.body = body(function.body, isStrict: isStrict, allowsDirectives: true)
        return result
    }

    func parameter(_ parameter: Parameter) -> Parameter {
        Parameter(target: pattern(parameter.target), defaultValue: parameter.defaultValue.map { expression($0) })
    }

    /// `pattern(_:)`, or nil when the pattern stays as it is (a plain name does).
    func shortened(_ pattern: Pattern) -> Pattern? {
        if case .identifier(let name) = pattern.kind {
            noteBinding(name)
            return nil
        }
        return self.pattern(pattern)
    }

    func pattern(_ pattern: Pattern) -> Pattern {
        var result = pattern
        switch pattern.kind {
        case .identifier(let name):
            noteBinding(name)
            return pattern
        case .array(let elements, let rest):
            result.kind = .array(elements.map { $0.map(parameter) }, rest: rest.map(self.pattern))
        case .object(let properties, let rest):
            result.kind = .object(
                properties.map { PatternProperty(key: key($0.key), value: parameter($0.value), isShorthand: $0.isShorthand) },
                rest: rest.map(self.pattern))
        }
        return result
    }

    /// `"b"` → `b` when the string is an identifier name.
    func key(_ key: PropertyKey) -> PropertyKey {
        shortened(key) ?? key
    }

    /// `key(_:)`, or nil when the key stays as it is.
    func shortened(_ key: PropertyKey) -> PropertyKey? {
        switch key {
        case .computed(let value):
            let changedValue = shortened(value)
            if case .string(let text) = (changedValue ?? value).kind, SyntaxShortener.isIdentifierName(text) { return .identifier(text.string) }
            return changedValue.map { .computed($0) }
        case .string(let text) where SyntaxShortener.isIdentifierName(text):
            return .identifier(text.string)
        case .number(let raw):
            if let shortest = NumericLiteral.shortened(raw), !shortest.hasPrefix("0x") {
                return .number(raw: shortest)
            }
            return nil
        default:
            return nil
        }
    }

    static func isIdentifierName(_ text: JavaScriptString) -> Bool {
        guard let first = text.utf16.first, first < 0x80, !(first >= 0x30 && first <= 0x39) else { return false }
        return text.utf16.allSatisfy { $0 < 0x80 && Lexer.isASCIIIdentifierPart(UInt8($0)) }
    }

    func `class`(_ classNode: Class) -> Class {
        if let name = classNode.name { noteBinding(name) }
        var result = classNode
        result.superClass = classNode.superClass.map { expression($0) }
        result.members = classNode.members.map { member in
            switch member {
            case .method(let isStatic, let kind, let memberKey, let function):
                // A computed "constructor" key is an ordinary method and a static "prototype" method is an error
                // unless computed: keep those computed.
                var newKey = key(memberKey)
                if case .computed = memberKey, case .identifier(let name) = newKey, name == "constructor" || name == "prototype" { newKey = memberKey }
                return .method(isStatic: isStatic, kind: kind, key: newKey, function: self.function(function, isStrict: true))
            case .field(let isStatic, let memberKey, let value):
                var newKey = key(memberKey)
                if case .computed = memberKey, case .identifier(let name) = newKey, name == "constructor" || name == "prototype" { newKey = memberKey }
                return .field(isStatic: isStatic, key: newKey, value: value.map { expression($0) })
            case .staticBlock(let body):
                return .staticBlock(list(body, isStrict: true))
            }
        }
        return result
    }

    // MARK: - Expressions

    func expression(_ expression: ExpressionNode) -> ExpressionNode {
        shortened(expression) ?? expression
    }

    /// The shortened expression, or nil when it stays as it is: unchanged subtrees are shared with the input
    /// instead of being built again node by node.
    func shortened(_ expression: ExpressionNode) -> ExpressionNode? {
        var result = expression
        switch expression.kind {
        case .identifier("undefined") where undefinedIsGlobal:
            return ExpressionNode(.unary(.void, ExpressionNode(.number(raw: "0"))), at: expression.at)
        case .identifier("Infinity") where infinityIsGlobal:
            return ExpressionNode(.binary(.divide, ExpressionNode(.number(raw: "1")), ExpressionNode(.number(raw: "0"))), at: expression.at)
        case .identifier, .privateName, .this, .super, .null, .bigInt, .string, .regularExpression, .importMeta, .newTarget:
            return nil
        case .boolean(let value):
            return ExpressionNode(.unary(.not, ExpressionNode(.number(raw: value ? "0" : "1"))), at: expression.at)
        case .number(let raw):
            guard let shortest = NumericLiteral.shortened(raw) else { return nil }
            result.kind = .number(raw: shortest)
        case .template(let tag, let head, let spans):
            let newTag = tag.flatMap { shortened($0) }
            let newSpans = spans.mapChanges { span in
                shortened(span.expression).map { TemplateSpan(expression: $0, tail: span.tail) }
            }
            guard newTag != nil || newSpans != nil else { return nil }
            result.kind = .template(tag: newTag ?? tag, head: head, spans: newSpans ?? spans)
        case .array(let elements):
            let newElements = elements.mapChanges { element -> ExpressionNode?? in
                guard let element, let changed = shortened(element) else { return nil }
                return .some(changed)
            }
            guard let newElements else { return nil }
            result.kind = .array(newElements)
        case .object(let properties):
            guard let newProperties = properties.mapChanges({ shortened($0) }) else { return nil }
            result.kind = .object(newProperties)
        case .spread(let inner):
            guard let newInner = shortened(inner) else { return nil }
            result.kind = .spread(newInner)
        case .function(let function):
            result.kind = .function(self.function(function, isStrict: false))
        case .arrow(let arrow):
            var newArrow = arrow
            newArrow.parameters = arrow.parameters.map(parameter)
            newArrow.rest = arrow.rest.map(pattern)
            switch arrow.body {
            case .expression(let body): newArrow.body = .expression(self.expression(body))
            case .block(let body): newArrow.body = .block(self.body(body, isStrict: false, allowsDirectives: true))
            }
            result.kind = .arrow(newArrow)
        case .class(let classNode):
            result.kind = .class(self.class(classNode))
        case .unary(let op, let operand):
            let changedOperand = shortened(operand)
            let inner = changedOperand ?? operand
            if op == .not, let literal = LiteralValue.of(inner), !SyntaxShortener.isBooleanShortForm(inner) {
                return SyntaxShortener.boolean(!literal.isTruthy, at: expression.at)
            }
            if op == .not, case .unary(.not, let innermost) = inner.kind, SyntaxShortener.isBooleanShortForm(inner) {
                // `!!0` → `!1`, `!!1` → `!0`.
                if case .number(let raw) = innermost.kind { return SyntaxShortener.boolean(raw != "0", at: expression.at) }
            }
            if op == .negate, case .binary(.divide, let one, let zero) = inner.kind, one.kind == .number(raw: "1"), zero.kind == .number(raw: "0") {
                // `-(1/0)` → `-1/0`.
                return ExpressionNode(.binary(.divide, ExpressionNode(.unary(.negate, one), at: expression.at), zero), at: expression.at)
            }
            if op == .typeof, let literal = LiteralValue.of(inner) {
                return ExpressionNode(.string(JavaScriptString(literal.typeName)), at: expression.at)
            }
            guard let changedOperand else { return nil }
            result.kind = .unary(op, changedOperand)
        case .update(let op, let isPrefix, let operand):
            guard let newOperand = shortenedAssignmentTarget(operand) else { return nil }
            result.kind = .update(op, isPrefix: isPrefix, newOperand)
        case .binary(let op, let left, let right):
            let changedLeft = shortened(left)
            let changedRight = shortened(right)
            let newLeft = changedLeft ?? left
            let newRight = changedRight ?? right
            if let folded = fold(op, newLeft, newRight, at: expression.at) { return folded }
            if let nullCheck = SyntaxShortener.nullCheck(op, newLeft, newRight, at: expression.at) { return nullCheck }
            guard changedLeft != nil || changedRight != nil else { return nil }
            result.kind = .binary(op, newLeft, newRight)
        case .assignment(let op, let target, let value):
            let newTarget = shortenedAssignmentTarget(target)
            let newValue = shortened(value)
            guard newTarget != nil || newValue != nil else { return nil }
            result.kind = .assignment(op, target: newTarget ?? target, value: newValue ?? value)
        case .conditional(let test, let consequent, let alternate):
            let changedTest = shortened(test)
            let changedConsequent = shortened(consequent)
            let changedAlternate = shortened(alternate)
            let newTest = changedTest ?? test
            let newConsequent = changedConsequent ?? consequent
            let newAlternate = changedAlternate ?? alternate
            if let literal = LiteralValue.of(newTest) { return literal.isTruthy ? newConsequent : newAlternate }
            guard changedTest != nil || changedConsequent != nil || changedAlternate != nil else { return nil }
            result.kind = .conditional(test: newTest, consequent: newConsequent, alternate: newAlternate)
        case .call(let callee, let arguments, let chain):
            let newCallee = shortened(callee)
            let newArguments = arguments.mapChanges { shortened($0) }
            guard newCallee != nil || newArguments != nil else { return nil }
            result.kind = .call(callee: newCallee ?? callee, arguments: newArguments ?? arguments, optionalChain: chain)
        case .new(let callee, let arguments):
            let newCallee = shortened(callee)
            let newArguments = arguments.mapChanges { shortened($0) }
            guard newCallee != nil || newArguments != nil else { return nil }
            result.kind = .new(callee: newCallee ?? callee, arguments: newArguments ?? arguments)
        case .member(let object, let name, let chain):
            guard let newObject = shortened(object) else { return nil }
            result.kind = .member(object: newObject, name: name, optionalChain: chain)
        case .privateMember(let object, let name, let chain):
            guard let newObject = shortened(object) else { return nil }
            result.kind = .privateMember(object: newObject, name: name, optionalChain: chain)
        case .index(let object, let index, let chain):
            let changedObject = shortened(object)
            let changedIndex = shortened(index)
            let newObject = changedObject ?? object
            let newIndex = changedIndex ?? index
            if case .string(let text) = newIndex.kind, SyntaxShortener.isIdentifierName(text) {
                result.kind = .member(object: newObject, name: text.string, optionalChain: chain)
            } else {
                guard changedObject != nil || changedIndex != nil else { return nil }
                result.kind = .index(object: newObject, index: newIndex, optionalChain: chain)
            }
        case .sequence(let items):
            guard let newItems = items.mapChanges({ shortened($0) }) else { return nil }
            result.kind = .sequence(newItems)
        case .yield(let argument, let isDelegate):
            guard let argument, let newArgument = shortened(argument) else { return nil }
            result.kind = .yield(newArgument, isDelegate: isDelegate)
        case .await(let operand):
            guard let newOperand = shortened(operand) else { return nil }
            result.kind = .await(newOperand)
        case .importCall(let specifier):
            guard let newSpecifier = shortened(specifier) else { return nil }
            result.kind = .importCall(newSpecifier)
        }
        return result
    }

    /// A property of an object literal, shortened; nil when it stays as it is.
    func shortened(_ property: Property) -> Property? {
        property.changed(
            key: { key in
                guard property.kind != .spread, let newKey = shortened(key) else { return nil }
                // `{["__proto__"]: x}` defines an own property; `{__proto__: x}` sets the prototype.
                if case .identifier("__proto__") = newKey, case .computed = key { return nil }
                return newKey
            },
            value: { value in
                // The function of a method, getter or setter is not an expression of its own.
                guard case .function(let function) = value.kind, property.kind != .value else { return shortened(value) }
                var method = value
                method.kind = .function(self.function(function, isStrict: false))
                return method
            },
            shorthandDefault: { shortened($0) })
    }

    /// `assignmentTarget`, or nil when the target stays as it is.
    func shortenedAssignmentTarget(_ target: ExpressionNode) -> ExpressionNode? {
        switch target.kind {
        case .identifier(let name):
            noteBinding(name)
            return nil
        case .array, .object:
            return assignmentTarget(target)
        default:
            return shortened(target)
        }
    }

    /// Assignment targets keep their identifiers (`undefined = 1` stays as written); their defaults are shortened.
    func assignmentTarget(_ target: ExpressionNode) -> ExpressionNode {
        var result = target
        switch target.kind {
        case .identifier(let name):
            noteBinding(name)
            return target
        case .array(let elements):
            result.kind = .array(elements.map { $0.map(assignmentElement) })
        case .object(let properties):
            result.kind = .object(
                properties.map { property in
                    var newProperty = property
                    if property.kind != .spread { newProperty.key = key(property.key) }
                    newProperty.value = assignmentElement(property.value)
                    newProperty.shorthandDefault = property.shorthandDefault.map { expression($0) }
                    return newProperty
                })
        default:
            return expression(target)
        }
        return result
    }

    /// An element of a destructuring assignment: a target, `target = default` or `...target`.
    func assignmentElement(_ element: ExpressionNode) -> ExpressionNode {
        var result = element
        switch element.kind {
        case .assignment(.assign, let target, let value):
            result.kind = .assignment(.assign, target: assignmentTarget(target), value: expression(value))
        case .spread(let target):
            result.kind = .spread(assignmentTarget(target))
        default:
            return assignmentTarget(element)
        }
        return result
    }

    static func isBooleanShortForm(_ expression: ExpressionNode) -> Bool {
        if case .unary(.not, let inner) = expression.kind, case .number(let raw) = inner.kind { return raw == "0" || raw == "1" }
        return false
    }

    static func boolean(_ value: Bool, at: SourceOffset) -> ExpressionNode {
        ExpressionNode(.unary(.not, ExpressionNode(.number(raw: value ? "0" : "1"))), at: at)
    }

    /// Comparisons of two literals, and `&&`/`||` with a literal left side.
    func fold(_ op: BinaryOperator, _ left: ExpressionNode, _ right: ExpressionNode, at: SourceOffset) -> ExpressionNode? {
        if let typeofComparison = SyntaxShortener.typeofComparison(op, left, right, at: at) { return typeofComparison }
        guard let leftValue = LiteralValue.of(left) else { return nil }
        switch op {
        case .logicalAnd:
            return leftValue.isTruthy ? right : left
        case .logicalOr:
            return leftValue.isTruthy ? left : right
        case .strictEqual, .strictNotEqual:
            guard let rightValue = LiteralValue.of(right) else { return nil }
            let equal = leftValue.strictlyEquals(rightValue)
            return SyntaxShortener.boolean(op == .strictEqual ? equal : !equal, at: at)
        case .equal, .notEqual:
            guard let rightValue = LiteralValue.of(right), let equal = leftValue.looselyEquals(rightValue) else { return nil }
            return SyntaxShortener.boolean(op == .equal ? equal : !equal, at: at)
        default:
            return nil
        }
    }

    /// `typeof x` is always a string: `typeof x === "s"` → `typeof x == "s"`, and since every other result of
    /// `typeof` sorts before `"u"`, `typeof x === "undefined"` → `typeof x > "u"` (`!==` → `<`).
    static func typeofComparison(_ op: BinaryOperator, _ left: ExpressionNode, _ right: ExpressionNode, at: SourceOffset) -> ExpressionNode? {
        guard op == .strictEqual || op == .strictNotEqual || op == .equal || op == .notEqual else { return nil }
        var typeofSide = left
        var stringSide = right
        if case .unary(.typeof, _) = right.kind, case .string = left.kind {
            typeofSide = right
            stringSide = left
        }
        guard case .unary(.typeof, _) = typeofSide.kind, case .string(let text) = stringSide.kind else { return nil }
        let isEqual = op == .strictEqual || op == .equal
        if text == "undefined" {
            return ExpressionNode(.binary(isEqual ? .greaterThan : .lessThan, typeofSide, ExpressionNode(.string("u"), at: stringSide.at)), at: at)
        }
        let loose: BinaryOperator = isEqual ? .equal : .notEqual
        guard loose != op else { return nil }
        return ExpressionNode(.binary(loose, left, right), at: at)
    }

    /// `a === null || a === void 0` → `a == null` and `a !== null && a !== void 0` → `a != null` (either order),
    /// for an identifier `a`, which reads the same both times.
    static func nullCheck(_ op: BinaryOperator, _ left: ExpressionNode, _ right: ExpressionNode, at: SourceOffset) -> ExpressionNode? {
        let comparison: BinaryOperator
        switch op {
        case .logicalOr: comparison = .strictEqual
        case .logicalAnd: comparison = .strictNotEqual
        default: return nil
        }
        func operands(_ expression: ExpressionNode) -> (name: String, literal: LiteralValue)? {
            guard case .binary(let actual, let a, let b) = expression.kind, actual == comparison else { return nil }
            if case .identifier(let name) = a.kind, let literal = LiteralValue.of(b), literal == .null || literal == .undefined { return (name, literal) }
            if case .identifier(let name) = b.kind, let literal = LiteralValue.of(a), literal == .null || literal == .undefined { return (name, literal) }
            return nil
        }
        guard let first = operands(left), let second = operands(right), first.name == second.name, first.literal != second.literal else { return nil }
        guard case .binary(_, let a, let b) = left.kind else { return nil }
        let identifier = { if case .identifier = a.kind { return a } else { return b } }()
        return ExpressionNode(
            .binary(op == .logicalOr ? .equal : .notEqual, identifier, ExpressionNode(.null, at: at)), at: at)
    }
}
