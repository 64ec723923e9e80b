import Diagnostics
import FileSystemSupport
import OrderedJSON

/// Reproduces `webpack_loader.utils.get_files(bundle_name, config="WORKERS")` of django-webpack-loader 0.7.0 or
/// 3.x step by step over the stats document, including the ways each version fails on the other's format, so
/// that `resolve` can say what the LMS will do without running it.
public struct LoaderURLResolver: Sendable {
    public var semantics: LoaderSemantics
    private let fileSystem: any FileSystem

    public init(semantics: LoaderSemantics, fileSystem: any FileSystem) {
        self.semantics = semantics
        self.fileSystem = fileSystem
    }

    /// Reads `loader.statsFile` and resolves `bundleName`. IGNORE is compiled first: the real loader compiles it
    /// when `webpack_loader.config` is imported, before any stats file is opened.
    public func getFiles(
        bundleName: String, loader: LoaderConfiguration, staticFiles: StaticFilesConfiguration
    ) -> LoaderOutcome {
        let outcome = compileIgnorePatterns(loader.ignorePatterns).flatMap { ignores in
            loadAssets(loader.statsFile).map { (ignores, $0) }
        }
        switch outcome {
        case .failure(let exception): return .raises(exception)
        case .success(let (ignores, document)):
            return resolve(bundleName, document: document, ignores: ignores, loader: loader, staticFiles: staticFiles)
        }
    }

    /// Resolves `bundleName` in an already parsed stats document.
    public func getFiles(
        bundleName: String, document: JSONValue, loader: LoaderConfiguration, staticFiles: StaticFilesConfiguration
    ) -> LoaderOutcome {
        switch compileIgnorePatterns(loader.ignorePatterns) {
        case .failure(let exception): return .raises(exception)
        case .success(let ignores):
            return resolve(bundleName, document: document, ignores: ignores, loader: loader, staticFiles: staticFiles)
        }
    }

    private func resolve(
        _ bundleName: String, document: JSONValue, ignores: [Regex<AnyRegexOutput>], loader: LoaderConfiguration,
        staticFiles: StaticFilesConfiguration
    ) -> LoaderOutcome {
        let storage = StaticFilesURLBuilder(configuration: staticFiles, fileSystem: fileSystem)
        let context = Context(
            bundleName: bundleName, loader: loader, debug: staticFiles.debug, ignores: ignores, storage: storage)
        switch semantics {
        case .loader07: return Loader07(context: context).getFiles(document)
        case .loader3: return Loader3(context: context).getFiles(document)
        }
    }

    /// The name handed to `staticfiles_storage.url()`: 0.7 formats `BUNDLE_DIR_NAME + name`, 3.x uses
    /// `os.path.normpath(os.path.join(BUNDLE_DIR_NAME, name))`.
    public static func storageName(of fileName: String, bundleDirName: String, semantics: LoaderSemantics) -> String {
        switch semantics {
        case .loader07: return bundleDirName + fileName
        case .loader3: return PathComponents.normalize(PathComponents.join(bundleDirName, fileName))
        }
    }

    // MARK: - Shared steps

    /// `re.compile` of each IGNORE entry (done when webpack_loader.config is imported).
    private func compileIgnorePatterns(_ patterns: [String]) -> Result<[Regex<AnyRegexOutput>], UpstreamException> {
        var compiled: [Regex<AnyRegexOutput>] = []
        for pattern in patterns {
            do {
                compiled.append(try Regex(pattern))
            } catch {
                return .failure(
                    UpstreamException("error", "invalid IGNORE pattern '\(pattern)': \(error)", code: .ignorePatternInvalid))
            }
        }
        return .success(compiled)
    }

