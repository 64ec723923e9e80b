import Diagnostics
import JavaScript
import OrderedJSON

/// Finds what a module asks for: import/export sources, `require("x")` on the global `require` (a local
/// function named `require` is not the module system) and `import("x")`, in source order.
enum RequestCollector {
    struct Found {
        var requests: [ModuleGraphBuilder.Request] = []
        var requireCallOffsets: Set<Int> = []
        var warnings: [Diagnostic] = []
    }

    final class Accumulator {
        var found = Found()
    }

    static func collect(_ program: Program, scope: ScopeAnalysis, path: String, source: [UInt8]) -> Found {
        let globalRequire = Set(scope.references.lazy.filter { $0.name == "require" && $0.declaration == nil }.map(\.offset))
        let accumulator = Accumulator()
        for statement in program.body {
            switch statement.kind {
            case .import(let declaration):
                accumulator.found.requests.append(.init(specifier: declaration.source.string, isRequire: false, offset: declaration.sourceAt.byte))
            case .exportNamed(let declaration):
                if let specifier = declaration.source {
                    accumulator.found.requests.append(.init(specifier: specifier.string, isRequire: false, offset: declaration.sourceAt.byte))
                }
            case .exportAll(let declaration):
                accumulator.found.requests.append(.init(specifier: declaration.source.string, isRequire: false, offset: declaration.sourceAt.byte))
            default:
                break
            }
        }
        let walker = ExpressionRewriter { expression in
            switch expression.kind {
            case .call(let callee, let arguments, .none):
                guard case .identifier("require") = callee.kind, globalRequire.contains(callee.at.byte) else { break }
                if arguments.count == 1, let specifier = literalString(arguments[0]) {
                    accumulator.found.requests.append(.init(specifier: specifier, isRequire: true, offset: arguments[0].at.byte))
                    accumulator.found.requireCallOffsets.insert(callee.at.byte)
                } else {
                    let position = TextPosition(of: max(0, callee.at.byte), in: source)
                    accumulator.found.warnings.append(
                        Diagnostic(
                            .dynamicRequire, "require() is called with a computed argument; no module is bundled for it",
                            at: .file(path, line: position.line, column: position.column),
                            fix: "call require with a string literal (require(\"./module\")) if the module is needed in the worker"))
                }
            case .importCall(let argument):
                if let specifier = literalString(argument) {
                    accumulator.found.requests.append(.init(specifier: specifier, isRequire: false, offset: argument.at.byte))
                }
            default:
                break
            }
            return expression
        }
        _ = walker.rewrite(program)
        accumulator.found.requests.sort { $0.offset < $1.offset }
        return accumulator.found
    }

    static func literalString(_ expression: ExpressionNode) -> String? {
        switch expression.kind {
        case .string(let value): value.string
        case .template(nil, let head, let spans) where spans.isEmpty: head.cooked?.string
        default: nil
        }
    }
}
