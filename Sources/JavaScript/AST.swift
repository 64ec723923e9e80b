/// A byte offset into the source. Offsets do not take part in AST equality: a tree that was printed and
/// parsed again compares equal to the original even though every node moved.
public struct SourceOffset: Sendable, Equatable, CustomStringConvertible {
    public var byte: Int

    public init(_ byte: Int) { self.byte = byte }

    /// For nodes made by tools (e.g. the bundler) rather than parsed from text.
    public static let synthesized = SourceOffset(-1)

    public static func == (lhs: SourceOffset, rhs: SourceOffset) -> Bool { true }

    public var description: String { "@\(byte)" }
}

/// A string value as ECMAScript sees it: UTF-16 code units, which may contain lone surrogates.
public struct JavaScriptString: Sendable, Equatable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var utf16: [UInt16]

    public init(utf16: [UInt16]) { self.utf16 = utf16 }

    public init(_ string: String) { self.utf16 = Array(string.utf16) }

    public init(stringLiteral value: String) { self.init(value) }

    /// The value as a Swift string (lone surrogates become U+FFFD).
    public var string: String {
        // ASCII (module specifiers, property names) is copied byte for byte, without UTF-16 transcoding.
        guard utf16.allSatisfy({ $0 < 0x80 }) else { return String(decoding: utf16, as: UTF16.self) }
        return String(unsafeUninitializedCapacity: utf16.count) { bytes in
            for (index, unit) in utf16.enumerated() { bytes[index] = UInt8(truncatingIfNeeded: unit) }
            return utf16.count
        }
    }

    public var description: String { string }
}

public enum SourceGoal: Sendable, Equatable {
    /// Classic script: sloppy mode unless "use strict", HTML-like comments allowed.
    case script
    /// A CommonJS module: a script that node wraps in a function, so top-level `return` and `new.target` are allowed.
    case commonJS
    /// ES module: strict mode, `import`/`export`, top-level `await`.
    case module
}

public struct Program: Sendable, Equatable {
    public var goal: SourceGoal
    /// Text after `#!` on the first line, if any.
    public var hashbang: String?
    public var body: [Statement]

    public init(goal: SourceGoal, hashbang: String? = nil, body: [Statement]) {
        self.goal = goal
        self.hashbang = hashbang
        self.body = body
    }
}

// MARK: - Statements

public struct Statement: Sendable, Equatable {
    public var at: SourceOffset
    public var kind: StatementKind

    public init(_ kind: StatementKind, at: SourceOffset = .synthesized) {
        self.kind = kind
        self.at = at
    }
}

public indirect enum StatementKind: Sendable, Equatable {
    /// A directive of a prologue (`"use strict"`), kept as its source text including quotes.
    case directive(raw: String)
    case expression(ExpressionNode)
    case variable(VariableDeclaration)
    case function(Function)
    case `class`(Class)
    case block([Statement])
    case empty
    case `if`(test: ExpressionNode, consequent: Statement, alternate: Statement?)
    case `for`(initializer: ForInitializer?, test: ExpressionNode?, update: ExpressionNode?, body: Statement)
    case forIn(left: ForBinding, right: ExpressionNode, body: Statement)
    case forOf(left: ForBinding, right: ExpressionNode, body: Statement, isAwait: Bool)
    case `while`(test: ExpressionNode, body: Statement)
    case doWhile(body: Statement, test: ExpressionNode)
    case `return`(ExpressionNode?)
    case `break`(label: String?)
    case `continue`(label: String?)
    case `throw`(ExpressionNode)
    case `try`(block: [Statement], handler: CatchClause?, finalizer: [Statement]?)
    case `switch`(discriminant: ExpressionNode, cases: [SwitchCase])
    case labeled(label: String, body: Statement)
    case with(object: ExpressionNode, body: Statement)
    case debugger
    case `import`(ImportDeclaration)
    case exportNamed(ExportNamedDeclaration)
    case exportAll(ExportAllDeclaration)
    /// `export var|let|const|function|class …`
    case exportDeclaration(Statement)
    case exportDefaultExpression(ExpressionNode)
    case exportDefaultFunction(Function)
    case exportDefaultClass(Class)
}

public enum VariableKind: String, Sendable, Equatable {
    case `var`, `let`, `const`
}

