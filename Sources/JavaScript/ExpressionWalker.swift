/// Visits every expression of a tree in source order (parents before children), including those inside
/// functions, classes, patterns' default values and template substitutions.
struct ExpressionWalker {
    let visit: (ExpressionNode) -> Void

    func walk(_ statements: [Statement]) {
        for statement in statements { walk(statement) }
    }

    func walk(_ statement: Statement) {
        switch statement.kind {
        case .directive, .empty, .break, .continue, .debugger, .import, .exportNamed, .exportAll:
            break
        case .expression(let expression), .throw(let expression), .exportDefaultExpression(let expression):
            walk(expression)
        case .variable(let declaration):
            walk(declaration)
        case .function(let function), .exportDefaultFunction(let function):
            walk(function)
        case .class(let classNode), .exportDefaultClass(let classNode):
            walk(classNode)
        case .block(let body):
            walk(body)
        case .if(let test, let consequent, let alternate):
            walk(test)
            walk(consequent)
            if let alternate { walk(alternate) }
        case .for(let initializer, let test, let update, let body):
            switch initializer {
            case .variable(let declaration): walk(declaration)
            case .expression(let expression): walk(expression)
            case nil: break
            }
            if let test { walk(test) }
            if let update { walk(update) }
            walk(body)
        case .forIn(let left, let right, let body), .forOf(let left, let right, let body, _):
            switch left {
            case .declaration(_, let pattern): walk(pattern)
            case .legacyVarWithInitializer(let pattern, let value):
                walk(pattern)
                walk(value)
            case .target(let expression): walk(expression)
            }
            walk(right)
            walk(body)
        case .while(let test, let body):
            walk(test)
            walk(body)
        case .doWhile(let body, let test):
            walk(body)
            walk(test)
        case .return(let value):
            if let value { walk(value) }
        case .try(let block, let handler, let finalizer):
            walk(block)
            if let handler {
                if let parameter = handler.parameter { walk(parameter) }
                walk(handler.body)
            }
            if let finalizer { walk(finalizer) }
        case .switch(let discriminant, let cases):
            walk(discriminant)
            for switchCase in cases {
                if let test = switchCase.test { walk(test) }
                walk(switchCase.body)
            }
        case .labeled(_, let body):
            walk(body)
        case .with(let object, let body):
            walk(object)
            walk(body)
        case .exportDeclaration(let declaration):
            walk(declaration)
        }
    }

    func walk(_ declaration: VariableDeclaration) {
        for declarator in declaration.declarators {
            walk(declarator.target)
            if let initializer = declarator.initializer { walk(initializer) }
        }
    }

    func walk(_ function: Function) {
        for parameter in function.parameters { walk(parameter) }
        if let rest = function.rest { walk(rest) }
        walk(function.body)
    }

    func walk(_ parameter: Parameter) {
        walk(parameter.target)
        if let defaultValue = parameter.defaultValue { walk(defaultValue) }
    }

    func walk(_ pattern: Pattern) {
        switch pattern.kind {
        case .identifier:
            break
        case .array(let elements, let rest):
            for element in elements { if let element { walk(element) } }
            if let rest { walk(rest) }
        case .object(let properties, let rest):
            for property in properties {
                walk(property.key)
                walk(property.value)
            }
            if let rest { walk(rest) }
        }
    }

    func walk(_ key: PropertyKey) {
        if case .computed(let expression) = key { walk(expression) }
    }

    func walk(_ classNode: Class) {
        if let superClass = classNode.superClass { walk(superClass) }
        for member in classNode.members {
            switch member {
            case .method(_, _, let key, let function):
                walk(key)
                walk(function)
            case .field(_, let key, let value):
                walk(key)
                if let value { walk(value) }
            case .staticBlock(let body):
                walk(body)
            }
        }
    }

    func walk(_ expression: ExpressionNode) {
        visit(expression)
        switch expression.kind {
        case .identifier, .privateName, .this, .super, .null, .boolean, .number, .bigInt, .string, .regularExpression,
            .importMeta, .newTarget:
            break
        case .template(let tag, _, let spans):
            if let tag { walk(tag) }
            for span in spans { walk(span.expression) }
        case .array(let elements):
            for element in elements { if let element { walk(element) } }
        case .object(let properties):
            for property in properties {
                walk(property.key)
                walk(property.value)
                if let shorthandDefault = property.shorthandDefault { walk(shorthandDefault) }
            }
        case .spread(let inner), .unary(_, let inner), .update(_, _, let inner), .await(let inner), .importCall(let inner):
            walk(inner)
        case .function(let function):
            walk(function)
        case .arrow(let arrow):
            for parameter in arrow.parameters { walk(parameter) }
            if let rest = arrow.rest { walk(rest) }
            switch arrow.body {
            case .expression(let body): walk(body)
            case .block(let body): walk(body)
            }
        case .class(let classNode):
            walk(classNode)
        case .binary(_, let left, let right):
            walk(left)
            walk(right)
        case .assignment(_, let target, let value):
            walk(target)
            walk(value)
        case .conditional(let test, let consequent, let alternate):
            walk(test)
            walk(consequent)
            walk(alternate)
        case .call(let callee, let arguments, _), .new(let callee, let arguments):
            walk(callee)
            for argument in arguments { walk(argument) }
        case .member(let object, _, _), .privateMember(let object, _, _):
            walk(object)
        case .index(let object, let index, _):
            walk(object)
            walk(index)
        case .sequence(let items):
            for item in items { walk(item) }
        case .yield(let argument, _):
            if let argument { walk(argument) }
        }
    }
}
