import Diagnostics

/// An upper bound of how deeply a value nests and how many items it holds once expanded.
///
/// Values are shared, not copied: `A = [A, A]` sixty times is cheap to build but has 2^60 items when
/// printed, and `A = [A]` a hundred thousand times nests deeper than any recursive walk (rendering,
/// comparing, freeing) survives. The evaluator estimates each new value's shape from the shapes of the
/// names it is built from, in time proportional to the expression, and turns a value beyond the bounds
/// into an unknown value (PA031).
struct ValueShape: Sendable, Equatable {
    var depth: Int
    var size: Int

    /// Python literals nest at most 200 brackets deep and the YAML layer 490 levels.
    static let maximumDepth = 500
    static let maximumSize = 1_000_000

    static let scalar = ValueShape(depth: 0, size: 1)

    var isWithinBounds: Bool { depth <= Self.maximumDepth && size <= Self.maximumSize }

    /// The shape of a container holding values of these shapes.
    static func container(of parts: [ValueShape]) -> ValueShape {
        ValueShape(
            depth: 1 + (parts.map(\.depth).max() ?? 0),
            size: parts.reduce(1) { min($0 + $1.size, Int.max / 4) })
    }

    /// A value built from all of these (an operator, a call): as deep as the deepest, as large as all.
    static func combining(_ parts: [ValueShape]) -> ValueShape {
        ValueShape(depth: parts.map(\.depth).max() ?? 0, size: parts.reduce(1) { min($0 + $1.size, Int.max / 4) })
    }

    /// Measures a value by walking it, stopping once it is beyond the bounds (so a shared value that
    /// expands exponentially costs at most `maximumSize` steps).
    static func measure(_ value: PythonValue) -> ValueShape {
        switch value {
        case .list, .tuple, .dict: break
        default: return .scalar
        }
        var size = 0
        var deepest = 0
        var pending: [(PythonValue, Int)] = [(value, 0)]
        while let (item, depth) = pending.popLast() {
            size += 1
            deepest = max(deepest, depth)
            if size > maximumSize || deepest > maximumDepth { return ValueShape(depth: deepest, size: size) }
            switch item {
            case .list(let items), .tuple(let items): pending.append(contentsOf: items.map { ($0, depth + 1) })
            case .dict(let entries):
                for entry in entries {
                    pending.append((entry.key, depth + 1))
                    pending.append((entry.value, depth + 1))
                }
            default: break
            }
        }
        return ValueShape(depth: deepest, size: size)
    }
}

extension ModuleEvaluator {
    /// The shape a name's value has, measured once when it was bound some other way.
    func shape(ofName name: String) -> ValueShape {
        guard let binding = namespace[name] else { return .scalar }
        if let shape = binding.shape { return shape }
        guard case .data(let value) = binding.value else { return .scalar }
        let measured = ValueShape.measure(value)
        namespace[name]?.shape = measured
        return measured
    }

    /// An upper bound of the shape of the value `expression` evaluates to.
    func estimatedShape(_ expression: PythonExpression) -> ValueShape {
        switch expression.kind {
        case .name(let name): return shape(ofName: name)
        case .constant(let value): return ValueShape.measure(value)
        case .list(let items), .tuple(let items), .set(let items): return .container(of: items.map(estimatedShape))
        case .dict(let entries):
            return .container(of: entries.flatMap { entry in [entry.key.map(estimatedShape) ?? .scalar, estimatedShape(entry.value)] })
        case .starred(let inner): return estimatedShape(inner)
        case .attribute, .subscript, .call, .binary:
            // Chains are walked in a loop: every operand and argument counts in full.
            var parts: [ValueShape] = []
            var pending = [expression]
            while let node = pending.popLast() {
                switch node.kind {
                case .attribute(let base, _): pending.append(base)
                case .subscript(let base, _): pending.append(base)
                case .binary(_, let left, let right): pending.append(contentsOf: [left, right])
                case .call(let callee, let arguments):
                    pending.append(callee)
                    for argument in arguments {
                        switch argument {
                        case .positional(let value), .keyword(_, let value), .unpackSequence(let value), .unpackMapping(let value):
                            parts.append(estimatedShape(value))
                        }
                    }
                default: parts.append(estimatedShape(node))
                }
            }
            return .combining(parts)
        case .conditional(_, let body, let orElse): return .combining([estimatedShape(body), estimatedShape(orElse)])
        case .namedExpression(_, let value): return estimatedShape(value)
        case .formattedString, .slice, .unary, .and, .or, .compare, .opaque: return .scalar
        }
    }

    /// Records `shape` for `name`, or makes the value unknown (PA031) when the shape is beyond the bounds.
    func recordShape(_ shape: ValueShape, of name: String, at point: SourcePoint) {
        guard namespace[name] != nil else { return }
        guard shape.isWithinBounds else {
            if case .data(let value)? = namespace[name]?.value, value.isUnknown { return }
            if reportedShapeLimits.insert(name).inserted {
                session.warn(
                Diagnostic(
                    .settingsEvaluationLimit,
                    "\(name) would nest \(shape.depth) levels deep or hold \(shape.size) values once expanded, beyond the evaluator's bounds (\(ValueShape.maximumDepth) levels, \(ValueShape.maximumSize) values); it is unknown",
                    at: location(point),
                    fix: "real settings never build values like this; set the proctoring settings with the command-line overrides if they depend on it"))
            }
            namespace[name]?.value = .data(unknown("value nested or repeated beyond the evaluator's bounds", at: point))
            namespace[name]?.shape = .scalar
            return
        }
        namespace[name]?.shape = shape
    }
}
