import Diagnostics
import FileSystemSupport

extension ModuleEvaluator {
    static let builtinFunctions: Set<String> = [
        "dict", "list", "tuple", "set", "frozenset", "str", "int", "float", "bool", "len", "sorted", "vars", "globals",
        "locals", "open", "print",
    ]

    /// Every name of Python 3.11's `builtins` module.
    static let pythonBuiltins: Set<String> = [
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
        "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
        "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
        "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception",
        "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
        "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
        "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
        "ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented", "NotImplementedError",
        "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
        "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
        "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit",
        "TabError", "TimeoutError", "True", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
        "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError",
        "Warning", "ZeroDivisionError", "__build_class__", "__debug__", "__doc__", "__import__", "__loader__",
        "__name__", "__package__", "__spec__", "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool",
        "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright",
        "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float",
        "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
        "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
        "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed",
        "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars",
        "zip"
    ]

    func evaluate(_ expression: PythonExpression) -> Evaluated {
        let point = expression.position
        switch expression.kind {
        case .name(let name):
            return lookup(name, at: point)
        case .constant(let value):
            if case .unknown(let unknownValue) = value, unknownValue.location.file == nil {
                return .data(unknown(unknownValue.reason, at: point))
            }
            return .data(value)
        case .formattedString(let parts):
            return formatString(parts, at: point)
        case .list(let items):
            return sequence(items, at: point).map { .data(.list($0)) } ?? .data(unknown("list with an unknown starred item", at: point))
        case .tuple(let items):
            return sequence(items, at: point).map { .data(.tuple($0)) } ?? .data(unknown("tuple with an unknown starred item", at: point))
        case .set(let items):
            // Sets are kept as lists in first-seen order (PythonValue has no set).
            guard let values = sequence(items, at: point) else { return .data(unknown("set with an unknown starred item", at: point)) }
            var unique: [PythonValue] = []
            for value in values where !unique.contains(value) { unique.append(value) }
            return .data(.list(unique))
        case .dict(let entries):
            var result: [PythonDictEntry] = []
            var keys = DictionaryKeyIndex(result)
            for entry in entries {
                let value = evaluate(entry.value).value.data ?? unknown("object that is not data", at: entry.value.position)
                guard let keyExpression = entry.key else {
                    guard case .dict(let spread) = value else {
                        return .data(unknown("`**` of a value that is not a known dict", at: entry.value.position))
                    }
                    for item in spread { keys.set(item.value, forKey: item.key, in: &result) }
                    continue
                }
                let key = evaluate(keyExpression).value.data ?? unknown("object that is not data", at: keyExpression.position)
                keys.set(value, forKey: key, in: &result)
            }
            return .data(.dict(result))
        case .starred:
            return .data(unknown("starred expression", at: point))
        case .attribute, .subscript, .call:
            return evaluatePostfixChain(expression)
        case .slice:
            return .data(unknown("slice", at: point))
        case .binary:
            return evaluateBinaryChain(expression)
        case .unary:
            return evaluateUnaryChain(expression)
        case .and(let items):
            var last = Evaluated.data(.none)
            for item in items {
                last = evaluate(item)
                guard let truth = staticTruth(last.value) else { return .data(unknown("`and` of an unknown value", at: point)) }
                if !truth { return last }
            }
            return last
        case .or(let items):
            var last = Evaluated.data(.none)
            for item in items {
                last = evaluate(item)
                guard let truth = staticTruth(last.value) else { return .data(unknown("`or` of an unknown value", at: point)) }
                if truth { return last }
            }
            return last
        case .compare(let first, let operations):
            var left = evaluate(first)
            for operation in operations {
                let right = evaluate(operation.right)
                guard let result = compare(operation.op, left.value, right.value) else {
                    return .data(unknown("comparison `\(operation.op)` with an unknown value", at: point))
                }
                if !result { return .data(.bool(false)) }
                left = right
            }
            return .data(.bool(true))
        case .conditional:
            // `a if t else b if u else c` nests to the right: follow the chosen branch in a loop.
            var chosen = expression
            while case .conditional(let test, let body, let orElse) = chosen.kind {
                guard let truth = staticTruth(evaluate(test).value) else {
                    return .data(unknown("conditional expression with an unknown test", at: chosen.position))
                }
                chosen = truth ? body : orElse
            }
            return evaluate(chosen)
        case .namedExpression(let name, let value):
            let result = evaluate(value)
            bind(name, result, at: point)
            return result
        case .opaque(let description):
            return .data(unknown("\(description) is not evaluated", at: point))
        }
    }

