import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

/// State shared by every module of one settings load: the module cache (Python imports a module
/// once), the import stack (for cycles), the files read, the YAML layer and the findings.
final class SettingsEvaluationSession {
    let fileSystem: any FileSystem
    let request: SettingsRequest
    let locator: ModuleLocator
    let collector: DiagnosticCollector
    /// Errors that make the load fail; thrown together at the end.
    private(set) var errors: [Diagnostic] = []
    private var modules: [String: [String: Binding]] = [:]
    /// Modules whose namespace may hold names the evaluator could not see.
    private var openModules: Set<String> = []
    private var importStack: [(path: String, display: String)] = []
    private(set) var filesRead: [String] = []
    /// Counts unknown values created, so a `try` body can tell whether it ran cleanly.
    var unknownCount = 0

    let configYAMLPath: String?
    private var yamlLayer: ConfigurationYAMLLayer?
    private var yamlFailed = false
    private(set) var settingsLoadedYAML = false
    private var warnedAboutMissingYAML = false

    init(fileSystem: any FileSystem, request: SettingsRequest, searchPath: [String], collector: DiagnosticCollector) {
        self.fileSystem = fileSystem
        self.request = request
        self.locator = ModuleLocator(searchPath: searchPath, fileSystem: fileSystem)
        self.collector = collector
        self.configYAMLPath = request.configYAML.map {
            PathComponents.absolute($0, relativeTo: request.workingDirectory)
        }
    }

    func isOpen(_ path: String) -> Bool { openModules.contains(path) }

    func fail(_ diagnostic: Diagnostic) {
        if request.toleratesMissingImports && Self.missingImportCodes.contains(diagnostic.code) {
            var note = diagnostic
            note.severity = .note
            note.notes.append("names from that module are unknown here (tolerated: the rest of the tree is not on this machine)")
            collector.emit(note)
            return
        }
        errors.append(diagnostic)
    }

    /// Import failures that only say the rest of the deployment's tree is not on this machine.
    static let missingImportCodes: Set<DiagnosticCode> = [.starImportNotFound, .relativeImportBeyondTopLevel]

    /// `from X import *` whose module could not be read: every name may come from it.
    private(set) var unresolvedStarImports: [String] = []

    func recordUnresolvedStarImport(_ module: String) {
        if !unresolvedStarImports.contains(module) { unresolvedStarImports.append(module) }
    }

    func warn(_ diagnostic: Diagnostic) {
        collector.emit(diagnostic)
    }

    /// Runs the module in `path` once and returns its namespace; nil when it could not be run
    /// (the reason is already recorded).
    func evaluateModule(path: String, name: String?, isPackage: Bool, importedAt site: SourceLocation?)
        -> [String: Binding]?
    {
        if let cached = modules[path] { return cached }
        let display = name ?? path
        if let start = importStack.firstIndex(where: { $0.path == path }) {
            let chain = importStack[start...].map(\.display) + [display]
            fail(
                Diagnostic(
                    .settingsImportCycle, "import cycle among settings modules: \(chain.joined(separator: " -> "))",
                    at: site,
                    fix: "remove the import of \(display) from \(importStack.last?.display ?? display); shared settings must not import the modules built on them"))
            return nil
        }
        guard let source = readSource(path, site: site) else {
            modules[path] = [:]
            return nil
        }
        filesRead.append(path)
        let statements: [PythonStatement]
        do {
            statements = try PythonParser.parseModule(source)
        } catch {
            fail(Self.diagnostic(for: error, in: path))
            modules[path] = [:]
            return nil
        }
        let package: String?
        if let name {
            package = isPackage ? name : name.split(separator: ".").dropLast().joined(separator: ".")
        } else {
            package = nil
        }
        importStack.append((path, display))
        let evaluator = ModuleEvaluator(session: self, path: path, moduleName: name, package: package)
        evaluator.run(statements)
        importStack.removeLast()
        if evaluator.namespaceIsOpen { openModules.insert(path) }
        modules[path] = evaluator.namespace
        return evaluator.namespace
    }

