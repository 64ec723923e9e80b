import Diagnostics
import FileSystemSupport
import OrderedJSON

/// Resolves `import`/`require`/entry requests to files the way webpack 5 does for
/// `target: 'webworker'` (see `ResolverOptions` for the exact rules and where they differ).
///
/// Order for one request:
/// 1. A bare request named in the `browser` object of the importer's nearest package.json is
///    replaced (the value is a new request made from that package's directory) or emptied (`false`).
/// 2. `#name` goes through the importer package's `imports`.
/// 3. `/abs` and `./rel`, `../rel` load as a file (exact, then each extension) or a directory
///    (main fields, then index files).
/// 4. A bare request named in `moduleFiles` is that file. Another bare request `name[/sub]` (`@scope/name[/sub]`) refers to the importer's own package when
///    that package's `name` matches and it has `exports`; otherwise `node_modules/name` is looked up
///    in every ancestor of the importer's real directory, then in the additional roots. A package
///    with `exports` is resolved through them only (no fallback to files), as node and webpack do.
/// 5. Every file found passes through the `browser` object of its own package (file remapping).
/// 6. The file's real path is its identity; format and package come from it.
///
/// The resolver reads package.json files through a cache shared by all its copies, so one instance
/// should serve a whole build; it is safe to use from several tasks at once. It never prints:
/// a failure is a `ResolutionError` carrying one diagnostic (PA140–PA148), and non-fatal findings
/// (PA149, PA152) are in `ResolvedModule.warnings`.
public struct ModuleResolver: Sendable {
    public let fileSystem: any FileSystem
    public let options: ResolverOptions
    private let manifests: PackageManifestCache
    private let resolutions = ResolutionMemo()

    public init(fileSystem: any FileSystem, options: ResolverOptions = .webworker()) {
        // stat and realpath answers are remembered for the resolver's life: one build.
        self.fileSystem = CachedFileLookups.wrapping(fileSystem)
        self.options = options
        self.manifests = PackageManifestCache(fileSystem: self.fileSystem)
    }

    public func resolve(_ specifier: String, from importer: ImporterLocation, kind: RequestKind = .require)
        -> Result<ResolvedModule, ResolutionError>
    {
        let baseDirectory = (try? fileSystem.realPath(importer.directory)) ?? PathComponents.normalize(importer.directory)
        let key = ResolutionMemo.Key(baseDirectory: baseDirectory, specifier: specifier, kind: kind)
        do {
            let answer: ResolutionMemo.Answer
            if let known = resolutions.answer(for: key) {
                answer = known
            } else {
                var search = SearchState(specifier: specifier, importer: importer, kind: kind)
                let found = try resolveRequest(specifier, from: baseDirectory, search: &search, depth: 0)
                answer = ResolutionMemo.Answer(
                    found: found, module: try finish(found, search: search),
                    guessesPath: Self.guessesPath(found, specifier: specifier, baseDirectory: baseDirectory))
                resolutions.remember(answer, for: key)
            }
            var module = answer.module
            module.warnings = try warnings(for: answer, specifier: specifier, from: importer, kind: kind)
            return .success(module)
        } catch {
            return .failure(error)
        }
    }

    /// Whether a path request found a file only by guessing (an added extension or a directory's main/index
    /// file); a browser remap to another file is no guess.
    private static func guessesPath(_ found: Found, specifier: String, baseDirectory: String) -> Bool {
        guard case .file(let path, _) = found, isPathRequest(specifier) else { return false }
        let requested = PathComponents.normalize(PathComponents.join(baseDirectory, specifier))
        return path != requested && path.hasPrefix(requested)
    }

