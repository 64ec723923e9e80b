/// Walks a program in exactly the order `ScopeBuilder` creates scopes, so the scope index of every place is
/// known without positions: identifiers are resolved by name through the analysis' scope chain and replaced by
/// their new names. If a scope ever fails to line up with the analysis, `lostTrack` is set and the caller keeps
/// the program unchanged.
struct RenameWalker {
    let analysis: ScopeAnalysis
    /// Per declaration: nil to keep the name, "" to drop it (function and class expressions only).
    let newNames: [String?]
    var current = 0
    var scopesCreated = 0
    var lostTrack = false

    /// Labels in scope (old name, new name); labels do not cross function boundaries.
    var labels: [(String, String)] = []
    /// New label names by nesting level, generated as deep as labels nest (not again for every label).
    var labelNames: [String] = []
    /// Function scopes whose parameter list is being walked.
    var parameterScopes: [Int] = []
    /// Names that parameter expressions (`function f(a = x) { var x }`) read from outside the function, while the
    /// analysis resolves them to a body declaration; the caller keeps these names everywhere and walks again.
    var conflictingNames: Set<String> = []

    /// Resolves names with one hash each, however deep the scope.
    let declarationsByName: DeclarationsByName

    init(analysis: ScopeAnalysis, newNames: [String?]) {
        self.analysis = analysis
        self.newNames = newNames
        self.declarationsByName = DeclarationsByName(analysis)
    }

    // MARK: - Scopes and names

    mutating func pushScope(_ kind: ScopeAnalysis.ScopeKind) {
        scopesCreated += 1
        let index = scopesCreated
        guard index < analysis.scopes.count, analysis.scopes[index].kind == kind, analysis.scopes[index].parent == current else {
            lostTrack = true
            return
        }
        current = index
    }

    mutating func popScope() {
        current = analysis.scopes[current].parent ?? 0
    }

    func resolve(_ name: String, from scope: Int) -> Int? {
        declarationsByName.resolve(name, from: scope, in: analysis.scopes)
    }

    /// The new name of a binding or reference named `name` at the current scope.
    mutating func name(_ name: String) -> String {
        guard let declaration = resolve(name, from: current) else { return name }
        if !parameterScopes.isEmpty, isBodyDeclarationSeenFromParameters(declaration) { conflictingNames.insert(name) }
        return newNames[declaration] ?? name
    }

    /// With parameter expressions, the body's `var`s and functions live in a scope of their own that the
    /// parameters do not see; the analysis has one scope for both.
    func isBodyDeclarationSeenFromParameters(_ index: Int) -> Bool {
        let declaration = analysis.declarations[index]
        guard parameterScopes.contains(declaration.scope) else { return false }
        switch declaration.kind {
        case .parameter, .arguments:
            return false
        case .function:
            // A function expression's own name (declared just before `arguments`) is visible to its parameters.
            let next = index + 1
            return !(next < analysis.declarations.count && analysis.declarations[next].kind == .arguments
                && analysis.declarations[next].scope == declaration.scope)
        default:
            return true
        }
    }

    // MARK: - Program and statements

    mutating func walkProgram(_ program: Program) -> Program {
        var result = program
        result.body = walk(program.body)
        return result
    }

    static func boundNames(_ pattern: Pattern) -> [String] {
        switch pattern.kind {
        case .identifier(let name): [name]
        case .array(let elements, let rest): elements.flatMap { $0.map { boundNames($0.target) } ?? [] } + (rest.map(boundNames) ?? [])
        case .object(let properties, let rest): properties.flatMap { boundNames($0.value.target) } + (rest.map(boundNames) ?? [])
        }
    }

    mutating func walk(_ statements: [Statement]) -> [Statement] {
        var result: [Statement] = []
        result.reserveCapacity(statements.count)
        for statement in statements { result.append(walk(statement)) }
        return result
    }

    mutating func walkBlock(_ body: [Statement], kind: ScopeAnalysis.ScopeKind = .block) -> [Statement] {
        pushScope(kind)
        let result = walk(body)
        popScope()
        return result
    }

    /// Single-statement positions: a function declaration there gets a block scope of its own.
    mutating func walkSubstatement(_ statement: Statement) -> Statement {
        if case .function = statement.kind {
            pushScope(.block)
            let result = walk(statement)
            popScope()
            return result
        }
        return walk(statement)
    }

