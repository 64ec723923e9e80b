/// Declarations, references and scopes of a program: the basis for renaming and for finding free variables
/// such as `require`, `module` and `exports`.
public struct ScopeAnalysis: Sendable {
    public enum ScopeKind: String, Sendable, Equatable {
        case global, module, function, arrow, block, `catch`, `class`, staticBlock, `for`, `switch`
    }

    public enum DeclarationKind: String, Sendable, Equatable {
        case `var`, `let`, `const`, function, `class`, parameter, catchParameter, `import`
        /// The implicit `arguments` object of a non-arrow function.
        case arguments
    }

    public struct Scope: Sendable {
        public var kind: ScopeKind
        public var parent: Int?
        public var children: [Int] = []
        /// Declarations by name.
        public var declarations: [String: Int] = [:]
        /// A direct `eval(…)` or a `with` statement inside: names here can be looked up dynamically and must not be renamed.
        public var hasDynamicLookup = false
    }

    public struct Declaration: Sendable {
        public var name: String
        public var kind: DeclarationKind
        public var scope: Int
        /// Byte offset of the binding (or of the function/class for their names).
        public var offset: Int
        /// The declaration with the same name in an enclosing scope that this one hides.
        public var shadows: Int?
    }

    public struct Reference: Sendable {
        public var name: String
        public var scope: Int
        public var offset: Int
        /// nil when the name is not declared anywhere in the program (a global or host-provided name).
        public var declaration: Int?
        public var isWrite: Bool
    }

    public var scopes: [Scope] = []
    public var declarations: [Declaration] = []
    public var references: [Reference] = []

    /// Names used but never declared, sorted: what the environment must provide (e.g. `require`, `module`).
    public var freeNames: [String] {
        Set(references.filter { $0.declaration == nil }.map(\.name)).sorted()
    }

    /// Analyzes a parsed program. Function declarations in blocks are block-scoped (ES2015 semantics);
    /// `var` and top-level function declarations are hoisted to the nearest function, module or global scope.
    public static func analyze(_ program: Program) -> ScopeAnalysis {
        var builder = ScopeBuilder()
        builder.analyzeProgram(program)
        builder.resolveReferences()
        return builder.analysis
    }
}

/// Walks the tree once, creating scopes and declarations and recording references; resolving happens after,
/// because hoisted declarations can appear after their uses.
struct ScopeBuilder {
    var analysis = ScopeAnalysis()
    var current = 0

    mutating func pushScope(_ kind: ScopeAnalysis.ScopeKind) {
        let index = analysis.scopes.count
        analysis.scopes.append(ScopeAnalysis.Scope(kind: kind, parent: current))
        analysis.scopes[current].children.append(index)
        current = index
    }

    mutating func popScope() {
        current = analysis.scopes[current].parent ?? 0
    }

    /// The scope that receives `var` and hoisted function declarations.
    func hoistingScope(from scope: Int) -> Int {
        var index = scope
        while true {
            switch analysis.scopes[index].kind {
            case .global, .module, .function, .arrow, .staticBlock:
                return index
            default:
                guard let parent = analysis.scopes[index].parent else { return index }
                index = parent
            }
        }
    }

    mutating func declare(_ name: String, kind: ScopeAnalysis.DeclarationKind, offset: Int) {
        let target = kind == .var ? hoistingScope(from: current) : current
        if analysis.scopes[target].declarations[name] != nil { return }
        let declaration = analysis.declarations.count
        // `shadows` is set by `resolveReferences`, once every declaration (hoisted ones included) is known.
        analysis.declarations.append(ScopeAnalysis.Declaration(name: name, kind: kind, scope: target, offset: offset, shadows: nil))
        analysis.scopes[target].declarations[name] = declaration
    }

    mutating func reference(_ name: String, at offset: Int, isWrite: Bool) {
        analysis.references.append(ScopeAnalysis.Reference(name: name, scope: current, offset: offset, declaration: nil, isWrite: isWrite))
    }

    mutating func resolveReferences() {
        let byName = DeclarationsByName(analysis)
        for index in analysis.references.indices {
            analysis.references[index].declaration = byName.resolve(
                analysis.references[index].name, from: analysis.references[index].scope, in: analysis.scopes)
        }
        // Shadowing links: only now, when the declarations hoisted after a use are known too.
        for index in analysis.declarations.indices {
            analysis.declarations[index].shadows = byName.resolve(
                analysis.declarations[index].name, from: analysis.scopes[analysis.declarations[index].scope].parent, in: analysis.scopes)
        }
    }

    // MARK: - Program and statements

    mutating func analyzeProgram(_ program: Program) {
        analysis.scopes = [ScopeAnalysis.Scope(kind: program.goal == .module ? .module : .global, parent: nil)]
        current = 0
        hoistDeclarations(program.body)
        for statement in program.body { visit(statement) }
    }

