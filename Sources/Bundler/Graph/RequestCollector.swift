import Diagnostics
import Encodings
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

    static func collect(_ program: Program, scope: ScopeAnalysis, path: String, source: [UInt8]) -> Found {
        var found = Found()
        // Every identifier `require` (declared or not), by offset: the callee of a `require("x")` is the last
        // one before the string, since only `(` and blanks separate them.
        let requireReferences = scope.references.filter { $0.name == "require" }.sorted { $0.offset < $1.offset }
        var matchedCallees: Set<Int> = []
        for reference in program.moduleReferences {
            switch reference.kind {
            case .importDeclaration, .reExport, .dynamicImport:
                found.requests.append(.init(specifier: reference.specifier, isRequire: false, offset: reference.offset))
            case .require:
                guard let callee = lastReference(before: reference.offset, in: requireReferences) else { continue }
                matchedCallees.insert(callee.offset)
                guard callee.declaration == nil else { continue }
                found.requests.append(.init(specifier: reference.specifier, isRequire: true, offset: reference.offset))
                found.requireCallOffsets.insert(callee.offset)
            }
        }
        // A global `require(` whose argument is not a string literal: nothing can be bundled for it.
        for reference in requireReferences where reference.declaration == nil && !matchedCallees.contains(reference.offset) {
            guard isCall(at: reference.offset + 7, in: source) else { continue }
            let position = TextPosition(of: reference.offset, in: source)
            found.warnings.append(
                Diagnostic(
                    .dynamicRequire, "require() is called with a computed argument; no module is bundled for it",
                    at: .file(path, line: position.line, column: position.column),
                    fix: "call require with a string literal (require(\"./module\")) if the module is needed in the worker"))
        }
        return found
    }

    static func lastReference(before offset: Int, in sorted: [ScopeAnalysis.Reference]) -> ScopeAnalysis.Reference? {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].offset < offset { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? sorted[low - 1] : nil
    }

    /// Whether `(` follows (after blanks) at `offset`.
    static func isCall(at offset: Int, in source: [UInt8]) -> Bool {
        var index = offset
        while index < source.count, source[index] == UInt8(ascii: " ") || source[index] == UInt8(ascii: "\t") || source[index] == 0x0A
            || source[index] == 0x0D
        {
            index += 1
        }
        return index < source.count && source[index] == UInt8(ascii: "(")
    }

    static func literalString(_ expression: ExpressionNode) -> String? {
        switch expression.kind {
        case .string(let value): value.string
        case .template(nil, let head, let spans) where spans.isEmpty: head.cooked?.string
        default: nil
        }
    }
}
