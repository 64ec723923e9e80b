import Diagnostics
import FileSystemSupport

/// Calls: the builtins, `os`/`os.path`/`path`/`yaml` functions and the dict/list/str/path methods that
/// settings files use. Every other call is unknown.
extension ModuleEvaluator {
    struct CallArguments {
        var positional: [Evaluated] = []
        var keywords: [(name: String, value: Evaluated)] = []
        /// Set when a `*args` / `**kwargs` could not be expanded.
        var isIncomplete = false

        func keyword(_ name: String) -> Evaluated? { keywords.last(where: { $0.name == name })?.value }

        /// Positional argument `index`, or the keyword `name`.
        func argument(_ index: Int, _ name: String) -> Evaluated? {
            index < positional.count ? positional[index] : keyword(name)
        }
    }

    private func evaluateArguments(_ arguments: [PythonArgument]) -> CallArguments {
        var result = CallArguments()
        for argument in arguments {
            switch argument {
            case .positional(let expression):
                result.positional.append(evaluate(expression))
            case .keyword(let name, let expression):
                result.keywords.append((name, evaluate(expression)))
            case .unpackSequence(let expression):
                if let items = evaluate(expression).value.data.flatMap(Self.iterationItems) {
                    result.positional.append(contentsOf: items.map { Evaluated.data($0) })
                } else {
                    result.isIncomplete = true
                }
            case .unpackMapping(let expression):
                if case .dict(let entries)? = evaluate(expression).value.data,
                    entries.allSatisfy({ $0.key.stringValue != nil })
                {
                    for entry in entries { result.keywords.append((entry.key.stringValue ?? "", .data(entry.value))) }
                } else {
                    result.isIncomplete = true
                }
            }
        }
        return result
    }

    /// `receiver.method(arguments)`, the receiver already evaluated.
    func callMethod(
        _ method: String, of receiver: Evaluated, receiverExpression: PythonExpression,
        _ argumentExpressions: [PythonArgument], at point: SourcePoint
    ) -> Evaluated {
        let arguments = evaluateArguments(argumentExpressions)
        if arguments.isIncomplete { return .data(unknown("call with unknown *args/**kwargs", at: point)) }
        switch receiver.value {
        case .module(let module):
            guard case .function(let function)? = Self.member(of: module, named: method) else {
                return .data(unknown("\(module).\(method)() is not evaluated", at: point))
            }
            return callFunction(function, arguments, at: point)
        case .environment:
            return callEnvironmentMethod(method, arguments, at: point)
        case .namespaceView:
            guard method == "update" else {
                if !Self.readingMethods.contains(method) {
                    openNamespace("vars()/globals().\(method)() on line \(point.line)", at: point)
                }
                return .data(unknown("vars().\(method)() is not evaluated", at: point))
            }
            updateNamespace(arguments, at: point)
            return .data(.none)
        case .data(let value):
            if case .unknown = value { return receiver }
            let result = callMethod(
                method, on: value, receiver: receiverExpression, keyOrigins: receiver.keyOrigins, arguments, at: point)
            if Self.mutatingMethods.contains(method), let root = receiverExpression.rootName {
                // The receiver changed in place, and what it now stores may be another name's object.
                changed(through: root, at: point)
                var stored: Set<String> = []
                for argument in argumentExpressions {
                    if case .positional(let expression) = argument { stored.formUnion(namesHoldingObjects(in: expression)) }
                    if case .keyword(_, let expression) = argument { stored.formUnion(namesHoldingObjects(in: expression)) }
                }
                if !stored.isEmpty { sharing.join(stored.union([root])) }
                // What the receiver now stores makes it deeper and larger.
                var storedShapes: [ValueShape] = []
                for argument in argumentExpressions {
                    if case .positional(let expression) = argument { storedShapes.append(estimatedShape(expression)) }
                    if case .keyword(_, let expression) = argument { storedShapes.append(estimatedShape(expression)) }
                }
                if !storedShapes.isEmpty {
                    noteShape(
                        .container(of: storedShapes),
                        assignedTo: PythonExpression(kind: .subscript(receiverExpression, receiverExpression), position: point),
                        at: point)
                }
            }
            return result
        case .function, .openedFile:
            return .data(unknown(".\(method)() is not evaluated", at: point))
        }
    }