    /// Declares the function declarations and `var`s of a body up front, as the language hoists them.
    mutating func hoistDeclarations(_ body: [Statement]) {
        for statement in body {
            switch statement.kind {
            case .function(let function):
                if let name = function.name { declare(name, kind: .function, offset: function.at.byte) }
            case .class(let classNode):
                if let name = classNode.name { declare(name, kind: .class, offset: classNode.at.byte) }
            case .exportDeclaration(let declaration):
                hoistDeclarations([declaration])
            case .exportDefaultFunction(let function):
                if let name = function.name { declare(name, kind: .function, offset: function.at.byte) }
            case .exportDefaultClass(let classNode):
                if let name = classNode.name { declare(name, kind: .class, offset: classNode.at.byte) }
            case .import(let declaration):
                if let name = declaration.defaultBinding { declare(name, kind: .import, offset: statement.at.byte) }
                if let name = declaration.namespaceBinding { declare(name, kind: .import, offset: statement.at.byte) }
                for specifier in declaration.namedBindings ?? [] { declare(specifier.local, kind: .import, offset: statement.at.byte) }
            case .variable(let declaration) where declaration.kind != .var:
                for declarator in declaration.declarators { declarePattern(declarator.target, kind: declaration.kind == .let ? .let : .const) }
            default:
                break
            }
        }
        hoistVars(body)
    }

    /// `var` declarations anywhere in nested blocks (not nested functions) belong to the enclosing function.
    mutating func hoistVars(_ body: [Statement]) {
        for statement in body { hoistVars(statement) }
    }

    mutating func hoistVars(_ statement: Statement) {
        switch statement.kind {
        case .variable(let declaration) where declaration.kind == .var:
            for declarator in declaration.declarators { declarePattern(declarator.target, kind: .var) }
        case .exportDeclaration(let declaration):
            hoistVars(declaration)
        case .block(let body):
            hoistVars(body)
        case .if(_, let consequent, let alternate):
            hoistVars(consequent)
            if let alternate { hoistVars(alternate) }
        case .for(let initializer, _, _, let body):
            if case .variable(let declaration) = initializer, declaration.kind == .var {
                for declarator in declaration.declarators { declarePattern(declarator.target, kind: .var) }
            }
            hoistVars(body)
        case .forIn(let left, _, let body), .forOf(let left, _, let body, _):
            switch left {
            case .declaration(.var, let pattern), .legacyVarWithInitializer(let pattern, _):
                declarePattern(pattern, kind: .var)
            default:
                break
            }
            hoistVars(body)
        case .while(_, let body), .doWhile(let body, _), .labeled(_, let body), .with(_, let body):
            hoistVars(body)
        case .try(let block, let handler, let finalizer):
            hoistVars(block)
            if let handler { hoistVars(handler.body) }
            if let finalizer { hoistVars(finalizer) }
        case .switch(_, let cases):
            for switchCase in cases { hoistVars(switchCase.body) }
        default:
            break
        }
    }

    mutating func declarePattern(_ pattern: Pattern, kind: ScopeAnalysis.DeclarationKind) {
        switch pattern.kind {
        case .identifier(let name):
            declare(name, kind: kind, offset: pattern.at.byte)
        case .array(let elements, let rest):
            for element in elements { if let element { declarePattern(element.target, kind: kind) } }
            if let rest { declarePattern(rest, kind: kind) }
        case .object(let properties, let rest):
            for property in properties { declarePattern(property.value.target, kind: kind) }
            if let rest { declarePattern(rest, kind: kind) }
        }
    }

    /// Visits the default values and computed keys inside a pattern (the names were declared already).
    mutating func visitPatternExpressions(_ pattern: Pattern) {
        switch pattern.kind {
        case .identifier:
            break
        case .array(let elements, let rest):
            for element in elements {
                if let element {
                    visitPatternExpressions(element.target)
                    if let value = element.defaultValue { visit(value) }
                }
            }
            if let rest { visitPatternExpressions(rest) }
        case .object(let properties, let rest):
            for property in properties {
                if case .computed(let key) = property.key { visit(key) }
                visitPatternExpressions(property.value.target)
                if let value = property.value.defaultValue { visit(value) }
            }
            if let rest { visitPatternExpressions(rest) }
        }
    }

    /// A block body: its own scope for `let`, `const`, `class` and block-level functions.
    mutating func visitBlock(_ body: [Statement], kind: ScopeAnalysis.ScopeKind = .block) {
        pushScope(kind)
        hoistLexical(body)
        for statement in body { visit(statement) }
        popScope()
    }