    mutating func walk(_ statement: Statement) -> Statement {
        var result = statement
        switch statement.kind {
        case .directive, .empty, .debugger, .exportAll:
            break
        case .break(let label):
            if let label { result.kind = .break(label: labelName(label)) }
        case .continue(let label):
            if let label { result.kind = .continue(label: labelName(label)) }
        case .import(var declaration):
            if let local = declaration.defaultBinding { declaration.defaultBinding = name(local) }
            if let local = declaration.namespaceBinding { declaration.namespaceBinding = name(local) }
            if let specifiers = declaration.namedBindings {
                var renamed: [ImportSpecifier] = []
                for specifier in specifiers { renamed.append(ImportSpecifier(imported: specifier.imported, local: name(specifier.local))) }
                declaration.namedBindings = renamed
            }
            result.kind = .import(declaration)
        case .expression(let expression):
            guard let changed = renamed(expression) else { return statement }
            result.kind = .expression(changed)
        case .throw(let expression):
            guard let changed = renamed(expression) else { return statement }
            result.kind = .throw(changed)
        case .exportDefaultExpression(let expression):
            result.kind = .exportDefaultExpression(walk(expression))
        case .variable(let declaration):
            result.kind = .variable(walk(declaration))
        case .function(var function):
            if let functionName = function.name { function.name = name(functionName) }
            result.kind = .function(walkFunction(function, declaresOwnName: false))
        case .exportDefaultFunction(var function):
            if let functionName = function.name { function.name = name(functionName) }
            result.kind = .exportDefaultFunction(walkFunction(function, declaresOwnName: false))
        case .class(let classNode):
            result.kind = .class(walkClass(classNode))
        case .exportDefaultClass(let classNode):
            result.kind = .exportDefaultClass(walkClass(classNode))
        case .block(let body):
            result.kind = .block(walkBlock(body))
        case .if(let test, let consequent, let alternate):
            let newTest = walk(test)
            let newConsequent = walkSubstatement(consequent)
            let newAlternate = alternate.map { walkSubstatement($0) }
            result.kind = .if(test: newTest, consequent: newConsequent, alternate: newAlternate)
        case .for(let initializer, let test, let update, let body):
            pushScope(.for)
            var newInitializer = initializer
            switch initializer {
            case .variable(let declaration): newInitializer = .variable(walk(declaration))
            case .expression(let expression): newInitializer = .expression(walk(expression))
            case nil: break
            }
            let newTest = test.map { walk($0) }
            let newUpdate = update.map { walk($0) }
            let newBody = walkSubstatement(body)
            popScope()
            result.kind = .for(initializer: newInitializer, test: newTest, update: newUpdate, body: newBody)
        case .forIn(let left, let right, let body):
            pushScope(.for)
            let newLeft = walk(left)
            let newRight = walk(right)
            let newBody = walkSubstatement(body)
            popScope()
            result.kind = .forIn(left: newLeft, right: newRight, body: newBody)
        case .forOf(let left, let right, let body, let isAwait):
            pushScope(.for)
            let newLeft = walk(left)
            let newRight = walk(right)
            let newBody = walkSubstatement(body)
            popScope()
            result.kind = .forOf(left: newLeft, right: newRight, body: newBody, isAwait: isAwait)
        case .while(let test, let body):
            let newTest = walk(test)
            result.kind = .while(test: newTest, body: walkSubstatement(body))
        case .doWhile(let body, let test):
            let newBody = walkSubstatement(body)
            result.kind = .doWhile(body: newBody, test: walk(test))
        case .return(let value):
            guard let value, let changed = renamed(value) else { return statement }
            result.kind = .return(changed)
        case .try(let block, let handler, let finalizer):
            let newBlock = walkBlock(block)
            var newHandler = handler
            if let handler {
                pushScope(.catch)
                let parameter = handler.parameter.map { walk($0) }
                let body = walkBlock(handler.body)
                popScope()
                newHandler = CatchClause(parameter: parameter, body: body)
            }
            let newFinalizer = finalizer.map { walkBlock($0) }
            result.kind = .try(block: newBlock, handler: newHandler, finalizer: newFinalizer)
        case .switch(let discriminant, let cases):
            let newDiscriminant = walk(discriminant)
            pushScope(.switch)
            var newCases: [SwitchCase] = []
            for switchCase in cases {
                let test = switchCase.test.map { walk($0) }
                newCases.append(SwitchCase(test: test, body: walk(switchCase.body)))
            }
            popScope()
            result.kind = .switch(discriminant: newDiscriminant, cases: newCases)
        case .labeled(let label, let body):
            if labelNames.count <= labels.count { labelNames = NameGenerator.names(count: 2 * labels.count + 8, avoiding: []) }
            let newLabel = labelNames[labels.count]
            labels.append((label, newLabel))
            let newBody = walkSubstatement(body)
            labels.removeLast()
            result.kind = .labeled(label: newLabel, body: newBody)
        case .with(let object, let body):
            let newObject = walk(object)
            result.kind = .with(object: newObject, body: walkSubstatement(body))
        case .exportNamed(var declaration):
            if declaration.source == nil {
                var renamed: [ExportSpecifier] = []
                for specifier in declaration.specifiers {
                    if case .identifier(let local) = specifier.local {
                        renamed.append(ExportSpecifier(local: .identifier(name(local)), exported: specifier.exported))
                    } else {
                        renamed.append(specifier)
                    }
                }
                declaration.specifiers = renamed
                result.kind = .exportNamed(declaration)
            }
        case .exportDeclaration(let declaration):
            result.kind = .exportDeclaration(walk(declaration))
        }
        return result
    }

