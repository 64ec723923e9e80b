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

/// Reads a backend class's `npm_module` from its source without running Python.
///
/// The class is found in `package/module.py` or `package/module/__init__.py` under the site-packages
/// folders. Base classes are followed when they are defined in the same file or imported from the same
/// top-level package (`from .base import Base`, `from pkg.base import Base`, `import pkg.base as b`);
/// bases from other packages (edx_proctoring's `ProctoringBackendProvider`, `BaseRestProctoringProvider`)
/// define no `npm_module` and are not read. Bases are searched depth-first, left to right, which is the
/// MRO for the single-inheritance chains providers use.
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
        var lines: [PythonLogicalLine]
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
            loaded = ModuleSource(
                name: module, path: found.path, isPackage: found.isPackage, lines: PythonLogicalLineSplitter.split(text))
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
        if let definition = PythonClassDefinition.find(className, in: module.lines) {
            return .found(contentsOf: definition, module: module, topLevelPackage: topLevelPackage, scanner: self, cache: &cache, visited: &visited, depth: depth)
        }
        // Not defined here: maybe re-exported (`from .rest import Provider` in a package __init__).
        let imports = PythonImportBindings(lines: module.lines, module: module.name, isPackage: module.isPackage)
        if let target = imports.resolve(dottedName: className),
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
        ofBase base: String, in module: ModuleSource, topLevelPackage: String, cache: inout ModuleCache,
        visited: inout Set<String>, depth: Int
    ) -> LookupOutcome {
        // A base defined in the same file.
        if !base.contains("."), PythonClassDefinition.find(base, in: module.lines) != nil {
            return lookUp(className: base, in: module, topLevelPackage: topLevelPackage, cache: &cache, visited: &visited, depth: depth + 1)
        }
        let imports = PythonImportBindings(lines: module.lines, module: module.name, isPackage: module.isPackage)
        guard let target = imports.resolve(dottedName: base) else {
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
}

extension NpmModuleScanner.LookupOutcome {
    fileprivate static func found(
        contentsOf definition: PythonClassDefinition, module: NpmModuleScanner.ModuleSource, topLevelPackage: String,
        scanner: NpmModuleScanner, cache: inout NpmModuleScanner.ModuleCache, visited: inout Set<String>, depth: Int
    ) -> NpmModuleScanner.LookupOutcome {
        switch definition.npmModuleAssignment(file: module.path) {
        case .assigned(let declaration, let location):
            return .found(declaration, location)
        case .absent:
            for base in definition.bases {
                let outcome = scanner.declaration(
                    ofBase: base, in: module, topLevelPackage: topLevelPackage, cache: &cache, visited: &visited, depth: depth)
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
    }
}