    mutating func hoistLexical(_ body: [Statement]) {
        for statement in body {
            switch statement.kind {
            case .function(let function):
                if let name = function.name { declare(name, kind: .function, offset: function.at.byte) }
            case .class(let classNode):
                if let name = classNode.name { declare(name, kind: .class, offset: classNode.at.byte) }
            case .variable(let declaration) where declaration.kind != .var:
                for declarator in declaration.declarators { declarePattern(declarator.target, kind: declaration.kind == .let ? .let : .const) }
            default:
                break
            }
        }
    }

    mutating func visit(_ statement: Statement) {
        switch statement.kind {
        case .directive, .empty, .break, .continue, .debugger, .import, .exportAll:
            break
        case .expression(let expression), .throw(let expression), .exportDefaultExpression(let expression):
            visit(expression)
        case .variable(let declaration):
            for declarator in declaration.declarators {
                visitPatternExpressions(declarator.target)
                if let initializer = declarator.initializer { visit(initializer) }
            }
        case .function(let function), .exportDefaultFunction(let function):
            visitFunction(function, declaresOwnName: false)
        case .class(let classNode), .exportDefaultClass(let classNode):
            visitClass(classNode)
        case .block(let body):
            visitBlock(body)
        case .if(let test, let consequent, let alternate):
            visit(test)
            visitSubstatement(consequent)
            if let alternate { visitSubstatement(alternate) }
        case .for(let initializer, let test, let update, let body):
            pushScope(.for)
            switch initializer {
            case .variable(let declaration):
                if declaration.kind != .var {
                    for declarator in declaration.declarators { declarePattern(declarator.target, kind: declaration.kind == .let ? .let : .const) }
                }
                visit(Statement(.variable(declaration)))
            case .expression(let expression):
                visit(expression)
            case nil:
                break
            }
            if let test { visit(test) }
            if let update { visit(update) }
            visitSubstatement(body)
            popScope()
        case .forIn(let left, let right, let body), .forOf(let left, let right, let body, _):
            pushScope(.for)
            switch left {
            case .declaration(let kind, let pattern):
                if kind != .var { declarePattern(pattern, kind: kind == .let ? .let : .const) }
                visitPatternExpressions(pattern)
            case .legacyVarWithInitializer(let pattern, let value):
                visitPatternExpressions(pattern)
                visit(value)
            case .target(let expression):
                visitAssignmentTarget(expression)
            }
            visit(right)
            visitSubstatement(body)
            popScope()
        case .while(let test, let body):
            visit(test)
            visitSubstatement(body)
        case .doWhile(let body, let test):
            visitSubstatement(body)
            visit(test)
        case .return(let value):
            if let value { visit(value) }
        case .try(let block, let handler, let finalizer):
            visitBlock(block)
            if let handler {
                pushScope(.catch)
                if let parameter = handler.parameter {
                    declarePattern(parameter, kind: .catchParameter)
                    visitPatternExpressions(parameter)
                }
                visitBlock(handler.body)
                popScope()
            }
            if let finalizer { visitBlock(finalizer) }
        case .switch(let discriminant, let cases):
            visit(discriminant)
            pushScope(.switch)
            hoistLexical(cases.flatMap(\.body))
            for switchCase in cases {
                if let test = switchCase.test { visit(test) }
                for statement in switchCase.body { visit(statement) }
            }
            popScope()
        case .labeled(_, let body):
            visitSubstatement(body)
        case .with(let object, let body):
            visit(object)
            markDynamicLookup()
            visitSubstatement(body)
        case .exportNamed(let declaration):
            if declaration.source == nil {
                for specifier in declaration.specifiers {
                    if case .identifier(let name) = specifier.local { reference(name, at: statement.at.byte, isWrite: false) }
                }
            }
        case .exportDeclaration(let declaration):
            visit(declaration)
        }
    }

    /// A statement in single-statement position (Annex B function declarations get a scope of their own).
    mutating func visitSubstatement(_ statement: Statement) {
        if case .function = statement.kind {
            visitBlock([statement])
        } else {
            visit(statement)
        }
    }

    mutating func markDynamicLookup() {
        var scope: Int? = current
        while let index = scope {
            analysis.scopes[index].hasDynamicLookup = true
            scope = analysis.scopes[index].parent
        }
    }

    // MARK: - Functions and classes

    mutating func visitFunction(_ function: Function, declaresOwnName: Bool) {
        pushScope(.function)
        if declaresOwnName, let name = function.name { declare(name, kind: .function, offset: function.at.byte) }
        declare("arguments", kind: .arguments, offset: function.at.byte)
        visitParametersAndBody(function.parameters, rest: function.rest, body: function.body)
        popScope()
    }

