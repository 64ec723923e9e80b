import DeploymentSettings
import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON
import ProctoringBackends

/// workers.json: present in an image root, in upstream's shape, every entry inside NODE_MODULES_ROOT and
/// pointing at a worker source that is installed (when the input holds node_modules).
struct WorkersConfigRule {
    let input: VerificationInput
    let options: VerifyRuleOptions
    let locator: VerifyLocator

    /// The entries, or nil when there is no usable workers.json (static root, missing, invalid).
    func check(diagnostics: DiagnosticCollector) -> (file: VerifiedFile?, config: WorkerConfig?) {
        let layout = input.layout
        guard layout.kind == .imageRoot, let envRoot = layout.envRoot else { return (nil, nil) }
        guard let path = layout.workersConfigFile else {
            let expected = PathComponents.join(envRoot, EdxPlatformConventions.workersJSONName)
            diagnostics.emit(
                Diagnostic(
                    .workersConfigMissing,
                    "ENV_ROOT \(locator.describe(envRoot)) has no workers.json, so webpack's worker config builds nothing",
                    at: locator.location(of: expected),
                    fix: "run `proctoring-assets workers` (or start Django with the proctoring settings) before webpack, "
                        + "and keep $ENV_ROOT/workers.json in the image",
                    notes: ["edx-platform requires '../workers.json' inside a try/catch and silently skips the worker build"]))
            return (nil, nil)
        }
        let file = VerifiedFile(path: path, displayPath: locator.describe(path), digest: try? input.fileDigest(path))
        let readerFindings = DiagnosticCollector()
        let config: WorkerConfig
        do {
            config = try WorkerConfigReader(fileSystem: input.fileSystem).read(path: path, diagnostics: readerFindings)
        } catch {
            diagnostics.emit(contentsOf: readerFindings.diagnostics.map(locator.relocate))
            diagnostics.emit(contentsOf: error.diagnostics.map(locator.relocate))
            return (file, nil)
        }
        diagnostics.emit(contentsOf: readerFindings.diagnostics.map(locator.relocate))
        let lines = WorkersConfigLines(bytes: (try? input.fileSystem.readFile(path)) ?? [])
        for entry in config.entries {
            guard let source = entry.requests.last else { continue }
            let at = locator.location(of: path, line: lines.line(ofKey: entry.name), column: lines.column(ofKey: entry.name))
            checkNodeModulesRoot(entry: entry, source: source, at: at, diagnostics: diagnostics)
            checkSourceInstalled(entry: entry, source: source, at: at, diagnostics: diagnostics)
        }
        return (file, config)
    }

    private func checkNodeModulesRoot(
        entry: WorkerEntry, source: String, at location: SourceLocation, diagnostics: DiagnosticCollector
    ) {
        guard let root = options.nodeModulesRoot else { return }
        let normalizedRoot = PathComponents.normalize(root)
        let normalizedSource = PathComponents.normalize(source)
        guard !normalizedSource.hasPrefix(normalizedRoot.hasSuffix("/") ? normalizedRoot : normalizedRoot + "/") else {
            return
        }
        var notes: [String] = []
        if let origin = options.nodeModulesRootLocation { notes.append("NODE_MODULES_ROOT is set at \(origin)") }
        diagnostics.emit(
            Diagnostic(
                .workerEntryOutsideNodeModulesRoot,
                "entry '\(entry.name)' points at \(source), outside NODE_MODULES_ROOT \(root)", at: location,
                fix: "regenerate workers.json with this image's settings (`proctoring-assets workers`)", notes: notes))
    }

    /// A stale workers.json names a package removed since; decidable only when the input holds the
    /// node_modules folder the entry points into.
    private func checkSourceInstalled(
        entry: WorkerEntry, source: String, at location: SourceLocation, diagnostics: DiagnosticCollector
    ) {
        let components = PathComponents.normalize(source).split(separator: "/").map(String.init)
        guard let index = components.lastIndex(of: "node_modules"), index + 1 < components.count else { return }
        let nodeModules = "/" + components[...index].joined(separator: "/")
        let mapper = InputPathMapper(fileSystem: input.fileSystem, inputRoot: input.layout.inputRoot)
        guard let mappedFolder = mapper.map(nodeModules, kind: .directory) else {
            diagnostics.emit(
                Diagnostic(
                    .workerEntrySourceNotChecked,
                    "\(nodeModules) (of entry '\(entry.name)') is not in the input; whether the package is installed is not checked",
                    at: location))
            return
        }
        let rest = components[(index + 1)...].joined(separator: "/")
        let mappedSource = PathComponents.join(mappedFolder, rest)
        guard input.fileSystem.entryKind(mappedSource) != .file else { return }
        let packageComponents = components[index + 1].hasPrefix("@") ? 2 : 1
        let packageName = components[(index + 1)...].prefix(packageComponents).joined(separator: "/")
        let packageInstalled = input.fileSystem.directoryExists(PathComponents.join(mappedFolder, packageName))
        diagnostics.emit(
            Diagnostic(
                .workerEntrySourceMissing,
                packageInstalled
                    ? "entry '\(entry.name)' points at \(source), which is not in the installed package \(packageName)"
                    : "entry '\(entry.name)' points at \(source), but the package \(packageName) is not installed in \(locator.describe(mappedFolder))",
                at: location,
                fix: "install the provider's npm package (`npm install \(packageName)`) or remove the backend, then "
                    + "regenerate workers.json and rebuild the workers",
                notes: ["a stale workers.json makes webpack fail with ModuleNotFoundError, or leaves an old bundle in place"]))
    }
}

/// Line and column of a key of workers.json (its first quoted occurrence), for pointing at an entry.
struct WorkersConfigLines {
    let bytes: [UInt8]

    func line(ofKey key: String) -> Int? { position(ofKey: key)?.line }
    func column(ofKey key: String) -> Int? { position(ofKey: key)?.column }

    private func position(ofKey key: String) -> TextPosition? {
        let needle = Array(("\"" + key + "\"").utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) {
                return TextPosition(of: start, in: bytes)
            }
        }
        return nil
    }
}
