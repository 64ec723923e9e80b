import JavaScript

/// Links a root ES module and the modules `HoistingPlan` hoists into it as one module function, the way the
/// modules would run as real ES modules:
///
/// - the root's exports are defined first (getters, as for any wrapped ES module), then the namespace objects
///   the group reads as values (`import * as ns` used other than as `ns.name`… — built once, with getters);
/// - then each module's body in ES evaluation order (depth first along its imports in source order, a module
///   already started is skipped, as the spec does for cycles), with `var _x = require(<id>)` where a module
///   outside the group is first imported;
/// - every top-level binding of every module keeps its name only when no other module of the group uses that
///   name anywhere (no nested scope can capture it); otherwise it gets a name used nowhere in the group;
/// - an imported binding is the exporter's binding itself (following `export … from` and `export *`), so live
///   bindings, hoisted functions and the TDZ of `let`/`const`/`class` behave as between real modules; bindings
///   of modules outside the group are read from their exports as before.
struct HoistedGroupLinker {
    enum Resolution {
        case name(String)
        case expression(ExpressionNode)

        var expression: ExpressionNode {
            switch self {
            case .name(let name): ExpressionNode(.identifier(name))
            case .expression(let expression): expression
            }
        }
    }

    /// Where an export of a group module comes from, as the module itself says.
    enum LocalExport {
        case local(String)
        case defaultValue
        case imported(target: Int, name: String)
        case namespace(target: Int)
    }

    let linker: ModuleLinker
    let root: Int
    /// The root and its hoisted modules.
    let group: Set<Int>
    private var picker: NamePicker
    private var moduleName = "module"
    private var exportsName = "exports"
    private var requireName = "require"
    /// Per group module: declaration index → the binding's name in the group (top-level declarations only).
    private var topLevelNames: [Int: [Int: String]] = [:]
    private var defaultLocals: [Int: String] = [:]
    private var localExports: [Int: [String: LocalExport]] = [:]
    /// Modules outside the group: the variable holding their exports, and `require.t` namespaces of non-ES ones.
    private var externalVariables: [Int: String] = [:]
    private var externalNamespaces: [Int: String] = [:]
    /// Group modules read as namespace objects, in the order first needed.
    private var namespaceVariables: [Int: String] = [:]
    private var namespaceOrder: [Int] = []
    /// Computed by `prepare`: the root's export getters and the namespace objects, first in the function.
    private var exportGetters: [(String, ExpressionNode)] = []
    private var namespaceStatements: [Statement] = []

    init(linker: ModuleLinker, root: Int, members: [Int]) {
        self.linker = linker
        self.root = root
        self.group = Set(members).union([root])
        let modules = linker.graph.modules
        let ids = group.sorted()
        // Which module uses each name (declares it, other than as an import, or reads it); -1: several.
        var usedBy: [String: Int] = [:]
        var declaredAnywhere: Set<String> = []
        func use(_ name: String, _ id: Int) {
            if let existing = usedBy[name], existing != id { usedBy[name] = -1 } else { usedBy[name] = id }
        }
        // Names that code the linker inserts reads as globals (define values, `Promise` for `import()`).
        for word in linker.defines.identifierLikeWords.union(["Promise"]) { usedBy[word] = -1 }
        for id in ids {
            guard let scope = modules[id].scope else { continue }
            for declaration in scope.declarations where declaration.kind != .import {
                use(declaration.name, id)
                declaredAnywhere.insert(declaration.name)
            }
            for reference in scope.references {
                if let declaration = reference.declaration, scope.declarations[declaration].kind == .import { continue }
                use(reference.name, id)
            }
        }
        picker = NamePicker(taken: Set(usedBy.keys).union(["module", "exports", "require"]))
        if declaredAnywhere.contains("module") { moduleName = picker.fresh("__module") }
        if declaredAnywhere.contains("exports") { exportsName = picker.fresh("__exports") }
        if declaredAnywhere.contains("require") { requireName = picker.fresh("__require") }

        for id in ids {
            guard let scope = modules[id].scope, let program = modules[id].program else { continue }
            var names: [Int: String] = [:]
            for index in scope.scopes[0].declarations.values.sorted() {
                let declaration = scope.declarations[index]
                guard declaration.kind != .import else { continue }
                names[index] = usedBy[declaration.name] == id ? declaration.name : picker.fresh(declaration.name)
            }
            topLevelNames[id] = names
            localExports[id] = Self.localExports(modules[id], program)
            switch Self.defaultExport(program) {
            case .declaration(let name): defaultLocals[id] = scope.scopes[0].declarations[name].flatMap { names[$0] } ?? name
            case .anonymous: defaultLocals[id] = picker.fresh(NamePicker.variableBase(for: modules[id].path) + "_default")
            case .none: break
            }
        }
    }