    private func readSource(_ path: String, site: SourceLocation?) -> String? {
        do {
            return try fileSystem.readUTF8File(path)
        } catch {
            switch error {
            case .notUTF8(_, let offset):
                let bytes = (try? fileSystem.readFile(path)) ?? []
                let position = TextPosition(of: offset, in: bytes)
                let byte = offset < bytes.count ? String(bytes[offset], radix: 16, uppercase: false) : "?"
                fail(
                    Diagnostic(
                        .settingsFileNotUTF8,
                        "settings file is not UTF-8: invalid byte 0x\(byte) at byte offset \(offset)",
                        at: .file(path, line: position.line, column: position.column),
                        fix: "re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8 FILE`)"))
            case .notFound:
                fail(
                    Diagnostic(
                        .settingsModuleNotFound, "settings file \(path) does not exist", at: site ?? .flag("--settings"),
                        fix: "check the path; relative paths are taken from the working directory"))
            case .notAFile:
                fail(
                    Diagnostic(
                        .settingsFileUnreadable, "settings path \(path) is a directory, not a file",
                        at: site ?? .flag("--settings"),
                        fix: "name the module inside the folder (for example `\(path)/production.py`) or its dotted name"))
            case .permissionDenied:
                fail(
                    Diagnostic(
                        .settingsFileUnreadable, "settings file cannot be read: permission denied",
                        at: site ?? .file(path),
                        fix: "make the file readable by the user running the tool (for example `chmod a+r \(path)`)",
                        notes: site == nil ? [] : ["the unreadable file is \(path)"]))
            default:
                fail(
                    Diagnostic(
                        .settingsFileUnreadable, "settings file cannot be read: \(error.description)",
                        at: site ?? .file(path),
                        fix: "make the file readable by the user running the tool (for example `chmod a+r \(path)`)"))
            }
            return nil
        }
    }

    static func diagnostic(for error: PythonSyntaxError, in path: String) -> Diagnostic {
        let location = SourceLocation.file(path, line: error.position.line, column: error.position.column)
        switch error.kind {
        case .syntax:
            return Diagnostic(
                .pythonSyntaxError, "SyntaxError: \(error.message)", at: location,
                fix: "fix the Python syntax here; `python3 -m py_compile \(path)` reports the same place")
        case .indentation:
            return Diagnostic(
                .pythonIndentationError,
                error.message.hasPrefix("TabError:") ? error.message : "IndentationError: \(error.message)", at: location,
                fix: "indent the block consistently with spaces (4 per level); do not mix tabs and spaces")
        case .unterminatedString:
            return Diagnostic(
                .pythonUnterminatedString, "SyntaxError: \(error.message)", at: location,
                fix: "close the string with the same quote it starts with, or use a triple-quoted string for several lines")
        case .unbalancedBracket:
            return Diagnostic(
                .pythonUnbalancedBracket, "SyntaxError: \(error.message)", at: location,
                fix: "add or fix the bracket so every '(', '[' and '{' is closed by its partner")
        }
    }

    // MARK: - Configuration YAML

    /// The YAML layer, for `yaml.safe_load(f)` in a settings file; nil when none was given or it failed.
    func loadYAMLForSettings(at site: SourceLocation) -> ConfigurationYAMLLayer? {
        guard configYAMLPath != nil else {
            if !warnedAboutMissingYAML {
                warnedAboutMissingYAML = true
                warn(
                    Diagnostic(
                        .configYAMLNeeded,
                        "the settings load a configuration file here, but no --config-yaml was given; values read from it are unknown",
                        at: site, fix: "pass the LMS_CFG / Tutor config file with --config-yaml"))
            }
            return nil
        }
        settingsLoadedYAML = true
        return configurationLayer()
    }

    func configurationLayer() -> ConfigurationYAMLLayer? {
        if let yamlLayer { return yamlLayer }
        guard let configYAMLPath, !yamlFailed else { return nil }
        switch ConfigurationYAMLLayer.load(path: configYAMLPath, fileSystem: fileSystem) {
        case .success(let layer):
            yamlLayer = layer
            return layer
        case .failure(let error):
            yamlFailed = true
            error.diagnostics.forEach(fail)
            return nil
        }
    }
}