    func labelName(_ label: String) -> String {
        for (old, new) in labels.reversed() where old == label { return new }
        return label
    }

    mutating func walk(_ binding: ForBinding) -> ForBinding {
        switch binding {
        case .declaration(let kind, let pattern):
            return .declaration(kind, walk(pattern))
        case .legacyVarWithInitializer(let pattern, let value):
            let newPattern = walk(pattern)
            return .legacyVarWithInitializer(newPattern, walk(value))
        case .target(let expression):
            return .target(walk(expression))
        }
    }

    mutating func walk(_ declaration: VariableDeclaration) -> VariableDeclaration {
        var result = declaration
        for index in declaration.declarators.indices {
            result.declarators[index].target = walk(declaration.declarators[index].target)
            result.declarators[index].initializer = declaration.declarators[index].initializer.map { walk($0) }
        }
        return result
    }

    // MARK: - Patterns

    mutating func walk(_ parameter: Parameter) -> Parameter {
        let target = walk(parameter.target)
        return Parameter(target: target, defaultValue: parameter.defaultValue.map { walk($0) })
    }

    mutating func walk(_ pattern: Pattern) -> Pattern {
        var result = pattern
        switch pattern.kind {
        case .identifier(let bound):
            let newName = name(bound)
            guard newName != bound else { return pattern }
            result.kind = .identifier(newName)
        case .array(let elements, let rest):
            var newElements: [Parameter?] = []
            for element in elements { newElements.append(element.map { walk($0) }) }
            result.kind = .array(newElements, rest: rest.map { walk($0) })
        case .object(let properties, let rest):
            var newProperties: [PatternProperty] = []
            for property in properties {
                let key = walk(property.key)
                let value = walk(property.value)
                var isShorthand = property.isShorthand
                if isShorthand, case .identifier(let keyName) = key, case .identifier(let valueName) = value.target.kind, keyName != valueName {
                    isShorthand = false
                }
                newProperties.append(PatternProperty(key: key, value: value, isShorthand: isShorthand))
            }
            result.kind = .object(newProperties, rest: rest.map { walk($0) })
        }
        return result
    }

    mutating func walk(_ key: PropertyKey) -> PropertyKey {
        if case .computed(let expression) = key { return .computed(walk(expression)) }
        return key
    }

    // MARK: - Functions and classes

    mutating func walkFunction(_ function: Function, declaresOwnName: Bool) -> Function {
        var result = function
        pushScope(.function)
        if declaresOwnName, let functionName = function.name {
            let newName = name(functionName)
            result.name = newName.isEmpty ? nil : newName
        }
        let savedLabels = labels
        labels = []
        (result.parameters, result.rest, result.body) = walkParametersAndBody(function.parameters, rest: function.rest, body: function.body)
        labels = savedLabels
        popScope()
        return result
    }

