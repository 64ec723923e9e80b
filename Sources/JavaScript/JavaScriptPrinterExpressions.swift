extension PrinterState {
    // MARK: - Strings

    mutating func printString(_ value: JavaScriptString) {
        var doubleQuotes = 0
        var singleQuotes = 0
        for unit in value.utf16 {
            if unit == 0x22 { doubleQuotes += 1 } else if unit == 0x27 { singleQuotes += 1 }
        }
        let quote: UInt16 = doubleQuotes > singleQuotes ? 0x27 : 0x22
        write(byte: UInt8(quote))
        let units = value.utf16
        var index = 0
        while index < units.count {
            let unit = units[index]
            switch unit {
            case quote: write(byte: 0x5C); write(byte: UInt8(quote))
            case 0x5C: write("\\\\")
            case 0x0A: write("\\n")
            case 0x0D: write("\\r")
            case 0x09: write("\\t")
            case 0x08: write("\\b")
            case 0x0C: write("\\f")
            case 0x0B: write("\\v")
            case 0x00:
                let next = index + 1 < units.count ? units[index + 1] : 0
                write(next >= 0x30 && next <= 0x39 ? "\\x00" : "\\0")
            case 0x01..<0x20, 0x7F:
                write("\\x")
                writeHex(UInt32(unit), digits: 2)
            case 0x20..<0x7F:
                write(byte: UInt8(unit))
            case 0x2028, 0x2029:
                write("\\u")
                writeHex(UInt32(unit), digits: 4)
            case 0xD800..<0xDC00:
                if index + 1 < units.count, units[index + 1] >= 0xDC00, units[index + 1] < 0xE000 {
                    let scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[index + 1]) - 0xDC00)
                    writeScalar(scalar)
                    index += 1
                } else {
                    write("\\u")
                    writeHex(UInt32(unit), digits: 4)
                }
            case 0xDC00..<0xE000:
                write("\\u")
                writeHex(UInt32(unit), digits: 4)
            case 0xFEFF:
                write("\\uFEFF")
            default:
                writeScalar(UInt32(unit))
            }
            index += 1
        }
        write(byte: UInt8(quote))
    }

    mutating func writeHex(_ value: UInt32, digits: Int) {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            write(byte: hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    mutating func writeScalar(_ scalar: UInt32) {
        guard let unicode = Unicode.Scalar(scalar) else { return }
        output.append(contentsOf: String(Character(unicode)).utf8)
    }

    // MARK: - Expressions

    mutating func printArguments(_ arguments: [ExpressionNode]) {
        write("(")
        for (index, argument) in arguments.enumerated() {
            if index > 0 {
                write(",")
                space()
            }
            printExpression(argument, level: .comma, flags: [])
        }
        write(")")
    }

    mutating func printExpression(_ expression: ExpressionNode, level: Precedence, flags: PrintFlags) {
        addMapping(expression.at)
        switch expression.kind {
        case .identifier(let name):
            if recordsMappings, expression.at.byte >= 0, let last = mappings.last, last.generated == output.count, last.source == expression.at.byte {
                identifierMappings.insert(mappings.count - 1)
            }
            let atStart = output.count == statementStart || output.count == forLeftStart
            let needsParens = (name == "let" && atStart) || (name == "async" && output.count == forLeftStart)
            if needsParens { write("(") }
            writeWord(name)
            if needsParens { write(")") }
        case .privateName(let name):
            writeWord("#" + name)
        case .this:
            writeWord("this")
        case .super:
            writeWord("super")
        case .null:
            writeWord("null")
        case .boolean(let value):
            writeWord(value ? "true" : "false")
        case .number(let raw), .bigInt(let raw):
            writeWord(raw)
        case .string(let value):
            printString(value)
        case .regularExpression(let pattern, let flags):
            if output.last == UInt8(ascii: "/") { write(" ") }
            if let last = output.last, PrinterState.isIdentifierByte(last) { write(" ") }
            write("/")
            write(pattern)
            write("/")
            write(flags)
        case .template(let tag, let head, let spans):
            if let tag {
                let wrapTag = Parser.containsOptionalChain(tag)
                if wrapTag { write("(") }
                printExpression(tag, level: .postfix, flags: wrapTag ? [] : flags.intersection(.forbidCall))
                if wrapTag { write(")") }
            }
            write("`")
            write(head.raw)
            for span in spans {
                write("${")
                printExpression(span.expression, level: .lowest, flags: [])
                write("}")
                write(span.tail.raw)
            }
            write("`")
        case .array(let elements):
            write("[")
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    write(",")
                    if element != nil { space() }
                }
                if let element { printExpression(element, level: .comma, flags: []) }
            }
            if let last = elements.last, last == nil { write(",") }
            write("]")
        case .object(let properties):
            let wrap = output.count == statementStart || output.count == arrowBodyStart
            if wrap { write("(") }
            printObject(properties)
            if wrap { write(")") }
        case .spread(let inner):
            write("...")
            printExpression(inner, level: .comma, flags: [])
        case .function(let function):
            let wrap = output.count == statementStart || output.count == exportDefaultStart
            if wrap { write("(") }
            printFunction(function)
            if wrap { write(")") }
        case .class(let classNode):
            let wrap = output.count == statementStart || output.count == exportDefaultStart
            if wrap { write("(") }
            printClass(classNode)
            if wrap { write(")") }
        case .arrow(let arrow):
            let wrap = level >= .assign
            if wrap { write("(") }
            if arrow.isAsync { writeWord("async ") }
            printParameters(arrow.parameters, rest: arrow.rest)
            space()
            write("=>")
            space()
            switch arrow.body {
            case .block(let body):
                printBlockBody(body)
            case .expression(let body):
                if PrinterState.startsWith(body, anyOf: [.object]) {
                    write("(")
                    printExpression(body, level: .lowest, flags: [])
                    write(")")
                } else {
                    arrowBodyStart = output.count
                    printExpression(body, level: .comma, flags: wrap ? [] : flags.intersection(.forbidIn))
                }
            }
            if wrap { write(")") }
        case .unary(let op, let operand):
            let wrap = level >= .prefix
            if wrap { write("(") }
            switch op {
            case .typeof, .void, .delete:
                writeWord(op.rawValue)
                keywordGap()
            default:
                writeOperator(op.rawValue)
            }
            printExpression(operand, level: .prefix.lower, flags: wrap ? [] : flags.intersection(.forbidIn))
            if wrap { write(")") }
        case .update(let op, let isPrefix, let operand):
            if isPrefix {
                let wrap = level >= .prefix
                if wrap { write("(") }
                writeOperator(op.rawValue)
                printExpression(operand, level: .prefix.lower, flags: [])
                if wrap { write(")") }
            } else {
                let wrap = level >= .postfix
                if wrap { write("(") }
                printExpression(operand, level: .postfix.lower, flags: [])
                writeOperator(op.rawValue)
                if wrap { write(")") }
            }
        case .binary(let op, let left, let right):
            printBinary(op, left, right, level: level, flags: flags)
        case .assignment(let op, let target, let value):
            let wrap = level >= .assign
            if wrap { write("(") }
            let innerFlags = wrap ? [] : flags.intersection(.forbidIn)
            printExpression(target, level: .assign, flags: innerFlags)
            space()
            writeOperator(op.rawValue)
            space()
            printExpression(value, level: .assign.lower, flags: innerFlags)
            if wrap { write(")") }
        case .conditional(let test, let consequent, let alternate):
            let wrap = level >= .conditional
            if wrap { write("(") }
            let innerFlags = wrap ? [] : flags.intersection(.forbidIn)
            printExpression(test, level: .conditional, flags: innerFlags)
            space()
            write("?")
            space()
            printExpression(consequent, level: .comma, flags: [])
            space()
            write(":")
            space()
            printExpression(alternate, level: .comma, flags: innerFlags)
            if wrap { write(")") }
        case .call(let callee, let arguments, let chain):
            let wrap = level >= .new || flags.contains(.forbidCall)
            if wrap { write("(") }
            let wrapCallee = chain == .none && Parser.containsOptionalChain(callee)
            if wrapCallee { write("(") }
            printExpression(callee, level: .postfix, flags: wrapCallee ? [] : .hasNonOptionalChainParent)
            if wrapCallee { write(")") }
            if chain == .start { write("?.") }
            printArguments(arguments)
            if wrap { write(")") }
        case .new(let callee, let arguments):
            let wrap = level >= .call
            if wrap { write("(") }
            writeWord("new")
            keywordGap()
            let wrapCallee = Parser.containsOptionalChain(callee)
            if wrapCallee { write("(") }
            printExpression(callee, level: .new, flags: wrapCallee ? [] : .forbidCall)
            if wrapCallee { write(")") }
            // Minified: `new X` for `new X()` where nothing follows that would bind to it (a call, member or tag).
            if !(options.minifyWhitespace && arguments.isEmpty && level < .postfix) { printArguments(arguments) }
            if wrap { write(")") }
        case .member(let object, let name, let chain):
            printMemberObject(object, chain: chain, flags: flags)
            write(chain == .start ? "?." : ".")
            write(name)
        case .privateMember(let object, let name, let chain):
            printMemberObject(object, chain: chain, flags: flags)
            write(chain == .start ? "?." : ".")
            write("#")
            write(name)
        case .index(let object, let index, let chain):
            printMemberObject(object, chain: chain, flags: flags)
            if chain == .start { write("?.") }
            write("[")
            printExpression(index, level: .lowest, flags: [])
            write("]")
        case .sequence(let items):
            let wrap = level >= .comma
            if wrap { write("(") }
            for (index, item) in items.enumerated() {
                if index > 0 {
                    write(",")
                    space()
                }
                printExpression(item, level: .comma, flags: wrap ? [] : flags.intersection(.forbidIn))
            }
            if wrap { write(")") }
        case .yield(let argument, let isDelegate):
            let wrap = level >= .assign
            if wrap { write("(") }
            writeWord("yield")
            if isDelegate { write("*") }
            if let argument {
                keywordGap()
                printExpression(argument, level: .yield, flags: wrap ? [] : flags.intersection(.forbidIn))
            }
            if wrap { write(")") }
        case .await(let operand):
            let wrap = level >= .prefix
            if wrap { write("(") }
            writeWord("await")
            keywordGap()
            printExpression(operand, level: .prefix.lower, flags: wrap ? [] : flags.intersection(.forbidIn))
            if wrap { write(")") }
        case .importCall(let specifier):
            let wrap = flags.contains(.forbidCall)
            if wrap { write("(") }
            writeWord("import")
            write("(")
            printExpression(specifier, level: .comma, flags: [])
            write(")")
            if wrap { write(")") }
        case .importMeta:
            writeWord("import.meta")
        case .newTarget:
            writeWord("new.target")
        }
    }

    mutating func printMemberObject(_ object: ExpressionNode, chain: OptionalChain, flags: PrintFlags) {
        var wrap = chain == .none && Parser.containsOptionalChain(object)
        if case .number = object.kind { wrap = true }
        if wrap { write("(") }
        printExpression(object, level: .postfix, flags: wrap ? [] : flags.intersection(.forbidCall).union(.hasNonOptionalChainParent))
        if wrap { write(")") }
    }

    mutating func printBinary(_ op: BinaryOperator, _ left: ExpressionNode, _ right: ExpressionNode, level: Precedence, flags: PrintFlags) {
        let precedence = op.precedence
        let wrap = level >= precedence || (op == .in && flags.contains(.forbidIn))
        if wrap { write("(") }
        let innerFlags = wrap ? [] : flags.intersection(.forbidIn)

        var leftLevel = precedence.lower
        var rightLevel = precedence
        if op == .exponent {
            leftLevel = precedence
            rightLevel = precedence.lower
        }
        // `??` cannot be mixed with `||`/`&&` without parentheses in either direction.
        var forceLeftParens = false
        var forceRightParens = false
        if op == .nullishCoalescing {
            if case .binary(let inner, _, _) = left.kind, inner == .logicalOr || inner == .logicalAnd { forceLeftParens = true }
            if case .binary(let inner, _, _) = right.kind, inner == .logicalOr || inner == .logicalAnd { forceRightParens = true }
        } else if op == .logicalOr || op == .logicalAnd {
            if case .binary(.nullishCoalescing, _, _) = left.kind { forceLeftParens = true }
            if case .binary(.nullishCoalescing, _, _) = right.kind { forceRightParens = true }
        }
        if op == .exponent {
            switch left.kind {
            case .unary, .await: forceLeftParens = true
            default: break
            }
        }
        if forceLeftParens { write("(") }
        printExpression(left, level: forceLeftParens ? .lowest : leftLevel, flags: forceLeftParens ? [] : innerFlags)
        if forceLeftParens { write(")") }
        switch op {
        case .in, .instanceof:
            writeWord(op.rawValue)
        default:
            space()
            writeOperator(op.rawValue)
        }
        space()
        if forceRightParens { write("(") }
        printExpression(right, level: forceRightParens ? .lowest : rightLevel, flags: forceRightParens ? [] : innerFlags)
        if forceRightParens { write(")") }
        if wrap { write(")") }
    }

    mutating func printObject(_ properties: [Property]) {
        write("{")
        if properties.isEmpty {
            write("}")
            return
        }
        let multiline = !options.minifyWhitespace && properties.count > 1
        if multiline {
            newline()
            indentLevel += 1
        }
        for (index, property) in properties.enumerated() {
            if index > 0 {
                write(",")
                if multiline { newline() }
            }
            if multiline { writeIndent() } else { space() }
            switch property.kind {
            case .spread:
                write("...")
                printExpression(property.value, level: .comma, flags: [])
            case .value:
                if property.isShorthand, case .identifier(let key) = property.key, case .identifier(let name) = property.value.kind,
                    key == name
                {
                    writeWord(name)
                    if let defaultValue = property.shorthandDefault {
                        space()
                        write("=")
                        space()
                        printExpression(defaultValue, level: .comma, flags: [])
                    }
                } else {
                    if property.isShorthand, case .identifier("__proto__") = property.key {
                        // `{__proto__}` defines an own property, `{__proto__: b}` would set the prototype: a shorthand
                        // whose value was renamed keeps its meaning only with a computed key.
                        write("[\"__proto__\"]")
                    } else {
                        printPropertyKey(property.key)
                    }
                    write(":")
                    space()
                    printExpression(property.value, level: .comma, flags: [])
                }
            case .method, .getter, .setter:
                guard case .function(let function) = property.value.kind else { continue }
                let kind: MethodKind = property.kind == .getter ? .getter : property.kind == .setter ? .setter : .method
                printMethod(kind: kind, key: property.key, function: function)
            }
        }
        if multiline {
            newline()
            indentLevel -= 1
            writeIndent()
        } else {
            space()
        }
        write("}")
    }
}
