import DeploymentSettings
import Diagnostics
import FileSystemSupport

/// What the static read of a backend class found for `npm_module`.
public enum NpmModuleDeclaration: Sendable, Hashable {
    /// A class-level string literal, in the class or one of its bases.
    case declared(String)
    /// Neither the class nor a base it could read assigns it: upstream's `backend.npm_module` raises
    /// AttributeError and the backend has no worker.
    case notDeclared
    /// It could not be decided statically; `reason` says why.
    case unknown(reason: String)
}

/// The result of scanning one backend class.
public struct NpmModuleScanResult: Sendable, Hashable {
    public var declaration: NpmModuleDeclaration
    /// The assignment (or the class, for `notDeclared`), when found.
    public var location: SourceLocation?
    /// The file of the module the entry point names, when found.
    public var moduleFile: String?
    /// True when the declaration is unknown because a module or class could not be found (rather than
    /// because its value is not a literal).
    public var isSourceMissing: Bool

    public init(declaration: NpmModuleDeclaration, location: SourceLocation?, moduleFile: String?, isSourceMissing: Bool = false) {
        self.declaration = declaration
        self.location = location
        self.moduleFile = moduleFile
        self.isSourceMissing = isSourceMissing
    }
}

/// Reads a backend class's `npm_module` from its source without running Python, with the settings
/// parser's reading of the module (`PythonModuleSyntax`).
///
/// The class is found in `package/module.py` or `package/module/__init__.py` under the site-packages
/// folders. Base classes are followed when they are defined in the same file or imported from the same
/// top-level package (`from .base import Base`, `from pkg.base import Base`, `import pkg.base as b`);
/// bases from other packages (edx_proctoring's `ProctoringBackendProvider`, `BaseRestProctoringProvider`)
/// define no `npm_module` and are not read. Bases are searched depth-first, left to right, which is the
/// MRO for the single-inheritance chains providers use. A module Python would refuse to compile makes the
/// declaration unknown.
public struct NpmModuleScanner: Sendable {
    public let fileSystem: any FileSystem
    /// Where modules are looked up, first match wins.
    public let searchPath: [String]

    public init(fileSystem: any FileSystem, searchPath: [String]) {
        self.fileSystem = fileSystem
        self.searchPath = searchPath
    }

    public func scan(module: String, className: String) -> NpmModuleScanResult {
        var cache = ModuleCache()
        guard let source = loadModule(module, cache: &cache) else {
            return NpmModuleScanResult(
                declaration: .unknown(reason: "module '\(module)' was not found under \(searchPath.joined(separator: ", "))"),
                location: nil, moduleFile: nil, isSourceMissing: true)
        }
        let topLevelPackage = String(module.split(separator: ".").first ?? "")
        var visited = Set<String>()
        let outcome = lookUp(
            className: className, in: source, topLevelPackage: topLevelPackage, cache: &cache, visited: &visited, depth: 0)
        switch outcome {
        case .classNotFound:
            return NpmModuleScanResult(
                declaration: .unknown(reason: "class '\(className)' is not defined in \(source.path)"),
                location: .file(source.path), moduleFile: source.path, isSourceMissing: true)
        case .baseSourceMissing(let reason):
            return NpmModuleScanResult(
                declaration: .unknown(reason: reason), location: nil, moduleFile: source.path, isSourceMissing: true)
        case .found(let declaration, let location):
            return NpmModuleScanResult(declaration: declaration, location: location, moduleFile: source.path)
        }
    }

    // MARK: - Modules

    struct ModuleSource {
        var name: String
        var path: String
        var isPackage: Bool
        var syntax: Result<PythonModuleSyntax, PythonModuleSyntax.SyntaxError>

        /// The package relative imports start from: the module itself for a package's `__init__.py`.
        var package: [String] {
            let parts = name.split(separator: ".").map(String.init)
            return isPackage ? parts : Array(parts.dropLast())
        }
    }

    struct ModuleCache {
        var modules: [String: ModuleSource?] = [:]
    }

    func moduleFile(_ module: String) -> (path: String, isPackage: Bool)? {
        let relative = module.split(separator: ".").joined(separator: "/")
        for root in searchPath {
            let file = PathComponents.join(root, relative + ".py")
            if fileSystem.fileExists(file) { return (file, false) }
            let package = PathComponents.join(root, relative, "__init__.py")
            if fileSystem.fileExists(package) { return (package, true) }
        }
        return nil
    }

    private func loadModule(_ module: String, cache: inout ModuleCache) -> ModuleSource? {
        if let cached = cache.modules[module] { return cached }
        var loaded: ModuleSource?
        if let found = moduleFile(module), let text = try? fileSystem.readUTF8File(found.path) {
            let syntax: Result<PythonModuleSyntax, PythonModuleSyntax.SyntaxError>
            do throws(PythonModuleSyntax.SyntaxError) {
                syntax = .success(try PythonModuleSyntax.parse(text))
            } catch {
                syntax = .failure(error)
            }
            loaded = ModuleSource(name: module, path: found.path, isPackage: found.isPackage, syntax: syntax)
        }
        cache.modules[module] = loaded
        return loaded
    }

    // MARK: - Classes

    enum LookupOutcome {
        case classNotFound
        /// A base class of the same package whose module or definition could not be found.
        case baseSourceMissing(reason: String)
        case found(NpmModuleDeclaration, SourceLocation?)
    }

