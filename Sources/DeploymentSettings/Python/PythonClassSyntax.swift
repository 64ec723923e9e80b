/// A top-level `class Name(Base, …):`.
public struct PythonClassSyntax: Sendable, Hashable {
    public var name: String
    /// The bases written as dotted names (`Base`, `rest.BaseRestProctoringProvider`), in order; keyword
    /// arguments (`metaclass=`), `*bases` and other expressions (`Generic[T]`) are left out.
    public var bases: [String]
    /// Where the `class` keyword is (1-based; columns in Unicode scalars).
    public var line: Int
    public var column: Int
    /// The names the class body binds, in source order; a later binding of a name wins, as in Python.
    public var attributes: [PythonClassAttribute]

    public init(name: String, bases: [String], line: Int, column: Int, attributes: [PythonClassAttribute]) {
        self.name = name
        self.bases = bases
        self.line = line
        self.column = column
        self.attributes = attributes
    }
}

/// One binding of a name in a class body (`name = …`, `name: T = …`, `def name`, …).
public struct PythonClassAttribute: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        /// A str literal, or adjacent ones, decoded as Python decodes them.
        case string(String)
        /// Another expression: its source text (on one line) and why it is not a str literal.
        case notStringLiteral(source: String, reason: String)
        /// A `def` or `class` statement of that name (`kind` is the keyword).
        case definition(kind: String)
        /// Bound another way (augmented assignment, unpacking, `for`/`with` target, import, `del`):
        /// the statement's source text.
        case otherBinding(source: String)
    }

    public var name: String
    public var value: Value
    /// True when the binding sits inside an `if`/`try`/`for`/`while`/`with`/`match` block of the body,
    /// so whether it happens depends on a condition.
    public var isConditional: Bool
    /// Where the bound name is written (for `def`/`class`: the keyword).
    public var line: Int
    public var column: Int

    public init(name: String, value: Value, isConditional: Bool, line: Int, column: Int) {
        self.name = name
        self.value = value
        self.isConditional = isConditional
        self.line = line
        self.column = column
    }
}
