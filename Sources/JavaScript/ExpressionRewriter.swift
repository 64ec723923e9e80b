/// Rebuilds a tree bottom-up, letting a closure replace any expression after its children were rewritten.
/// The bundler uses it to turn `require("x")` into module ids and to substitute defines.
public struct ExpressionRewriter {
    let transform: (ExpressionNode) -> ExpressionNode

    public init(_ transform: @escaping (ExpressionNode) -> ExpressionNode) {
        self.transform = transform
    }

    public func rewrite(_ program: Program) -> Program {
        var result = program
        result.body = rewrite(program.body)
        return result
    }

    public func rewrite(_ statements: [Statement]) -> [Statement] {
        statements.map(rewrite)
    }

    public func rewrite(_ statement: Statement) -> Statement {
        var result = statement
        switch statement.kind {
        case .directive, .empty, .break, .continue, .debugger, .import, .exportNamed, .exportAll:
            return statement
        case .expression(let expression):
            result.kind = .expression(rewrite(expression))
        case .throw(let expression):
            result.kind = .throw(rewrite(expression))
        case .exportDefaultExpression(let expression):
            result.kind = .exportDefaultExpression(rewrite(expression))
        case .variable(let declaration):
            result.kind = .variable(rewrite(declaration))
        case .function(let function):
            result.kind = .function(rewrite(function))
        case .exportDefaultFunction(let function):
            result.kind = .exportDefaultFunction(rewrite(function))
        case .class(let classNode):
            result.kind = .class(rewrite(classNode))
        case .exportDefaultClass(let classNode):
            result.kind = .exportDefaultClass(rewrite(classNode))
        case .block(let body):
            result.kind = .block(rewrite(body))
        case .if(let test, let consequent, let alternate):
            result.kind = .if(test: rewrite(test), consequent: rewrite(consequent), alternate: alternate.map(rewrite))
        case .for(let initializer, let test, let update, let body):
            let newInitializer: ForInitializer? =
                switch initializer {
                case .variable(let declaration): .variable(rewrite(declaration))
                case .expression(let expression): .expression(rewrite(expression))
                case nil: nil
                }
            result.kind = .for(initializer: newInitializer, test: test.map(rewrite), update: update.map(rewrite), body: rewrite(body))
        case .forIn(let left, let right, let body):
            result.kind = .forIn(left: rewrite(left), right: rewrite(right), body: rewrite(body))
        case .forOf(let left, let right, let body, let isAwait):
            result.kind = .forOf(left: rewrite(left), right: rewrite(right), body: rewrite(body), isAwait: isAwait)
        case .while(let test, let body):
            result.kind = .while(test: rewrite(test), body: rewrite(body))
        case .doWhile(let body, let test):
            result.kind = .doWhile(body: rewrite(body), test: rewrite(test))
        case .return(let value):
            result.kind = .return(value.map(rewrite))
        case .try(let block, let handler, let finalizer):
            let newHandler = handler.map { CatchClause(parameter: $0.parameter.map(rewrite), body: rewrite($0.body)) }
            result.kind = .try(block: rewrite(block), handler: newHandler, finalizer: finalizer.map(rewrite))
        case .switch(let discriminant, let cases):
            let newCases = cases.map { SwitchCase(test: $0.test.map(rewrite), body: rewrite($0.body)) }
            result.kind = .switch(discriminant: rewrite(discriminant), cases: newCases)
        case .labeled(let label, let body):
            result.kind = .labeled(label: label, body: rewrite(body))
        case .with(let object, let body):
            result.kind = .with(object: rewrite(object), body: rewrite(body))
        case .exportDeclaration(let declaration):
            result.kind = .exportDeclaration(rewrite(declaration))
        }
        return result
    }

    func rewrite(_ binding: ForBinding) -> ForBinding {
        switch binding {
        case .declaration(let kind, let pattern): .declaration(kind, rewrite(pattern))
        case .legacyVarWithInitializer(let pattern, let value): .legacyVarWithInitializer(rewrite(pattern), rewrite(value))
        case .target(let expression): .target(rewrite(expression))
        }
    }

    func rewrite(_ declaration: VariableDeclaration) -> VariableDeclaration {
        VariableDeclaration(
            kind: declaration.kind,
            declarators: declaration.declarators.map { VariableDeclarator(target: rewrite($0.target), initializer: $0.initializer.map(rewrite)) })
    }

    func rewrite(_ function: Function) -> Function {
        var result = function
        result.parameters = function.parameters.map(rewrite)
        result.rest = function.rest.map(rewrite)
        result.body = rewrite(function.body)
        return result
    }