    /// How each module of the group is to be linked (`ModuleLinker.linkHoisted`, any thread); this also decides
    /// which outside modules and namespace objects the group reads. nil when a module has no syntax tree.
    mutating func prepare() -> [Int: HoistedLinking]? {
        let modules = linker.graph.modules
        var linkings: [Int: HoistedLinking] = [:]
        for id in group.sorted() {
            guard let scope = modules[id].scope, let program = modules[id].program else { return nil }
            var newNames = [String?](repeating: nil, count: scope.declarations.count)
            for (index, name) in topLevelNames[id] ?? [:] where name != scope.declarations[index].name { newNames[index] = name }
            Self.renameClassInnerNames(scope, &newNames)
            var replacements: [String: ExpressionNode] = [:]
            for (local, imported) in importBindings(modules[id], program) {
                guard let index = scope.scopes[0].declarations[local] else { continue }
                let resolution: Resolution
                switch imported {
                case .imported(let target, let name): resolution = resolve(name, of: target)
                case .namespace(let target): resolution = namespace(of: target)
                default: continue
                }
                switch resolution {
                case .name(let name): newNames[index] = name
                case .expression(let expression): replacements[local] = expression
                }
            }
            linkings[id] = HoistedLinking(
                requireName: requireName, newNames: newNames, importReplacements: replacements, defaultLocal: defaultLocals[id])
        }
        for name in linker.tables[root]?.names ?? [] { exportGetters.append((name, resolve(name, of: root).expression)) }
        var built = 0
        while built < namespaceOrder.count {
            let target = namespaceOrder[built]
            built += 1
            var getters: [(String, ExpressionNode)] = []
            for name in linker.tables[target]?.names ?? [] { getters.append((name, resolve(name, of: target).expression)) }
            let object = call(helper("e"), [ExpressionNode(.object([])), getterObject(getters)])
            namespaceStatements.append(variable(namespaceVariables[target] ?? "_ns", object))
        }
        return linkings
    }

    /// The group's function from its modules linked as `prepare` said: the root (one function for the whole
    /// group) and one `.hoisted` entry per member, in id order. nil when some module could not be renamed
    /// safely (the caller then links every module of the group on its own).
    func assemble(_ linked: [Int: LinkedModule]) -> [LinkedModule]? {
        let modules = linker.graph.modules
        var body = [
            Statement(.directive(raw: "\"use strict\"")),
            Statement(.expression(call(helper("e"), [ExpressionNode(.identifier(exportsName)), getterObject(exportGetters)]))),
        ]
        body += namespaceStatements
        var started: Set<Int> = []
        var required: Set<Int> = []
        func evaluate(_ id: Int) {
            started.insert(id)
            if let program = modules[id].program {
                for target in HoistingPlan.staticImportTargets(modules[id], program) {
                    if group.contains(target) {
                        if !started.contains(target) { evaluate(target) }
                    } else if required.insert(target).inserted {
                        body += requireStatements(target)
                    }
                }
            }
            if case .program(let program) = linked[id]?.body { body += program.body }
        }
        evaluate(root)

        guard var rootModule = linked[root], case .program(var program) = rootModule.body else { return nil }
        program.body = body
        rootModule.body = .program(program)
        rootModule.parameters = [moduleName, exportsName, requireName]
        var result = [rootModule]
        for id in group.sorted() where id != root {
            guard var member = linked[id] else { return nil }
            member.body = .hoisted(root: root)
            member.parameters = []
            result.append(member)
        }
        return result
    }

