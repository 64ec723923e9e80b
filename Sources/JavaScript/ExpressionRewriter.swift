/// Rewrites a tree bottom-up, letting a closure replace any expression after its children were rewritten.
/// The bundler uses it to turn `require("x")` into module ids and to substitute defines.
///
/// With `sharingUnchanged` the closure returns nil for an expression it leaves as it is; then every part of the
/// tree nothing changed in is shared with the input instead of being built again (most of a module: only
/// requires, imported names and define reads change).
public struct ExpressionRewriter {
    let replace: (ExpressionNode) -> ExpressionNode?

    /// `transform` returns the expression to use (the same one to keep it).
    public init(_ transform: @escaping (ExpressionNode) -> ExpressionNode) {
        self.replace = { transform($0) }
    }

    private init(replace: @escaping (ExpressionNode) -> ExpressionNode?) {
        self.replace = replace
    }

    /// A rewriter whose `replace` returns the new expression, or nil to keep the one it was given; parts of the
    /// tree nothing changed in are shared with the input.
    public static func sharingUnchanged(_ replace: @escaping (ExpressionNode) -> ExpressionNode?) -> ExpressionRewriter {
        ExpressionRewriter(replace: replace)
    }

    public func rewrite(_ program: Program) -> Program {
        guard let body = changed(program.body) else { return program }
        var result = program
        result.body = body
        return result
    }

    public func rewrite(_ statements: [Statement]) -> [Statement] {
        changed(statements) ?? statements
    }

    public func rewrite(_ statement: Statement) -> Statement {
        changed(statement) ?? statement
    }

    public func rewrite(_ expression: ExpressionNode) -> ExpressionNode {
        changed(expression) ?? expression
    }

    // MARK: - The walk: each function returns nil when nothing in its part of the tree changed.

    func changed(_ statements: [Statement]) -> [Statement]? {
        statements.mapChanges(changed)
    }

