import Diagnostics
import JavaScript

/// Marks on `ExpressionNode.at` for nodes the bundler made, so that a parent visited later (the rewriter works
/// bottom-up) knows where its child came from. Real source offsets are never negative.
enum SynthesizedMark {
    /// A member read that replaced an imported binding (`x` → `m.x`): a call of it must not pass `m` as `this`.
    static let importedBinding = SourceOffset(-2)

    /// What a define mark says about the node it is on.
    enum DefineKind {
        /// An object that replaced (part of) `process.env.JS_ENV_EXTRA_CONFIG`.
        case object
        /// A leaf's code that replaced `process.env.JS_ENV_EXTRA_CONFIG.…KEY`.
        case leaf
        /// A read of the deploy-time config slot (`slot()` or a member of it): its value is known only at run time.
        case deployTime
    }

    static func defineObject(read: Int) -> SourceOffset { SourceOffset(-(10 + 3 * read)) }
    static func defineLeaf(read: Int) -> SourceOffset { SourceOffset(-(11 + 3 * read)) }
    static func deployTimeRead(read: Int) -> SourceOffset { SourceOffset(-(12 + 3 * read)) }

    /// (read number, kind) of a define mark.
    static func defineRead(_ offset: SourceOffset) -> (read: Int, kind: DefineKind)? {
        guard offset.byte <= -10 else { return nil }
        let value = -offset.byte - 10
        let kinds: [DefineKind] = [.object, .leaf, .deployTime]
        return (value / 3, kinds[value % 3])
    }
}

enum DefineExpressions {
    /// A copy with every offset cleared: define code comes from the variable, not from the module's source.
    static func synthesized(_ expression: ExpressionNode) -> ExpressionNode {
        ExpressionRewriter { node in
            var copy = node
            copy.at = .synthesized
            return copy
        }.rewrite(expression)
    }

    /// DefinePlugin's `toCode` of a value as an expression, marked as belonging to read number `read`.
    static func expression(for value: DefineSet.Value, read: Int) -> ExpressionNode {
        switch value {
        case .code(_, let expression, _, _):
            var result = expression ?? ExpressionNode(.identifier("undefined"))
            result.at = SynthesizedMark.defineLeaf(read: read)
            return result
        case .object(let members):
            let properties = members.map { member in
                Property(kind: .value, key: .string(JavaScriptString(member.key)), value: expression(for: member.value, read: read))
            }
            return ExpressionNode(.object(properties), at: SynthesizedMark.defineObject(read: read))
        case .array(let elements):
            return ExpressionNode(.array(elements.map { expression(for: $0, read: read) }), at: SynthesizedMark.defineObject(read: read))
        }
    }

    /// `typeof <code>` folded to a string when the code is a literal, as webpack's evaluator does.
    static func typeofConstant(_ expression: ExpressionNode) -> String? {
        switch expression.kind {
        case .string, .template(nil, _, _): "string"
        case .number: "number"
        case .bigInt: "bigint"
        case .boolean: "boolean"
        case .null, .object, .array, .regularExpression: "object"
        case .function, .arrow, .class: "function"
        case .identifier("undefined"): "undefined"
        default: nil
        }
    }
}

/// One place where a module reads `process.env.JS_ENV_EXTRA_CONFIG` (possibly with a key path).
struct DefineRead: Sendable {
    /// Byte offset of `process` in the module's source.
    var offset: Int
    var path: [String]
    /// The path names a key the config does not have (from the first missing key on).
    var missingFrom: Int?
}

/// What replacing defines in one module found: the reads (for validation) and the `process` left over.
struct DefineFindings: Sendable {
    var reads: [DefineRead] = []
    /// Offsets of global `process` references that no define consumed and no `typeof` guards.
    var leftoverProcess: [Int] = []
}

/// Replaces `process.env.JS_ENV_EXTRA_CONFIG[…]` and `process.env.NODE_ENV` in one module, during the
/// linker's bottom-up rewrite. Only references to the global `process` count (scope analysis decides).
final class DefineSubstitution {
    let defines: DefineSet
    let nodeEnvironment: String
    /// Offsets of identifier `process` that resolve to no declaration.
    let globalProcessOffsets: Set<Int>
    /// `build --deploy-time-config`: reads become reads of `DeployTimeConfigSlot.variableName`, left to run time.
    let readsDeployTimeSlot: Bool
    private(set) var findings = DefineFindings()
    private var consumedProcess: Set<Int> = []
    private var guardedProcess: Set<Int> = []

