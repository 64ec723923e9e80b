import Diagnostics
import JavaScript
import OrderedJSON

/// How the linker treats a module in the bundle.
public enum LinkedModuleKind: String, Sendable, Hashable {
    /// Import/export syntax (or a `.mjs` / `"type": "module"` file): compiled to live-binding getters.
    case esm
    /// Wrapped as is: `module`, `exports`, `require`.
    case commonJS
    case json
    /// `browser: false`: `module.exports = {}`.
    case empty
}

/// A request a module makes, as the linker needs to find its target again.
public struct DependencyKey: Sendable, Hashable {
    public var specifier: String
    /// `require()` resolves with the `require` condition, everything else with `import`.
    public var isRequire: Bool

    public init(specifier: String, isRequire: Bool) {
        self.specifier = specifier
        self.isRequire = isRequire
    }
}

/// One module of the graph, parsed and with its requests resolved to module ids.
public struct GraphModule: Sendable {
    /// Position in discovery order; the bundle's module table key.
    public var id: Int
    public var resolved: ResolvedModule
    public var kind: LinkedModuleKind
    public var source: [UInt8]
    /// nil for JSON and empty modules.
    public var program: Program?
    var scope: ScopeAnalysis?
    var json: JSONValue?
    /// Callee offsets of `require("literal")` calls on the global `require`.
    var requireCallOffsets: Set<Int> = []
    /// Each request (in source order of first appearance) and the module id it resolved to.
    public var dependencies: [DependencyKey: Int] = [:]
    public var dependencyOrder: [DependencyKey] = []

    /// The file name used in messages and source maps.
    public var path: String { resolved.path }
}

/// Every module reachable from an entry, ids in discovery order (entry requests first, then breadth-first
/// in source order of the requests).
public struct ModuleGraph: Sendable {
    public var entry: EntryPoint
    public var modules: [GraphModule]
    /// Module ids of the entry's requests, in execution order (duplicates kept, as written).
    public var entryModuleIDs: [Int]
}
