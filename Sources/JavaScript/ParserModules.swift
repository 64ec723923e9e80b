extension Parser {
    mutating func parseModuleSpecifier() throws(JavaScriptSyntaxError) -> (JavaScriptString, SourceOffset) {
        guard kind == .string else {
            throw fail(.javaScriptUnexpectedToken, "unexpected token \(describeToken()), expected a module specifier string", at: start)
        }
        let value = JavaScriptString(utf16: lexer.stringValue)
        let at = SourceOffset(start)
        try next()
        return (value, at)
    }

    /// An identifier name or a string (ES2022 arbitrary module namespace names).
    mutating func parseModuleExportName() throws(JavaScriptSyntaxError) -> ModuleExportName {
        if kind == .string {
            let value = JavaScriptString(utf16: lexer.stringValue)
            try next()
            return .string(value)
        }
        guard kind == .identifier else { throw unexpected() }
        let name = lexer.identifier
        try next()
        return .identifier(name)
    }

    mutating func parseImportedBinding() throws(JavaScriptSyntaxError) -> String {
        guard kind == .identifier else { throw unexpected() }
        let name = lexer.identifier
        try checkBindingIdentifier(name, keyword: lexer.keyword, hasEscape: lexer.identifierHasEscape, at: start, isLexical: true)
        try declare(name, as: .lexical, at: start)
        try next()
        return name
    }

    mutating func parseImportDeclaration() throws(JavaScriptSyntaxError) -> ImportDeclaration {
        try next()
        if kind == .string {
            let (source, sourceAt) = try parseModuleSpecifier()
            try consumeSemicolon()
            return ImportDeclaration(source: source, sourceAt: sourceAt)
        }
        var declaration = ImportDeclaration(source: "")
        var needsMore = true
        if kind == .identifier {
            declaration.defaultBinding = try parseImportedBinding()
            needsMore = kind == .comma
            if needsMore { try next() }
        }
        if needsMore {
            if kind == .asterisk {
                try next()
                try expectKeyword(.as)
                declaration.namespaceBinding = try parseImportedBinding()
            } else if kind == .openBrace {
                try next()
                var specifiers: [ImportSpecifier] = []
                while kind != .closeBrace {
                    let importedAt = start
                    let wasIdentifier = kind == .identifier
                    let identifierKeyword = lexer.keyword
                    let identifierEscaped = lexer.identifierHasEscape
                    let imported = try parseModuleExportName()
                    var local: String
                    if isKeyword(.as) {
                        try next()
                        local = try parseImportedBinding()
                    } else {
                        guard wasIdentifier, case .identifier(let name) = imported else {
                            throw fail(.javaScriptUnexpectedToken, "a string import name needs 'as' and a local name", at: importedAt)
                        }
                        try checkBindingIdentifier(name, keyword: identifierKeyword, hasEscape: identifierEscaped, at: importedAt, isLexical: true)
                        local = name
                    }
                    specifiers.append(ImportSpecifier(imported: imported, local: local))
                    guard kind == .comma else { break }
                    try next()
                }
                try expect(.closeBrace)
                declaration.namedBindings = specifiers
            } else {
                throw unexpected()
            }
        }
        try expectKeyword(.from)
        let (source, sourceAt) = try parseModuleSpecifier()
        declaration.source = source
        declaration.sourceAt = sourceAt
        try consumeSemicolon()
        return declaration
    }

    mutating func recordExport(_ name: String, at offset: Int) throws(JavaScriptSyntaxError) {
        guard exportedNames.insert(name).inserted else {
            throw fail(.javaScriptDuplicateExport, "duplicate export of '\(name)'", at: offset)
        }
    }

    mutating func recordExports(of pattern: Pattern) throws(JavaScriptSyntaxError) {
        switch pattern.kind {
        case .identifier(let name):
            try recordExport(name, at: pattern.at.byte)
        case .array(let elements, let rest):
            for element in elements { if let element { try recordExports(of: element.target) } }
            if let rest { try recordExports(of: rest) }
        case .object(let properties, let rest):
            for property in properties { try recordExports(of: property.value.target) }
            if let rest { try recordExports(of: rest) }
        }
    }

    mutating func parseExportDeclaration(at: SourceOffset) throws(JavaScriptSyntaxError) -> Statement {
        try next()
        if kind == .asterisk {
            try next()
            var alias: ModuleExportName?
            if isKeyword(.as) {
                try next()
                let aliasAt = start
                let name = try parseModuleExportName()
                try recordExport(name.name, at: aliasAt)
                alias = name
            }
            try expectKeyword(.from)
            let (source, sourceAt) = try parseModuleSpecifier()
            try consumeSemicolon()
            return Statement(.exportAll(ExportAllDeclaration(alias: alias, source: source, sourceAt: sourceAt)), at: at)
        }
        if kind == .openBrace {
            try next()
            var specifiers: [ExportSpecifier] = []
            var localIdentifierChecks: [(String, Keyword, Int)] = []
            var firstStringLocal: Int?
            while kind != .closeBrace {
                let localAt = start
                if kind == .identifier { localIdentifierChecks.append((lexer.identifier, lexer.keyword, localAt)) }
                if kind == .string, firstStringLocal == nil { firstStringLocal = localAt }
                let local = try parseModuleExportName()
                var exported = local
                var exportedAt = localAt
                if isKeyword(.as) {
                    try next()
                    exportedAt = start
                    exported = try parseModuleExportName()
                }
                try recordExport(exported.name, at: exportedAt)
                specifiers.append(ExportSpecifier(local: local, exported: exported))
                guard kind == .comma else { break }
                try next()
            }
            try expect(.closeBrace)
            if isKeyword(.from) {
                try next()
                let (source, sourceAt) = try parseModuleSpecifier()
                try consumeSemicolon()
                return Statement(.exportNamed(ExportNamedDeclaration(specifiers: specifiers, source: source, sourceAt: sourceAt)), at: at)
            }
            // Without `from`, the local names refer to bindings: they must be identifiers, not reserved words or strings.
            if let firstStringLocal {
                throw fail(.javaScriptUnexpectedToken, "a string can only be exported with 'from'", at: firstStringLocal)
            }
            for (_, keyword, offset) in localIdentifierChecks where keyword.isReserved {
                throw fail(.javaScriptReservedWord, "a reserved word cannot be exported without 'from'", at: offset)
            }
            try consumeSemicolon()
            return Statement(.exportNamed(ExportNamedDeclaration(specifiers: specifiers)), at: at)
        }
        if isKeyword(.default) {
            try recordExport("default", at: start)
            try next()
            let declarationAt = SourceOffset(start)
            if isKeyword(.function) {
                let function = try parseFunction(isAsync: false, isExpression: false, nameIsOptional: true, at: declarationAt)
                try declareFunction(function, at: declarationAt.byte)
                return Statement(.exportDefaultFunction(function), at: at)
            }
            if isKeyword(.async) {
                let probe = try peekNext()
                if probe.kind == .identifier, probe.keyword == .function, !probe.hasNewlineBefore {
                    try next()
                    let function = try parseFunction(isAsync: true, isExpression: false, nameIsOptional: true, at: declarationAt)
                    try declareFunction(function, at: declarationAt.byte)
                    return Statement(.exportDefaultFunction(function), at: at)
                }
            }
            if isKeyword(.class) {
                let parsed = try parseClass(isExpression: false, nameIsOptional: true)
                if let name = parsed.name { try declare(name, as: .lexical, at: declarationAt.byte) }
                return Statement(.exportDefaultClass(parsed), at: at)
            }
            let value = try parseAssignmentExpression()
            try consumeSemicolon()
            return Statement(.exportDefaultExpression(value), at: at)
        }
        let declarationAt = SourceOffset(start)
        let declaration: Statement
        if isKeyword(.var) || isKeyword(.let) || isKeyword(.const) {
            let variableKind: VariableKind = isKeyword(.var) ? .var : isKeyword(.let) ? .let : .const
            try next()
            let variables = try parseVariableDeclarations(kind: variableKind)
            try consumeSemicolon()
            for declarator in variables.declarators { try recordExports(of: declarator.target) }
            declaration = Statement(.variable(variables), at: declarationAt)
        } else if isKeyword(.function) {
            let function = try parseFunctionDeclaration(isAsync: false, at: declarationAt)
            try declareFunction(function, at: declarationAt.byte)
            try recordExport(function.name ?? "", at: declarationAt.byte)
            declaration = Statement(.function(function), at: declarationAt)
        } else if isKeyword(.async) {
            try next()
            guard isKeyword(.function), !lexer.hasNewlineBefore else { throw unexpected() }
            let function = try parseFunctionDeclaration(isAsync: true, at: declarationAt)
            try declareFunction(function, at: declarationAt.byte)
            try recordExport(function.name ?? "", at: declarationAt.byte)
            declaration = Statement(.function(function), at: declarationAt)
        } else if isKeyword(.class) {
            let parsed = try parseClass(isExpression: false)
            if let name = parsed.name { try declare(name, as: .lexical, at: declarationAt.byte) }
            try recordExport(parsed.name ?? "", at: declarationAt.byte)
            declaration = Statement(.class(parsed), at: declarationAt)
        } else {
            throw unexpected()
        }
        return Statement(.exportDeclaration(declaration), at: at)
    }
}