    /// `callee(arguments)` where `callee` is not an attribute, its value already evaluated.
    func callValue(_ function: Evaluated, callee: PythonExpression, _ argumentExpressions: [PythonArgument], at point: SourcePoint)
        -> Evaluated
    {
        if let result = callWritingNamespace(callee, argumentExpressions, at: point) { return result }
        let arguments = evaluateArguments(argumentExpressions)
        if arguments.isIncomplete { return .data(unknown("call with unknown *args/**kwargs", at: point)) }
        switch function.value {
        case .function(let name):
            return callFunction(name, arguments, at: point)
        case .data(.unknown(let reason)):
            return .data(unknown("call of \(Self.calleeName(callee)) (\(reason.reason))", at: point))
        default:
            return .data(unknown("call of \(Self.calleeName(callee)) is not evaluated", at: point))
        }
    }

    /// `a.b.c()` for a dotted callee (walked in a loop), "an expression" otherwise.
    static func calleeName(_ callee: PythonExpression) -> String {
        var members: [String] = []
        var node = callee
        while case .attribute(let base, let name) = node.kind {
            members.append(name)
            node = base
        }
        guard case .name(let name) = node.kind else { return "an expression" }
        return ([name] + members.reversed()).joined(separator: ".") + "()"
    }

    // MARK: - Functions

    private func pathTexts(_ arguments: CallArguments) -> [String]? {
        let texts = arguments.positional.compactMap { $0.value.data?.stringValue }
        return texts.count == arguments.positional.count ? texts : nil
    }

    private func firstUnknown(_ arguments: CallArguments) -> Evaluated? {
        for argument in arguments.positional + arguments.keywords.map(\.value) {
            if case .data(.unknown) = argument.value { return argument }
        }
        return nil
    }

