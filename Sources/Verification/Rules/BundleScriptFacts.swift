import JavaScript

/// What the script rules need from a parsed bundle, gathered in one pass: member chains rooted at a
/// name (`process.env.JS_ENV_EXTRA_CONFIG.K` → root offset and `[env, JS_ENV_EXTRA_CONFIG, K]`), the
/// operands of `typeof`, and the string literals.
struct BundleScriptFacts {
    /// For each root identifier's byte offset, the longest chain of property names read from it.
    var chains: [Int: [String]] = [:]
    /// Byte offsets of identifiers that are the operand of `typeof` (reading them never throws).
    var typeofOperands: Set<Int> = []
    /// String literals with the byte offset of their opening quote.
    var strings: [(offset: Int, value: String)] = []

    static func gather(_ program: Program) -> BundleScriptFacts {
        let box = Accumulator()
        _ = ExpressionRewriter { node in
            box.visit(node)
            return node
        }.rewrite(program)
        return box.facts
    }

    private final class Accumulator {
        var facts = BundleScriptFacts()

        func visit(_ node: ExpressionNode) {
            switch node.kind {
            case .member, .index:
                if let (root, names) = chain(node), names.count > (facts.chains[root]?.count ?? -1) {
                    facts.chains[root] = names
                }
            case .unary(.typeof, let operand):
                if case .identifier = operand.kind { facts.typeofOperands.insert(operand.at.byte) }
            case .string(let value):
                if node.at.byte >= 0 { facts.strings.append((node.at.byte, value.string)) }
            default:
                break
            }
        }

        private func chain(_ node: ExpressionNode) -> (Int, [String])? {
            switch node.kind {
            case .identifier:
                return (node.at.byte, [])
            case .member(let object, let name, _):
                return chain(object).map { ($0.0, $0.1 + [name]) }
            case .index(let object, let index, _):
                guard case .string(let key) = index.kind else { return nil }
                return chain(object).map { ($0.0, $0.1 + [key.string]) }
            default:
                return nil
            }
        }
    }
}