public struct VariableDeclaration: Sendable, Equatable {
    public var kind: VariableKind
    public var declarators: [VariableDeclarator]

    public init(kind: VariableKind, declarators: [VariableDeclarator]) {
        self.kind = kind
        self.declarators = declarators
    }
}

public struct VariableDeclarator: Sendable, Equatable {
    public var target: Pattern
    public var initializer: ExpressionNode?

    public init(target: Pattern, initializer: ExpressionNode? = nil) {
        self.target = target
        self.initializer = initializer
    }
}

public enum ForInitializer: Sendable, Equatable {
    case variable(VariableDeclaration)
    case expression(ExpressionNode)
}

/// The left side of a for-in/of loop: a declaration of one binding, or an assignment target.
public enum ForBinding: Sendable, Equatable {
    case declaration(VariableKind, Pattern)
    /// Only `var` in sloppy mode may have an initializer here: `for (var x = 1 in o)`.
    case legacyVarWithInitializer(Pattern, ExpressionNode)
    case target(ExpressionNode)
}

public struct CatchClause: Sendable, Equatable {
    public var parameter: Pattern?
    public var body: [Statement]

    public init(parameter: Pattern?, body: [Statement]) {
        self.parameter = parameter
        self.body = body
    }
}

public struct SwitchCase: Sendable, Equatable {
    /// nil for `default:`.
    public var test: ExpressionNode?
    public var body: [Statement]

    public init(test: ExpressionNode?, body: [Statement]) {
        self.test = test
        self.body = body
    }
}

// MARK: - Modules

/// A name in an import or export list: an identifier name or (ES2022) a string.
public enum ModuleExportName: Sendable, Equatable {
    case identifier(String)
    case string(JavaScriptString)

    public var name: String {
        switch self {
        case .identifier(let name): name
        case .string(let value): value.string
        }
    }
}

public struct ImportSpecifier: Sendable, Equatable {
    public var imported: ModuleExportName
    public var local: String

    public init(imported: ModuleExportName, local: String) {
        self.imported = imported
        self.local = local
    }
}

public struct ImportDeclaration: Sendable, Equatable {
    public var defaultBinding: String?
    public var namespaceBinding: String?
    /// nil when there is no `{…}` clause; empty for `import {} from "x"`.
    public var namedBindings: [ImportSpecifier]?
    public var source: JavaScriptString
    public var sourceAt: SourceOffset

    public init(
        defaultBinding: String? = nil, namespaceBinding: String? = nil, namedBindings: [ImportSpecifier]? = nil,
        source: JavaScriptString, sourceAt: SourceOffset = .synthesized
    ) {
        self.defaultBinding = defaultBinding
        self.namespaceBinding = namespaceBinding
        self.namedBindings = namedBindings
        self.source = source
        self.sourceAt = sourceAt
    }
}

public struct ExportSpecifier: Sendable, Equatable {
    public var local: ModuleExportName
    public var exported: ModuleExportName

    public init(local: ModuleExportName, exported: ModuleExportName) {
        self.local = local
        self.exported = exported
    }
}

/// `export {a, b as c}` or `export {a} from "x"`.
public struct ExportNamedDeclaration: Sendable, Equatable {
    public var specifiers: [ExportSpecifier]
    public var source: JavaScriptString?
    public var sourceAt: SourceOffset

    public init(specifiers: [ExportSpecifier], source: JavaScriptString? = nil, sourceAt: SourceOffset = .synthesized) {
        self.specifiers = specifiers
        self.source = source
        self.sourceAt = sourceAt
    }
}

/// `export * from "x"` or `export * as ns from "x"`.
public struct ExportAllDeclaration: Sendable, Equatable {
    public var alias: ModuleExportName?
    public var source: JavaScriptString
    public var sourceAt: SourceOffset

    public init(alias: ModuleExportName?, source: JavaScriptString, sourceAt: SourceOffset = .synthesized) {
        self.alias = alias
        self.source = source
        self.sourceAt = sourceAt
    }
}

// MARK: - Functions and classes

public struct Parameter: Sendable, Equatable {
    public var target: Pattern
    public var defaultValue: ExpressionNode?

    public init(target: Pattern, defaultValue: ExpressionNode? = nil) {
        self.target = target
        self.defaultValue = defaultValue
    }
}