    // MARK: - Resolving imports

    /// The binding that `name`, exported by `target`, stands for.
    mutating func resolve(_ name: String, of target: Int) -> Resolution {
        var visiting: Set<String> = []
        return resolve(name, of: target, visiting: &visiting)
    }

    private mutating func resolve(_ name: String, of target: Int, visiting: inout Set<String>) -> Resolution {
        let module = linker.graph.modules[target]
        guard group.contains(target) else {
            let exports = ExpressionNode(.identifier(externalVariable(target)))
            if name == "default" && module.kind != .esm { return .expression(call(helper("d"), [exports])) }
            return .expression(Self.member(exports, name))
        }
        guard visiting.insert("\(target):\(name)").inserted else { return .expression(Self.undefined) }
        switch localExports[target]?[name] {
        case .local(let local):
            guard let index = module.scope?.scopes[0].declarations[local] else { return .expression(Self.undefined) }
            return .name(topLevelNames[target]?[index] ?? local)
        case .defaultValue:
            return defaultLocals[target].map { .name($0) } ?? .expression(Self.undefined)
        case .imported(let source, let importedName):
            return resolve(importedName, of: source, visiting: &visiting)
        case .namespace(let source):
            return namespace(of: source)
        case nil:
            guard let table = linker.tables[target], table.origins[name] != nil, let source = table.starSource[name] else {
                return .expression(Self.undefined)
            }
            return resolve(name, of: source, visiting: &visiting)
        }
    }

    /// The namespace object of `target`.
    mutating func namespace(of target: Int) -> Resolution {
        guard group.contains(target) else {
            let exports = externalVariable(target)
            if linker.graph.modules[target].kind == .esm { return .name(exports) }
            if let existing = externalNamespaces[target] { return .name(existing) }
            let name = picker.fresh(exports + "_ns")
            externalNamespaces[target] = name
            return .name(name)
        }
        if let existing = namespaceVariables[target] { return .name(existing) }
        let name = picker.fresh(NamePicker.variableBase(for: linker.graph.modules[target].path) + "_ns")
        namespaceVariables[target] = name
        namespaceOrder.append(target)
        return .name(name)
    }

    mutating func externalVariable(_ target: Int) -> String {
        if let existing = externalVariables[target] { return existing }
        let name = picker.fresh(NamePicker.variableBase(for: linker.graph.modules[target].path))
        externalVariables[target] = name
        return name
    }

    func requireStatements(_ target: Int) -> [Statement] {
        let load = call(ExpressionNode(.identifier(requireName)), [ExpressionNode(.number(raw: String(target)))])
        guard let variable = externalVariables[target] else { return [Statement(.expression(load))] }
        var statements = [self.variable(variable, load)]
        if let namespace = externalNamespaces[target] {
            statements.append(self.variable(namespace, call(helper("t"), [ExpressionNode(.identifier(variable))])))
        }
        return statements
    }

    // MARK: - What modules declare

