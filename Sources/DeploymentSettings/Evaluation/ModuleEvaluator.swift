import Diagnostics
import FileSystemSupport

/// Runs the statements of one settings module over the static subset of Python and records every
/// top-level name with its provenance. Anything outside the subset binds `.unknown` with a reason.
///
/// Branches: an `if` whose test is static runs only the chosen branch. Otherwise every branch runs in
/// order and its assignments are marked conditional, so the last branch that assigns a name wins.
final class ModuleEvaluator {
    unowned let session: SettingsEvaluationSession
    let path: String
    let moduleName: String?
    let package: String?
    var namespace: [String: Binding] = [:]
    /// > 0 while running a branch whose condition is not known statically.
    var conditionalDepth = 0
    /// Exception names caught by the enclosing `try` blocks, innermost last.
    var catchStack: [[String]] = []
    private var loopDepth = 0
    /// True once names may exist that the evaluator cannot see (`vars().update(unknown)`, a failed or
    /// modelled star import); then an undefined name is not reported.
    var namespaceIsOpen = false
    private var reportedNames: Set<String> = []

    init(session: SettingsEvaluationSession, path: String, moduleName: String?, package: String?) {
        self.session = session
        self.path = path
        self.moduleName = moduleName
        self.package = package
    }

    func location(_ point: SourcePoint) -> SourceLocation {
        .file(path, line: point.line, column: point.column)
    }

    func provenance(_ point: SourcePoint) -> Provenance {
        Provenance(kind: .settingsFile, location: location(point))
    }

    func unknown(_ reason: String, at point: SourcePoint) -> PythonValue {
        session.unknownCount += 1
        return .unknown(UnknownValue(reason: reason, location: location(point)))
    }

    func run(_ statements: [PythonStatement]) {
        _ = execute(statements)
    }

    @discardableResult
    func execute(_ statements: [PythonStatement]) -> StatementFlow {
        for statement in statements {
            let flow = execute(statement)
            if flow != .normal { return flow }
        }
        return .normal
    }

    func reportUndefinedName(_ name: String, at point: SourcePoint) {
        guard !namespaceIsOpen, reportedNames.insert(name).inserted else { return }
        session.warn(
            Diagnostic(
                .nameNotDefined, "NameError: name '\(name)' is not defined when this line runs",
                at: location(point),
                fix: "import the module that defines \(name) (for example `from lms.envs.production import *`) or define it before this line"))
    }

    // MARK: - Binding names

    func bind(_ name: String, _ evaluated: Evaluated, at point: SourcePoint) {
        namespace[name] = Binding(
            value: evaluated.value, provenance: evaluated.origin ?? provenance(point),
            isConditional: conditionalDepth > 0, keyOrigins: evaluated.keyOrigins)
    }

    func bindUnknown(_ names: [String], reason: String, at point: SourcePoint) {
        for name in names {
            bind(name, .data(unknown(reason, at: point)), at: point)
        }
    }

    // MARK: - Statements

    private func execute(_ statement: PythonStatement) -> StatementFlow {
        let point = statement.position
        switch statement.kind {
        case .expression(let expression):
            evaluateExpressionStatement(expression)
        case .assign(let targets, let value):
            let evaluated = evaluate(value)
            for target in targets { assign(target, evaluated, at: point) }
        case .augmentedAssign(let target, let op, let value):
            let right = evaluate(value)
            let left = evaluate(target)
            let result = binaryOperation(op, left, right, at: point, inPlace: true)
            assign(target, result, at: point)
        case .annotatedAssign(let target, let value):
            if let value { assign(target, evaluate(value), at: point) }
        case .delete(let targets):
            for target in targets { delete(target) }
        case .importModules(let modules):
            importModules(modules, at: point)
        case .importFrom(let level, let module, let names):
            return importFrom(level: level, module: module, names: names, at: point)
        case .ifChain(let branches):
            return executeIf(branches)
        case .tryBlock(let body, let handlers, let orElse, let finallyBody):
            return executeTry(body: body, handlers: handlers, orElse: orElse, finallyBody: finallyBody)
        case .with(let items, let body):
            for item in items {
                let context = evaluate(item.context)
                guard let target = item.target else { continue }
                if case .openedFile = context.value {
                    assign(target, context, at: point)
                } else {
                    assign(target, .data(unknown("value of a `with` statement", at: target.position)), at: point)
                }
            }
            return execute(body)
        case .forLoop(let target, let iterable, let body, let orElse):
            executeFor(target: target, iterable: iterable, body: body, orElse: orElse, at: point)
        case .whileLoop(let body, let orElse):
            let names = Self.boundNames(in: body + orElse)
            bindUnknown(names, reason: "assigned in a while loop at line \(point.line)", at: point)
        case .definition(let kind, let name):
            bind(name, .data(unknown("\(kind == "def" ? "function" : "class") \(name) defined here", at: point)), at: point)
        case .classDefinition(let name, _, _):
            bind(name, .data(unknown("class \(name) defined here", at: point)), at: point)
        case .match(let bodies):
            bindUnknown(
                Self.boundNames(in: bodies.flatMap { $0 }), reason: "assigned in a match statement at line \(point.line)",
                at: point)
        case .controlFlow(let word):
            return .control(word)
        case .other:
            break
        }
        return .normal
    }