public struct Function: Sendable, Equatable {
    public var at: SourceOffset
    public var name: String?
    public var parameters: [Parameter]
    public var rest: Pattern?
    public var body: [Statement]
    public var isAsync: Bool
    public var isGenerator: Bool

    public init(
        name: String?, parameters: [Parameter], rest: Pattern? = nil, body: [Statement], isAsync: Bool = false,
        isGenerator: Bool = false, at: SourceOffset = .synthesized
    ) {
        self.name = name
        self.parameters = parameters
        self.rest = rest
        self.body = body
        self.isAsync = isAsync
        self.isGenerator = isGenerator
        self.at = at
    }
}

public enum ArrowBody: Sendable, Equatable {
    case expression(ExpressionNode)
    case block([Statement])
}

public struct ArrowFunction: Sendable, Equatable {
    public var parameters: [Parameter]
    public var rest: Pattern?
    public var body: ArrowBody
    public var isAsync: Bool

    public init(parameters: [Parameter], rest: Pattern? = nil, body: ArrowBody, isAsync: Bool = false) {
        self.parameters = parameters
        self.rest = rest
        self.body = body
        self.isAsync = isAsync
    }
}

public struct Class: Sendable, Equatable {
    public var at: SourceOffset
    public var name: String?
    public var superClass: ExpressionNode?
    public var members: [ClassMember]

    public init(name: String?, superClass: ExpressionNode? = nil, members: [ClassMember], at: SourceOffset = .synthesized) {
        self.name = name
        self.superClass = superClass
        self.members = members
        self.at = at
    }
}

public enum MethodKind: Sendable, Equatable {
    case method, getter, setter, constructor
}

public enum ClassMember: Sendable, Equatable {
    case method(isStatic: Bool, kind: MethodKind, key: PropertyKey, function: Function)
    case field(isStatic: Bool, key: PropertyKey, value: ExpressionNode?)
    case staticBlock([Statement])
}

public enum PropertyKey: Sendable, Equatable {
    /// Any identifier name, including reserved words.
    case identifier(String)
    case privateName(String)
    case string(JavaScriptString)
    case number(raw: String)
    case bigInt(raw: String)
    case computed(ExpressionNode)
}

// MARK: - Expressions

/// An expression with its position. (Not named `Expression`: Foundation has a type of that name, and code that
/// imports both would have to qualify every use.)
public struct ExpressionNode: Sendable, Equatable {
    public var at: SourceOffset
    public var kind: ExpressionKind

    public init(_ kind: ExpressionKind, at: SourceOffset = .synthesized) {
        self.kind = kind
        self.at = at
    }
}

/// Marks the links of an optional chain: `a?.b.c` is `.continuation` (`.c`) of `.start` (`?.b`).
/// A link with `.none` whose object is part of a chain was parenthesized: `(a?.b).c`.
public enum OptionalChain: Sendable, Equatable {
    case none, start, continuation
}

public struct TemplatePart: Sendable, Equatable {
    /// nil when a tagged template contains an invalid escape.
    public var cooked: JavaScriptString?
    /// Source text with line breaks normalized to LF.
    public var raw: String

    public init(cooked: JavaScriptString?, raw: String) {
        self.cooked = cooked
        self.raw = raw
    }
}

public struct TemplateSpan: Sendable, Equatable {
    public var expression: ExpressionNode
    public var tail: TemplatePart

    public init(expression: ExpressionNode, tail: TemplatePart) {
        self.expression = expression
        self.tail = tail
    }
}

public enum PropertyKind: Sendable, Equatable {
    /// `key: value`, or shorthand `key` when `isShorthand`.
    case value
    case method
    case getter
    case setter
    /// `...expression`; the key is unused.
    case spread
}

public struct Property: Sendable, Equatable {
    public var kind: PropertyKind
    public var key: PropertyKey
    public var value: ExpressionNode
    public var isShorthand: Bool
    /// `{a = 1}`: only valid when the object literal is used as an assignment pattern.
    public var shorthandDefault: ExpressionNode?

    public init(kind: PropertyKind, key: PropertyKey, value: ExpressionNode, isShorthand: Bool = false, shorthandDefault: ExpressionNode? = nil) {
        self.kind = kind
        self.key = key
        self.value = value
        self.isShorthand = isShorthand
        self.shorthandDefault = shorthandDefault
    }
}