    func callFunction(_ name: String, _ arguments: CallArguments, at point: SourcePoint) -> Evaluated {
        let single = arguments.positional.count == 1 ? arguments.positional[0] : nil
        switch name {
        case "os.path.join":
            if let unknownArgument = firstUnknown(arguments) { return unknownArgument }
            guard let parts = pathTexts(arguments), !parts.isEmpty else { break }
            return .data(.string(PathComponents.join(parts)))
        case "os.path.dirname", "os.path.basename", "os.path.abspath", "os.path.normpath", "os.path.realpath":
            if let unknownArgument = firstUnknown(arguments) { return unknownArgument }
            guard let text = single?.value.data?.stringValue else { break }
            switch name {
            case "os.path.dirname": return .data(.string(PathComponents.dirname(text)))
            case "os.path.basename": return .data(.string(PathComponents.basename(text)))
            case "os.path.normpath": return .data(.string(PythonPaths.normpath(text)))
            default:
                return .data(.string(PathComponents.absolute(text, relativeTo: session.request.workingDirectory)))
            }
        case "os.getenv":
            guard let key = arguments.argument(0, "key")?.value.data?.stringValue else { break }
            return environmentGet(key, default: arguments.argument(1, "default"))
        case "path.Path":
            if let unknownArgument = firstUnknown(arguments) { return unknownArgument }
            guard let parts = pathTexts(arguments) else { break }
            let value = PythonValue.path(parts.isEmpty ? "." : PathComponents.join(parts))
            return .data(value, origin: single?.origin)
        case "pathlib.Path":
            if let unknownArgument = firstUnknown(arguments) { return unknownArgument }
            guard let parts = pathTexts(arguments) else { break }
            return .data(.path(PythonPaths.pathlibString(parts)), origin: single?.origin)
        case "str":
            guard let value = single?.value.data else {
                if arguments.positional.isEmpty { return .data(.string("")) }
                break
            }
            if case .unknown = value { return .data(value) }
            return .data(.string(value.pythonStr), origin: single?.origin)
        case "int":
            guard let value = single?.value.data else { break }
            switch value {
            case .unknown: return .data(value)
            case .int: return .data(value, origin: single?.origin)
            case .bool(let flag): return .data(.int(flag ? "1" : "0"))
            case .string(let text):
                let trimmed = text.trimming(" \t\n")
                if let number = Int(trimmed) { return .data(.int(String(number)), origin: single?.origin) }
            case .float(let text):
                if let number = Double(text), let whole = Int(exactly: number.rounded(.towardZero)) { return .data(.int(String(whole))) }
            default: break
            }
        case "float":
            guard let value = single?.value.data else { break }
            if case .unknown = value { return .data(value) }
            if let number = value.numericValue ?? value.stringValue.flatMap({ Double($0.trimming(" \t\n")) }) {
                return .data(.float(PythonFormatting.floatRepr(number)), origin: single?.origin)
            }
        case "bool":
            guard let value = single?.value.data else { return .data(.bool(false)) }
            if let truth = value.truth { return .data(.bool(truth)) }
            return .data(value)
        case "len":
            guard let value = single?.value.data else { break }
            switch value {
            case .unknown: return .data(value)
            case .list(let items), .tuple(let items): return .data(.int(String(items.count)))
            case .dict(let entries): return .data(.int(String(entries.count)))
            case .string(let text), .path(let text): return .data(.int(String(text.unicodeScalars.count)))
            case .bytes(let bytes): return .data(.int(String(bytes.count)))
            default: break
            }
        case "list", "tuple", "set", "frozenset", "sorted":
            guard let value = single?.value.data else {
                if arguments.positional.isEmpty && name != "sorted" { return .data(name == "tuple" ? .tuple([]) : .list([])) }
                break
            }
            if case .unknown = value { return .data(value) }
            guard var items = Self.iterationItems(value) else { break }
            if name == "sorted" {
                guard arguments.keywords.isEmpty, let sorted = Self.sortedValues(items) else { break }
                items = sorted
            }
            if name == "set" || name == "frozenset" {
                var unique: [PythonValue] = []
                for item in items where !unique.contains(item) { unique.append(item) }
                items = unique
            }
            return .data(name == "tuple" ? .tuple(items) : .list(items))
        case "dict":
            var entries: [PythonDictEntry] = []
            if let value = single?.value.data {
                switch value {
                case .unknown: return .data(value)
                case .dict(let existing): entries = existing
                case .list(let pairs), .tuple(let pairs):
                    for pair in pairs {
                        guard case .tuple(let items) = pair, items.count == 2 else {
                            if case .list(let items) = pair, items.count == 2 {
                                entries.append(PythonDictEntry(key: items[0], value: items[1]))
                                continue
                            }
                            return .data(unknown("dict() of a sequence that is not pairs", at: point))
                        }
                        entries.append(PythonDictEntry(key: items[0], value: items[1]))
                    }
                default:
                    return .data(unknown("dict() of \(value.typeName)", at: point))
                }
            } else if arguments.positional.count > 1 {
                break
            }
            var result = PythonValue.dict(entries)
            for (key, value) in arguments.keywords {
                Self.setItem(&result, key: .string(key), value: value.value.data ?? unknown("object that is not data", at: point))
            }
            return Evaluated(.data(result), keyOrigins: single?.keyOrigins)
        case "vars", "globals", "locals":
            guard arguments.positional.isEmpty else { break }
            return Evaluated(.namespaceView)
        case "open":
            return Evaluated(.openedFile)
        case "yaml.load", "json.load":
            guard let file = single ?? arguments.argument(0, "stream") else { break }
            guard case .openedFile = file.value else { break }
            guard let layer = session.loadYAMLForSettings(at: location(point)) else {
                return .data(unknown("configuration file loaded at import time (pass --config-yaml)", at: point))
            }
            return Evaluated(.data(layer.document), keyOrigins: layer.keyOrigins)
        case "copy":
            if let single { return single }
        case "gettext":
            if let single, case .data(.string) = single.value { return single }
        case "print":
            return .data(.none)
        default:
            break
        }
        if let unknownArgument = firstUnknown(arguments) {
            return unknownArgument
        }
        return .data(unknown("call of \(name)() is not evaluated", at: point))
    }