    /// `load_assets`: `open(..., encoding="utf-8")` + `json.load`.
    private func loadAssets(_ path: String) -> Result<JSONValue, UpstreamException> {
        let bytes: [UInt8]
        do throws(FileSystemError) {
            bytes = try fileSystem.readFile(path)
        } catch {
            var code = DiagnosticCode.statsFileUnreadable
            if case .notFound = error { code = .statsFileNotFound }
            return .failure(
                UpstreamException(
                    "OSError",
                    "Error reading \(path). Are you sure webpack has generated the file and the path is correct?",
                    code: code))
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            return .failure(
                UpstreamException("UnicodeDecodeError", "'utf-8' codec can't decode the stats file", code: .statsFileUnreadable))
        }
        do throws(JSONSyntaxError) {
            return .success(try JSONParser.parse(bytes: bytes))
        } catch {
            return .failure(UpstreamException("JSONDecodeError", error.description, code: .statsFileNotJSON))
        }
    }
}

/// What both loader versions need while resolving.
private struct Context {
    let bundleName: String
    let loader: LoaderConfiguration
    let debug: Bool
    let ignores: [Regex<AnyRegexOutput>]
    let storage: StaticFilesURLBuilder

    /// `any(regex.match(name) for regex in ignores)`; only called with strings.
    func isIgnored(_ name: String) -> Bool {
        ignores.contains { (try? $0.prefixMatch(in: name)) != nil }
    }

    /// `status == "error"` → WebpackError with the loader's message template.
    func webpackError(_ document: JSONValue) -> UpstreamException {
        let error = document["error"].map(Python.str) ?? "Unknown Error"
        let file = document["file"].map(Python.str) ?? ""
        let message = document["message"].map(Python.str) ?? ""
        return UpstreamException(
            "WebpackError", "\n            \(error) in \(file)\n            \(message)\n            ", code: .statsBuildFailed)
    }

    func badStats(_ status: String?) -> UpstreamException {
        UpstreamException(
            "WebpackLoaderBadStatsError",
            "The stats file does not contain valid data. Make sure webpack-bundle-tracker plugin is enabled and try to run webpack again.",
            code: status.map { ["compiling", "compile", "initialization"].contains($0) } == true
                ? .statsBuildNotFinished : .statsStatusInvalid)
    }

    func lookupError() -> UpstreamException {
        UpstreamException("WebpackBundleLookupError", "Cannot resolve bundle \(bundleName).", code: .bundleNotInStats)
    }
}

/// django-webpack-loader 0.7.0 `WebpackLoader.get_bundle` + `filter_chunks` + `get_chunk_url`.
private struct Loader07 {
    let context: Context

    func getFiles(_ document: JSONValue) -> LoaderOutcome {
        guard case .object = document else {
            return .raises(Python.attributeError(document, "get", code: .statsNotAnObject))
        }
        if context.debug {
            guard let status = document["status"] else { return .raises(Python.keyError("status", code: .statsStatusInvalid)) }
            if status == .string("compiling") { return .pollsForever(status: "compiling") }
        }
        let status = document["status"]
        if status == .string("done") {
            guard let chunks = document["chunks"] else { return .raises(Python.keyError("chunks", code: .statsChunksInvalid)) }
            guard case .object = chunks else { return .raises(Python.attributeError(chunks, "get", code: .statsChunksInvalid)) }
            guard let files = chunks[context.bundleName], files != .null else { return .raises(context.lookupError()) }
            return resolve(Python.iterate(files))
        }
        if status == .string("error") { return .raises(context.webpackError(document)) }
        return .raises(context.badStats(status?.stringValue))
    }

