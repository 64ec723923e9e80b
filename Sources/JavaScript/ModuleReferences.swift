/// A place where a module names another module: what a bundler must resolve.
public struct ModuleReference: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// `import … from "x"` or `import "x"`.
        case importDeclaration
        /// `export … from "x"`.
        case reExport
        /// `require("x")` with a single string argument.
        case require
        /// `import("x")` with a string argument.
        case dynamicImport
    }

    public var kind: Kind
    public var specifier: String
    /// Byte offset of the specifier string literal in the source.
    public var offset: Int

    public init(kind: Kind, specifier: String, offset: Int) {
        self.kind = kind
        self.specifier = specifier
        self.offset = offset
    }
}

extension Program {
    /// Every static import, re-export, `require("x")` and `import("x")` with a literal specifier, in source order.
    /// `require` is matched by name; a local binding named `require` is not told apart (scope analysis does that).
    public var moduleReferences: [ModuleReference] {
        var references: [ModuleReference] = []
        for statement in body {
            switch statement.kind {
            case .import(let declaration):
                references.append(ModuleReference(kind: .importDeclaration, specifier: declaration.source.string, offset: declaration.sourceAt.byte))
            case .exportNamed(let declaration):
                if let source = declaration.source {
                    references.append(ModuleReference(kind: .reExport, specifier: source.string, offset: declaration.sourceAt.byte))
                }
            case .exportAll(let declaration):
                references.append(ModuleReference(kind: .reExport, specifier: declaration.source.string, offset: declaration.sourceAt.byte))
            default:
                break
            }
        }
        let walker = ExpressionWalker { expression in
            switch expression.kind {
            case .call(let callee, let arguments, .none):
                if case .identifier("require") = callee.kind, arguments.count == 1, let specifier = Program.literalString(arguments[0]) {
                    references.append(ModuleReference(kind: .require, specifier: specifier, offset: arguments[0].at.byte))
                }
            case .importCall(let argument):
                if let specifier = Program.literalString(argument) {
                    references.append(ModuleReference(kind: .dynamicImport, specifier: specifier, offset: argument.at.byte))
                }
            default:
                break
            }
        }
        walker.walk(body)
        return references.sorted { $0.offset < $1.offset }
    }

    static func literalString(_ expression: ExpressionNode) -> String? {
        switch expression.kind {
        case .string(let value):
            value.string
        case .template(nil, let head, let spans) where spans.isEmpty:
            head.cooked?.string
        default:
            nil
        }
    }

    /// The names this module exports, in source order (`default` included; `export *` adds none).
    public var exportedNames: [String] {
        var names: [String] = []
        func add(_ pattern: Pattern) {
            switch pattern.kind {
            case .identifier(let name): names.append(name)
            case .array(let elements, let rest):
                for element in elements { if let element { add(element.target) } }
                if let rest { add(rest) }
            case .object(let properties, let rest):
                for property in properties { add(property.value.target) }
                if let rest { add(rest) }
            }
        }
        for statement in body {
            switch statement.kind {
            case .exportNamed(let declaration):
                names.append(contentsOf: declaration.specifiers.map(\.exported.name))
            case .exportAll(let declaration):
                if let alias = declaration.alias { names.append(alias.name) }
            case .exportDefaultExpression, .exportDefaultFunction, .exportDefaultClass:
                names.append("default")
            case .exportDeclaration(let declaration):
                switch declaration.kind {
                case .variable(let variables): for declarator in variables.declarators { add(declarator.target) }
                case .function(let function): if let name = function.name { names.append(name) }
                case .class(let classNode): if let name = classNode.name { names.append(name) }
                default: break
                }
            default:
                break
            }
        }
        return names
    }

    /// The module uses `import`/`export` declarations (ESM rather than CommonJS).
    public var hasModuleSyntax: Bool {
        body.contains { statement in
            switch statement.kind {
            case .import, .exportNamed, .exportAll, .exportDeclaration, .exportDefaultExpression, .exportDefaultFunction,
                .exportDefaultClass:
                true
            default:
                false
            }
        }
    }
}