    mutating func walkParametersAndBody(_ parameters: [Parameter], rest: Pattern?, body: [Statement]) -> ([Parameter], Pattern?, [Statement]) {
        parameterScopes.append(current)
        var newParameters: [Parameter] = []
        for parameter in parameters { newParameters.append(walk(parameter)) }
        let newRest = rest.map { walk($0) }
        parameterScopes.removeLast()
        // The body sees its own declarations; it may still sit in an outer function's parameter list.
        return (newParameters, newRest, walk(body))
    }

    mutating func walkClass(_ classNode: Class) -> Class {
        var result = classNode
        result.superClass = classNode.superClass.map { walk($0) }
        pushScope(.class)
        if let className = classNode.name {
            let newName = name(className)
            result.name = newName.isEmpty ? nil : newName
        }
        let savedLabels = labels
        labels = []
        var members: [ClassMember] = []
        for member in classNode.members {
            switch member {
            case .method(let isStatic, let kind, let key, let function):
                let newKey = walk(key)
                members.append(.method(isStatic: isStatic, kind: kind, key: newKey, function: walkFunction(function, declaresOwnName: false)))
            case .field(let isStatic, let key, let value):
                let newKey = walk(key)
                var newValue = value
                if let value {
                    pushScope(.function)
                    newValue = walk(value)
                    popScope()
                }
                members.append(.field(isStatic: isStatic, key: newKey, value: newValue))
            case .staticBlock(let body):
                members.append(.staticBlock(walkBlock(body, kind: .staticBlock)))
            }
        }
        labels = savedLabels
        popScope()
        result.members = members
        return result
    }

    // MARK: - Expressions

    mutating func walk(_ expression: ExpressionNode) -> ExpressionNode {
        renamed(expression) ?? expression
    }

    /// The expression with its names replaced, or nil when none changes: unchanged subtrees are shared with the
    /// input instead of being built again.
    mutating func renamed(_ expression: ExpressionNode) -> ExpressionNode? {
        var result = expression
        switch expression.kind {
        case .identifier(let referenced):
            let newName = name(referenced)
            guard newName != referenced else { return nil }
            result.kind = .identifier(newName)
        case .privateName, .this, .super, .null, .boolean, .number, .bigInt, .string, .regularExpression, .importMeta, .newTarget:
            return nil
        case .template(let tag, let head, let spans):
            let newTag = tag.flatMap { renamed($0) }
            let newSpans = spans.mapChanges { span in renamed(span.expression).map { TemplateSpan(expression: $0, tail: span.tail) } }
            guard newTag != nil || newSpans != nil else { return nil }
            result.kind = .template(tag: newTag ?? tag, head: head, spans: newSpans ?? spans)
        case .array(let elements):
            let newElements = elements.mapChanges { element -> ExpressionNode?? in
                guard let element, let changed = renamed(element) else { return nil }
                return .some(changed)
            }
            guard let newElements else { return nil }
            result.kind = .array(newElements)
        case .object(let properties):
            guard let newProperties = properties.mapChanges({ renamed($0) }) else { return nil }
            result.kind = .object(newProperties)
        case .spread(let inner):
            guard let newInner = renamed(inner) else { return nil }
            result.kind = .spread(newInner)
        case .function(let function):
            result.kind = .function(walkFunction(function, declaresOwnName: true))
        case .arrow(let arrow):
            var newArrow = arrow
            pushScope(.arrow)
            switch arrow.body {
            case .expression(let body):
                (newArrow.parameters, newArrow.rest, _) = walkParametersAndBody(arrow.parameters, rest: arrow.rest, body: [])
                newArrow.body = .expression(walk(body))
            case .block(let body):
                let savedLabels = labels
                labels = []
                let block: [Statement]
                (newArrow.parameters, newArrow.rest, block) = walkParametersAndBody(arrow.parameters, rest: arrow.rest, body: body)
                newArrow.body = .block(block)
                labels = savedLabels
            }
            popScope()
            result.kind = .arrow(newArrow)
        case .class(let classNode):
            result.kind = .class(walkClass(classNode))
        case .unary(let op, let operand):
            guard let newOperand = renamed(operand) else { return nil }
            result.kind = .unary(op, newOperand)
        case .update(let op, let isPrefix, let operand):
            guard let newOperand = renamed(operand) else { return nil }
            result.kind = .update(op, isPrefix: isPrefix, newOperand)
        case .binary(let op, let left, let right):
            let newLeft = renamed(left)
            let newRight = renamed(right)
            guard newLeft != nil || newRight != nil else { return nil }
            result.kind = .binary(op, newLeft ?? left, newRight ?? right)
        case .assignment(let op, let target, let value):
            let newTarget = renamed(target)
            let newValue = renamed(value)
            guard newTarget != nil || newValue != nil else { return nil }
            result.kind = .assignment(op, target: newTarget ?? target, value: newValue ?? value)
        case .conditional(let test, let consequent, let alternate):
            let newTest = renamed(test)
            let newConsequent = renamed(consequent)
            let newAlternate = renamed(alternate)
            guard newTest != nil || newConsequent != nil || newAlternate != nil else { return nil }
            result.kind = .conditional(test: newTest ?? test, consequent: newConsequent ?? consequent, alternate: newAlternate ?? alternate)
        case .call(let callee, let arguments, let chain):
            let newCallee = renamed(callee)
            let newArguments = arguments.mapChanges { renamed($0) }
            guard newCallee != nil || newArguments != nil else { return nil }
            result.kind = .call(callee: newCallee ?? callee, arguments: newArguments ?? arguments, optionalChain: chain)
        case .new(let callee, let arguments):
            let newCallee = renamed(callee)
            let newArguments = arguments.mapChanges { renamed($0) }
            guard newCallee != nil || newArguments != nil else { return nil }
            result.kind = .new(callee: newCallee ?? callee, arguments: newArguments ?? arguments)
        case .member(let object, let member, let chain):
            guard let newObject = renamed(object) else { return nil }
            result.kind = .member(object: newObject, name: member, optionalChain: chain)
        case .privateMember(let object, let member, let chain):
            guard let newObject = renamed(object) else { return nil }
            result.kind = .privateMember(object: newObject, name: member, optionalChain: chain)
        case .index(let object, let index, let chain):
            let newObject = renamed(object)
            let newIndex = renamed(index)
            guard newObject != nil || newIndex != nil else { return nil }
            result.kind = .index(object: newObject ?? object, index: newIndex ?? index, optionalChain: chain)
        case .sequence(let items):
            guard let newItems = items.mapChanges({ renamed($0) }) else { return nil }
            result.kind = .sequence(newItems)
        case .yield(let argument, let isDelegate):
            guard let argument, let newArgument = renamed(argument) else { return nil }
            result.kind = .yield(newArgument, isDelegate: isDelegate)
        case .await(let operand):
            guard let newOperand = renamed(operand) else { return nil }
            result.kind = .await(newOperand)
        case .importCall(let specifier):
            guard let newSpecifier = renamed(specifier) else { return nil }
            result.kind = .importCall(newSpecifier)
        }
        return result
    }