    private func resolve(_ files: Result<[JSONValue], UpstreamException>) -> LoaderOutcome {
        let chunks: [JSONValue]
        switch files {
        case .failure(let exception): return .raises(exception)
        case .success(let list): chunks = list
        }
        var resolved: [ResolvedChunk] = []
        for chunk in chunks {
            if !context.ignores.isEmpty {
                // regex.match(chunk['name'])
                guard case .object = chunk else { return .raises(Python.subscriptError(chunk, key: "name", code: .statsFormatMismatch)) }
                guard let name = chunk["name"] else { return .raises(Python.keyError("name", code: .statsChunkFileInvalid)) }
                guard let text = name.stringValue else { return .raises(Python.reMatchTypeError(name, code: .statsChunkFileInvalid)) }
                if context.isIgnored(text) { continue }
            }
            // chunk.get('publicPath')
            guard case .object = chunk else { return .raises(Python.attributeError(chunk, "get", code: .statsFormatMismatch)) }
            if let publicPath = chunk["publicPath"], Python.isTruthy(publicPath) {
                guard let url = publicPath.stringValue else {
                    return .raises(Python.typeError("publicPath is \(publicPath.kindDescription)", code: .statsChunkFileInvalid))
                }
                resolved.append(ResolvedChunk(name: chunk["name"].map(Python.str) ?? "", url: url))
                continue
            }
            guard let name = chunk["name"] else { return .raises(Python.keyError("name", code: .statsChunkFileInvalid)) }
            let storageName = context.loader.bundleDirName + Python.str(name)
            switch context.storage.url(of: storageName) {
            case .failure(let exception): return .raises(exception)
            case .success(let url): resolved.append(ResolvedChunk(name: Python.str(name), url: url))
            }
        }
        return .files(resolved)
    }
}

/// django-webpack-loader 3.x `WebpackLoader.get_assets` + `get_bundle` + `map_chunk_files_to_url`.
private struct Loader3 {
    let context: Context

    func getFiles(_ document: JSONValue) -> LoaderOutcome {
        // get_assets with CACHE (= not DEBUG) calls assets.get("status") right after loading.
        guard case .object = document else {
            if context.debug { return .raises(Python.subscriptError(document, key: "status", code: .statsNotAnObject)) }
            return .raises(Python.attributeError(document, "get", code: .statsNotAnObject))
        }
        if context.debug {
            guard let status = document["status"] else { return .raises(Python.keyError("status", code: .statsStatusInvalid)) }
            if status == .string("compile") { return .pollsForever(status: "compile") }
        }
        let status = document["status"]
        if status == .string("done") {
            guard let chunks = document["chunks"] else { return .raises(Python.keyError("chunks", code: .statsChunksInvalid)) }
            guard case .object = chunks else { return .raises(Python.attributeError(chunks, "get", code: .statsChunksInvalid)) }
            guard let files = chunks[context.bundleName], files != .null else { return .raises(context.lookupError()) }
            let list: [JSONValue]
            switch Python.iterate(files) {
            case .failure(let exception): return .raises(exception)
            case .success(let elements): list = elements
            }
            return resolve(list, document: document)
        }
        if status == .string("error") { return .raises(context.webpackError(document)) }
        return .raises(context.badStats(status?.stringValue))
    }

    private func resolve(_ chunks: [JSONValue], document: JSONValue) -> LoaderOutcome {
        // filter_chunks: regex.match(chunk) on each entry.
        var kept: [JSONValue] = []
        for chunk in chunks {
            if !context.ignores.isEmpty {
                guard let name = chunk.stringValue else { return .raises(Python.reMatchTypeError(chunk, code: .statsFormatMismatch)) }
                if context.isIgnored(name) { continue }
            }
            kept.append(chunk)
        }
        // The eager existence check: assets["assets"][chunk].
        guard let assets = document["assets"] else { return .raises(Python.keyError("assets", code: .statsFormatMismatch)) }
        for chunk in kept {
            if let failure = Python.lookup(assets, chunk, code: .statsAssetMissing).failure { return .raises(failure) }
        }
        var resolved: [ResolvedChunk] = []
        for chunk in kept {
            let asset: JSONValue
            switch Python.lookup(assets, chunk, code: .statsAssetMissing) {
            case .failure(let exception): return .raises(exception)
            case .success(let value): asset = value
            }
            guard case .object = asset else { return .raises(Python.attributeError(asset, "get", code: .statsAssetInvalid)) }
            let name = Python.str(chunk)
            let integrity = context.loader.integrity ? asset["integrity"]?.stringValue : nil
            if let publicPath = asset["publicPath"], Python.isTruthy(publicPath), publicPath != .string("auto") {
                guard let url = publicPath.stringValue else {
                    return .raises(Python.typeError("publicPath is \(publicPath.kindDescription)", code: .statsAssetInvalid))
                }
                resolved.append(ResolvedChunk(name: name, url: url, integrity: integrity))
                continue
            }
            guard let assetName = asset["name"] else { return .raises(Python.keyError("name", code: .statsAssetInvalid)) }
            let storageName = LoaderURLResolver.storageName(
                of: Python.str(assetName), bundleDirName: context.loader.bundleDirName, semantics: .loader3)
            switch context.storage.url(of: storageName) {
            case .failure(let exception): return .raises(exception)
            case .success(let url): resolved.append(ResolvedChunk(name: name, url: url, integrity: integrity))
            }
        }
        return .files(resolved)
    }
}