public enum UnaryOperator: String, Sendable, Equatable {
    case negate = "-", plus = "+", not = "!", bitwiseNot = "~", typeof, void, delete
}

public enum UpdateOperator: String, Sendable, Equatable {
    case increment = "++", decrement = "--"
}

public enum BinaryOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", exponent = "**"
    case shiftLeft = "<<", shiftRight = ">>", unsignedShiftRight = ">>>"
    case lessThan = "<", lessThanOrEqual = "<=", greaterThan = ">", greaterThanOrEqual = ">="
    case equal = "==", notEqual = "!=", strictEqual = "===", strictNotEqual = "!=="
    case bitwiseAnd = "&", bitwiseOr = "|", bitwiseXor = "^"
    case logicalAnd = "&&", logicalOr = "||", nullishCoalescing = "??"
    case `in`, `instanceof`
}

public enum AssignmentOperator: String, Sendable, Equatable {
    case assign = "=", add = "+=", subtract = "-=", multiply = "*=", divide = "/=", remainder = "%=", exponent = "**="
    case shiftLeft = "<<=", shiftRight = ">>=", unsignedShiftRight = ">>>="
    case bitwiseAnd = "&=", bitwiseOr = "|=", bitwiseXor = "^="
    case logicalAnd = "&&=", logicalOr = "||=", nullishCoalescing = "??="
}

public enum ExpressionKind: Sendable, Equatable {
    case identifier(String)
    /// `#x` as the left operand of `in`.
    case privateName(String)
    case this
    case `super`
    case null
    case boolean(Bool)
    /// Kept as written (`0x1F`, `1_000`, `010`) so printing is exact.
    case number(raw: String)
    case bigInt(raw: String)
    case string(JavaScriptString)
    indirect case regularExpression(pattern: String, flags: String)
    indirect case template(tag: ExpressionNode?, head: TemplatePart, spans: [TemplateSpan])
    /// Array literal; nil elements are holes.
    indirect case array([ExpressionNode?])
    indirect case object([Property])
    indirect case spread(ExpressionNode)
    indirect case function(Function)
    indirect case arrow(ArrowFunction)
    indirect case `class`(Class)
    indirect case unary(UnaryOperator, ExpressionNode)
    indirect case update(UpdateOperator, isPrefix: Bool, ExpressionNode)
    indirect case binary(BinaryOperator, ExpressionNode, ExpressionNode)
    /// The target is an identifier, member, or array/object literal used as a pattern.
    indirect case assignment(AssignmentOperator, target: ExpressionNode, value: ExpressionNode)
    indirect case conditional(test: ExpressionNode, consequent: ExpressionNode, alternate: ExpressionNode)
    indirect case call(callee: ExpressionNode, arguments: [ExpressionNode], optionalChain: OptionalChain)
    indirect case new(callee: ExpressionNode, arguments: [ExpressionNode])
    indirect case member(object: ExpressionNode, name: String, optionalChain: OptionalChain)
    indirect case privateMember(object: ExpressionNode, name: String, optionalChain: OptionalChain)
    indirect case index(object: ExpressionNode, index: ExpressionNode, optionalChain: OptionalChain)
    indirect case sequence([ExpressionNode])
    indirect case yield(ExpressionNode?, isDelegate: Bool)
    indirect case await(ExpressionNode)
    /// `import(specifier)`.
    indirect case importCall(ExpressionNode)
    case importMeta
    case newTarget
}

// MARK: - Patterns

public struct Pattern: Sendable, Equatable {
    public var at: SourceOffset
    public var kind: PatternKind

    public init(_ kind: PatternKind, at: SourceOffset = .synthesized) {
        self.kind = kind
        self.at = at
    }
}

public struct PatternProperty: Sendable, Equatable {
    public var key: PropertyKey
    public var value: Parameter
    public var isShorthand: Bool

    public init(key: PropertyKey, value: Parameter, isShorthand: Bool) {
        self.key = key
        self.value = value
        self.isShorthand = isShorthand
    }
}

public indirect enum PatternKind: Sendable, Equatable {
    case identifier(String)
    /// nil elements are holes.
    case array([Parameter?], rest: Pattern?)
    case object([PatternProperty], rest: Pattern?)
}