    /// A property of an object literal with its names replaced, or nil when none changes.
    mutating func renamed(_ property: Property) -> Property? {
        let renamedParts = property.changed(
            key: { key in
                guard case .computed(let keyExpression) = key else { return nil }
                return renamed(keyExpression).map { .computed($0) }
            },
            value: { value in
                // The function of a method, getter or setter has no own name to declare.
                guard case .function(let function) = value.kind, property.kind != .value else { return renamed(value) }
                var method = value
                method.kind = .function(walkFunction(function, declaresOwnName: false))
                return method
            },
            shorthandDefault: { renamed($0) })
        return Self.longhand(renamedParts ?? property) ?? renamedParts
    }

    /// A shorthand property whose key and value are different names, written out: `{a}` with `a` renamed to `b`
    /// is `{a: b}`. Nil for any other property.
    static func longhand(_ property: Property) -> Property? {
        guard property.isShorthand, case .identifier(let keyName) = property.key, case .identifier(let valueName) = property.value.kind,
            keyName != valueName
        else { return nil }
        var result = property
        result.isShorthand = false
        if keyName == "__proto__" {
            // `{__proto__}` defines an own property; `{__proto__: b}` would set the prototype.
            result.key = .computed(ExpressionNode(.string("__proto__"), at: property.value.at))
        }
        if let defaultValue = property.shorthandDefault {
            // `({a = 1} = o)` with `a` renamed: `({a: b = 1} = o)`.
            result.value = ExpressionNode(.assignment(.assign, target: property.value, value: defaultValue), at: property.value.at)
            result.shorthandDefault = nil
        }
        return result
    }
}