    /// The findings that depend on the importer: PA149 for an extension webpack would not add, PA152 for a path
    /// an ES module does not fully specify.
    private func warnings(
        for answer: ResolutionMemo.Answer, specifier: String, from importer: ImporterLocation, kind: RequestKind
    ) throws(ResolutionError) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        if case .file(_, let addedExtension?) = answer.found, let webpackExtensions = options.webpackExtensions,
            !webpackExtensions.contains(addedExtension)
        {
            warnings.append(
                ResolutionDiagnostics.extensionUnknownToWebpack(
                    specifier, resolvedPath: answer.module.path, extensionUsed: addedExtension, from: importer))
        }
        if answer.guessesPath, kind != .require, try importerIsESModule(importer) {
            warnings.append(ResolutionDiagnostics.notFullySpecified(specifier, resolvedPath: answer.module.path, from: importer))
        }
        return warnings
    }

    /// Reads a resolved module's bytes (nothing for an empty module); an unreadable file becomes `PA148`
    /// pointing at the request that led to it.
    public func readSource(of module: ResolvedModule, requestedAt location: SourceLocation? = nil)
        -> Result<[UInt8], ResolutionError>
    {
        if module.isEmpty { return .success([]) }
        do {
            return .success(try fileSystem.readFile(module.path))
        } catch {
            var diagnostic = ResolutionDiagnostics.unreadable(error, reading: "module")
            if let location { diagnostic.location = location }
            diagnostic.notes.append("module file: \(module.path)")
            return .failure(ResolutionError(diagnostic))
        }
    }

    // MARK: - Request kinds

    static func isPathRequest(_ specifier: String) -> Bool {
        specifier.hasPrefix("/") || specifier == "." || specifier == ".." || specifier.hasPrefix("./")
            || specifier.hasPrefix("../")
    }

    /// webpack's `javascript/esm` modules: `.mjs`, or `.js` in a `"type": "module"` package scope.
    private func importerIsESModule(_ importer: ImporterLocation) throws(ResolutionError) -> Bool {
        guard let file = importer.file else { return false }
        if file.hasSuffix(".mjs") { return true }
        guard file.hasSuffix(".js") else { return false }
        if case .present(let manifest) = try lookupNearest(from: PathComponents.dirname(file)) { return manifest.isModuleType }
        return false
    }

    private func resolveRequest(_ specifier: String, from baseDirectory: String, search: inout SearchState, depth: Int)
        throws(ResolutionError) -> Found
    {
        guard depth < 8, !specifier.isEmpty else { throw notFound(search, baseDirectory: baseDirectory) }
        let isPath = Self.isPathRequest(specifier)
        if !isPath && !specifier.hasPrefix("#"), let replacement = try browserModuleReplacement(specifier, from: baseDirectory) {
            switch replacement {
            case .disabled:
                return .disabled("(disabled):\(specifier)")
            case .request(let request, let packageDirectory):
                search.replacements.append(
                    "'\(specifier)' is replaced by '\(request)' through the \"browser\" field of \(PathComponents.join(packageDirectory, "package.json"))"
                )
                return try resolveRequest(request, from: packageDirectory, search: &search, depth: depth + 1)
            }
        }
        if specifier.hasPrefix("#") {
            return try resolvePackageImport(specifier, from: baseDirectory, search: &search, depth: depth)
        }
        if isPath {
            let path = PathComponents.normalize(PathComponents.join(baseDirectory, specifier))
            let directoryOnly = specifier.hasSuffix("/") || specifier == "." || specifier == ".."
            guard let found = try locate(path, directoryOnly: directoryOnly, search: &search) else {
                throw notFound(search, baseDirectory: baseDirectory)
            }
            return try remapThroughBrowserField(found, search: &search, depth: depth)
        }
        if specifier.hasPrefix("node:") {
            throw builtinFailure(specifier, baseDirectory: baseDirectory, search: search)
        }
        return try resolveBare(specifier, from: baseDirectory, search: &search, depth: depth)
    }

    private func resolveBare(_ specifier: String, from baseDirectory: String, search: inout SearchState, depth: Int)
        throws(ResolutionError) -> Found
    {
        if let file = options.moduleFiles[specifier] {
            let path = PathComponents.normalize(file)
            search.record(path, .givenFile(specifier: specifier))
            guard fileSystem.fileExists(path) else { throw notFound(search, baseDirectory: baseDirectory) }
            return .file(path, addedExtension: nil)
        }
        let (packageName, subpath) = Self.splitBareSpecifier(specifier)
        if case .present(let own) = try lookupNearest(from: baseDirectory), own.name == packageName, let exports = own.exports {
            return try resolveExports(own, exports: exports, subpath: "." + subpath, search: &search, depth: depth)
        }
        for moduleDirectory in moduleDirectories(from: baseDirectory) {
            let packageDirectory = PathComponents.join(moduleDirectory, packageName)
            guard fileSystem.directoryExists(moduleDirectory) else {
                search.record(packageDirectory, .noModuleDirectory(name: PathComponents.basename(moduleDirectory)))
                continue
            }
            if fileSystem.directoryExists(packageDirectory) {
                search.installedPackageDirectories.append(packageDirectory)
                switch manifests.manifest(in: packageDirectory) {
                case .failed(let diagnostic): throw ResolutionError(diagnostic)
                case .present(let manifest):
                    if let exports = manifest.exports {
                        return try resolveExports(
                            manifest, exports: exports, subpath: "." + subpath, search: &search, depth: depth)
                    }
                case .absent: break
                }
            }
            let candidate = PathComponents.join(moduleDirectory, specifier)
            if let found = try locate(candidate, directoryOnly: specifier.hasSuffix("/"), search: &search) {
                return try remapThroughBrowserField(found, search: &search, depth: depth)
            }
        }
        if NodeBuiltinModules.builtinName(specifier) != nil {
            throw builtinFailure(specifier, baseDirectory: baseDirectory, search: search)
        }
        throw notFound(search, baseDirectory: baseDirectory, packageName: packageName)
    }

    private func resolveExports(
        _ manifest: PackageManifest, exports: JSONValue, subpath: String, search: inout SearchState, depth: Int
    ) throws(ResolutionError) -> Found {
        let resolver = PackageTargetResolver(packageDirectory: manifest.directory, conditions: conditions(search.kind))
        switch resolver.resolveExport(subpath, exports: exports) {
        case .path(let path):
            search.record(path, .exportsTarget(manifestPath: manifest.path))
            guard fileSystem.fileExists(path) else {
                throw notFound(search, baseDirectory: manifest.directory)
            }
            return try remapThroughBrowserField(.file(path, addedExtension: nil), search: &search, depth: depth)
        case .excluded:
            throw ResolutionError(
                ResolutionDiagnostics.notExported(
                    search.specifier, subpath: subpath, manifest: manifest, conditions: conditionList(search.kind),
                    excluded: true, from: search.importer))
        case .noMatch, .bareRequest:
            throw ResolutionError(
                ResolutionDiagnostics.notExported(
                    search.specifier, subpath: subpath, manifest: manifest, conditions: conditionList(search.kind),
                    excluded: false, from: search.importer))
        case .invalidTarget(let reason):
            throw ResolutionError(
                ResolutionDiagnostics.invalidTarget(
                    reason, field: "exports", manifest: manifest, specifier: search.specifier, from: search.importer))
        case .invalidField(let reason):
            throw ResolutionError(ResolutionDiagnostics.invalidField(reason, manifest: manifest, from: search.importer))
        }
    }

    private func resolvePackageImport(_ specifier: String, from baseDirectory: String, search: inout SearchState, depth: Int)
        throws(ResolutionError) -> Found
    {
        var scope: PackageManifest?
        if case .present(let manifest) = try lookupNearest(from: baseDirectory) { scope = manifest }
        guard let manifest = scope, let imports = manifest.imports else {
            throw ResolutionError(ResolutionDiagnostics.importNotDefined(specifier, manifest: scope, from: search.importer))
        }
        let resolver = PackageTargetResolver(packageDirectory: manifest.directory, conditions: conditions(search.kind))
        switch resolver.resolveImport(specifier, imports: imports) {
        case .path(let path):
            search.record(path, .importsTarget(manifestPath: manifest.path))
            guard fileSystem.fileExists(path) else { throw notFound(search, baseDirectory: manifest.directory) }
            return try remapThroughBrowserField(.file(path, addedExtension: nil), search: &search, depth: depth)
        case .bareRequest(let request):
            return try resolveBare(request, from: manifest.directory, search: &search, depth: depth + 1)
        case .excluded, .noMatch:
            throw ResolutionError(ResolutionDiagnostics.importNotDefined(specifier, manifest: manifest, from: search.importer))
        case .invalidTarget(let reason):
            throw ResolutionError(
                ResolutionDiagnostics.invalidTarget(
                    reason, field: "imports", manifest: manifest, specifier: specifier, from: search.importer))
        case .invalidField(let reason):
            throw ResolutionError(ResolutionDiagnostics.invalidField(reason, manifest: manifest, from: search.importer))
        }
    }

    // MARK: - Files and directories

    /// LOAD_AS_FILE then LOAD_AS_DIRECTORY; nil when neither exists.
    private func locate(_ path: String, directoryOnly: Bool, search: inout SearchState) throws(ResolutionError) -> Found? {
        if !directoryOnly, let found = loadAsFile(path, search: &search) { return found }
        guard fileSystem.directoryExists(path) else {
            if directoryOnly { search.record(path, .noSuchDirectory) }
            return nil
        }
        return try loadAsDirectory(path, search: &search)
    }

    private func loadAsFile(_ path: String, search: inout SearchState) -> Found? {
        search.record(path, .asFile(extensions: options.extensions))
        if fileSystem.fileExists(path) { return .file(path, addedExtension: nil) }
        for fileExtension in options.extensions where fileSystem.fileExists(path + fileExtension) {
            return .file(path + fileExtension, addedExtension: fileExtension)
        }
        return nil
    }

    private func loadAsDirectory(_ directory: String, search: inout SearchState) throws(ResolutionError) -> Found? {
        switch manifests.manifest(in: directory) {
        case .failed(let diagnostic):
            throw ResolutionError(diagnostic)
        case .present(let manifest):
            for field in options.mainFields {
                guard let value = manifest.json[field]?.stringValue, !value.isEmpty else { continue }
                let target = PathComponents.normalize(PathComponents.join(directory, value))
                search.record(target, .mainField(field, manifestPath: manifest.path))
                if let found = loadAsFile(target, search: &search) { return found }
                if fileSystem.directoryExists(target), let found = loadIndex(target, search: &search) { return found }
            }
        case .absent:
            break
        }
        return loadIndex(directory, search: &search)
    }

    private func loadIndex(_ directory: String, search: inout SearchState) -> Found? {
        for mainFile in options.mainFiles {
            if let found = loadAsFile(PathComponents.join(directory, mainFile), search: &search) { return found }
        }
        return nil
    }

    /// `node_modules` in the directory and each ancestor (skipping `…/node_modules/node_modules`),
    /// then the additional roots.
    private func moduleDirectories(from directory: String) -> [String] {
        var result: [String] = []
        var current = directory
        while true {
            if PathComponents.basename(current) != options.moduleDirectoryName {
                result.append(PathComponents.join(current, options.moduleDirectoryName))
            }
            if current == "/" || current.isEmpty { break }
            current = PathComponents.dirname(current)
        }
        return result + options.additionalModuleDirectories.map { PathComponents.normalize($0) }
    }

    // MARK: - The browser field

    private enum BrowserReplacement {
        case disabled
        case request(String, packageDirectory: String)
    }

    /// A bare request named in the importer package's `browser` object.
    private func browserModuleReplacement(_ specifier: String, from baseDirectory: String) throws(ResolutionError)
        -> BrowserReplacement?
    {
        guard options.usesBrowserFieldMap, case .present(let manifest) = try lookupNearest(from: baseDirectory),
            let map = manifest.browserMap, let member = map.last(where: { $0.key == specifier })
        else { return nil }
        return try replacement(member, in: manifest, original: specifier)
    }

    private func replacement(_ member: JSONMember, in manifest: PackageManifest, original: String) throws(ResolutionError)
        -> BrowserReplacement?
    {
        switch member.value {
        case .bool(false):
            return .disabled
        case .string(let request) where request != original:
            return .request(request, packageDirectory: manifest.directory)
        case .string:
            return nil
        default:
            throw ResolutionError(
                Diagnostic(
                    .packageFieldInvalid,
                    "\(manifest.path): \"browser\" maps \"\(member.key)\" to \(member.value.kindDescription); only a string or false is allowed",
                    at: .file(manifest.path), fix: "fix the package's \"browser\" field or install another version"))
        }
    }

    /// Applies the `browser` object of the file's own package to a file that was found.
    private func remapThroughBrowserField(_ found: Found, search: inout SearchState, depth: Int) throws(ResolutionError) -> Found
    {
        guard options.usesBrowserFieldMap, case .file(let path, _) = found,
            case .present(let manifest) = try lookupNearest(from: PathComponents.dirname(path)),
            let map = manifest.browserMap
        else { return found }
        for member in map where Self.isFileKey(member.key) {
            let keyPath = PathComponents.normalize(PathComponents.join(manifest.directory, member.key))
            let matches =
                keyPath == path || options.extensions.contains { keyPath + $0 == path }
                || options.mainFiles.contains { mainFile in
                    options.extensions.contains { PathComponents.join(keyPath, mainFile + $0) == path }
                }
            guard matches else { continue }
            switch try replacement(member, in: manifest, original: member.key) {
            case .disabled:
                return .disabled("(disabled):\((try? fileSystem.realPath(path)) ?? path)")
            case .request(let request, let packageDirectory):
                // The value is a request made from the package directory, used verbatim as webpack's
                // aliasFields do: "lib/b.js" (no "./") names a package "lib", not a file.
                search.replacements.append(
                    "\(path) is replaced by '\(request)' through the \"browser\" field of \(manifest.path)")
                return try resolveRequest(request, from: packageDirectory, search: &search, depth: depth + 1)
            case nil:
                return found
            }
        }
        return found
    }

    /// Keys of a `browser` object that name files of the package rather than modules: paths, and
    /// names with a script extension (webpack also matches "lib/a.js" against the request "./lib/a.js").
    private static func isFileKey(_ key: String) -> Bool {
        if key.hasPrefix("./") || key.hasPrefix("../") || key.hasPrefix("/") { return true }
        return [".js", ".mjs", ".cjs", ".json"].contains { key.hasSuffix($0) } && !key.hasPrefix("@")
    }

    // MARK: - Results and failures

    private func finish(_ found: Found, search: SearchState) throws(ResolutionError) -> ResolvedModule {
        switch found {
        case .disabled(let identity):
            return ResolvedModule(path: identity, format: .empty, package: nil)
        case .file(let path, _):
            let realPath: String
            do {
                realPath = try fileSystem.realPath(path)
            } catch {
                throw ResolutionError(
                    failureDiagnostic(for: error, search: search)
                        ?? ResolutionDiagnostics.unreadable(error, reading: "module"))
            }
            let scope = try lookupNearest(from: PathComponents.dirname(realPath))
            let format: ModuleFormat
            if realPath.hasSuffix(".mjs") {
                format = .esm
            } else if realPath.hasSuffix(".cjs") {
                format = .commonJS
            } else if realPath.hasSuffix(".json") {
                format = .json
            } else if case .present(let manifest) = scope, manifest.isModuleType {
                format = .esm
            } else {
                format = .commonJS
            }
            var package: PackageIdentity?
            if case .present(let manifest) = manifests.nearestManifest(
                from: PathComponents.dirname(realPath), requiringName: true),
                let name = manifest.name
            {
                package = PackageIdentity(name: name, version: manifest.version, manifestPath: manifest.path)
            }
            return ResolvedModule(path: realPath, format: format, package: package)
        }
    }

    private func lookupNearest(from directory: String) throws(ResolutionError) -> PackageManifestCache.Lookup {
        let lookup = manifests.nearestManifest(from: directory)
        if case .failed(let diagnostic) = lookup { throw ResolutionError(diagnostic) }
        return lookup
    }

    private func notFound(_ search: SearchState, baseDirectory: String, packageName: String? = nil) -> ResolutionError {
        if let explained = explainMissing(search) { return ResolutionError(explained) }
        var installDirectory = search.importer.directory
        if case .present(let manifest) = manifests.nearestManifest(from: baseDirectory) {
            installDirectory = manifest.directory
        }
        return ResolutionError(
            ResolutionDiagnostics.notFound(
                search.specifier, from: search.importer, tried: search.triedLines, installDirectory: installDirectory,
                packageName: packageName, installedAt: search.installedPackageDirectories.first,
                extensions: options.extensions, replacements: search.replacements))
    }

    private func builtinFailure(_ specifier: String, baseDirectory: String, search: SearchState) -> ResolutionError {
        var manifestPath: String?
        if case .present(let manifest) = manifests.nearestManifest(from: baseDirectory) { manifestPath = manifest.path }
        let name = NodeBuiltinModules.builtinName(specifier) ?? specifier
        return ResolutionError(
            ResolutionDiagnostics.nodeBuiltin(specifier, name: name, from: search.importer, packageManifest: manifestPath))
    }

    /// A missing file may really be a symlink loop or an unreadable directory; say so when it is.
    private func explainMissing(_ search: SearchState) -> Diagnostic? {
        for path in search.probedPaths {
            do {
                _ = try fileSystem.realPath(path)
            } catch {
                if let diagnostic = failureDiagnostic(for: error, search: search) { return diagnostic }
            }
        }
        var checked = Set<String>()
        for path in search.probedPaths {
            var directory = PathComponents.dirname(path)
            while !directory.isEmpty, directory != "/", checked.insert(directory).inserted {
                if fileSystem.directoryExists(directory) {
                    do {
                        _ = try fileSystem.listDirectory(directory)
                    } catch {
                        if case .permissionDenied = error {
                            return ResolutionDiagnostics.unreadableDirectory(
                                directory, specifier: search.specifier, from: search.importer, error: error)
                        }
                    }
                    break
                }
                directory = PathComponents.dirname(directory)
            }
        }
        return nil
    }

    private func failureDiagnostic(for error: FileSystemError, search: SearchState) -> Diagnostic? {
        switch error {
        case .other(let path, let reason) where reason.lowercased().contains("symbolic link"):
            return ResolutionDiagnostics.symlinkLoop(path, specifier: search.specifier, from: search.importer)
        case .permissionDenied(let path):
            return ResolutionDiagnostics.unreadableDirectory(
                PathComponents.dirname(path), specifier: search.specifier, from: search.importer, error: error)
        default:
            return nil
        }
    }

    private func conditions(_ kind: RequestKind) -> Set<String> {
        Set(conditionList(kind))
    }

    /// The active condition names in the order shown in messages.
    private func conditionList(_ kind: RequestKind) -> [String] {
        options.conditionNames + [kind.conditionName, "default"]
    }

    /// `@scope/name/sub` → (`@scope/name`, `/sub`); `name` → (`name`, ``).
    static func splitBareSpecifier(_ specifier: String) -> (packageName: String, subpath: String) {
        let parts = specifier.split(separator: "/", omittingEmptySubsequences: false)
        let nameLength = specifier.hasPrefix("@") && parts.count >= 2 ? 2 : 1
        let name = parts.prefix(nameLength).joined(separator: "/")
        let rest = parts.dropFirst(nameLength).joined(separator: "/")
        return (name, rest.isEmpty && parts.count <= nameLength ? "" : "/" + rest)
    }
}

