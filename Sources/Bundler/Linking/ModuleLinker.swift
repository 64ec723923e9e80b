import Diagnostics
import Encodings
import JavaScript
import OrderedJSON

/// One module turned into the body of a `function(module, exports, require)` of the bundle.
struct LinkedModule: Sendable {
    enum Body: Sendable {
        case program(Program)
        /// JSON and empty modules: text that needs no printing.
        case text(String)
        /// Concatenated into the function of module `root` (see `HoistingPlan`): no function of its own.
        case hoisted(root: Int)
    }

    var id: Int
    var parameters: [String]
    var body: Body
    var defineFindings = DefineFindings()
    var warnings: [Diagnostic] = []
}

/// Compiles each module to the CommonJS shape the runtime runs.
///
/// CommonJS modules keep their code; `require("x")` becomes `require(<id>)`. ES modules become:
/// `"use strict"`, then `require.e(exports, {name: () => binding, …})` (getters: live bindings, defined before
/// anything runs so that cycles see them), then `var _x = require(<id>)` for each imported module in source
/// order, then the body without import/export declarations, where every reference to an imported binding is
/// a member read on the imported module's exports (`_x.name`; scope analysis leaves shadowing locals alone).
/// A call of an imported function is `(0, _x.f)(…)`, so `this` is undefined inside as in ES modules.
/// ES modules that nothing loads at run time are not wrapped at all: `HoistingPlan` picks them and
/// `HoistedGroupLinker` concatenates them into a root's function (`linkHoisted` links each one's body).
///
/// Known differences from webpack: top-level `await` is not supported (the module function is not async); an exported `default`
/// expression is a `var`, so a cycle that reads it early sees `undefined` instead of a TDZ error.
struct ModuleLinker: Sendable {
    let graph: ModuleGraph
    let tables: [Int: ExportTable]
    let defines: DefineSet
    let nodeEnvironment: String
    /// `build --deploy-time-config`: JS_ENV_EXTRA_CONFIG reads go to the bundle's config slot.
    var readsDeployTimeSlot = false

    static func hasProtoKey(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members.contains { $0.key == "__proto__" || hasProtoKey($0.value) }
        case .array(let elements): elements.contains(where: hasProtoKey)
        default: false
        }
    }

    func link(_ module: GraphModule) -> LinkedModule {
        switch module.kind {
        case .empty:
            return LinkedModule(id: module.id, parameters: ["module", "exports", "require"], body: .text(""))
        case .json:
            let json = module.json.map { JSONWriter.write($0, style: .javaScriptCompact) } ?? "{}"
            // As an object literal, a "__proto__" key would set the prototype; JSON.parse makes it a property.
            let value = module.json.map(Self.hasProtoKey) == true
                ? "JSON.parse(" + JSONWriter.write(.string(json), style: .javaScriptCompact) + ")" : json
            return LinkedModule(id: module.id, parameters: ["module", "exports", "require"], body: .text("module.exports=" + value + ";"))
        case .commonJS, .esm:
            guard let program = module.program, let scope = module.scope else {
                return LinkedModule(id: module.id, parameters: ["module", "exports", "require"], body: .text(""))
            }
            var state = ModuleLinkState(linker: self, module: module, program: program, scope: scope)
            return state.link() ?? LinkedModule(id: module.id, parameters: ["module", "exports", "require"], body: .text(""))
        }
    }

    /// Links an ES module whose body goes into a group's function (`HoistedGroupLinker`): the body's statements
    /// without import/export declarations, renamed as `hoisting` says, with no prologue. nil when the renaming
    /// cannot be done safely (the group is then linked module by module).
    func linkHoisted(_ module: GraphModule, _ hoisting: HoistedLinking) -> LinkedModule? {
        guard module.kind == .esm, let program = module.program, let scope = module.scope else { return nil }
        var state = ModuleLinkState(linker: self, module: module, program: program, scope: scope)
        state.hoisting = hoisting
        return state.link()
    }
}

/// How one module of a hoisted group is linked (computed by `HoistedGroupLinker` for the whole group).
struct HoistedLinking {
    /// The group function's `require` parameter.
    var requireName: String
    /// Per declaration of the module's scope analysis: its name in the group (nil: unchanged). Import bindings
    /// that stand for one binding of the group are renamed to that binding's name.
    var newNames: [String?]
    /// Import bindings read through an expression instead (a property of a wrapped module's exports, …).
    var importReplacements: [String: ExpressionNode]
    /// The variable of an `export default` without a name of its own.
    var defaultLocal: String?
}