    private func executeIf(_ branches: [(test: PythonExpression?, body: [PythonStatement])]) -> StatementFlow {
        var uncertain = false
        for branch in branches {
            guard let test = branch.test else {
                return runBranch(branch.body, conditional: uncertain)
            }
            let truth = staticTruth(evaluate(test).value)
            switch truth {
            case .some(true):
                return runBranch(branch.body, conditional: uncertain)
            case .some(false):
                continue
            case .none:
                uncertain = true
                _ = runBranch(branch.body, conditional: true)
            }
        }
        return .normal
    }

    private func runBranch(_ body: [PythonStatement], conditional: Bool) -> StatementFlow {
        if conditional { conditionalDepth += 1 }
        defer { if conditional { conditionalDepth -= 1 } }
        let flow = execute(body)
        // Control flow inside a branch that may not run cannot stop the module.
        return conditional ? .normal : flow
    }

    private func executeTry(
        body: [PythonStatement], handlers: [ExceptHandler], orElse: [PythonStatement], finallyBody: [PythonStatement]
    ) -> StatementFlow {
        let unknownsBefore = session.unknownCount
        catchStack.append(handlers.flatMap { $0.types.isEmpty ? ["BaseException"] : $0.types })
        let flow = execute(body)
        catchStack.removeLast()
        var result = StatementFlow.normal
        switch flow {
        case .raised(let exception):
            if let handler = handlers.first(where: { Self.catches($0.types, exception) }) {
                if let name = handler.name {
                    bind(name, .data(unknown("exception caught here", at: handler.body.first?.position ?? SourcePoint(line: 1, column: 1))), at: handler.body.first?.position ?? SourcePoint(line: 1, column: 1))
                }
                result = execute(handler.body)
            } else {
                result = flow
            }
        case .control:
            result = flow
        case .normal:
            if session.unknownCount != unknownsBefore {
                // Something in the body was not evaluated and may raise: the handlers may run too.
                for handler in handlers {
                    if let name = handler.name, let first = handler.body.first {
                        bind(name, .data(unknown("exception caught here", at: first.position)), at: first.position)
                    }
                    _ = runBranch(handler.body, conditional: true)
                }
            }
            result = execute(orElse)
        }
        let finallyFlow = execute(finallyBody)
        return finallyFlow == .normal ? result : finallyFlow
    }

    static let exceptionAncestors: [String: [String]] = [
        "ModuleNotFoundError": ["ModuleNotFoundError", "ImportError", "Exception", "BaseException"],
        "KeyError": ["KeyError", "LookupError", "Exception", "BaseException"],
    ]

    /// Whether an `except` clause naming `types` (empty: bare `except:`) catches `exception`.
    static func catches(_ types: [String], _ exception: String) -> Bool {
        if types.isEmpty { return true }
        let ancestors = exceptionAncestors[exception] ?? [exception, "Exception", "BaseException"]
        return types.contains { type in
            ancestors.contains(type.split(separator: ".").last.map(String.init) ?? type)
        }
    }

    /// Whether an enclosing `try` would catch `exception` raised here.
    func isCaught(_ exception: String) -> Bool {
        catchStack.contains { Self.catches($0, exception) }
    }

    private func executeFor(
        target: PythonExpression, iterable: PythonExpression, body: [PythonStatement], orElse: [PythonStatement],
        at point: SourcePoint
    ) {
        let items = evaluate(iterable).value.data.flatMap(Self.iterationItems)
        guard let items, items.count <= 10_000, !Self.containsLoopControl(body) else {
            bindUnknown(
                Self.boundNames(in: [PythonStatement(kind: .assign(targets: [target], value: target), position: point)] + body + orElse),
                reason: "assigned in a for loop at line \(point.line)", at: point)
            return
        }
        // A loop over known items runs like the straight-line code it stands for.
        loopDepth += 1
        defer { loopDepth -= 1 }
        for item in items {
            assign(target, .data(item), at: point)
            execute(body)
        }
        execute(orElse)
    }

