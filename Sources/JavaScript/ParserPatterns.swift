/// Turning expressions into patterns: arrow parameters and destructuring assignments are parsed as
/// expressions first (`(a, {b = 1}) =>` looks like a parenthesized expression until the arrow).
extension Parser {
    mutating func parameter(from expression: ExpressionNode) throws(JavaScriptSyntaxError) -> Parameter {
        if case .assignment(.assign, let target, let value) = expression.kind {
            return Parameter(target: try bindingPattern(from: target), defaultValue: value)
        }
        return Parameter(target: try bindingPattern(from: expression))
    }

    mutating func bindingPattern(from expression: ExpressionNode) throws(JavaScriptSyntaxError) -> Pattern {
        let at = expression.at
        switch expression.kind {
        case .identifier(let name):
            try checkBindingIdentifier(name, keyword: Keyword.lookup(name), hasEscape: false, at: at.byte, isLexical: false)
            return Pattern(.identifier(name), at: at)
        case .array(let elements):
            var parameters: [Parameter?] = []
            var rest: Pattern?
            for (index, element) in elements.enumerated() {
                guard let element else {
                    parameters.append(nil)
                    continue
                }
                if case .spread(let inner) = element.kind {
                    guard index == elements.count - 1 else {
                        throw fail(.javaScriptRestNotLast, "a rest element must be last in a pattern", at: element.at.byte)
                    }
                    rest = try bindingPattern(from: inner)
                } else {
                    parameters.append(try parameter(from: element))
                }
            }
            return Pattern(.array(parameters, rest: rest), at: at)
        case .object(let properties):
            var patternProperties: [PatternProperty] = []
            var rest: Pattern?
            for (index, property) in properties.enumerated() {
                switch property.kind {
                case .spread:
                    guard index == properties.count - 1 else {
                        throw fail(.javaScriptRestNotLast, "a rest element must be last in a pattern", at: property.value.at.byte)
                    }
                    guard case .identifier = property.value.kind else {
                        throw fail(.javaScriptInvalidDestructuring, "a rest property in a binding pattern must be an identifier", at: property.value.at.byte)
                    }
                    rest = try bindingPattern(from: property.value)
                case .value:
                    var value = try parameter(from: property.value)
                    if let shorthandDefault = property.shorthandDefault { value.defaultValue = shorthandDefault }
                    patternProperties.append(PatternProperty(key: property.key, value: value, isShorthand: property.isShorthand))
                case .method, .getter, .setter:
                    throw fail(.javaScriptInvalidDestructuring, "a method cannot appear in a destructuring pattern", at: property.value.at.byte)
                }
            }
            return Pattern(.object(patternProperties, rest: rest), at: at)
        default:
            throw fail(.javaScriptInvalidDestructuring, "invalid destructuring target", at: at.byte)
        }
    }

    /// Checks the left side of an assignment operator; `=` also accepts array and object patterns.
    mutating func validateAssignment(_ target: ExpressionNode, operator op: AssignmentOperator) throws(JavaScriptSyntaxError) {
        let isPattern: Bool
        switch target.kind {
        case .array, .object: isPattern = true
        default: isPattern = false
        }
        if isPattern {
            guard op == .assign, !isParenthesized(target) else {
                throw fail(.javaScriptInvalidAssignmentTarget, "invalid assignment target", at: target.at.byte)
            }
            try validateAssignmentTarget(target, allowsPattern: true)
            pendingCoverInitializers.removeAll { $0 >= target.at.byte }
            return
        }
        try validateSimpleTarget(target, at: target.at.byte)
    }

    /// Identifiers and member expressions (not optional chains).
    func validateSimpleTarget(_ target: ExpressionNode, at offset: Int) throws(JavaScriptSyntaxError) {
        switch target.kind {
        case .identifier(let name):
            if isStrict && (name == "eval" || name == "arguments") {
                throw fail(.javaScriptEvalOrArgumentsAssignment, "cannot assign to '\(name)' in strict mode", at: target.at.byte)
            }
        case .member(_, _, let chain), .privateMember(_, _, let chain), .index(_, _, let chain):
            if chain != .none {
                throw fail(.javaScriptInvalidOptionalChain, "an optional chain cannot be assigned to", at: target.at.byte)
            }
        default:
            throw fail(.javaScriptInvalidAssignmentTarget, "invalid assignment target", at: target.at.byte)
        }
    }

    /// Checks an assignment pattern (`[a, b.c] = …`, `for ({x} of …)`), recursively.
    func validateAssignmentTarget(_ target: ExpressionNode, allowsPattern: Bool) throws(JavaScriptSyntaxError) {
        switch target.kind {
        case .array(let elements) where allowsPattern:
            for (index, element) in elements.enumerated() {
                guard let element else { continue }
                if case .spread(let inner) = element.kind {
                    guard index == elements.count - 1 else {
                        throw fail(.javaScriptRestNotLast, "a rest element must be last in a pattern", at: element.at.byte)
                    }
                    try validateAssignmentTarget(inner, allowsPattern: true)
                } else {
                    try validateAssignmentElement(element)
                }
            }
        case .object(let properties) where allowsPattern:
            for (index, property) in properties.enumerated() {
                switch property.kind {
                case .spread:
                    guard index == properties.count - 1 else {
                        throw fail(.javaScriptRestNotLast, "a rest element must be last in a pattern", at: property.value.at.byte)
                    }
                    try validateSimpleTarget(property.value, at: property.value.at.byte)
                case .value:
                    try validateAssignmentElement(property.value)
                case .method, .getter, .setter:
                    throw fail(.javaScriptInvalidDestructuring, "a method cannot appear in a destructuring pattern", at: property.value.at.byte)
                }
            }
        default:
            try validateSimpleTarget(target, at: target.at.byte)
        }
    }

    private func validateAssignmentElement(_ element: ExpressionNode) throws(JavaScriptSyntaxError) {
        if case .assignment(.assign, let inner, _) = element.kind {
            try validateAssignmentTarget(inner, allowsPattern: true)
        } else {
            try validateAssignmentTarget(element, allowsPattern: true)
        }
    }
}
