/// Aliasing and writes to the module namespace the evaluator cannot see statement by statement.
extension ModuleEvaluator {
    /// Names in `expression` bound to a value holding a list or dict (modules and functions never change).
    func namesHoldingObjects(in expression: PythonExpression) -> Set<String> {
        var names: Set<String> = []
        for (name, throughCopy) in expression.namesItMayShare {
            guard case .data(let value)? = namespace[name]?.value else { continue }
            if throughCopy ? value.itemsHoldMutableObject : value.holdsMutableObject { names.insert(name) }
        }
        return names
    }

    /// The plain names an assignment target binds (`a`, `a, (b, *c)`).
    static func targetNames(_ target: PythonExpression) -> [String] {
        var names: [String] = []
        var pending = [target]
        while let node = pending.popLast() {
            switch node.kind {
            case .name(let name): names.append(name)
            case .tuple(let items), .list(let items): pending.append(contentsOf: items)
            case .starred(let inner): pending.append(inner)
            default: break
            }
        }
        return names
    }

    /// Records what an assignment `target = value` shares: `shared` are the names whose objects the value
    /// may contain or be.
    func noteAssignment(to target: PythonExpression, sharing shared: Set<String>, at point: SourcePoint) {
        switch target.kind {
        case .name, .tuple, .list, .starred:
            let names = Self.targetNames(target)
            for name in names { sharing.detach(name) }
            if !shared.isEmpty { sharing.join(shared.union(names)) }
        case .subscript, .attribute:
            guard let root = target.rootName, namespace[root] != nil else { return }
            changed(through: root, at: point)
            if !shared.isEmpty { sharing.join(shared.union([root])) }
        default:
            break
        }
    }

    /// Updates the shape bound of the name a target assigns to: the whole shape for a name (every name of
    /// an unpacking gets the whole value's), the root's shape grown by the value for `D[k]… = value`.
    func noteShape(_ valueShape: ValueShape, assignedTo target: PythonExpression, at point: SourcePoint) {
        switch target.kind {
        case .name, .tuple, .list, .starred:
            for name in Self.targetNames(target) { recordShape(valueShape, of: name, at: point) }
        case .subscript, .attribute:
            guard let root = target.rootName else { return }
            var links = 0
            var node = target
            while case .subscript(let base, _) = node.kind {
                links += 1
                node = base
            }
            let rootShape = shape(ofName: root)
            recordShape(
                ValueShape(
                    depth: max(rootShape.depth, valueShape.depth + links),
                    size: min(rootShape.size + valueShape.size, Int.max / 4)),
                of: root, at: point)
        default:
            break
        }
    }

    /// The object `root` refers to was changed in place: every other name that may share it becomes unknown.
    func changed(through root: String, at point: SourcePoint) {
        for other in sharing.others(sharingWith: root) {
            // An unknown value cannot go stale: it leaves the group, so each name is invalidated once.
            sharing.detach(other)
            guard var binding = namespace[other], case .data(let value) = binding.value, !value.isUnknown else { continue }
            binding.value = .data(
                unknown(
                    "may have been changed through \(root) on line \(point.line) (both names can refer to the same object)",
                    at: point))
            namespace[other] = binding
        }
    }

    /// `vars()`, `globals()`, `locals()` (not rebound by the module): its namespace at module level.
    func isNamespaceView(_ expression: PythonExpression) -> Bool {
        guard case .call(let callee, let arguments) = expression.kind, arguments.isEmpty,
            case .name(let name) = callee.kind, ["vars", "globals", "locals"].contains(name)
        else { return false }
        return namespace[name] == nil
    }

    /// For `sys.modules[key]`: whether key is this module's own name (`__name__`); nil for other expressions.
    func isSysModulesItem(_ expression: PythonExpression) -> Bool? {
        guard case .subscript(let base, let keyExpression) = expression.kind,
            case .attribute(let sys, "modules") = base.kind, case .name("sys") = sys.kind
        else { return nil }
        guard let key = evaluate(keyExpression).value.data?.stringValue else { return false }
        return key == (moduleName ?? "__main__")
    }

    /// Something wrote names the evaluator cannot list (`exec`, `globals().update(unknown)`, …): any name
    /// may be set from here on, and every value bound so far may have been replaced.
    func openNamespace(_ reason: String, at point: SourcePoint) {
        namespaceIsOpen = true
        for name in namespace.keys { namespace[name]?.isConditional = true }
        session.recordDynamicNamespaceWrite(reason, at: location(point))
    }

    /// `exec(…)` and `setattr(sys.modules[…], name, value)`; nil for other calls.
    func callWritingNamespace(_ callee: PythonExpression, _ arguments: [PythonArgument], at point: SourcePoint)
        -> Evaluated?
    {
        guard case .name(let function) = callee.kind, namespace[function] == nil else { return nil }
        switch function {
        case "exec":
            for case .positional(let argument) in arguments { _ = evaluate(argument) }
            openNamespace("exec() on line \(point.line)", at: point)
            return .data(.none)
        case "setattr":
            guard arguments.count == 3, case .positional(let object) = arguments[0],
                case .positional(let nameExpression) = arguments[1], case .positional(let valueExpression) = arguments[2],
                let ownModule = isSysModulesItem(object)
            else { return nil }
            let value = evaluate(valueExpression)
            if ownModule, let name = evaluate(nameExpression).value.data?.stringValue {
                bind(name, value, at: point)
            } else {
                openNamespace("setattr() on a sys.modules entry on line \(point.line)", at: point)
            }
            return .data(.none)
        default:
            return nil
        }
    }
}