/// The Python behaviours (truthiness, errors of dynamic access) the loaders rely on.
private enum Python {
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "NoneType"
        case .bool: return "bool"
        case .number(let text): return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? "float" : "int"
        case .string: return "str"
        case .array: return "list"
        case .object: return "dict"
        }
    }

    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .number(let text): return Double(text) != 0
        case .string(let text): return !text.isEmpty
        case .array(let elements): return !elements.isEmpty
        case .object(let members): return !members.isEmpty
        }
    }

    /// `str(value)` for the values that matter (strings as is).
    static func str(_ value: JSONValue) -> String {
        value.stringValue ?? JSONWriter.write(value, style: .python)
    }

    /// `for x in value`: lists give elements, dicts their keys, strings their characters.
    static func iterate(_ value: JSONValue) -> Result<[JSONValue], UpstreamException> {
        switch value {
        case .array(let elements): return .success(elements)
        case .object(let members): return .success(members.map { .string($0.key) })
        case .string(let text): return .success(text.map { .string(String($0)) })
        default:
            return .failure(typeError("'\(typeName(value))' object is not iterable", code: .statsChunksInvalid))
        }
    }

    /// `container[key]` where container is the `assets` mapping.
    static func lookup(_ container: JSONValue, _ key: JSONValue, code: DiagnosticCode)
        -> Result<JSONValue, UpstreamException> {
        guard case .object = container else { return .failure(subscriptError(container, key: str(key), code: .statsAssetInvalid)) }
        guard let name = key.stringValue else {
            if case .object = key { return .failure(typeError("unhashable type: 'dict'", code: .statsFormatMismatch)) }
            if case .array = key { return .failure(typeError("unhashable type: 'list'", code: .statsFormatMismatch)) }
            return .failure(keyError(str(key), code: code))
        }
        guard let value = container[name] else { return .failure(keyError(name, code: code)) }
        return .success(value)
    }

    static func keyError(_ key: String, code: DiagnosticCode) -> UpstreamException {
        UpstreamException("KeyError", "'\(key)'", code: code)
    }

    static func typeError(_ message: String, code: DiagnosticCode) -> UpstreamException {
        UpstreamException("TypeError", message, code: code)
    }

    static func attributeError(_ value: JSONValue, _ attribute: String, code: DiagnosticCode) -> UpstreamException {
        UpstreamException("AttributeError", "'\(typeName(value))' object has no attribute '\(attribute)'", code: code)
    }

    /// `value['key']` on something that is not a dict.
    static func subscriptError(_ value: JSONValue, key: String, code: DiagnosticCode) -> UpstreamException {
        switch value {
        case .string, .array: return typeError("\(typeName(value)) indices must be integers or slices, not str", code: code)
        default: return typeError("'\(typeName(value))' object is not subscriptable", code: code)
        }
    }

    /// `regex.match(value)` with a non-string.
    static func reMatchTypeError(_ value: JSONValue, code: DiagnosticCode) -> UpstreamException {
        typeError("expected string or bytes-like object, got '\(typeName(value))'", code: code)
    }
}
