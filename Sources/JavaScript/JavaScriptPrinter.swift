/// Prints an AST back to JavaScript source that parses to the same AST.
public enum JavaScriptPrinter {
    public struct Options: Sendable, Equatable {
        /// Drop all optional whitespace and line breaks (identifiers and syntax stay as they are).
        public var minifyWhitespace: Bool
        /// Indentation unit for readable output.
        public var indent: String

        /// When set, the program is first run through `JavaScriptMinifier.minify` with these options.
        public var minify: MinifyOptions?

        public init(minifyWhitespace: Bool = false, indent: String = "  ", minify: MinifyOptions? = nil) {
            self.minifyWhitespace = minifyWhitespace
            self.indent = indent
            self.minify = minify
        }

        public static let readable = Options()
        public static let minifiedWhitespace = Options(minifyWhitespace: true)
        /// Whitespace, syntax shortening and renaming, for a program whose top level is global (a classic script).
        public static let minified = Options(minifyWhitespace: true, minify: .all)

        /// Whitespace, syntax shortening and renaming; `topLevelIsLocal` when the program is wrapped in a function.
        public static func minified(topLevelIsLocal: Bool) -> Options {
            Options(minifyWhitespace: true, minify: MinifyOptions(topLevelIsLocal: topLevelIsLocal))
        }
    }

    public static func print(_ program: Program, options: Options = .readable) -> String {
        var printer = PrinterState(options: options)
        printer.printProgram(options.minify.map { JavaScriptMinifier.minify(program, options: $0) } ?? program)
        return String(decoding: printer.output, as: UTF8.self)
    }

    public static func print(_ expression: ExpressionNode, options: Options = .readable) -> String {
        var printer = PrinterState(options: options)
        printer.printExpression(expression, level: .lowest, flags: [])
        return String(decoding: printer.output, as: UTF8.self)
    }
}

/// Context that changes how an expression must be printed to parse back the same.
struct PrintFlags: OptionSet {
    let rawValue: UInt8
    /// Inside a `for (…;` head: a bare `in` operator would be read as a for-in loop.
    static let forbidIn = PrintFlags(rawValue: 1)
    /// Inside the callee of `new`: a call would take `new`'s arguments.
    static let forbidCall = PrintFlags(rawValue: 2)
    /// The parent is a member access or call that is not part of an optional chain.
    static let hasNonOptionalChainParent = PrintFlags(rawValue: 4)
}

struct PrinterState {
    let options: Options
    typealias Options = JavaScriptPrinter.Options
    var output: [UInt8] = []
    var indentLevel = 0
    /// Output offsets where an expression statement, `export default` value, arrow body or for-of left side starts:
    /// a `{`, `function`, `class` or `let` there would be read differently.
    var statementStart = -1
    var exportDefaultStart = -1
    var arrowBodyStart = -1
    var forLeftStart = -1
    /// Source map support: (output offset, source offset) at the start of each statement and expression.
    var recordsMappings = false
    var mappings: [(generated: Int, source: Int)] = []
    /// Indices of mappings whose node starts with an identifier reference (candidates for source map `names`).
    var identifierMappings: Set<Int> = []

    init(options: Options) {
        self.options = options
        output.reserveCapacity(4096)
    }

    // MARK: - Output helpers