    func changed(_ statement: Statement) -> Statement? {
        let kind: StatementKind?
        switch statement.kind {
        case .directive, .empty, .break, .continue, .debugger, .import, .exportNamed, .exportAll:
            return nil
        case .expression(let expression):
            kind = changed(expression).map { .expression($0) }
        case .throw(let expression):
            kind = changed(expression).map { .throw($0) }
        case .exportDefaultExpression(let expression):
            kind = changed(expression).map { .exportDefaultExpression($0) }
        case .variable(let declaration):
            kind = changed(declaration).map { .variable($0) }
        case .function(let function):
            kind = changed(function).map { .function($0) }
        case .exportDefaultFunction(let function):
            kind = changed(function).map { .exportDefaultFunction($0) }
        case .class(let classNode):
            kind = changed(classNode).map { .class($0) }
        case .exportDefaultClass(let classNode):
            kind = changed(classNode).map { .exportDefaultClass($0) }
        case .block(let body):
            kind = changed(body).map { .block($0) }
        case .if(let test, let consequent, let alternate):
            let newTest = changed(test)
            let newConsequent = changed(consequent)
            let newAlternate = alternate.flatMap(changed)
            kind = newTest == nil && newConsequent == nil && newAlternate == nil
                ? nil
                : .if(test: newTest ?? test, consequent: newConsequent ?? consequent, alternate: newAlternate ?? alternate)
        case .for(let initializer, let test, let update, let body):
            let newInitializer: ForInitializer? =
                switch initializer {
                case .variable(let declaration): changed(declaration).map { .variable($0) }
                case .expression(let expression): changed(expression).map { .expression($0) }
                case nil: nil
                }
            let newTest = test.flatMap(changed)
            let newUpdate = update.flatMap(changed)
            let newBody = changed(body)
            kind = newInitializer == nil && newTest == nil && newUpdate == nil && newBody == nil
                ? nil
                : .for(initializer: newInitializer ?? initializer, test: newTest ?? test, update: newUpdate ?? update, body: newBody ?? body)
        case .forIn(let left, let right, let body):
            let (newLeft, newRight, newBody) = (changed(left), changed(right), changed(body))
            kind = newLeft == nil && newRight == nil && newBody == nil
                ? nil : .forIn(left: newLeft ?? left, right: newRight ?? right, body: newBody ?? body)
        case .forOf(let left, let right, let body, let isAwait):
            let (newLeft, newRight, newBody) = (changed(left), changed(right), changed(body))
            kind = newLeft == nil && newRight == nil && newBody == nil
                ? nil : .forOf(left: newLeft ?? left, right: newRight ?? right, body: newBody ?? body, isAwait: isAwait)
        case .while(let test, let body):
            let (newTest, newBody) = (changed(test), changed(body))
            kind = newTest == nil && newBody == nil ? nil : .while(test: newTest ?? test, body: newBody ?? body)
        case .doWhile(let body, let test):
            let (newBody, newTest) = (changed(body), changed(test))
            kind = newTest == nil && newBody == nil ? nil : .doWhile(body: newBody ?? body, test: newTest ?? test)
        case .return(let value):
            kind = value.flatMap(changed).map { .return($0) }
        case .try(let block, let handler, let finalizer):
            let newBlock = changed(block)
            let newHandler = handler.flatMap(changed)
            let newFinalizer = finalizer.flatMap(changed)
            kind = newBlock == nil && newHandler == nil && newFinalizer == nil
                ? nil : .try(block: newBlock ?? block, handler: newHandler ?? handler, finalizer: newFinalizer ?? finalizer)
        case .switch(let discriminant, let cases):
            let newDiscriminant = changed(discriminant)
            let newCases = cases.mapChanges(changed)
            kind = newDiscriminant == nil && newCases == nil
                ? nil : .switch(discriminant: newDiscriminant ?? discriminant, cases: newCases ?? cases)
        case .labeled(let label, let body):
            kind = changed(body).map { .labeled(label: label, body: $0) }
        case .with(let object, let body):
            let (newObject, newBody) = (changed(object), changed(body))
            kind = newObject == nil && newBody == nil ? nil : .with(object: newObject ?? object, body: newBody ?? body)
        case .exportDeclaration(let declaration):
            kind = changed(declaration).map { .exportDeclaration($0) }
        }
        guard let kind else { return nil }
        var result = statement
        result.kind = kind
        return result
    }

    func changed(_ clause: CatchClause) -> CatchClause? {
        let newParameter = clause.parameter.flatMap(changed)
        let newBody = changed(clause.body)
        guard newParameter != nil || newBody != nil else { return nil }
        return CatchClause(parameter: newParameter ?? clause.parameter, body: newBody ?? clause.body)
    }

    func changed(_ switchCase: SwitchCase) -> SwitchCase? {
        let newTest = switchCase.test.flatMap(changed)
        let newBody = changed(switchCase.body)
        guard newTest != nil || newBody != nil else { return nil }
        return SwitchCase(test: newTest ?? switchCase.test, body: newBody ?? switchCase.body)
    }

    func changed(_ binding: ForBinding) -> ForBinding? {
        switch binding {
        case .declaration(let kind, let pattern):
            return changed(pattern).map { .declaration(kind, $0) }
        case .legacyVarWithInitializer(let pattern, let value):
            let (newPattern, newValue) = (changed(pattern), changed(value))
            guard newPattern != nil || newValue != nil else { return nil }
            return .legacyVarWithInitializer(newPattern ?? pattern, newValue ?? value)
        case .target(let expression):
            return changed(expression).map { .target($0) }
        }
    }

    func changed(_ declaration: VariableDeclaration) -> VariableDeclaration? {
        let declarators = declaration.declarators.mapChanges { declarator -> VariableDeclarator? in
            let newTarget = changed(declarator.target)
            let newInitializer = declarator.initializer.flatMap(changed)
            guard newTarget != nil || newInitializer != nil else { return nil }
            return VariableDeclarator(target: newTarget ?? declarator.target, initializer: newInitializer ?? declarator.initializer)
        }
        return declarators.map { VariableDeclaration(kind: declaration.kind, declarators: $0) }
    }