    static func iterationItems(_ value: PythonValue) -> [PythonValue]? {
        switch value {
        case .list(let items), .tuple(let items): return items.containsUnknownItem ? nil : items
        case .dict(let entries): return entries.map(\.key)
        case .string(let text): return text.map { .string(String($0)) }
        default: return nil
        }
    }

    private static func containsLoopControl(_ statements: [PythonStatement]) -> Bool {
        statements.contains { statement in
            switch statement.kind {
            case .controlFlow: return true
            case .ifChain(let branches): return branches.contains { containsLoopControl($0.body) }
            case .tryBlock(let body, let handlers, let orElse, let finallyBody):
                return containsLoopControl(body) || handlers.contains { containsLoopControl($0.body) }
                    || containsLoopControl(orElse) || containsLoopControl(finallyBody)
            case .with(_, let body): return containsLoopControl(body)
            default: return false
            }
        }
    }

    /// Names a block of statements may bind (assignments, imports, defs, loop targets), for constructs
    /// the evaluator does not run.
    static func boundNames(in statements: [PythonStatement]) -> [String] {
        var names: [String] = []
        func targets(_ expression: PythonExpression) {
            switch expression.kind {
            case .name(let name): names.append(name)
            case .tuple(let items), .list(let items): items.forEach(targets)
            case .starred(let inner): targets(inner)
            default: break
            }
        }
        for statement in statements {
            switch statement.kind {
            case .assign(let assigned, _): assigned.forEach(targets)
            case .augmentedAssign(let target, _, _), .annotatedAssign(let target, _): targets(target)
            case .importModules(let modules):
                names.append(contentsOf: modules.map { $0.alias ?? String($0.module.split(separator: ".")[0]) })
            case .importFrom(_, _, let imported):
                names.append(contentsOf: (imported ?? []).map { $0.alias ?? $0.name })
            case .ifChain(let branches): names.append(contentsOf: boundNames(in: branches.flatMap(\.body)))
            case .tryBlock(let body, let handlers, let orElse, let finallyBody):
                names.append(contentsOf: boundNames(in: body + handlers.flatMap(\.body) + orElse + finallyBody))
            case .with(let items, let body):
                items.compactMap(\.target).forEach(targets)
                names.append(contentsOf: boundNames(in: body))
            case .forLoop(let target, _, let body, let orElse):
                targets(target)
                names.append(contentsOf: boundNames(in: body + orElse))
            case .whileLoop(let body, let orElse): names.append(contentsOf: boundNames(in: body + orElse))
            case .definition(_, let name), .classDefinition(let name, _, _): names.append(name)
            case .match(let bodies): names.append(contentsOf: boundNames(in: bodies.flatMap { $0 }))
            case .expression(let expression):
                if case .namedExpression(let name, _) = expression.kind { names.append(name) }
            default: break
            }
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    // MARK: - Assignment

    func assign(_ target: PythonExpression, _ evaluated: Evaluated, at point: SourcePoint) {
        switch target.kind {
        case .name(let name):
            bind(name, evaluated, at: point)
        case .tuple(let items), .list(let items):
            let values: [PythonValue]?
            switch evaluated.value.data {
            case .tuple(let elements)?, .list(let elements)?: values = elements
            default: values = nil
            }
            if let values, values.count == items.count, !items.contains(where: { if case .starred = $0.kind { true } else { false } }) {
                for (item, value) in zip(items, values) { assign(item, .data(value), at: point) }
            } else {
                for item in items {
                    let inner: PythonExpression
                    if case .starred(let starred) = item.kind { inner = starred } else { inner = item }
                    assign(inner, .data(unknown("unpacked from a value that is not a known sequence of \(items.count)", at: point)), at: point)
                }
            }
        case .starred(let inner):
            assign(inner, evaluated, at: point)
        case .subscript(let base, let keyExpression):
            let key = evaluate(keyExpression).value.data
            let newValue = evaluated.value.data ?? unknown("object that is not data", at: point)
            mutate(base, at: point) { container in
                Self.setItem(&container, key: key, value: newValue)
            }
        case .attribute:
            // Attribute assignment on settings objects is outside the subset and binds no name.
            break
        default:
            break
        }
    }

    static func setItem(_ container: inout PythonValue, key: PythonValue?, value: PythonValue) {
        switch container {
        case .dict(var entries):
            guard let key, !key.containsUnknown else {
                container = .unknown(UnknownValue(reason: "assigned with a key that is not known", location: value.unknownLocation ?? SourceLocation()))
                return
            }
            container = .none
            entries.setValue(value, forKey: key)
            container = .dict(entries)
        case .list(var items):
            if case .int(let digits)? = key, var index = Int(digits) {
                if index < 0 { index += items.count }
                if items.indices.contains(index) {
                    container = .none
                    items[index] = value
                    container = .list(items)
                }
            }
        default:
            break
        }
    }

    /// Applies `change` to the data a target expression names (`X`, `X["a"]["b"]`) in place, and
    /// records the statement as the setting's latest provenance.
    func mutate(_ target: PythonExpression, at point: SourcePoint, _ change: (inout PythonValue) -> Void) {
        switch target.kind {
        case .name(let name):
            // Take the binding out so the value is uniquely referenced and changes in place.
            guard var binding = namespace.removeValue(forKey: name) else { return }
            guard case .data(var value) = binding.value, !value.isUnknown else {
                namespace[name] = binding
                return
            }
            binding.value = .data(.none)
            change(&value)
            binding.value = .data(value)
            binding.provenance = provenance(point)
            binding.isConditional = binding.isConditional || conditionalDepth > 0
            namespace[name] = binding
        case .subscript(let base, let keyExpression):
            guard let key = evaluate(keyExpression).value.data, !key.containsUnknown else { return }
            mutate(base, at: point) { container in
                guard case .dict(var entries) = container,
                    let index = entries.lastIndex(where: { $0.key.isEqualKey(to: key) })
                else {
                    if case .list(var items) = container, case .int(let digits) = key, var position = Int(digits) {
                        if position < 0 { position += items.count }
                        guard items.indices.contains(position) else { return }
                        container = .none
                        change(&items[position])
                        container = .list(items)
                    }
                    return
                }
                container = .none
                var item = entries[index].value
                entries[index].value = .none
                change(&item)
                entries[index].value = item
                container = .dict(entries)
            }
        default:
            break
        }
    }

    private func delete(_ target: PythonExpression) {
        switch target.kind {
        case .name(let name):
            namespace[name] = nil
        case .subscript(let base, let keyExpression):
            guard let key = evaluate(keyExpression).value.data, !key.containsUnknown else { return }
            mutate(base, at: target.position) { container in
                if case .dict(let entries) = container {
                    container = .dict(entries.filter { !$0.key.isEqualKey(to: key) })
                }
            }
        case .tuple(let items), .list(let items):
            items.forEach(delete)
        default:
            break
        }
    }

    private func evaluateExpressionStatement(_ expression: PythonExpression) {
        if case .namedExpression(let name, let value) = expression.kind {
            bind(name, evaluate(value), at: expression.position)
            return
        }
        _ = evaluate(expression)
    }

    // MARK: - Truth

    func staticTruth(_ value: RuntimeValue) -> Bool? {
        switch value {
        case .data(let data): return data.truth
        case .module, .function, .environment, .namespaceView, .openedFile: return true
        }
    }
}

extension PythonValue {
    /// Python's truth value, or nil when the value is not known.
    public var truth: Bool? {
        switch self {
        case .none: return false
        case .bool(let flag): return flag
        case .int(let digits): return digits != "0" && digits != "-0"
        case .float(let text): return (Double(text) ?? 1) != 0
        case .string(let text), .path(let text): return !text.isEmpty
        case .bytes(let bytes): return !bytes.isEmpty
        case .list(let items), .tuple(let items): return !items.isEmpty
        case .dict(let entries): return !entries.isEmpty
        case .unknown: return nil
        }
    }

    /// Dict-key equality: `path` and `str` with the same text are equal, as `path.Path` is a `str`.
    func isEqualKey(to other: PythonValue) -> Bool {
        switch (self, other) {
        case (.string(let left), .path(let right)), (.path(let left), .string(let right)): return left == right
        case (.bool(let flag), .int(let digits)), (.int(let digits), .bool(let flag)): return digits == (flag ? "1" : "0")
        default: return self == other
        }
    }

    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    var unknownLocation: SourceLocation? {
        if case .unknown(let unknown) = self { return unknown.location }
        return nil
    }
}

extension Array where Element == PythonDictEntry {
    /// `d[key] = value`: replaces the value of an existing key in place, else appends (dict order).
    mutating func setValue(_ value: PythonValue, forKey key: PythonValue) {
        if let index = lastIndex(where: { $0.key.isEqualKey(to: key) }) {
            self[index].value = value
        } else {
            append(PythonDictEntry(key: key, value: value))
        }
    }
}

extension Array where Element == PythonValue {
    var containsUnknownItem: Bool { contains { if case .unknown = $0 { true } else { false } } }
}