    static func sortedValues(_ items: [PythonValue]) -> [PythonValue]? {
        if let strings = Optional(items.compactMap(\.stringValue)), strings.count == items.count {
            return strings.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes(Array($1.unicodeScalars.map(\.value))) }
                .map { PythonValue.string($0) }
        }
        let numbers = items.compactMap(\.numericValue)
        if numbers.count == items.count {
            return zip(numbers, items).sorted { $0.0 < $1.0 }.map(\.1)
        }
        return nil
    }

    private func callEnvironmentMethod(_ method: String, _ arguments: CallArguments, at point: SourcePoint) -> Evaluated {
        switch method {
        case "get", "setdefault":
            guard let key = arguments.argument(0, "key")?.value.data?.stringValue else {
                return .data(unknown("os.environ.\(method)() with an unknown key", at: point))
            }
            return environmentGet(key, default: arguments.argument(1, "default"))
        case "__getitem__":
            guard let key = arguments.positional.first?.value.data?.stringValue else { break }
            return environmentItem(key, at: point)
        default:
            break
        }
        return .data(unknown("os.environ.\(method)() is not evaluated", at: point))
    }

    /// `vars().update(mapping)` / `globals().update(k=v)`: every key becomes a module-level name.
    private func updateNamespace(_ arguments: CallArguments, at point: SourcePoint) {
        if let mapping = arguments.positional.first {
            guard case .dict(let entries)? = mapping.value.data else {
                // The names are not known, so nothing can be bound; the YAML warning (if any) says why.
                // Any name bound so far may have been replaced: its value now depends on that mapping.
                openNamespace("vars()/globals().update() of a mapping that is not known, on line \(point.line)", at: point)
                return
            }
            for entry in entries {
                guard let name = entry.key.stringValue else { continue }
                bind(name, .data(entry.value, origin: mapping.keyOrigins?[name]), at: point)
            }
        }
        for (name, value) in arguments.keywords {
            bind(name, value, at: point)
        }
    }

    // MARK: - Methods

    static let mutatingMethods: Set<String> = [
        "update", "setdefault", "pop", "clear", "append", "extend", "insert", "remove",
    ]

    /// Methods of a namespace view that only read it.
    static let readingMethods: Set<String> = ["get", "keys", "values", "items", "copy", "__contains__", "__getitem__"]

    private func callMethod(
        _ method: String, on value: PythonValue, receiver: PythonExpression, keyOrigins: [String: Provenance]?,
        _ arguments: CallArguments, at point: SourcePoint
    ) -> Evaluated {
        if Self.mutatingMethods.contains(method) {
            guard let (updated, result) = applyMutatingMethod(method, on: value, arguments, at: point) else {
                return .data(unknown(".\(method)() on \(value.typeName) is not evaluated", at: point))
            }
            mutate(receiver, at: point) { $0 = updated }
            return result
        }
        switch value {
        case .dict(let entries):
            switch method {
            case "get":
                guard let key = arguments.argument(0, "key")?.value.data else { break }
                if case .unknown = key { return .data(key) }
                if let entry = entries.last(where: { $0.key.isEqualKey(to: key) }) {
                    return .data(entry.value, origin: key.stringValue.flatMap { keyOrigins?[$0] })
                }
                return arguments.argument(1, "default") ?? .data(.none)
            case "copy": return Evaluated(.data(value), keyOrigins: keyOrigins)
            case "keys": return .data(.list(entries.map(\.key)))
            case "values": return .data(.list(entries.map(\.value)))
            case "items": return .data(.list(entries.map { .tuple([$0.key, $0.value]) }))
            default: break
            }
        case .list(let items):
            switch method {
            case "copy": return .data(.list(items))
            case "index", "count":
                guard let needle = arguments.positional.first?.value.data else { break }
                if method == "count" { return .data(.int(String(items.filter { $0.isEqualValue(to: needle) }.count))) }
                if let index = items.firstIndex(where: { $0.isEqualValue(to: needle) }) { return .data(.int(String(index))) }
            default: break
            }
        case .path(let text):
            if let result = pathMethod(method, text, arguments) { return result }
            if let result = stringMethod(method, text, arguments, at: point) { return result }
        case .string(let text):
            if let result = stringMethod(method, text, arguments, at: point) { return result }
        default:
            break
        }
        if let unknownArgument = firstUnknown(arguments) { return unknownArgument }
        return .data(unknown(".\(method)() on \(value.typeName) is not evaluated", at: point))
    }

    private func applyMutatingMethod(
        _ method: String, on value: PythonValue, _ arguments: CallArguments, at point: SourcePoint
    ) -> (PythonValue, Evaluated)? {
        switch (value, method) {
        case (.dict, "update"):
            var updated = value
            if let other = arguments.positional.first?.value.data {
                switch other {
                case .dict(let entries):
                    if case .dict(var existing) = updated, !entries.contains(where: { $0.key.containsUnknown }) {
                        updated = .none
                        existing.setValues(from: entries)
                        updated = .dict(existing)
                    } else {
                        for entry in entries { Self.setItem(&updated, key: entry.key, value: entry.value) }
                    }
                case .unknown:
                    // Keys unknown: the whole dict is no longer known.
                    return (other, .data(.none))
                default:
                    return nil
                }
            }
            for (name, keywordValue) in arguments.keywords {
                Self.setItem(&updated, key: .string(name), value: keywordValue.value.data ?? unknown("object that is not data", at: point))
            }
            return (updated, .data(.none))
        case (.dict(let entries), "setdefault"):
            guard let key = arguments.positional.first?.value.data, !key.containsUnknown else { return nil }
            if let entry = entries.last(where: { $0.key.isEqualKey(to: key) }) { return (value, .data(entry.value)) }
            let fallback = arguments.positional.count > 1 ? arguments.positional[1].value.data ?? .none : .none
            return (.dict(entries + [PythonDictEntry(key: key, value: fallback)]), .data(fallback))
        case (.dict(let entries), "pop"):
            guard let key = arguments.positional.first?.value.data, !key.containsUnknown else { return nil }
            guard let entry = entries.last(where: { $0.key.isEqualKey(to: key) }) else {
                guard arguments.positional.count > 1 else { return nil }
                return (value, arguments.positional[1])
            }
            return (.dict(entries.filter { !$0.key.isEqualKey(to: key) }), .data(entry.value))
        case (.dict, "clear"): return (.dict([]), .data(.none))
        case (.list(let items), "append"):
            guard let item = arguments.positional.first?.value.data else { return nil }
            return (.list(items + [item]), .data(.none))
        case (.list(let items), "extend"):
            guard let other = arguments.positional.first?.value.data else { return nil }
            if case .unknown = other { return (other, .data(.none)) }
            guard let more = Self.iterationItems(other) else { return nil }
            return (.list(items + more), .data(.none))
        case (.list(let items), "insert"):
            guard arguments.positional.count == 2, case .int(let digits)? = arguments.positional[0].value.data,
                var index = Int(digits), let item = arguments.positional[1].value.data
            else { return nil }
            if index < 0 { index = max(0, index + items.count) }
            var updated = items
            updated.insert(item, at: min(index, items.count))
            return (.list(updated), .data(.none))
        case (.list(let items), "remove"):
            guard let item = arguments.positional.first?.value.data,
                let index = items.firstIndex(where: { $0.isEqualValue(to: item) })
            else { return nil }
            var updated = items
            updated.remove(at: index)
            return (.list(updated), .data(.none))
        case (.list(let items), "pop"):
            guard !items.isEmpty, arguments.positional.isEmpty else { return nil }
            return (.list(Array(items.dropLast())), .data(items[items.count - 1]))
        case (.list, "clear"): return (.list([]), .data(.none))
        default: return nil
        }
    }

    private func pathMethod(_ method: String, _ text: String, _ arguments: CallArguments) -> Evaluated? {
        switch method {
        case "dirname", "parent":
            return .data(.path(PathComponents.dirname(text)))
        case "abspath", "resolve", "absolute", "realpath":
            return .data(.path(PathComponents.absolute(text, relativeTo: session.request.workingDirectory)))
        case "normpath", "expand":
            return .data(.path(PathComponents.normalize(text)))
        case "basename":
            return .data(.path(PathComponents.basename(text)))
        case "joinpath":
            guard let parts = pathTexts(arguments) else { return nil }
            return .data(.path(PathComponents.join([text] + parts)))
        case "as_posix", "__str__":
            return .data(.string(text))
        default:
            return nil
        }
    }

    private func stringMethod(_ method: String, _ text: String, _ arguments: CallArguments, at point: SourcePoint)
        -> Evaluated?
    {
        let firstText = arguments.positional.first?.value.data?.stringValue
        switch method {
        case "format":
            var keywords: [String: PythonValue] = [:]
            for (name, value) in arguments.keywords { keywords[name] = value.value.data ?? PythonValue.none }
            let positional = arguments.positional.map { $0.value.data ?? PythonValue.none }
            if let unknownArgument = firstUnknown(arguments) { return unknownArgument }
            return PythonFormatting.braceFormat(text, positional: positional, keywords: keywords).map {
                Evaluated.data(.string($0))
            }
        case "lower": return .data(.string(text.lowercased()))
        case "upper": return .data(.string(text.uppercased()))
        case "strip", "lstrip", "rstrip":
            let characters = firstText ?? " \t\n\r\u{0B}\u{0C}"
            return .data(.string(text.trimming(characters, leading: method != "rstrip", trailing: method != "lstrip")))
        case "replace":
            guard arguments.positional.count == 2, let old = firstText, !old.isEmpty,
                let new = arguments.positional[1].value.data?.stringValue
            else { return nil }
            return .data(.string(text.replacingAll(old, with: new)))
        case "startswith", "endswith":
            guard let affix = firstText else { return nil }
            return .data(.bool(method == "startswith" ? text.hasPrefix(affix) : text.hasSuffix(affix)))
        case "split":
            guard arguments.positional.count <= 1 else { return nil }
            if let separator = firstText, !separator.isEmpty {
                return .data(.list(text.splittingAll(separator).map { .string($0) }))
            }
            return .data(.list(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { .string(String($0)) }))
        case "join":
            guard let items = arguments.positional.first?.value.data.flatMap(Self.iterationItems) else { return nil }
            let texts = items.compactMap(\.stringValue)
            guard texts.count == items.count else { return nil }
            return .data(.string(texts.joined(separator: text)))
        case "encode":
            return .data(.bytes(Array(text.utf8)))
        default:
            return nil
        }
    }
}

extension String {
    /// `str.strip(characters)` (or `lstrip`/`rstrip` with one side off).
    func trimming(_ characters: String, leading: Bool = true, trailing: Bool = true) -> String {
        let set = Set(characters)
        var slice = Substring(self)
        if leading { while let first = slice.first, set.contains(first) { slice = slice.dropFirst() } }
        if trailing { while let last = slice.last, set.contains(last) { slice = slice.dropLast() } }
        return String(slice)
    }

    func splittingAll(_ separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    func replacingAll(_ old: String, with new: String) -> String {
        splittingAll(old).joined(separator: new)
    }
}