/// The work of linking one JavaScript module.
private struct ModuleLinkState {
    enum Imported {
        case named(String)
        case namespace
    }

    struct Binding {
        var target: Int
        var imported: Imported
    }

    let linker: ModuleLinker
    let module: GraphModule
    let program: Program
    let scope: ScopeAnalysis
    var picker: NamePicker
    var warnings: [Diagnostic] = []
    var moduleName = "module"
    var exportsName = "exports"
    var requireName = "require"
    /// Variable holding each statically imported module's exports, in first-import order.
    var importVariables: [Int: String] = [:]
    var importOrder: [Int] = []
    /// Imported modules whose exports are read (not only `import "x"` for its side effects).
    var readTargets: Set<Int> = []
    /// `require.t(_x)` namespaces of non-ESM modules, created once.
    var namespaceVariables: [Int: String] = [:]
    var bindings: [String: Binding] = [:]
    /// Set when the module is concatenated into a group's function instead of getting one of its own.
    var hoisting: HoistedLinking?

    init(linker: ModuleLinker, module: GraphModule, program: Program, scope: ScopeAnalysis) {
        self.linker = linker
        self.module = module
        self.program = program
        self.scope = scope
        var taken = Set(scope.declarations.map(\.name))
        for reference in scope.references { taken.insert(reference.name) }
        self.picker = NamePicker(taken: taken)
    }

    mutating func link() -> LinkedModule? {
        let isESM = module.kind == .esm
        var source = program
        if let hoisting {
            requireName = hoisting.requireName
            collectImports()
            guard let renamed = BindingRenaming.rename(program, analysis: scope, newNames: hoisting.newNames) else { return nil }
            source = renamed
        } else if isESM {
            let declared = Set(scope.declarations.map(\.name))
            if declared.contains("module") { moduleName = picker.fresh("__module") }
            if declared.contains("exports") { exportsName = picker.fresh("__exports") }
            if declared.contains("require") { requireName = picker.fresh("__require") }
            collectImports()
            prepareNamespaces()
        }
        let importReferences = importReferenceNames()
        let globalProcess = Set(scope.references.lazy.filter { $0.name == "process" && $0.declaration == nil }.map(\.offset))
        let substitution = DefineSubstitution(
            defines: linker.defines, nodeEnvironment: linker.nodeEnvironment, globalProcessOffsets: globalProcess,
            readsDeployTimeSlot: linker.readsDeployTimeSlot)

        let rewriter = makeRewriter(importReferences: importReferences, substitution: substitution)
        var body: [Statement] = []
        var defaultLocal: String?
        for statement in source.body {
            switch statement.kind {
            case .import, .exportNamed, .exportAll:
                continue
            case .directive where hoisting != nil:
                // Module code is strict already; the group's function says so once.
                continue
            default:
                break
            }
            let rewritten = rewriter.rewrite(statement)
            switch rewritten.kind {
            case .exportDeclaration(let declaration):
                body.append(declaration)
            case .exportDefaultExpression(let value):
                let name = hoisting?.defaultLocal ?? picker.fresh("_default")
                defaultLocal = name
                let declaration = VariableDeclaration(kind: .var, declarators: [VariableDeclarator(target: Pattern(.identifier(name)), initializer: value)])
                body.append(Statement(.variable(declaration), at: rewritten.at))
            case .exportDefaultFunction(var function):
                if function.name == nil { function.name = hoisting?.defaultLocal ?? picker.fresh("_default") }
                defaultLocal = function.name
                body.append(Statement(.function(function), at: rewritten.at))
            case .exportDefaultClass(var classNode):
                if classNode.name == nil { classNode.name = hoisting?.defaultLocal ?? picker.fresh("_default") }
                defaultLocal = classNode.name
                body.append(Statement(.class(classNode), at: rewritten.at))
            default:
                body.append(rewritten)
            }
        }
        var findings = substitution.finish()
        findings.reads.sort { $0.offset < $1.offset }
        let prologue = isESM && hoisting == nil ? esmPrologue(defaultLocal: defaultLocal) : []
        var output = program
        output.hashbang = nil
        output.body = prologue + body
        return LinkedModule(
            id: module.id, parameters: [moduleName, exportsName, requireName], body: .program(output), defineFindings: findings,
            warnings: warnings)
    }

