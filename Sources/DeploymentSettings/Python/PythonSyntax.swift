/// The syntax tree of a Python module, as far as the evaluator needs it. Constructs the evaluator
/// never looks inside (lambdas, comprehensions, function bodies) keep only what names they bind.
struct PythonExpression: Sendable {
    indirect enum Kind: Sendable {
        case name(String)
        case constant(PythonValue)
        case formattedString([FormattedStringPart])
        case list([PythonExpression])
        case tuple([PythonExpression])
        case set([PythonExpression])
        /// A nil key is a `**mapping` entry.
        case dict([(key: PythonExpression?, value: PythonExpression)])
        case starred(PythonExpression)
        case attribute(PythonExpression, String)
        case `subscript`(PythonExpression, PythonExpression)
        case slice(lower: PythonExpression?, upper: PythonExpression?, step: PythonExpression?)
        case call(PythonExpression, [PythonArgument])
        case binary(String, PythonExpression, PythonExpression)
        case unary(String, PythonExpression)
        case and([PythonExpression])
        case or([PythonExpression])
        case compare(PythonExpression, [(op: String, right: PythonExpression)])
        case conditional(test: PythonExpression, body: PythonExpression, orElse: PythonExpression)
        case namedExpression(String, PythonExpression)
        /// Lambdas, comprehensions, `yield`, `await`: parsed for syntax, never evaluated.
        case opaque(String)
    }

    var kind: Kind
    var position: SourcePoint
}

enum FormattedStringPart: Sendable {
    case literal(String)
    case expression(PythonExpression, conversion: Character?, formatSpec: String)
}

enum PythonArgument: Sendable {
    case positional(PythonExpression)
    case keyword(String, PythonExpression)
    case unpackSequence(PythonExpression)
    case unpackMapping(PythonExpression)
}

struct PythonStatement: Sendable {
    indirect enum Kind: Sendable {
        case expression(PythonExpression)
        case assign(targets: [PythonExpression], value: PythonExpression)
        case augmentedAssign(target: PythonExpression, op: String, value: PythonExpression)
        case annotatedAssign(target: PythonExpression, value: PythonExpression?)
        case delete([PythonExpression])
        /// `import a.b.c as d`
        case importModules([(module: String, alias: String?)])
        /// `from ..a.b import x as y`; nil names means `*`.
        case importFrom(level: Int, module: String, names: [(name: String, alias: String?)]?)
        /// `if`/`elif`/`else`: a nil test is the `else` branch.
        case ifChain([(test: PythonExpression?, body: [PythonStatement])])
        case tryBlock(
            body: [PythonStatement], handlers: [ExceptHandler], orElse: [PythonStatement], finally: [PythonStatement])
        case with(items: [(context: PythonExpression, target: PythonExpression?)], body: [PythonStatement])
        case forLoop(target: PythonExpression, iterable: PythonExpression, body: [PythonStatement], orElse: [PythonStatement])
        case whileLoop(body: [PythonStatement], orElse: [PythonStatement])
        /// `def`: only the name it binds matters to settings.
        case definition(kind: String, name: String)
        /// `class Name(Base, …): body`: the positional bases (keyword arguments such as `metaclass=` and
        /// `*bases` left out) and the body, which settings never run but other stages read.
        case classDefinition(name: String, bases: [PythonExpression], body: [PythonStatement])
        case match(bodies: [[PythonStatement]])
        /// `break` / `continue` / `return`: stop a loop the evaluator unrolls.
        case controlFlow(String)
        /// `pass`, `global`, `assert`, `raise`, …
        case other
    }

    var kind: Kind
    var position: SourcePoint
}

struct ExceptHandler: Sendable {
    /// Exception class names the handler catches (empty: bare `except:`), dotted when qualified.
    var types: [String]
    var name: String?
    var body: [PythonStatement]
}