    func changed(_ function: Function) -> Function? {
        let newParameters = function.parameters.mapChanges(changed)
        let newRest = function.rest.flatMap(changed)
        let newBody = changed(function.body)
        guard newParameters != nil || newRest != nil || newBody != nil else { return nil }
        var result = function
        result.parameters = newParameters ?? function.parameters
        result.rest = newRest ?? function.rest
        result.body = newBody ?? function.body
        return result
    }

    func changed(_ parameter: Parameter) -> Parameter? {
        let newTarget = changed(parameter.target)
        let newDefault = parameter.defaultValue.flatMap(changed)
        guard newTarget != nil || newDefault != nil else { return nil }
        return Parameter(target: newTarget ?? parameter.target, defaultValue: newDefault ?? parameter.defaultValue)
    }

    func changed(_ pattern: Pattern) -> Pattern? {
        let kind: PatternKind?
        switch pattern.kind {
        case .identifier:
            return nil
        case .array(let elements, let rest):
            let newElements = elements.mapChanges { element -> Parameter?? in element.flatMap(changed).map { .some($0) } }
            let newRest = rest.flatMap(changed)
            kind = newElements == nil && newRest == nil ? nil : .array(newElements ?? elements, rest: newRest ?? rest)
        case .object(let properties, let rest):
            let newProperties = properties.mapChanges { property -> PatternProperty? in
                let (newKey, newValue) = (changed(property.key), changed(property.value))
                guard newKey != nil || newValue != nil else { return nil }
                return PatternProperty(key: newKey ?? property.key, value: newValue ?? property.value, isShorthand: property.isShorthand)
            }
            let newRest = rest.flatMap(changed)
            kind = newProperties == nil && newRest == nil ? nil : .object(newProperties ?? properties, rest: newRest ?? rest)
        }
        guard let kind else { return nil }
        var result = pattern
        result.kind = kind
        return result
    }

    func changed(_ key: PropertyKey) -> PropertyKey? {
        if case .computed(let expression) = key { return changed(expression).map { .computed($0) } }
        return nil
    }

    func changed(_ classNode: Class) -> Class? {
        let newSuperClass = classNode.superClass.flatMap(changed)
        let newMembers = classNode.members.mapChanges { member -> ClassMember? in
            switch member {
            case .method(let isStatic, let kind, let key, let function):
                let (newKey, newFunction) = (changed(key), changed(function))
                guard newKey != nil || newFunction != nil else { return nil }
                return .method(isStatic: isStatic, kind: kind, key: newKey ?? key, function: newFunction ?? function)
            case .field(let isStatic, let key, let value):
                let (newKey, newValue) = (changed(key), value.flatMap(changed))
                guard newKey != nil || newValue != nil else { return nil }
                return .field(isStatic: isStatic, key: newKey ?? key, value: newValue ?? value)
            case .staticBlock(let body):
                return changed(body).map { .staticBlock($0) }
            }
        }
        guard newSuperClass != nil || newMembers != nil else { return nil }
        var result = classNode
        result.superClass = newSuperClass ?? classNode.superClass
        result.members = newMembers ?? classNode.members
        return result
    }

    /// The expression with its children rewritten, then given to the closure: nil when neither changed it.
    func changed(_ expression: ExpressionNode) -> ExpressionNode? {
        let rebuilt = changedChildren(expression)
        return replace(rebuilt ?? expression) ?? rebuilt
    }