/// A file found on the way, before symlinks are resolved.
enum Found: Sendable, Hashable {
    case file(String, addedExtension: String?)
    /// An empty module, identified by `(disabled):…`.
    case disabled(String)
}

/// What one request has tried so far, for the not-found message.
struct SearchState {
    let specifier: String
    let importer: ImporterLocation
    let kind: RequestKind
    /// Every path tried, and why; words only for a failure's message (most requests succeed).
    private(set) var tried: [(path: String, reason: TriedReason)] = []
    /// Package directories found on the node_modules walk (the package exists, the subpath did not).
    var installedPackageDirectories: [String] = []
    /// Requests replaced through `browser` fields on the way, as notes for a failure.
    var replacements: [String] = []

    init(specifier: String, importer: ImporterLocation, kind: RequestKind) {
        self.specifier = specifier
        self.importer = importer
        self.kind = kind
    }

    mutating func record(_ path: String, _ reason: TriedReason) {
        tried.append((path, reason))
    }

    /// Human lines: "<path> (why it was tried)".
    var triedLines: [String] { tried.map { "\($0.path) (\($0.reason.description))" } }

    /// Raw paths, to look for symlink loops and unreadable directories after a failure.
    var probedPaths: [String] { tried.map(\.path) }
}

/// Why the resolver tried a path.
enum TriedReason: CustomStringConvertible {
    case givenFile(specifier: String)
    case noModuleDirectory(name: String)
    case exportsTarget(manifestPath: String)
    case importsTarget(manifestPath: String)
    case noSuchDirectory
    case asFile(extensions: [String])
    case mainField(String, manifestPath: String)

    var description: String {
        switch self {
        case .givenFile(let specifier): "the file given for '\(specifier)'"
        case .noModuleDirectory(let name): "no \(name) directory"
        case .exportsTarget(let manifestPath): "\"exports\" target of \(manifestPath)"
        case .importsTarget(let manifestPath): "\"imports\" target of \(manifestPath)"
        case .noSuchDirectory: "no such directory"
        case .asFile(let extensions): "as a file, then with \(extensions.joined(separator: ", "))"
        case .mainField(let field, let manifestPath): "\"\(field)\" of \(manifestPath)"
        }
    }
}

/// Why a request could not be resolved: one diagnostic (PA140–PA148).
public struct ResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let diagnostic: Diagnostic

    public init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    public var description: String { "\(diagnostic.code.identifier): \(diagnostic.message)" }
}
