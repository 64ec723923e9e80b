/// Which module-level names may refer to the same mutable object, or to objects inside one another.
///
/// The evaluator keeps values, not objects: `B = A` copies A's dict. Python shares it, so a later
/// `B['y'] = 2` changes A too. Rather than model object identity, names that may share an object are
/// grouped, and a change made through one name turns every other name of its group into an unknown
/// value, never into a stale known one. Groups are conservative: `B = dict(A)` (a shallow copy), `[A]`,
/// `D['k'] = A`, `L.append(A)`, a loop variable and its list all join a group.
struct SharingGroups {
    private var groupOf: [String: Int] = [:]
    private var members: [Int: Set<String>] = [:]
    private var nextGroup = 0

    /// `name` is bound to a new object: it no longer shares anything.
    mutating func detach(_ name: String) {
        guard let group = groupOf.removeValue(forKey: name) else { return }
        members[group]?.remove(name)
        if let rest = members[group], rest.count <= 1 {
            for other in rest { groupOf[other] = nil }
            members[group] = nil
        }
    }

    /// The objects of `names` may now be shared.
    mutating func join(_ names: Set<String>) {
        guard names.count > 1 else { return }
        var groups = Set(names.compactMap { groupOf[$0] })
        let target: Int
        if let largest = groups.max(by: { (members[$0]?.count ?? 0) < (members[$1]?.count ?? 0) }) {
            target = largest
            groups.remove(largest)
        } else {
            target = nextGroup
            nextGroup += 1
        }
        var merged = members[target] ?? []
        for group in groups {
            for name in members[group] ?? [] {
                merged.insert(name)
                groupOf[name] = target
            }
            members[group] = nil
        }
        for name in names {
            merged.insert(name)
            groupOf[name] = target
        }
        members[target] = merged
    }

    /// The other names that may share an object with `name`.
    func others(sharingWith name: String) -> [String] {
        guard let group = groupOf[name], let names = members[group] else { return [] }
        return names.filter { $0 != name }
    }
}

extension PythonExpression {
    /// Calls whose result never shares an object with their arguments (a new str, number, bool or
    /// deep copy), by the last part of the callee's name.
    private static let freshResultCallees: Set<String> = [
        "str", "int", "float", "bool", "len", "repr", "deepcopy", "join", "dirname", "basename", "abspath", "normpath",
        "realpath", "exists", "isdir", "isfile", "getenv", "format", "lower", "upper", "strip", "lstrip", "rstrip",
        "replace", "startswith", "endswith", "split", "encode", "Path", "path", "gettext", "gettext_lazy", "ugettext",
        "ugettext_lazy", "_",
    ]

    /// Calls whose result is a new container holding the items of their arguments (a shallow copy).
    private static let shallowCopyCallees: Set<String> = [
        "dict", "list", "tuple", "set", "frozenset", "sorted", "reversed", "copy", "values", "items", "keys",
    ]

    /// Names whose objects the value of this expression may contain or be; `throughCopy` when only the
    /// name's items can be shared (`dict(A)`, `A.copy()`, `A + B`, `[*A]`). Walked with a work list, so a
    /// long chain does not recurse.
    var namesItMayShare: [(name: String, throughCopy: Bool)] {
        var names: [(name: String, throughCopy: Bool)] = []
        var pending = [(self, false)]
        while let (node, throughCopy) = pending.popLast() {
            switch node.kind {
            case .name(let name): names.append((name, throughCopy))
            case .constant, .opaque, .formattedString, .slice, .unary, .compare: break
            case .list(let items), .tuple(let items), .set(let items):
                pending.append(contentsOf: items.map { ($0, false) })
            case .and(let items), .or(let items):
                pending.append(contentsOf: items.map { ($0, throughCopy) })
            case .dict(let entries):
                for entry in entries {
                    if let key = entry.key { pending.append((key, false)) }
                    pending.append((entry.value, entry.key == nil))
                }
            case .starred(let inner): pending.append((inner, true))
            case .attribute(let base, _), .subscript(let base, _): pending.append((base, false))
            case .call(let callee, let arguments):
                let last = callee.lastNamePart ?? ""
                if Self.freshResultCallees.contains(last) { continue }
                let copies = Self.shallowCopyCallees.contains(last)
                if case .attribute(let receiver, _) = callee.kind {
                    pending.append((receiver, copies))
                } else {
                    pending.append((callee, false))
                }
                for argument in arguments {
                    switch argument {
                    case .positional(let value), .keyword(_, let value), .unpackSequence(let value), .unpackMapping(let value):
                        pending.append((value, copies))
                    }
                }
            case .binary(_, let left, let right): pending.append(contentsOf: [(left, true), (right, true)])
            case .conditional(_, let body, let orElse): pending.append(contentsOf: [(body, throughCopy), (orElse, throughCopy)])
            case .namedExpression(let name, let value):
                names.append((name, throughCopy))
                pending.append((value, throughCopy))
            }
        }
        return names
    }

    /// `f` for `f`, `c` for `a.b.c`.
    var lastNamePart: String? {
        switch kind {
        case .name(let name), .attribute(_, let name): return name
        default: return nil
        }
    }

    /// The name a target or receiver is reached from: `D` for `D['a'].b[0]`, nil for anything else.
    var rootName: String? {
        var node = self
        while true {
            switch node.kind {
            case .name(let name): return name
            case .attribute(let base, _), .subscript(let base, _): node = base
            case .call(let callee, _):
                guard case .attribute(let receiver, _) = callee.kind else { return nil }
                node = receiver
            default: return nil
            }
        }
    }
}

extension PythonValue {
    /// Whether an item (or key) of this list, tuple or dict holds a list or dict.
    var itemsHoldMutableObject: Bool {
        switch self {
        case .list(let items), .tuple(let items): return items.contains { $0.holdsMutableObject }
        case .dict(let entries): return entries.contains { $0.key.holdsMutableObject || $0.value.holdsMutableObject }
        default: return false
        }
    }

    /// Whether the value is or holds a list or dict, an object a change through another name can reach.
    var holdsMutableObject: Bool {
        var pending = [self]
        while let value = pending.popLast() {
            switch value {
            case .list, .dict: return true
            case .tuple(let items): pending.append(contentsOf: items)
            default: break
            }
        }
        return false
    }
}