    private func changedChildren(_ expression: ExpressionNode) -> ExpressionNode? {
        let kind: ExpressionKind?
        switch expression.kind {
        case .identifier, .privateName, .this, .super, .null, .boolean, .number, .bigInt, .string, .regularExpression,
            .importMeta, .newTarget:
            return nil
        case .template(let tag, let head, let spans):
            let newTag = tag.flatMap(changed)
            let newSpans = spans.mapChanges { span in changed(span.expression).map { TemplateSpan(expression: $0, tail: span.tail) } }
            kind = newTag == nil && newSpans == nil ? nil : .template(tag: newTag ?? tag, head: head, spans: newSpans ?? spans)
        case .array(let elements):
            kind = elements.mapChanges { element -> ExpressionNode?? in element.flatMap(changed).map { .some($0) } }.map { .array($0) }
        case .object(let properties):
            kind = properties.mapChanges { $0.changed(key: changed, value: changed, shorthandDefault: changed) }.map { .object($0) }
        case .spread(let inner):
            kind = changed(inner).map { .spread($0) }
        case .function(let function):
            kind = changed(function).map { .function($0) }
        case .arrow(let arrow):
            let newParameters = arrow.parameters.mapChanges(changed)
            let newRest = arrow.rest.flatMap(changed)
            let newBody: ArrowBody? =
                switch arrow.body {
                case .expression(let body): changed(body).map { .expression($0) }
                case .block(let body): changed(body).map { .block($0) }
                }
            if newParameters == nil && newRest == nil && newBody == nil {
                kind = nil
            } else {
                var newArrow = arrow
                newArrow.parameters = newParameters ?? arrow.parameters
                newArrow.rest = newRest ?? arrow.rest
                newArrow.body = newBody ?? arrow.body
                kind = .arrow(newArrow)
            }
        case .class(let classNode):
            kind = changed(classNode).map { .class($0) }
        case .unary(let op, let operand):
            kind = changed(operand).map { .unary(op, $0) }
        case .update(let op, let isPrefix, let operand):
            kind = changed(operand).map { .update(op, isPrefix: isPrefix, $0) }
        case .binary(let op, let left, let right):
            let (newLeft, newRight) = (changed(left), changed(right))
            kind = newLeft == nil && newRight == nil ? nil : .binary(op, newLeft ?? left, newRight ?? right)
        case .assignment(let op, let target, let value):
            let (newTarget, newValue) = (changed(target), changed(value))
            kind = newTarget == nil && newValue == nil ? nil : .assignment(op, target: newTarget ?? target, value: newValue ?? value)
        case .conditional(let test, let consequent, let alternate):
            let (newTest, newConsequent, newAlternate) = (changed(test), changed(consequent), changed(alternate))
            kind = newTest == nil && newConsequent == nil && newAlternate == nil
                ? nil
                : .conditional(test: newTest ?? test, consequent: newConsequent ?? consequent, alternate: newAlternate ?? alternate)
        case .call(let callee, let arguments, let chain):
            let (newCallee, newArguments) = (changed(callee), arguments.mapChanges(changed))
            kind = newCallee == nil && newArguments == nil
                ? nil : .call(callee: newCallee ?? callee, arguments: newArguments ?? arguments, optionalChain: chain)
        case .new(let callee, let arguments):
            let (newCallee, newArguments) = (changed(callee), arguments.mapChanges(changed))
            kind = newCallee == nil && newArguments == nil ? nil : .new(callee: newCallee ?? callee, arguments: newArguments ?? arguments)
        case .member(let object, let name, let chain):
            kind = changed(object).map { .member(object: $0, name: name, optionalChain: chain) }
        case .privateMember(let object, let name, let chain):
            kind = changed(object).map { .privateMember(object: $0, name: name, optionalChain: chain) }
        case .index(let object, let index, let chain):
            let (newObject, newIndex) = (changed(object), changed(index))
            kind = newObject == nil && newIndex == nil ? nil : .index(object: newObject ?? object, index: newIndex ?? index, optionalChain: chain)
        case .sequence(let items):
            kind = items.mapChanges(changed).map { .sequence($0) }
        case .yield(let argument, let isDelegate):
            kind = argument.flatMap(changed).map { .yield($0, isDelegate: isDelegate) }
        case .await(let operand):
            kind = changed(operand).map { .await($0) }
        case .importCall(let specifier):
            kind = changed(specifier).map { .importCall($0) }
        }
        guard let kind else { return nil }
        var result = expression
        result.kind = kind
        return result
    }
}