    mutating func visitParametersAndBody(_ parameters: [Parameter], rest: Pattern?, body: [Statement]) {
        for parameter in parameters { declarePattern(parameter.target, kind: .parameter) }
        if let rest { declarePattern(rest, kind: .parameter) }
        for parameter in parameters {
            visitPatternExpressions(parameter.target)
            if let value = parameter.defaultValue { visit(value) }
        }
        if let rest { visitPatternExpressions(rest) }
        hoistDeclarations(body)
        for statement in body { visit(statement) }
    }

    mutating func visitClass(_ classNode: Class) {
        if let superClass = classNode.superClass { visit(superClass) }
        pushScope(.class)
        if let name = classNode.name { declare(name, kind: .class, offset: classNode.at.byte) }
        for member in classNode.members {
            switch member {
            case .method(_, _, let key, let function):
                if case .computed(let expression) = key { visit(expression) }
                visitFunction(function, declaresOwnName: false)
            case .field(_, let key, let value):
                if case .computed(let expression) = key { visit(expression) }
                if let value {
                    pushScope(.function)
                    visit(value)
                    popScope()
                }
            case .staticBlock(let body):
                pushScope(.staticBlock)
                hoistDeclarations(body)
                for statement in body { visit(statement) }
                popScope()
            }
        }
        popScope()
    }

    // MARK: - Expressions

    mutating func visitAssignmentTarget(_ target: ExpressionNode) {
        switch target.kind {
        case .identifier(let name):
            reference(name, at: target.at.byte, isWrite: true)
        case .array(let elements):
            for element in elements {
                guard let element else { continue }
                switch element.kind {
                case .assignment(.assign, let inner, let value):
                    visitAssignmentTarget(inner)
                    visit(value)
                case .spread(let inner):
                    visitAssignmentTarget(inner)
                default:
                    visitAssignmentTarget(element)
                }
            }
        case .object(let properties):
            for property in properties {
                if case .computed(let key) = property.key { visit(key) }
                switch property.value.kind {
                case .assignment(.assign, let inner, let value):
                    visitAssignmentTarget(inner)
                    visit(value)
                default:
                    visitAssignmentTarget(property.value)
                }
                if let value = property.shorthandDefault { visit(value) }
            }
        default:
            visit(target)
        }
    }

    mutating func visit(_ expression: ExpressionNode) {
        switch expression.kind {
        case .identifier(let name):
            reference(name, at: expression.at.byte, isWrite: false)
        case .privateName, .this, .super, .null, .boolean, .number, .bigInt, .string, .regularExpression, .importMeta, .newTarget:
            break
        case .template(let tag, _, let spans):
            if let tag { visit(tag) }
            for span in spans { visit(span.expression) }
        case .array(let elements):
            for element in elements { if let element { visit(element) } }
        case .object(let properties):
            for property in properties {
                if case .computed(let key) = property.key { visit(key) }
                if case .function(let function) = property.value.kind, property.kind != .value {
                    visitFunction(function, declaresOwnName: false)
                } else {
                    visit(property.value)
                }
                if let value = property.shorthandDefault { visit(value) }
            }
        case .spread(let inner), .unary(_, let inner), .await(let inner), .importCall(let inner):
            visit(inner)
        case .update(_, _, let target):
            if case .identifier(let name) = target.kind {
                reference(name, at: target.at.byte, isWrite: true)
            } else {
                visit(target)
            }
        case .function(let function):
            visitFunction(function, declaresOwnName: true)
        case .arrow(let arrow):
            pushScope(.arrow)
            switch arrow.body {
            case .expression(let body):
                visitParametersAndBody(arrow.parameters, rest: arrow.rest, body: [])
                visit(body)
            case .block(let body):
                visitParametersAndBody(arrow.parameters, rest: arrow.rest, body: body)
            }
            popScope()
        case .class(let classNode):
            visitClass(classNode)
        case .binary(_, let left, let right):
            visit(left)
            visit(right)
        case .assignment(_, let target, let value):
            visitAssignmentTarget(target)
            visit(value)
        case .conditional(let test, let consequent, let alternate):
            visit(test)
            visit(consequent)
            visit(alternate)
        case .call(let callee, let arguments, _):
            if case .identifier("eval") = callee.kind { markDynamicLookup() }
            visit(callee)
            for argument in arguments { visit(argument) }
        case .new(let callee, let arguments):
            visit(callee)
            for argument in arguments { visit(argument) }
        case .member(let object, _, _), .privateMember(let object, _, _):
            visit(object)
        case .index(let object, let index, _):
            visit(object)
            visit(index)
        case .sequence(let items):
            for item in items { visit(item) }
        case .yield(let argument, _):
            if let argument { visit(argument) }
        }
    }
}