    init(defines: DefineSet, nodeEnvironment: String, globalProcessOffsets: Set<Int>, readsDeployTimeSlot: Bool = false) {
        self.defines = defines
        self.nodeEnvironment = nodeEnvironment
        self.globalProcessOffsets = globalProcessOffsets
        self.readsDeployTimeSlot = readsDeployTimeSlot
    }

    /// Returns the replacement of `expression` (whose children were already rewritten), or nil.
    func substitute(_ expression: ExpressionNode) -> ExpressionNode? {
        switch expression.kind {
        case .member(let object, let name, let chain):
            if chain == .none, let processOffset = processEnvOffset(object) {
                if name == "NODE_ENV" {
                    consumedProcess.insert(processOffset)
                    return ExpressionNode(.string(JavaScriptString(nodeEnvironment)), at: expression.at)
                }
                if name == DefineSet.variableName {
                    consumedProcess.insert(processOffset)
                    let read = findings.reads.count
                    findings.reads.append(DefineRead(offset: processOffset, path: []))
                    if readsDeployTimeSlot { return DeployTimeConfigSlot.readExpression(mark: SynthesizedMark.deployTimeRead(read: read)) }
                    guard let root = defines.root else {
                        // Unset: nothing to insert (the build fails), but keep following the key path for the message.
                        var marked = expression
                        marked.at = SynthesizedMark.defineObject(read: read)
                        return marked
                    }
                    var replacement = DefineExpressions.expression(for: .object(root), read: read)
                    replacement.at = SynthesizedMark.defineObject(read: read)
                    return replacement
                }
                return nil
            }
            // `?.KEY` on the object is a read of KEY too (the object is never null).
            guard chain != .continuation, let (read, kind) = SynthesizedMark.defineRead(object.at), kind != .leaf,
                read < findings.reads.count
            else { return nil }
            findings.reads[read].path.append(name)
            if kind == .deployTime {
                // The key is checked against the build's config (as a direct build would), read at run time.
                if findings.reads[read].missingFrom == nil, defines.root != nil, defines.value(at: findings.reads[read].path) == nil {
                    findings.reads[read].missingFrom = findings.reads[read].path.count - 1
                }
                var result = expression
                result.at = SynthesizedMark.deployTimeRead(read: read)
                return result
            }
            if defines.isUnset {
                var marked = expression
                marked.at = SynthesizedMark.defineObject(read: read)
                return marked
            }
            if findings.reads[read].missingFrom == nil, case .object(let properties) = object.kind,
                let property = properties.first(where: { $0.key == .string(JavaScriptString(name)) })
            {
                return property.value
            }
            if findings.reads[read].missingFrom == nil { findings.reads[read].missingFrom = findings.reads[read].path.count - 1 }
            // webpack leaves the key on the whole object: `({…}).NOT_THERE`, undefined at run time.
            var result = expression
            result.at = SynthesizedMark.defineLeaf(read: read)
            return result
        case .unary(.typeof, let operand):
            if case .identifier("process") = operand.kind, globalProcessOffsets.contains(operand.at.byte) {
                guardedProcess.insert(operand.at.byte)
                return nil
            }
            guard let (_, kind) = SynthesizedMark.defineRead(operand.at) else { return nil }
            if kind == .deployTime {
                // The whole object is always an object; a key's type is the run-time value's, as DefinePlugin's folding gives.
                if case .call = operand.kind { return ExpressionNode(.string("object"), at: expression.at) }
                return nil
            }
            if kind == .object { return ExpressionNode(.string("object"), at: expression.at) }
            if let type = DefineExpressions.typeofConstant(operand) {
                return ExpressionNode(.string(JavaScriptString(type)), at: expression.at)
            }
            return nil
        default:
            return nil
        }
    }

    /// Call after the rewrite: computes the `process` references nothing replaced.
    func finish() -> DefineFindings {
        // A module that tests `typeof process` is written for both node and browsers (`typeof process !==
        // "undefined" && process.env…`): its other reads are taken as guarded, to keep the warning meaningful.
        findings.leftoverProcess =
            guardedProcess.isEmpty ? globalProcessOffsets.subtracting(consumedProcess).sorted() : []
        return findings
    }

    /// The offset of `process` when `expression` is `process.env` with the global `process`.
    private func processEnvOffset(_ expression: ExpressionNode) -> Int? {
        guard case .member(let inner, "env", .none) = expression.kind, case .identifier("process") = inner.kind,
            globalProcessOffsets.contains(inner.at.byte)
        else { return nil }
        return inner.at.byte
    }
}