    /// `a + b - c …` is a left-leaning tree as deep as the chain is long: walk down its left spine in a
    /// loop, then fold the operands from the innermost outwards, so evaluation never recurses along it.
    private func evaluateBinaryChain(_ expression: PythonExpression) -> Evaluated {
        var spine: [PythonExpression] = []
        var node = expression
        while case .binary(_, let left, _) = node.kind {
            spine.append(node)
            node = left
        }
        var result = evaluate(node)
        for link in spine.reversed() {
            guard case .binary(let op, _, let right) = link.kind else { continue }
            result = binaryOperation(op, result, evaluate(right), at: link.position, inPlace: false)
        }
        return result
    }

    /// `- - - x`, `not not x`: the operators are applied innermost first, in a loop.
    private func evaluateUnaryChain(_ expression: PythonExpression) -> Evaluated {
        var operators: [(op: String, position: SourcePoint)] = []
        var node = expression
        while case .unary(let op, let operand) = node.kind {
            operators.append((op, node.position))
            node = operand
        }
        var result = evaluate(node)
        for (op, position) in operators.reversed() {
            result = unaryOperation(op, result, at: position)
        }
        return result
    }

    /// `a.b(c)[d].e()…` is a left-leaning tree as deep as the chain is long: collect its links down to
    /// the first operand, evaluate that, then apply each link in source order without recursing.
    private func evaluatePostfixChain(_ expression: PythonExpression) -> Evaluated {
        var links: [PythonExpression] = []
        var node = expression
        chain: while true {
            switch node.kind {
            case .attribute(let base, _), .subscript(let base, _):
                links.append(node)
                node = base
            case .call(let callee, _):
                links.append(node)
                // A method call takes its receiver, not the bound method, as the previous link.
                if case .attribute(let receiver, _) = callee.kind { node = receiver } else { node = callee }
            default:
                break chain
            }
        }
        var result = evaluate(node)
        for link in links.reversed() {
            let point = link.position
            switch link.kind {
            case .attribute(_, let name):
                result = attribute(of: result, name, at: point)
            case .subscript(_, let keyExpression):
                if case .slice(let lower, let upper, let step) = keyExpression.kind {
                    result = sliceValue(result, lower: lower, upper: upper, step: step, at: point)
                } else {
                    result = subscriptValue(result, evaluate(keyExpression), at: point)
                }
            case .call(let callee, let arguments):
                if case .attribute(let receiverExpression, let method) = callee.kind {
                    result = callMethod(method, of: result, receiverExpression: receiverExpression, arguments, at: point)
                } else {
                    result = callValue(result, callee: callee, arguments, at: point)
                }
            default:
                break
            }
        }
        return result
    }

    private func sequence(_ items: [PythonExpression], at point: SourcePoint) -> [PythonValue]? {
        var values: [PythonValue] = []
        for item in items {
            if case .starred(let inner) = item.kind {
                guard let spread = evaluate(inner).value.data.flatMap(Self.iterationItems) else { return nil }
                values.append(contentsOf: spread)
            } else {
                values.append(evaluate(item).value.data ?? unknown("object that is not data", at: item.position))
            }
        }
        return values
    }