    mutating func write(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    mutating func write(byte: UInt8) {
        output.append(byte)
    }

    mutating func space() {
        if !options.minifyWhitespace { output.append(0x20) }
    }

    mutating func newline() {
        if !options.minifyWhitespace { output.append(0x0A) }
    }

    /// Indentation stops growing here, so that readable output stays linear in the size of deeply nested code.
    static let deepestIndentLevel = 64

    mutating func writeIndent() {
        if options.minifyWhitespace { return }
        for _ in 0..<min(indentLevel, Self.deepestIndentLevel) { write(options.indent) }
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        Lexer.isASCIIIdentifierPart(byte) || byte >= 0x80 || byte == UInt8(ascii: "\\")
    }

    /// Words must not run into a previous word or number.
    mutating func writeWord(_ word: String) {
        if let last = output.last, PrinterState.isIdentifierByte(last) { output.append(0x20) }
        write(word)
    }

    /// Operators: keep `+ +`, `- -`, `/ /` and `< !--` apart so they do not fuse into other tokens.
    mutating func writeOperator(_ text: String) {
        if let last = output.last, let first = text.utf8.first {
            if (first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "/")) && last == first {
                output.append(0x20)
            } else if first == UInt8(ascii: "-"), last == UInt8(ascii: "!"), output.count >= 2, output[output.count - 2] == UInt8(ascii: "<") {
                // `<!--` starts an HTML-like comment in scripts.
                output.append(0x20)
            } else if PrinterState.isIdentifierByte(first) && PrinterState.isIdentifierByte(last) {
                output.append(0x20)
            }
        }
        write(text)
    }

    /// The space after a keyword such as `return` or `typeof`: minified output leaves it to `writeWord` and
    /// friends, which separate a word from a previous word or number and keep operators and regexes apart.
    mutating func keywordGap() {
        if !options.minifyWhitespace { output.append(0x20) }
    }

    mutating func writeSemicolonAfterStatement() {
        write(";")
        newline()
    }

    // MARK: - Program and statements

    mutating func printProgram(_ program: Program) {
        if let hashbang = program.hashbang {
            write("#!")
            write(hashbang)
            write("\n")
        }
        for statement in program.body { printStatement(statement) }
    }

    mutating func printBlockBody(_ body: [Statement]) {
        write("{")
        if body.isEmpty {
            write("}")
            return
        }
        newline()
        indentLevel += 1
        for statement in body { printStatement(statement) }
        if let last = body.last { dropSemicolonBeforeClosingBrace(after: last) }
        indentLevel -= 1
        writeIndent()
        write("}")
    }

    /// Minified output leaves out the `;` that ends the last statement before a `}` (automatic semicolon
    /// insertion puts it back), unless that `;` is an empty statement (`if (a);`).
    mutating func dropSemicolonBeforeClosingBrace(after statement: Statement) {
        guard options.minifyWhitespace, output.last == UInt8(ascii: ";"), PrinterState.endsWithOptionalSemicolon(statement) else { return }
        output.removeLast()
        if recordsMappings, let last = mappings.last, last.generated > output.count {
            identifierMappings.remove(mappings.count - 1)
            mappings.removeLast()
        }
    }