    // MARK: - Prologue

    func esmPrologue(defaultLocal: String?) -> [Statement] {
        var statements = [Statement(.directive(raw: "\"use strict\""))]
        var getters: [String: ExpressionNode] = [:]
        for statement in program.body {
            switch statement.kind {
            case .exportDeclaration(let declaration):
                for name in ExportTables.declaredNames(declaration) { getters[name] = ExpressionNode(.identifier(name)) }
            case .exportDefaultExpression, .exportDefaultFunction, .exportDefaultClass:
                if let defaultLocal { getters["default"] = ExpressionNode(.identifier(defaultLocal)) }
            case .exportNamed(let declaration):
                if let source = declaration.source {
                    guard let target = module.dependencies[DependencyKey(specifier: source.string, isRequire: false)] else { continue }
                    for specifier in declaration.specifiers {
                        getters[specifier.exported.name] = read(.named(specifier.local.name), of: target)
                    }
                } else {
                    for specifier in declaration.specifiers {
                        let local = specifier.local.name
                        if let binding = bindings[local] {
                            getters[specifier.exported.name] = read(binding.imported, of: binding.target)
                        } else {
                            getters[specifier.exported.name] = ExpressionNode(.identifier(local))
                        }
                    }
                }
            case .exportAll(let declaration):
                guard let alias = declaration.alias,
                    let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)]
                else { continue }
                getters[alias.name] = read(.namespace, of: target)
            default:
                break
            }
        }
        let table = linker.tables[module.id] ?? ExportTable()
        var properties: [Property] = []
        for name in table.names {
            var getter = getters[name]
            if getter == nil, let source = table.starSource[name] { getter = read(.named(name), of: source) }
            guard let value = getter else { continue }
            let key: PropertyKey = NamePicker.isPlainIdentifierName(name) ? .identifier(name) : .string(JavaScriptString(name))
            let arrow = ArrowFunction(parameters: [], body: .expression(value))
            properties.append(Property(kind: .value, key: key, value: ExpressionNode(.arrow(arrow))))
        }
        statements.append(
            Statement(
                .expression(
                    ExpressionNode(
                        .call(callee: helper("e"), arguments: [ExpressionNode(.identifier(exportsName)), ExpressionNode(.object(properties))], optionalChain: .none)
                    ))))

        var starTargets: Set<Int> = []
        for statement in program.body {
            guard case .exportAll(let declaration) = statement.kind, declaration.alias == nil,
                let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)]
            else { continue }
            if linker.graph.modules[target].kind != .esm || linker.tables[target]?.dynamicStarSources.isEmpty == false {
                starTargets.insert(target)
            }
        }
        for target in importOrder {
            guard let variable = importVariables[target] else { continue }
            let load = ExpressionNode(
                .call(callee: ExpressionNode(.identifier(requireName)), arguments: [ExpressionNode(.number(raw: String(target)))], optionalChain: .none))
            guard readTargets.contains(target) else {
                statements.append(Statement(.expression(load)))
                continue
            }
            var declarators = [VariableDeclarator(target: Pattern(.identifier(variable)), initializer: load)]
            if let namespace = namespaceVariables[target] {
                declarators.append(
                    VariableDeclarator(
                        target: Pattern(.identifier(namespace)),
                        initializer: ExpressionNode(.call(callee: helper("t"), arguments: [ExpressionNode(.identifier(variable))], optionalChain: .none))))
            }
            statements.append(Statement(.variable(VariableDeclaration(kind: .var, declarators: declarators))))
            if starTargets.contains(target) {
                statements.append(
                    Statement(
                        .expression(
                            ExpressionNode(
                                .call(
                                    callee: helper("s"), arguments: [ExpressionNode(.identifier(exportsName)), ExpressionNode(.identifier(variable))],
                                    optionalChain: .none)))))
            }
        }
        return statements
    }

    // MARK: - Imports

    mutating func collectImports() {
        for statement in program.body {
            let specifier: String
            switch statement.kind {
            case .import(let declaration): specifier = declaration.source.string
            case .exportNamed(let declaration):
                guard let source = declaration.source else { continue }
                specifier = source.string
            case .exportAll(let declaration): specifier = declaration.source.string
            default: continue
            }
            guard let target = module.dependencies[DependencyKey(specifier: specifier, isRequire: false)] else { continue }
            if importVariables[target] == nil {
                importVariables[target] = picker.fresh(NamePicker.variableBase(for: specifier))
                importOrder.append(target)
            }
            if case .import(let declaration) = statement.kind {
                if declaration.defaultBinding != nil || declaration.namespaceBinding != nil || declaration.namedBindings?.isEmpty == false {
                    readTargets.insert(target)
                }
                if let name = declaration.defaultBinding {
                    bindings[name] = Binding(target: target, imported: .named("default"))
                    checkExported("default", by: target, at: declaration.sourceAt.byte)
                }
                if let name = declaration.namespaceBinding { bindings[name] = Binding(target: target, imported: .namespace) }
                for specifier in declaration.namedBindings ?? [] {
                    bindings[specifier.local] = Binding(target: target, imported: .named(specifier.imported.name))
                    checkExported(specifier.imported.name, by: target, at: declaration.sourceAt.byte)
                }
            } else {
                readTargets.insert(target)
            }
            if case .exportNamed(let declaration) = statement.kind {
                for specifier in declaration.specifiers { checkExported(specifier.local.name, by: target, at: declaration.sourceAt.byte) }
            }
        }
    }

    mutating func checkExported(_ name: String, by target: Int, at offset: Int) {
        guard let table = linker.tables[target], table.dynamicStarSources.isEmpty, table.origins[name] == nil else { return }
        let position = TextPosition(of: max(0, offset), in: module.source)
        let targetPath = linker.graph.modules[target].path
        let ambiguous = table.ambiguous.contains(name)
        warnings.append(
            Diagnostic(
                ambiguous ? .ambiguousStarExport : .importedNameMissing,
                ambiguous
                    ? "'\(name)' is exported by several `export *` of \(targetPath), so it is not exported at all"
                    : "'\(name)' is not exported by \(targetPath); the binding is undefined at run time",
                at: .file(module.path, line: position.line, column: position.column),
                fix: ambiguous
                    ? "export the wanted one explicitly in \(targetPath): export { \(name) } from \"…\""
                    : "import one of the names the module exports: \(table.names.joined(separator: ", "))"))
    }

    /// Offsets of identifier references that resolve to an import binding, with its local name.
    func importReferenceNames() -> [Int: String] {
        guard !bindings.isEmpty else { return [:] }
        var result: [Int: String] = [:]
        for reference in scope.references {
            guard let declaration = reference.declaration, scope.declarations[declaration].kind == .import,
                bindings[reference.name] != nil
            else { continue }
            if let hoisting, hoisting.importReplacements[reference.name] == nil { continue }
            result[reference.offset] = reference.name
        }
        return result
    }

    /// Gives each non-ESM module read as a namespace (`import * as`, `export * as`) one `require.t(_x)` variable.
    mutating func prepareNamespaces() {
        var targets = bindings.values.filter { if case .namespace = $0.imported { true } else { false } }.map(\.target)
        for statement in program.body {
            guard case .exportAll(let declaration) = statement.kind, declaration.alias != nil,
                let target = module.dependencies[DependencyKey(specifier: declaration.source.string, isRequire: false)]
            else { continue }
            targets.append(target)
        }
        for target in importOrder where targets.contains(target) && linker.graph.modules[target].kind != .esm {
            namespaceVariables[target] = picker.fresh((importVariables[target] ?? "_m") + "_ns")
        }
    }

    /// The expression that reads `imported` of module `target` (live: evaluated at each use).
    func read(_ imported: Imported, of target: Int) -> ExpressionNode {
        let variable = ExpressionNode(.identifier(importVariables[target] ?? "undefined"))
        let targetIsESM = linker.graph.modules[target].kind == .esm
        switch imported {
        case .namespace:
            if targetIsESM { return variable }
            if let name = namespaceVariables[target] { return ExpressionNode(.identifier(name)) }
            return ExpressionNode(.call(callee: helper("t"), arguments: [variable], optionalChain: .none))
        case .named(let name):
            if name == "default" && !targetIsESM {
                return ExpressionNode(.call(callee: helper("d"), arguments: [variable], optionalChain: .none))
            }
            return Self.member(variable, name)
        }
    }

    func helper(_ name: String) -> ExpressionNode {
        ExpressionNode(.member(object: ExpressionNode(.identifier(requireName)), name: name, optionalChain: .none))
    }

    static func member(_ object: ExpressionNode, _ name: String) -> ExpressionNode {
        if NamePicker.isPlainIdentifierName(name) { return ExpressionNode(.member(object: object, name: name, optionalChain: .none)) }
        return ExpressionNode(.index(object: object, index: ExpressionNode(.string(JavaScriptString(name))), optionalChain: .none))
    }

    // MARK: - Expressions

    func makeRewriter(importReferences: [Int: String], substitution: DefineSubstitution) -> ExpressionRewriter {
        var replacements: [String: ExpressionNode] = [:]
        if let hoisting {
            replacements = hoisting.importReplacements
        } else {
            for (name, binding) in bindings { replacements[name] = read(binding.imported, of: binding.target) }
        }
        let requireName = self.requireName
        let requireCalls = module.requireCallOffsets
        let dependencies = module.dependencies
        let graph = linker.graph
        return ExpressionRewriter.sharingUnchanged({ expression -> ExpressionNode? in
            if let replaced = substitution.substitute(expression) { return replaced }
            switch expression.kind {
            case .identifier:
                guard let name = importReferences[expression.at.byte], var replacement = replacements[name] else { return nil }
                replacement.at = SynthesizedMark.importedBinding
                return replacement
            case .call(let callee, let arguments, let chain):
                if callee.at.byte == SynthesizedMark.importedBinding.byte, Self.isMemberRead(callee) {
                    return ExpressionNode(.call(callee: Self.detached(callee), arguments: arguments, optionalChain: chain), at: expression.at)
                }
                guard case .identifier("require") = callee.kind, requireCalls.contains(callee.at.byte), arguments.count == 1,
                    let specifier = RequestCollector.literalString(arguments[0]),
                    let id = dependencies[DependencyKey(specifier: specifier, isRequire: true)]
                else { return nil }
                return ExpressionNode(
                    .call(
                        callee: ExpressionNode(.identifier(requireName), at: callee.at),
                        arguments: [ExpressionNode(.number(raw: String(id)), at: arguments[0].at)], optionalChain: .none),
                    at: expression.at)
            case .template(let tag?, let head, let spans) where tag.at.byte == SynthesizedMark.importedBinding.byte && Self.isMemberRead(tag):
                return ExpressionNode(.template(tag: Self.detached(tag), head: head, spans: spans), at: expression.at)
            case .importCall(let argument):
                guard let specifier = RequestCollector.literalString(argument),
                    let id = dependencies[DependencyKey(specifier: specifier, isRequire: false)]
                else { return nil }
                var loaded = ExpressionNode(
                    .call(callee: ExpressionNode(.identifier(requireName)), arguments: [ExpressionNode(.number(raw: String(id)))], optionalChain: .none))
                if graph.modules[id].kind != .esm {
                    loaded = ExpressionNode(
                        .call(
                            callee: ExpressionNode(.member(object: ExpressionNode(.identifier(requireName)), name: "t", optionalChain: .none)),
                            arguments: [loaded], optionalChain: .none))
                }
                let function = Function(name: nil, parameters: [], body: [Statement(.return(loaded))])
                let resolved = ExpressionNode(
                    .call(
                        callee: ExpressionNode(
                            .member(object: ExpressionNode(.identifier("Promise")), name: "resolve", optionalChain: .none)),
                        arguments: [], optionalChain: .none))
                return ExpressionNode(
                    .call(
                        callee: ExpressionNode(.member(object: resolved, name: "then", optionalChain: .none)),
                        arguments: [ExpressionNode(.function(function))], optionalChain: .none),
                    at: expression.at)
            default:
                return nil
            }
        })
    }

    static func isMemberRead(_ expression: ExpressionNode) -> Bool {
        switch expression.kind {
        case .member, .index: true
        default: false
        }
    }

    /// `(0, m.f)`: calls an imported function without `m` as `this`, as ES modules do.
    static func detached(_ callee: ExpressionNode) -> ExpressionNode {
        var plain = callee
        plain.at = .synthesized
        return ExpressionNode(.sequence([ExpressionNode(.number(raw: "0")), plain]))
    }
}