    func lookup(_ name: String, at point: SourcePoint) -> Evaluated {
        if let binding = namespace[name] {
            return Evaluated(binding.value, keyOrigins: binding.keyOrigins)
        }
        switch name {
        case "__file__": return .data(.string(path))
        case "__name__": return .data(.string(moduleName ?? "__main__"))
        default: break
        }
        if Self.builtinFunctions.contains(name) { return Evaluated(.function(name)) }
        if Self.pythonBuiltins.contains(name) { return .data(unknown("builtin \(name) is not evaluated", at: point)) }
        reportUndefinedName(name, at: point)
        return .data(unknown("name \(name) is not defined", at: point))
    }

    private func formatString(_ parts: [FormattedStringPart], at point: SourcePoint) -> Evaluated {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let piece):
                text += piece
            case .expression(let expression, let conversion, let formatSpec):
                guard let value = evaluate(expression).value.data else {
                    return .data(unknown("f-string field that is not data", at: expression.position))
                }
                if case .unknown = value { return .data(value) }
                guard formatSpec.isEmpty else {
                    return .data(unknown("f-string format spec :\(formatSpec)", at: expression.position))
                }
                text += conversion == "r" ? value.pythonRepr : value.pythonStr
            }
        }
        return .data(.string(text))
    }

    func attribute(of base: Evaluated, _ name: String, at point: SourcePoint) -> Evaluated {
        switch base.value {
        case .module(let module):
            if let member = Self.member(of: module, named: name) { return Evaluated(member) }
            return .data(unknown("\(module).\(name) is not modelled", at: point))
        case .data(let value):
            if case .unknown = value { return base }
            if case .path(let text) = value {
                switch name {
                case "parent": return .data(.path(PathComponents.dirname(text).isEmpty ? "." : PathComponents.dirname(text)))
                case "name": return .data(.string(PathComponents.basename(text)))
                default: break
                }
            }
            return .data(unknown("attribute .\(name) of \(value.typeName) is not evaluated", at: point))
        default:
            return .data(unknown("attribute .\(name) is not evaluated", at: point))
        }
    }

    private func subscriptValue(_ base: Evaluated, _ key: Evaluated, at point: SourcePoint) -> Evaluated {
        if case .environment = base.value {
            guard let name = key.value.data?.stringValue else {
                return .data(unknown("os.environ with an unknown key", at: point))
            }
            return environmentItem(name, at: point)
        }
        guard let container = base.value.data, let keyValue = key.value.data else {
            return .data(unknown("subscript of an object that is not data", at: point))
        }
        if case .unknown = container { return .data(container) }
        if case .unknown = keyValue { return .data(keyValue) }
        switch container {
        case .dict(let entries):
            guard let entry = entries.last(where: { $0.key.isEqualKey(to: keyValue) }) else {
                return .data(unknown("key \(keyValue.pythonRepr) is not in the dict (KeyError at import time)", at: point))
            }
            return .data(entry.value, origin: keyValue.stringValue.flatMap { base.keyOrigins?[$0] })
        case .list(let items), .tuple(let items):
            guard case .int(let digits) = keyValue, var index = Int(digits) else {
                return .data(unknown("sequence index \(keyValue.pythonRepr)", at: point))
            }
            if index < 0 { index += items.count }
            guard items.indices.contains(index) else { return .data(unknown("index \(digits) out of range", at: point)) }
            return .data(items[index])
        case .string(let text), .path(let text):
            let characters = Array(text)
            guard case .int(let digits) = keyValue, var index = Int(digits) else {
                return .data(unknown("string index \(keyValue.pythonRepr)", at: point))
            }
            if index < 0 { index += characters.count }
            guard characters.indices.contains(index) else { return .data(unknown("index \(digits) out of range", at: point)) }
            return .data(.string(String(characters[index])))
        default:
            return .data(unknown("subscript of \(container.typeName)", at: point))
        }
    }

    /// `sequence[lower:upper:step]` on lists, tuples and strings with integer (or omitted) bounds.
    private func sliceValue(
        _ base: Evaluated, lower: PythonExpression?, upper: PythonExpression?, step: PythonExpression?, at point: SourcePoint
    ) -> Evaluated {
        func bound(_ expression: PythonExpression?) -> Int?? {
            guard let expression else { return .some(nil) }
            guard case .int(let digits)? = evaluate(expression).value.data, let number = Int(digits) else { return nil }
            return .some(number)
        }
        guard let container = base.value.data else { return .data(unknown("slice of an object that is not data", at: point)) }
        if case .unknown = container { return .data(container) }
        guard let lowerBound = bound(lower), let upperBound = bound(upper), let stepValue = bound(step) else {
            return .data(unknown("slice with bounds that are not known integers", at: point))
        }
        func pick<T>(_ items: [T]) -> [T]? {
            let stride = stepValue ?? 1
            guard stride != 0 else { return nil }
            let count = items.count
            func clamp(_ value: Int?, _ fallback: Int) -> Int {
                guard var value else { return fallback }
                if value < 0 { value += count }
                return stride > 0 ? min(max(value, 0), count) : min(max(value, -1), count - 1)
            }
            var index = clamp(lowerBound, stride > 0 ? 0 : count - 1)
            let end = clamp(upperBound, stride > 0 ? count : -1)
            var result: [T] = []
            while stride > 0 ? index < end : index > end {
                result.append(items[index])
                index += stride
            }
            return result
        }
        switch container {
        case .list(let items): if let sliced = pick(items) { return .data(.list(sliced)) }
        case .tuple(let items): if let sliced = pick(items) { return .data(.tuple(sliced)) }
        case .string(let text): if let sliced = pick(Array(text)) { return .data(.string(String(sliced))) }
        default: break
        }
        return .data(unknown("slice of \(container.typeName)", at: point))
    }

    func environmentItem(_ name: String, at point: SourcePoint) -> Evaluated {
        if let value = session.request.environment[name] {
            return .data(.string(value), origin: Provenance(kind: .environment, location: .environment(name)))
        }
        if !isCaught("KeyError") {
            session.warn(
                Diagnostic(
                    .environmentVariableMissing, "os.environ['\(name)'] is read here but \(name) is not set",
                    at: location(point), fix: "set \(name) in the environment the build runs with"))
        }
        return .data(unknown("environment variable \(name) is not set (KeyError at import time)", at: point))
    }

    func environmentGet(_ name: String, default fallback: Evaluated?) -> Evaluated {
        if let value = session.request.environment[name] {
            return .data(.string(value), origin: Provenance(kind: .environment, location: .environment(name)))
        }
        return fallback ?? .data(.none)
    }

    // MARK: - Operators

    func binaryOperation(_ op: String, _ left: Evaluated, _ right: Evaluated, at point: SourcePoint, inPlace: Bool)
        -> Evaluated
    {
        guard let leftValue = left.value.data, let rightValue = right.value.data else {
            return .data(unknown("operator \(op) on an object that is not data", at: point))
        }
        if case .unknown = leftValue { return .data(leftValue) }
        if case .unknown = rightValue { return .data(rightValue) }
        if let result = Self.applyBinary(op, leftValue, rightValue, inPlace: inPlace) {
            if let size = result.flatSize, size > Self.maximumValueSize {
                session.warn(
                    Diagnostic(
                        .settingsEvaluationLimit,
                        "\(result.typeName) of \(size) items or bytes built here is beyond the evaluator's bound of \(Self.maximumValueSize); it is unknown from here on",
                        at: location(point),
                        fix: "real settings never build values this large; set the proctoring settings with the command-line overrides if they depend on it"))
                return .data(unknown("\(result.typeName) larger than \(Self.maximumValueSize) items or bytes", at: point))
            }
            return .data(result)
        }
        return .data(unknown("\(leftValue.typeName) \(op) \(rightValue.typeName) is not evaluated", at: point))
    }

    /// The largest string (UTF-8 bytes), bytes or list/tuple (items) an operator may build: `X += X`
    /// repeated would otherwise double until memory runs out.
    static let maximumValueSize = 1_000_000

    static func applyBinary(_ op: String, _ left: PythonValue, _ right: PythonValue, inPlace: Bool) -> PythonValue? {
        switch (op, left, right) {
        case ("+", .string(let a), .string(let b)): return .string(a + b)
        case ("+", .path(let a), .string(let b)), ("+", .path(let a), .path(let b)), ("+", .string(let a), .path(let b)):
            return .path(a + b)
        case ("+", .list(let a), .list(let b)): return .list(a + b)
        case ("+", .list(let a), .tuple(let b)) where inPlace: return .list(a + b)
        case ("+", .tuple(let a), .tuple(let b)): return .tuple(a + b)
        case ("+", .bytes(let a), .bytes(let b)): return .bytes(a + b)
        case ("/", .path(let a), .string(let b)), ("/", .path(let a), .path(let b)):
            return .path(PathComponents.join(a, b))
        case ("%", .string(let format), _):
            return PythonFormatting.percentFormat(format, right).map(PythonValue.string)
        case ("*", .string(let text), .int(let digits)), ("*", .int(let digits), .string(let text)):
            // Repetition is capped so a pathological settings file cannot exhaust memory.
            guard let count = Int(digits), count <= 100_000 / max(1, text.utf8.count) else { return nil }
            return .string(String(repeating: text, count: max(0, count)))
        case ("*", .list(let items), .int(let digits)):
            guard let count = Int(digits), count >= 0, count <= 100_000 / max(1, items.count) else { return nil }
            return .list(Array(Array(repeating: items, count: count).joined()))
        case ("|", .dict(let a), .dict(let b)):
            var entries = a
            entries.setValues(from: b)
            return .dict(entries)
        case ("|", .list(let a), .list(let b)):
            return .list(a + b.filter { !a.contains($0) })
        default:
            return arithmetic(op, left, right)
        }
    }

    private static func arithmetic(_ op: String, _ left: PythonValue, _ right: PythonValue) -> PythonValue? {
        if case .int(let a) = left, case .int(let b) = right, let x = Int(a), let y = Int(b) {
            switch op {
            case "+": let (value, overflow) = x.addingReportingOverflow(y); return overflow ? nil : .int(String(value))
            case "-": let (value, overflow) = x.subtractingReportingOverflow(y); return overflow ? nil : .int(String(value))
            case "*": let (value, overflow) = x.multipliedReportingOverflow(by: y); return overflow ? nil : .int(String(value))
            case "//":
                guard y != 0 else { return nil }
                let quotient = x / y
                return .int(String((x % y != 0 && (x < 0) != (y < 0)) ? quotient - 1 : quotient))
            case "%":
                guard y != 0 else { return nil }
                let remainder = x % y
                return .int(String(remainder != 0 && (remainder < 0) != (y < 0) ? remainder + y : remainder))
            case "/":
                guard y != 0 else { return nil }
                return .float(PythonFormatting.floatRepr(Double(x) / Double(y)))
            case "**":
                guard y >= 0, y < 64 else { return nil }
                var result = 1
                for _ in 0..<y {
                    let (value, overflow) = result.multipliedReportingOverflow(by: x)
                    if overflow { return nil }
                    result = value
                }
                return .int(String(result))
            case "|": return .int(String(x | y))
            case "&": return .int(String(x & y))
            case "^": return .int(String(x ^ y))
            case "<<": return y >= 0 && y < 62 ? .int(String(x << y)) : nil
            case ">>": return y >= 0 ? .int(String(x >> y)) : nil
            default: return nil
            }
        }
        guard let x = left.numericValue, let y = right.numericValue else { return nil }
        if case .bool = left, case .bool = right { return nil }
        switch op {
        case "+": return .float(PythonFormatting.floatRepr(x + y))
        case "-": return .float(PythonFormatting.floatRepr(x - y))
        case "*": return .float(PythonFormatting.floatRepr(x * y))
        case "/": return y == 0 ? nil : .float(PythonFormatting.floatRepr(x / y))
        default: return nil
        }
    }

    private func unaryOperation(_ op: String, _ operand: Evaluated, at point: SourcePoint) -> Evaluated {
        if op == "not" {
            guard let truth = staticTruth(operand.value) else { return .data(unknown("`not` of an unknown value", at: point)) }
            return .data(.bool(!truth))
        }
        guard let value = operand.value.data else { return .data(unknown("unary \(op) of an object", at: point)) }
        switch (op, value) {
        case (_, .unknown): return .data(value)
        case ("-", .int(let digits)): return .data(.int(digits.hasPrefix("-") ? String(digits.dropFirst()) : (digits == "0" ? "0" : "-" + digits)))
        case ("-", .float(let text)): return .data(.float(text.hasPrefix("-") ? String(text.dropFirst()) : "-" + text))
        case ("+", .int), ("+", .float): return .data(value)
        case ("~", .int(let digits)):
            guard let number = Int(digits) else { break }
            return .data(.int(String(~number)))
        default: break
        }
        return .data(unknown("unary \(op) of \(value.typeName)", at: point))
    }

    func compare(_ op: String, _ left: RuntimeValue, _ right: RuntimeValue) -> Bool? {
        if op == "in" || op == "not in", case .environment = right {
            guard let name = left.data?.stringValue else { return nil }
            let contained = session.request.environment[name] != nil
            return op == "in" ? contained : !contained
        }
        guard let a = left.data, let b = right.data, !a.containsUnknown, !b.containsUnknown else {
            if op == "is" || op == "is not" {
                // A module or function is never None.
                if left.data == nil || right.data == nil { return op == "is not" }
            }
            return nil
        }
        switch op {
        case "==": return a.isEqualValue(to: b)
        case "!=": return !a.isEqualValue(to: b)
        case "is": return a == .none && b == .none ? true : (a == .none || b == .none ? false : nil)
        case "is not": return a == .none && b == .none ? false : (a == .none || b == .none ? true : nil)
        case "in", "not in":
            let contained: Bool
            switch b {
            case .list(let items), .tuple(let items): contained = items.contains { $0.isEqualValue(to: a) }
            case .dict(let entries): contained = entries.contains { $0.key.isEqualKey(to: a) }
            case .string(let text), .path(let text):
                guard let needle = a.stringValue else { return nil }
                contained = needle.isEmpty || text.contains(needle)
            default: return nil
            }
            return op == "in" ? contained : !contained
        default:
            if let x = a.numericValue, let y = b.numericValue {
                switch op {
                case "<": return x < y
                case ">": return x > y
                case "<=": return x <= y
                case ">=": return x >= y
                default: return nil
                }
            }
            if let x = a.stringValue, let y = b.stringValue {
                let xs = Array(x.unicodeScalars.map(\.value))
                let ys = Array(y.unicodeScalars.map(\.value))
                switch op {
                case "<": return xs.lexicographicallyPrecedes(ys)
                case ">": return ys.lexicographicallyPrecedes(xs)
                case "<=": return !ys.lexicographicallyPrecedes(xs)
                case ">=": return !xs.lexicographicallyPrecedes(ys)
                default: return nil
                }
            }
            return nil
        }
    }
}

extension PythonValue {
    /// `==` as Python computes it for these values (`Path('x') == 'x'`, `1 == 1.0`, `True == 1`).
    func isEqualValue(to other: PythonValue) -> Bool {
        if isEqualKey(to: other) { return true }
        if let x = numericValue, let y = other.numericValue { return x == y }
        switch (self, other) {
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEqualValue(to: $1) }
        default:
            return false
        }
    }

    var typeName: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .path: return "Path"
        case .unknown: return "unknown"
        }
    }
}

extension PythonValue {
    /// Length of a string (UTF-8 bytes), bytes, list, tuple or dict; nil for other values.
    var flatSize: Int? {
        switch self {
        case .string(let text), .path(let text): return text.utf8.count
        case .bytes(let bytes): return bytes.count
        case .list(let items), .tuple(let items): return items.count
        case .dict(let entries): return entries.count
        default: return nil
        }
    }
}