    func rewrite(_ parameter: Parameter) -> Parameter {
        Parameter(target: rewrite(parameter.target), defaultValue: parameter.defaultValue.map(rewrite))
    }

    func rewrite(_ pattern: Pattern) -> Pattern {
        var result = pattern
        switch pattern.kind {
        case .identifier:
            return pattern
        case .array(let elements, let rest):
            result.kind = .array(elements.map { $0.map(rewrite) }, rest: rest.map(rewrite))
        case .object(let properties, let rest):
            let newProperties = properties.map {
                PatternProperty(key: rewrite($0.key), value: rewrite($0.value), isShorthand: $0.isShorthand)
            }
            result.kind = .object(newProperties, rest: rest.map(rewrite))
        }
        return result
    }

    func rewrite(_ key: PropertyKey) -> PropertyKey {
        if case .computed(let expression) = key { return .computed(rewrite(expression)) }
        return key
    }

    func rewrite(_ classNode: Class) -> Class {
        var result = classNode
        result.superClass = classNode.superClass.map(rewrite)
        result.members = classNode.members.map { member in
            switch member {
            case .method(let isStatic, let kind, let key, let function):
                .method(isStatic: isStatic, kind: kind, key: rewrite(key), function: rewrite(function))
            case .field(let isStatic, let key, let value):
                .field(isStatic: isStatic, key: rewrite(key), value: value.map(rewrite))
            case .staticBlock(let body):
                .staticBlock(rewrite(body))
            }
        }
        return result
    }

    public func rewrite(_ expression: ExpressionNode) -> ExpressionNode {
        var result = expression
        switch expression.kind {
        case .identifier, .privateName, .this, .super, .null, .boolean, .number, .bigInt, .string, .regularExpression,
            .importMeta, .newTarget:
            break
        case .template(let tag, let head, let spans):
            result.kind = .template(
                tag: tag.map(rewrite), head: head, spans: spans.map { TemplateSpan(expression: rewrite($0.expression), tail: $0.tail) })
        case .array(let elements):
            result.kind = .array(elements.map { $0.map(rewrite) })
        case .object(let properties):
            result.kind = .object(
                properties.map {
                    Property(
                        kind: $0.kind, key: rewrite($0.key), value: rewrite($0.value), isShorthand: $0.isShorthand,
                        shorthandDefault: $0.shorthandDefault.map(rewrite))
                })
        case .spread(let inner):
            result.kind = .spread(rewrite(inner))
        case .function(let function):
            result.kind = .function(rewrite(function))
        case .arrow(let arrow):
            var newArrow = arrow
            newArrow.parameters = arrow.parameters.map(rewrite)
            newArrow.rest = arrow.rest.map(rewrite)
            switch arrow.body {
            case .expression(let body): newArrow.body = .expression(rewrite(body))
            case .block(let body): newArrow.body = .block(rewrite(body))
            }
            result.kind = .arrow(newArrow)
        case .class(let classNode):
            result.kind = .class(rewrite(classNode))
        case .unary(let op, let operand):
            result.kind = .unary(op, rewrite(operand))
        case .update(let op, let isPrefix, let operand):
            result.kind = .update(op, isPrefix: isPrefix, rewrite(operand))
        case .binary(let op, let left, let right):
            result.kind = .binary(op, rewrite(left), rewrite(right))
        case .assignment(let op, let target, let value):
            result.kind = .assignment(op, target: rewrite(target), value: rewrite(value))
        case .conditional(let test, let consequent, let alternate):
            result.kind = .conditional(test: rewrite(test), consequent: rewrite(consequent), alternate: rewrite(alternate))
        case .call(let callee, let arguments, let chain):
            result.kind = .call(callee: rewrite(callee), arguments: arguments.map(rewrite), optionalChain: chain)
        case .new(let callee, let arguments):
            result.kind = .new(callee: rewrite(callee), arguments: arguments.map(rewrite))
        case .member(let object, let name, let chain):
            result.kind = .member(object: rewrite(object), name: name, optionalChain: chain)
        case .privateMember(let object, let name, let chain):
            result.kind = .privateMember(object: rewrite(object), name: name, optionalChain: chain)
        case .index(let object, let index, let chain):
            result.kind = .index(object: rewrite(object), index: rewrite(index), optionalChain: chain)
        case .sequence(let items):
            result.kind = .sequence(items.map(rewrite))
        case .yield(let argument, let isDelegate):
            result.kind = .yield(argument.map(rewrite), isDelegate: isDelegate)
        case .await(let operand):
            result.kind = .await(rewrite(operand))
        case .importCall(let specifier):
            result.kind = .importCall(rewrite(specifier))
        }
        return transform(result)
    }
}