    /// Import bindings of a module: local name → what it imports.
    func importBindings(_ module: GraphModule, _ program: Program) -> [(String, LocalExport)] {
        var result: [(String, LocalExport)] = []
        for statement in program.body {
            guard case .import(let declaration) = statement.kind,
                let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)]
            else { continue }
            if let local = declaration.defaultBinding { result.append((local, .imported(target: target, name: "default"))) }
            if let local = declaration.namespaceBinding { result.append((local, .namespace(target: target))) }
            for specifier in declaration.namedBindings ?? [] { result.append((specifier.local, .imported(target: target, name: specifier.imported.name))) }
        }
        return result
    }

    static func localExports(_ module: GraphModule, _ program: Program) -> [String: LocalExport] {
        var imports: [String: LocalExport] = [:]
        var exports: [String: LocalExport] = [:]
        for statement in program.body {
            switch statement.kind {
            case .import(let declaration):
                guard let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)] else { continue }
                if let local = declaration.defaultBinding { imports[local] = .imported(target: target, name: "default") }
                if let local = declaration.namespaceBinding { imports[local] = .namespace(target: target) }
                for specifier in declaration.namedBindings ?? [] { imports[specifier.local] = .imported(target: target, name: specifier.imported.name) }
            case .exportDeclaration(let declaration):
                for name in ExportTables.declaredNames(declaration) { exports[name] = .local(name) }
            case .exportDefaultExpression, .exportDefaultFunction, .exportDefaultClass:
                exports["default"] = .defaultValue
            default:
                break
            }
        }
        for statement in program.body {
            switch statement.kind {
            case .exportNamed(let declaration):
                if let source = declaration.source {
                    guard let target = module.dependencies[DependencyKey(specifier: source.string, isRequire: false)] else { continue }
                    for specifier in declaration.specifiers {
                        exports[specifier.exported.name] = .imported(target: target, name: specifier.local.name)
                    }
                } else {
                    for specifier in declaration.specifiers {
                        exports[specifier.exported.name] = imports[specifier.local.name] ?? .local(specifier.local.name)
                    }
                }
            case .exportAll(let declaration):
                guard let alias = declaration.alias,
                    let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)]
                else { continue }
                exports[alias.name] = .namespace(target: target)
            default:
                break
            }
        }
        return exports
    }

    enum DefaultExport {
        case none
        /// `export default function f…` / `export default class C…`: the binding `f` / `C`.
        case declaration(String)
        /// An expression, or a function or class without a name: a variable the linker names.
        case anonymous
    }

    static func defaultExport(_ program: Program) -> DefaultExport {
        for statement in program.body {
            switch statement.kind {
            case .exportDefaultExpression: return .anonymous
            case .exportDefaultFunction(let function): return function.name.map { .declaration($0) } ?? .anonymous
            case .exportDefaultClass(let classNode): return classNode.name.map { .declaration($0) } ?? .anonymous
            default: continue
            }
        }
        return .none
    }

    /// A class declaration's own name inside its body is a binding of its own, printed as the outer one.
    static func renameClassInnerNames(_ scope: ScopeAnalysis, _ newNames: inout [String?]) {
        for classScope in scope.scopes[0].children where scope.scopes[classScope].kind == .class {
            for (name, inner) in scope.scopes[classScope].declarations where scope.declarations[inner].kind == .class {
                guard let outer = scope.scopes[0].declarations[name], scope.declarations[outer].kind == .class,
                    scope.declarations[outer].offset == scope.declarations[inner].offset
                else { continue }
                newNames[inner] = newNames[outer]
            }
        }
    }

    // MARK: - Syntax

    static let undefined = ExpressionNode(.unary(.void, ExpressionNode(.number(raw: "0"))))

    func helper(_ name: String) -> ExpressionNode {
        ExpressionNode(.member(object: ExpressionNode(.identifier(requireName)), name: name, optionalChain: .none))
    }

    func call(_ callee: ExpressionNode, _ arguments: [ExpressionNode]) -> ExpressionNode {
        ExpressionNode(.call(callee: callee, arguments: arguments, optionalChain: .none))
    }

    func variable(_ name: String, _ value: ExpressionNode) -> Statement {
        Statement(.variable(VariableDeclaration(kind: .var, declarators: [VariableDeclarator(target: Pattern(.identifier(name)), initializer: value)])))
    }

    func getterObject(_ getters: [(String, ExpressionNode)]) -> ExpressionNode {
        ExpressionNode(
            .object(
                getters.map { name, value in
                    let key: PropertyKey = NamePicker.isPlainIdentifierName(name) ? .identifier(name) : .string(JavaScriptString(name))
                    return Property(kind: .value, key: key, value: ExpressionNode(.arrow(ArrowFunction(parameters: [], body: .expression(value)))))
                }))
    }

    static func member(_ object: ExpressionNode, _ name: String) -> ExpressionNode {
        if NamePicker.isPlainIdentifierName(name) { return ExpressionNode(.member(object: object, name: name, optionalChain: .none)) }
        return ExpressionNode(.index(object: object, index: ExpressionNode(.string(JavaScriptString(name))), optionalChain: .none))
    }
}