    private func lookUp(
        className: String, in module: ModuleSource, topLevelPackage: String, cache: inout ModuleCache,
        visited: inout Set<String>, depth: Int
    ) -> LookupOutcome {
        let key = module.name + ":" + className
        guard depth < 16, !visited.contains(key) else {
            return .found(.unknown(reason: "the base classes of '\(className)' form a cycle or are nested too deep"), nil)
        }
        visited.insert(key)
        let syntax: PythonModuleSyntax
        switch module.syntax {
        case .success(let parsed):
            syntax = parsed
        case .failure(let error):
            return .found(
                .unknown(reason: "\(module.path) is not valid Python: \(error.message)"),
                .file(module.path, line: error.line, column: error.column))
        }
        if let definition = syntax.lastClass(named: className) {
            return .found(contentsOf: definition, module: module, topLevelPackage: topLevelPackage, scanner: self, cache: &cache, visited: &visited, depth: depth)
        }
        // Not defined here: maybe re-exported (`from .rest import Provider` in a package __init__).
        if let target = resolve(dottedName: className, imports: syntax.imports, in: module),
            target.module.split(separator: ".").first.map(String.init) == topLevelPackage,
            let targetModule = loadModule(target.module, cache: &cache)
        {
            return lookUp(
                className: target.className, in: targetModule, topLevelPackage: topLevelPackage, cache: &cache,
                visited: &visited, depth: depth + 1)
        }
        return .classNotFound
    }

    fileprivate func declaration(
        ofBase base: String, in module: ModuleSource, syntax: PythonModuleSyntax, topLevelPackage: String,
        cache: inout ModuleCache, visited: inout Set<String>, depth: Int
    ) -> LookupOutcome {
        // A base defined in the same file.
        if !base.contains("."), syntax.lastClass(named: base) != nil {
            return lookUp(className: base, in: module, topLevelPackage: topLevelPackage, cache: &cache, visited: &visited, depth: depth + 1)
        }
        guard let target = resolve(dottedName: base, imports: syntax.imports, in: module) else {
            // A builtin (`object`) or something defined in a way we do not model: assume it has no npm_module.
            return .found(.notDeclared, nil)
        }
        let targetTop = String(target.module.split(separator: ".").first ?? "")
        guard targetTop == topLevelPackage else { return .found(.notDeclared, nil) }
        guard let targetModule = loadModule(target.module, cache: &cache) else {
            return .baseSourceMissing(reason: "base class '\(base)' comes from module '\(target.module)', which was not found")
        }
        let outcome = lookUp(
            className: target.className, in: targetModule, topLevelPackage: topLevelPackage, cache: &cache,
            visited: &visited, depth: depth + 1)
        if case .classNotFound = outcome {
            return .baseSourceMissing(reason: "base class '\(target.className)' is not defined in \(targetModule.path)")
        }
        return outcome
    }

    /// Where `Base` or `mod.sub.Base` (as used in a class's base list) is defined, by the module's imports
    /// (the last import of a name wins): a module and a class name.
    private func resolve(dottedName: String, imports: [PythonImportSyntax], in module: ModuleSource) -> (module: String, className: String)? {
        let parts = dottedName.split(separator: ".").map(String.init)
        guard let head = parts.first, let className = parts.last,
            let binding = imports.last(where: { $0.boundName == head && $0.absoluteModule(package: module.package) != nil }),
            let bindingModule = binding.absoluteModule(package: module.package)
        else { return nil }
        if parts.count == 1 {
            guard let importedName = binding.importedName else { return nil }
            return (bindingModule, importedName)
        }
        // `mod.Base` or `pkg.sub.Base`: the head names a module.
        var modulePath = binding.importedName.map { bindingModule + "." + $0 } ?? bindingModule
        for middle in parts.dropFirst().dropLast() { modulePath += "." + middle }
        return (modulePath, className)
    }
}

extension NpmModuleScanner.LookupOutcome {
    fileprivate static func found(
        contentsOf definition: PythonClassSyntax, module: NpmModuleScanner.ModuleSource, topLevelPackage: String,
        scanner: NpmModuleScanner, cache: inout NpmModuleScanner.ModuleCache, visited: inout Set<String>, depth: Int
    ) -> NpmModuleScanner.LookupOutcome {
        if let binding = definition.attributes.last(where: { $0.name == "npm_module" }) {
            return .found(declaration(of: binding, className: definition.name), .file(module.path, line: binding.line, column: binding.column))
        }
        guard case .success(let syntax) = module.syntax else { return .found(.notDeclared, nil) }
        for base in definition.bases {
            let outcome = scanner.declaration(
                ofBase: base, in: module, syntax: syntax, topLevelPackage: topLevelPackage, cache: &cache, visited: &visited,
                depth: depth)
            switch outcome {
            case .found(let declaration, let location) where declaration != .notDeclared:
                return .found(declaration, location)
            case .baseSourceMissing:
                return outcome
            default:
                continue
            }
        }
        return .found(.notDeclared, .file(module.path, line: definition.line, column: definition.column))
    }

    /// The class-level binding of `npm_module` that wins (the last one): only a plain assignment of a str
    /// literal at the body's level has a static value.
    private static func declaration(of binding: PythonClassAttribute, className: String) -> NpmModuleDeclaration {
        switch binding.value {
        case .definition(let kind):
            return .unknown(
                reason: kind == "class"
                    ? "'npm_module' is a nested class of class '\(className)'"
                    : "'npm_module' is a method or property of class '\(className)'")
        case _ where binding.isConditional:
            return .unknown(reason: "'npm_module' is assigned inside a block of class '\(className)', so its value depends on a condition")
        case .string(let value):
            return .declared(value)
        case .notStringLiteral(let source, let reason):
            return .unknown(reason: "'\(source)' in class '\(className)': \(reason)")
        case .otherBinding(let source):
            return .unknown(reason: "'\(source)' in class '\(className)' binds 'npm_module' without assigning a string literal")
        }
    }
}