    static func endsWithOptionalSemicolon(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .expression, .variable, .return, .throw, .break, .continue, .debugger, .doWhile:
            return true
        case .if(_, let consequent, let alternate):
            return endsWithOptionalSemicolon(alternate ?? consequent)
        case .for(_, _, _, let body), .forIn(_, _, let body), .forOf(_, _, let body, _), .while(_, let body),
            .labeled(_, let body), .with(_, let body):
            return endsWithOptionalSemicolon(body)
        default:
            return false
        }
    }

    mutating func printBody(_ body: Statement) {
        if case .block(let statements) = body.kind {
            space()
            printBlockBody(statements)
            newline()
        } else {
            newline()
            indentLevel += 1
            printStatement(body)
            indentLevel -= 1
        }
    }

    /// `if (a) if (b) x; else y` would attach the else to the inner if: a body that ends in an
    /// else-less `if` needs braces when an `else` follows.
    static func endsWithDanglingIf(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .if(_, _, let alternate):
            if let alternate { return endsWithDanglingIf(alternate) }
            return true
        case .for(_, _, _, let body), .forIn(_, _, let body), .forOf(_, _, let body, _), .while(_, let body),
            .labeled(_, let body), .with(_, let body):
            return endsWithDanglingIf(body)
        default:
            return false
        }
    }

    @inline(__always) mutating func addMapping(_ at: SourceOffset) {
        guard recordsMappings, at.byte >= 0 else { return }
        // Several nodes can start at one output position; the outermost one is recorded.
        if let last = mappings.last, last.generated == output.count { return }
        mappings.append((output.count, at.byte))
    }

    mutating func printStatement(_ statement: Statement, isIndented: Bool = true) {
        if isIndented { writeIndent() }
        addMapping(statement.at)
        switch statement.kind {
        case .directive(let raw):
            write(raw)
            writeSemicolonAfterStatement()
        case .expression(let expression):
            statementStart = output.count
            if case .string = expression.kind {
                write("(")
                printExpression(expression, level: .lowest, flags: [])
                write(")")
            } else if PrinterState.startsWith(expression, anyOf: [.object, .function, .class]) {
                write("(")
                printExpression(expression, level: .lowest, flags: [])
                write(")")
            } else {
                printExpression(expression, level: .lowest, flags: [])
            }
            writeSemicolonAfterStatement()
        case .variable(let declaration):
            printVariableDeclaration(declaration, flags: [])
            writeSemicolonAfterStatement()
        case .function(let function):
            printFunction(function)
            newline()
        case .class(let classNode):
            printClass(classNode)
            newline()
        case .block(let body):
            printBlockBody(body)
            newline()
        case .empty:
            writeSemicolonAfterStatement()
        case .if:
            printIf(statement)
        case .for(let initializer, let test, let update, let body):
            writeWord("for")
            space()
            write("(")
            if let initializer {
                switch initializer {
                case .variable(let declaration):
                    printVariableDeclaration(declaration, flags: .forbidIn)
                case .expression(let expression):
                    forLeftStart = output.count
                    printExpression(expression, level: .lowest, flags: .forbidIn)
                }
            }
            write(";")
            space()
            if let test { printExpression(test, level: .lowest, flags: []) }
            write(";")
            space()
            if let update { printExpression(update, level: .lowest, flags: []) }
            write(")")
            printBody(body)
        case .forIn(let left, let right, let body):
            writeWord("for")
            space()
            write("(")
            printForBinding(left)
            writeWord("in")
            space()
            printExpression(right, level: .lowest, flags: [])
            write(")")
            printBody(body)
        case .forOf(let left, let right, let body, let isAwait):
            writeWord("for")
            if isAwait { writeWord(" await") }
            space()
            write("(")
            printForBinding(left)
            writeWord("of")
            space()
            printExpression(right, level: .comma, flags: [])
            write(")")
            printBody(body)
        case .while(let test, let body):
            writeWord("while")
            space()
            write("(")
            printExpression(test, level: .lowest, flags: [])
            write(")")
            printBody(body)
        case .doWhile(let body, let test):
            writeWord("do")
            if case .block(let statements) = body.kind {
                space()
                printBlockBody(statements)
                space()
            } else {
                newline()
                indentLevel += 1
                printStatement(body)
                indentLevel -= 1
                writeIndent()
            }
            writeWord("while")
            space()
            write("(")
            printExpression(test, level: .lowest, flags: [])
            write(")")
            writeSemicolonAfterStatement()
        case .return(let value):
            writeWord("return")
            if let value {
                keywordGap()
                printExpression(value, level: .lowest, flags: [])
            }
            writeSemicolonAfterStatement()
        case .break(let label):
            writeWord("break")
            if let label { writeWord(label) }
            writeSemicolonAfterStatement()
        case .continue(let label):
            writeWord("continue")
            if let label { writeWord(label) }
            writeSemicolonAfterStatement()
        case .throw(let value):
            writeWord("throw")
            keywordGap()
            printExpression(value, level: .lowest, flags: [])
            writeSemicolonAfterStatement()
        case .try(let block, let handler, let finalizer):
            writeWord("try")
            space()
            printBlockBody(block)
            if let handler {
                space()
                writeWord("catch")
                if let parameter = handler.parameter {
                    space()
                    write("(")
                    printPattern(parameter)
                    write(")")
                }
                space()
                printBlockBody(handler.body)
            }
            if let finalizer {
                space()
                writeWord("finally")
                space()
                printBlockBody(finalizer)
            }
            newline()
        case .switch(let discriminant, let cases):
            writeWord("switch")
            space()
            write("(")
            printExpression(discriminant, level: .lowest, flags: [])
            write(")")
            space()
            write("{")
            newline()
            indentLevel += 1
            for switchCase in cases {
                writeIndent()
                if let test = switchCase.test {
                    writeWord("case")
                    keywordGap()
                    printExpression(test, level: .lowest, flags: [])
                } else {
                    writeWord("default")
                }
                write(":")
                newline()
                indentLevel += 1
                for statement in switchCase.body { printStatement(statement) }
                indentLevel -= 1
            }
            if let last = cases.last?.body.last { dropSemicolonBeforeClosingBrace(after: last) }
            indentLevel -= 1
            writeIndent()
            write("}")
            newline()
        case .labeled(let label, let body):
            writeWord(label)
            write(":")
            if case .block = body.kind {
                space()
                printStatementWithoutIndent(body)
            } else {
                newline()
                indentLevel += 1
                printStatement(body)
                indentLevel -= 1
            }
        case .with(let object, let body):
            writeWord("with")
            space()
            write("(")
            printExpression(object, level: .lowest, flags: [])
            write(")")
            printBody(body)
        case .debugger:
            writeWord("debugger")
            writeSemicolonAfterStatement()
        case .import(let declaration):
            printImport(declaration)
        case .exportNamed(let declaration):
            writeWord("export")
            space()
            printExportSpecifiers(declaration.specifiers)
            if let source = declaration.source {
                space()
                writeWord("from")
                space()
                printString(source)
            }
            writeSemicolonAfterStatement()
        case .exportAll(let declaration):
            writeWord("export")
            space()
            write("*")
            if let alias = declaration.alias {
                write(" ")
                writeWord("as")
                write(" ")
                printModuleExportName(alias)
            }
            space()
            writeWord("from")
            space()
            printString(declaration.source)
            writeSemicolonAfterStatement()
        case .exportDeclaration(let declaration):
            writeWord("export")
            keywordGap()
            printStatementWithoutIndent(declaration)
        case .exportDefaultExpression(let value):
            writeWord("export default")
            keywordGap()
            if PrinterState.startsWith(value, anyOf: [.function, .class]) {
                write("(")
                printExpression(value, level: .lowest, flags: [])
                write(")")
            } else {
                exportDefaultStart = output.count
                printExpression(value, level: .comma, flags: [])
            }
            writeSemicolonAfterStatement()
        case .exportDefaultFunction(let function):
            writeWord("export default")
            keywordGap()
            printFunction(function)
            newline()
        case .exportDefaultClass(let classNode):
            writeWord("export default")
            keywordGap()
            printClass(classNode)
            newline()
        }
    }

    struct LeadingConstruct: OptionSet {
        let rawValue: UInt8
        static let object = LeadingConstruct(rawValue: 1)
        static let function = LeadingConstruct(rawValue: 2)
        static let `class` = LeadingConstruct(rawValue: 4)
    }

    /// Whether the first token of the printed expression would be `{`, `function` or `class`, which at the start
    /// of a statement (or `export default`, or an arrow body) would be read as a declaration or block.
    static func startsWith(_ expression: ExpressionNode, anyOf constructs: LeadingConstruct) -> Bool {
        var current = expression
        while true {
            switch current.kind {
            case .binary(_, let left, _), .assignment(_, let left, _), .conditional(let left, _, _), .call(let left, _, _),
                .member(let left, _, _), .privateMember(let left, _, _), .index(let left, _, _), .update(_, false, let left):
                current = left
            case .sequence(let items):
                guard let first = items.first else { return false }
                current = first
            case .template(let tag?, _, _):
                current = tag
            case .object: return constructs.contains(.object)
            case .function: return constructs.contains(.function)
            case .class: return constructs.contains(.class)
            default: return false
            }
        }
    }

    /// A statement that continues the current line (after `else `, `export `, a label).
    mutating func printStatementWithoutIndent(_ statement: Statement) {
        printStatement(statement, isIndented: false)
    }

    mutating func printIf(_ statement: Statement) {
        guard case .if(let test, let consequent, let alternate) = statement.kind else { return }
        writeWord("if")
        space()
        write("(")
        printExpression(test, level: .lowest, flags: [])
        write(")")
        guard let alternate else {
            printBody(consequent)
            return
        }
        if case .block(let statements) = consequent.kind {
            space()
            printBlockBody(statements)
            space()
        } else if PrinterState.endsWithDanglingIf(consequent) {
            space()
            printBlockBody([consequent])
            space()
        } else {
            newline()
            indentLevel += 1
            printStatement(consequent)
            indentLevel -= 1
            writeIndent()
        }
        writeWord("else")
        if case .if = alternate.kind {
            keywordGap()
            printStatementWithoutIndent(alternate)
        } else {
            printBody(alternate)
        }
    }

    mutating func printVariableDeclaration(_ declaration: VariableDeclaration, flags: PrintFlags) {
        writeWord(declaration.kind.rawValue)
        keywordGap()
        for (index, declarator) in declaration.declarators.enumerated() {
            if index > 0 {
                write(",")
                space()
            }
            printPattern(declarator.target)
            if let initializer = declarator.initializer {
                space()
                write("=")
                space()
                printExpression(initializer, level: .comma, flags: flags.intersection(.forbidIn))
            }
        }
    }

    mutating func printForBinding(_ binding: ForBinding) {
        switch binding {
        case .declaration(let kind, let pattern):
            writeWord(kind.rawValue)
            write(" ")
            printPattern(pattern)
        case .legacyVarWithInitializer(let pattern, let value):
            writeWord("var")
            write(" ")
            printPattern(pattern)
            space()
            write("=")
            space()
            printExpression(value, level: .comma, flags: .forbidIn)
        case .target(let expression):
            forLeftStart = output.count
            printExpression(expression, level: .lowest, flags: .forbidIn)
        }
        write(" ")
    }

    // MARK: - Modules

    mutating func printModuleExportName(_ name: ModuleExportName) {
        switch name {
        case .identifier(let identifier): writeWord(identifier)
        case .string(let value): printString(value)
        }
    }

    mutating func printImport(_ declaration: ImportDeclaration) {
        writeWord("import")
        var hasClause = false
        if let defaultBinding = declaration.defaultBinding {
            write(" ")
            writeWord(defaultBinding)
            hasClause = true
        }
        if let namespace = declaration.namespaceBinding {
            if hasClause { write(",") }
            space()
            write(options.minifyWhitespace ? "*as " : "* as ")
            writeWord(namespace)
            hasClause = true
        }
        if let named = declaration.namedBindings {
            if hasClause { write(",") }
            space()
            write("{")
            for (index, specifier) in named.enumerated() {
                if index > 0 { write(",") }
                space()
                if case .identifier(let name) = specifier.imported, name == specifier.local {
                    writeWord(name)
                } else {
                    printModuleExportName(specifier.imported)
                    write(" ")
                    writeWord("as")
                    write(" ")
                    writeWord(specifier.local)
                }
            }
            if !named.isEmpty { space() }
            write("}")
            hasClause = true
        }
        if hasClause {
            space()
            writeWord("from")
        }
        space()
        printString(declaration.source)
        writeSemicolonAfterStatement()
    }

    mutating func printExportSpecifiers(_ specifiers: [ExportSpecifier]) {
        write("{")
        for (index, specifier) in specifiers.enumerated() {
            if index > 0 { write(",") }
            space()
            printModuleExportName(specifier.local)
            if specifier.exported != specifier.local {
                write(" ")
                writeWord("as")
                write(" ")
                printModuleExportName(specifier.exported)
            }
        }
        if !specifiers.isEmpty { space() }
        write("}")
    }

    // MARK: - Functions and classes

    mutating func printParameters(_ parameters: [Parameter], rest: Pattern?) {
        write("(")
        for (index, parameter) in parameters.enumerated() {
            if index > 0 {
                write(",")
                space()
            }
            printParameter(parameter)
        }
        if let rest {
            if !parameters.isEmpty {
                write(",")
                space()
            }
            write("...")
            printPattern(rest)
        }
        write(")")
    }

    mutating func printParameter(_ parameter: Parameter) {
        printPattern(parameter.target)
        if let defaultValue = parameter.defaultValue {
            space()
            write("=")
            space()
            printExpression(defaultValue, level: .comma, flags: [])
        }
    }

    mutating func printFunctionBody(_ body: [Statement]) {
        space()
        printBlockBody(body)
    }

    mutating func printFunction(_ function: Function) {
        if function.isAsync { writeWord("async ") }
        writeWord("function")
        if function.isGenerator { write("*") }
        if let name = function.name {
            if !function.isGenerator { write(" ") } else { space() }
            writeWord(name)
        }
        printParameters(function.parameters, rest: function.rest)
        printFunctionBody(function.body)
    }

    mutating func printClass(_ classNode: Class) {
        writeWord("class")
        if let name = classNode.name {
            write(" ")
            writeWord(name)
        }
        if let superClass = classNode.superClass {
            write(" ")
            writeWord("extends")
            write(" ")
            printExpression(superClass, level: .postfix, flags: [])
        }
        space()
        write("{")
        if classNode.members.isEmpty {
            write("}")
            return
        }
        newline()
        indentLevel += 1
        for member in classNode.members {
            writeIndent()
            switch member {
            case .method(let isStatic, let kind, let key, let function):
                if isStatic { writeWord("static ") }
                printMethod(kind: kind, key: key, function: function)
                newline()
            case .field(let isStatic, let key, let value):
                if isStatic { writeWord("static ") }
                printPropertyKey(key)
                if let value {
                    space()
                    write("=")
                    space()
                    printExpression(value, level: .comma, flags: [])
                }
                writeSemicolonAfterStatement()
            case .staticBlock(let body):
                writeWord("static")
                space()
                printBlockBody(body)
                newline()
            }
        }
        indentLevel -= 1
        writeIndent()
        write("}")
    }

    mutating func printMethod(kind: MethodKind, key: PropertyKey, function: Function) {
        switch kind {
        case .getter: writeWord("get ")
        case .setter: writeWord("set ")
        case .method, .constructor: break
        }
        if function.isAsync { writeWord("async ") }
        if function.isGenerator { write("*") }
        printPropertyKey(key)
        printParameters(function.parameters, rest: function.rest)
        printFunctionBody(function.body)
    }

    mutating func printPropertyKey(_ key: PropertyKey) {
        switch key {
        case .identifier(let name): writeWord(name)
        case .privateName(let name): writeWord("#" + name)
        case .string(let value): printString(value)
        case .number(let raw), .bigInt(let raw): writeWord(raw)
        case .computed(let expression):
            write("[")
            printExpression(expression, level: .comma, flags: [])
            write("]")
        }
    }

    // MARK: - Patterns

    mutating func printPattern(_ pattern: Pattern) {
        switch pattern.kind {
        case .identifier(let name):
            writeWord(name)
        case .array(let elements, let rest):
            write("[")
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    write(",")
                    if element != nil || index == elements.count - 1 { space() }
                }
                if let element { printParameter(element) }
            }
            if let rest {
                if !elements.isEmpty {
                    write(",")
                    space()
                }
                write("...")
                printPattern(rest)
            } else if let last = elements.last, last == nil {
                write(",")
            }
            write("]")
        case .object(let properties, let rest):
            write("{")
            for (index, property) in properties.enumerated() {
                if index > 0 { write(",") }
                space()
                if property.isShorthand, case .identifier(let key) = property.key, case .identifier(let name) = property.value.target.kind,
                    key == name
                {
                    writeWord(name)
                    if let defaultValue = property.value.defaultValue {
                        space()
                        write("=")
                        space()
                        printExpression(defaultValue, level: .comma, flags: [])
                    }
                } else {
                    printPropertyKey(property.key)
                    write(":")
                    space()
                    printParameter(property.value)
                }
            }
            if let rest {
                if !properties.isEmpty { write(",") }
                space()
                write("...")
                printPattern(rest)
            }
            if !properties.isEmpty || rest != nil { space() }
            write("}")
        }
    }
}
