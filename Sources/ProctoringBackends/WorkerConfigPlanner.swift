import DeploymentSettings
import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

/// Decides workers.json the way edx_proctoring's `make_worker_config` computes it, and turns every case in
/// which upstream warns or silently writes nothing into a diagnostic.
///
/// Upstream, for each backend instantiated in `ready()` (an installed entry point whose name is a key of
/// PROCTORING_BACKENDS, in entry-point order): read `NODE_MODULES_ROOT/<npm_module>/package.json` and map
/// `npm_module` to `["babel-polyfill", os.path.join(NODE_MODULES_ROOT, npm_module, main)]`, then write
/// `json.dumps(config)` to `ENV_ROOT/workers.json` if anything was found.
///
/// Every finding goes to the collector in the order found. When any is an error the planner throws a
/// `DiagnosticError` carrying those errors again (callers that render the collector must not add them twice).
public struct WorkerConfigPlanner: Sendable {
    public let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// edx-proctoring's own entry points; none has an npm module.
    static let edxProctoringBuiltInNames: Set<String> = ["null", "mock", "software_secure", "rpnow4"]

    public func plan(
        settings: ResolvedSettings, backends: [DiscoveredBackend], options: WorkerConfigOptions,
        diagnostics: DiagnosticCollector
    ) throws(DiagnosticError) -> WorkerConfigPlan {
        let report = Reporter(diagnostics: diagnostics)
        let reader = SettingReader(settings: settings, report: report)

        let nodeModulesRoot = reader.nonEmptyString(
            "NODE_MODULES_ROOT",
            unsetMessage: "NODE_MODULES_ROOT is not set, so edx_proctoring writes no workers.json and webpack builds no worker",
            falsyMessage: { "NODE_MODULES_ROOT is \($0), so edx_proctoring writes no workers.json and webpack builds no worker" },
            fix: "set NODE_MODULES_ROOT = REPO_ROOT / 'node_modules' (as lms.envs.common does) or pass --node-modules-root",
            code: .nodeModulesRootUnset)

        var outputPath = options.outputPath
        if outputPath == nil,
            let envRoot = reader.nonEmptyString(
                "ENV_ROOT",
                unsetMessage: "ENV_ROOT is not set, so there is no place for workers.json (Django fails at start-up on it)",
                falsyMessage: { "ENV_ROOT is \($0), so there is no place for workers.json" },
                fix: "set ENV_ROOT to the parent folder of edx-platform, pass --env-root, or give an output path",
                code: .envRootUnset)
        {
            outputPath = PathComponents.join(envRoot, EdxPlatformConventions.workersJSONName)
        }

        let configured = reader.configuredBackends()
        var selected: [DiscoveredBackend] = []
        if let configured {
            selected = select(configured: configured, backends: backends, options: options, report: report)
        }

        var config = WorkerConfig()
        var configuredPackages: [String] = []
        let distributionModules = options.javaScriptFromPython.map { request in
            DistributionModuleMapper(
                fileSystem: fileSystem, sitePackages: options.searchedSitePackages?.folders ?? [], overrides: request.overrides,
                workingDirectory: options.workingDirectory)
        }
        var moduleMap = JavaScriptModuleMap()
        if let nodeModulesRoot {
            for backend in selected {
                switch backend.npmModuleDeclaration {
                case .notDeclared:
                    continue
                case .unknown(let reason):
                    report.emit(Diagnostic(
                        .npmModuleUnknown,
                        "backend '\(backend.name)' is configured, but whether it has a worker is unknown: \(reason)",
                        at: backend.npmModuleLocation ?? backend.location,
                        fix: "pass --backend \(backend.name)=<npm package> (or --backend \(backend.name)= if it has no worker)"))
                case .declared(let package):
                    configuredPackages.append(package)
                    let found: [String]?
                    if let distributionModules {
                        found = workerFromDistribution(
                            package: package, backend: backend, nodeModulesRoot: nodeModulesRoot, mapper: distributionModules,
                            map: &moduleMap, report: report)
                    } else {
                        found = resolveWorker(package: package, backend: backend, nodeModulesRoot: nodeModulesRoot,
                            options: options, report: report)
                    }
                    guard let requests = found else { continue }
                    if config.entries.contains(where: { $0.name == package }) {
                        report.emit(Diagnostic(
                            .duplicateNpmModule,
                            "backend '\(backend.name)' declares npm module '\(package)', which an earlier backend declares too; its entry replaces the earlier one",
                            at: backend.npmModuleLocation ?? backend.location,
                            fix: "configure only one of the backends that share '\(package)'"))
                    }
                    config.set(package, requests: requests)
                }
            }
        }

        if let distributionModules, !config.isEmpty {
            for module in distributionModules.supportModules where moduleMap.mapping(for: module) == nil {
                switch distributionModules.map(module: module) {
                case .success(let mapping): moduleMap.add(mapping)
                case .failure(let error): error.diagnostics.forEach(report.emit)
                }
            }
        }

        let absoluteOutput = outputPath.map { PathComponents.join(options.workingDirectory, $0) }
        let willWrite = !report.hasErrors && !config.isEmpty

        if !report.hasErrors, config.isEmpty, configured != nil, nodeModulesRoot != nil {
            var notes = selected.map { backend -> String in
                let reference = backend.objectReference.map { " (\($0))" } ?? ""
                return "backend '\(backend.name)'\(reference) defines no npm_module"
            }
            if selected.isEmpty { notes.append("no configured backend is installed") }
            if options.allowEmpty {
                report.emit(Diagnostic(
                    .noJavaScriptBackend, "no configured backend has a worker; workers.json is not written (allowed)",
                    at: reader.location(of: "PROCTORING_BACKENDS"), notes: notes, severity: .note))
            } else {
                report.emit(Diagnostic(
                    .noJavaScriptBackend,
                    "no configured backend has a worker, so edx_proctoring writes no workers.json and webpack builds no worker",
                    at: reader.location(of: "PROCTORING_BACKENDS"),
                    fix: "configure a backend with a worker (e.g. proctortrack) in PROCTORING_BACKENDS, or pass --allow-empty if none is intended",
                    notes: notes))
            }
        }

        if let outputPath, let absoluteOutput, nodeModulesRoot != nil {
            reportStaleFile(
                outputPath: outputPath, absoluteOutputPath: absoluteOutput, newConfig: config,
                configuredPackages: Set(configuredPackages), willOverwrite: willWrite, report: report)
        }

        if willWrite, let outputPath, let absoluteOutput {
            checkOutputDirectory(outputPath: outputPath, absoluteOutputPath: absoluteOutput, report: report)
        }

        if report.hasErrors { throw DiagnosticError(report.errors) }
        guard let outputPath, let absoluteOutput else {
            // Unreachable: a missing output path is an error above.
            throw DiagnosticError(Diagnostic(.envRootUnset, "no output path for workers.json"))
        }
        return WorkerConfigPlan(
            config: config, outputPath: outputPath, absoluteOutputPath: absoluteOutput,
            javaScriptModules: distributionModules == nil ? nil : moduleMap)
    }

    // MARK: - Which backends upstream instantiates

    private func select(
        configured: ConfiguredBackends, backends: [DiscoveredBackend], options: WorkerConfigOptions, report: Reporter
    ) -> [DiscoveredBackend] {
        let installedNames = Set(backends.map(\.name))
        let edxProctoringInstalled = backends.contains { $0.distribution?.normalizedName == "edx-proctoring" }
        for name in configured.names where !installedNames.contains(name) {
            if Self.edxProctoringBuiltInNames.contains(name) && !edxProctoringInstalled {
                report.emit(Diagnostic(
                    .builtInBackendAssumed,
                    "backend '\(name)' is edx-proctoring's own and has no worker; edx-proctoring is not in the site-packages given, so it is assumed installed",
                    at: configured.location))
                continue
            }
            let installed = backends.map(\.name)
            report.emit(Diagnostic(
                .configuredBackendNotInstalled,
                "PROCTORING_BACKENDS configures '\(name)', but no installed distribution declares an openedx.proctoring entry point '\(name)'; edx_proctoring ignores it",
                at: configured.location,
                fix: "install the provider's Python package into the site-packages searched, or pass --backend \(name)=<npm package>",
                notes: [installed.isEmpty ? "no openedx.proctoring entry point was found" : "installed backends: \(installed.joined(separator: ", "))"]
                    + (options.searchedSitePackages.map { ["searched \($0.origin): \($0.folders.joined(separator: ", "))"] } ?? [])))
        }
        let selected = backends.filter { configured.names.contains($0.name) }
        for backend in selected {
            guard let value = configured.options[backend.name] else { continue }
            switch value {
            case .dict, .unknown: continue
            default:
                report.emit(Diagnostic(
                    .proctoringBackendsInvalid,
                    "PROCTORING_BACKENDS['\(backend.name)'] is \(value.typeDescription), not a dict of options; edx_proctoring's start fails calling .items() on it",
                    at: configured.location,
                    fix: "write PROCTORING_BACKENDS['\(backend.name)'] as a dict, e.g. {} when the backend needs no options"))
            }
        }
        return selected
    }

    // MARK: - One worker

    /// `--js-from-python`: the worker's file in its Python distribution. workers.json still names
    /// `<NODE_MODULES_ROOT>/<package>/<main>` as upstream writes it with the npm package installed: the npm
    /// package is the same repository, so its `main` is the file's path in site-packages.
    private func workerFromDistribution(
        package: String, backend: DiscoveredBackend, nodeModulesRoot: String, mapper: DistributionModuleMapper,
        map: inout JavaScriptModuleMap, report: Reporter
    ) -> [String]? {
        switch mapper.map(module: package, declaredBy: backend) {
        case .failure(let error):
            error.diagnostics.forEach(report.emit)
            return nil
        case .success(let mapping):
            map.add(mapping)
            return ["babel-polyfill", PathComponents.join(nodeModulesRoot, package, mapping.mainPath)]
        }
    }

    /// When the npm package is missing but the backend's distribution ships the worker, says that
    /// `--js-from-python` would build it.
    private func noteDistributionWorker(package: String, backend: DiscoveredBackend, options: WorkerConfigOptions, report: Reporter) {
        guard backend.distribution?.metadataPath != nil else { return }
        let mapper = DistributionModuleMapper(
            fileSystem: fileSystem, sitePackages: options.searchedSitePackages?.folders ?? [], workingDirectory: options.workingDirectory)
        guard case .success(let mapping) = mapper.map(module: package, declaredBy: backend) else { return }
        report.emit(Diagnostic(
            .jsFromPythonWouldBuild,
            "\(mapping.distributionDescription) ships the worker of '\(package)' (\(mapping.mainPath)): `--js-from-python` would build it without npm",
            at: .file(mapping.file), fix: "add --js-from-python to the build command, or install the npm package",
            notes: ["mapping: \(mapping.reason)"], severity: .note))
    }

    private func resolveWorker(
        package: String, backend: DiscoveredBackend, nodeModulesRoot: String, options: WorkerConfigOptions, report: Reporter
    ) -> [String]? {
        let packageFile = PathComponents.join(nodeModulesRoot, package, "package.json")
        let absolutePackageFile = PathComponents.join(options.workingDirectory, packageFile)
        let declaredAt = backend.npmModuleLocation ?? backend.location
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(absolutePackageFile)
        } catch {
            switch error {
            case .notFound, .notADirectory:
                var notes = ["looked for \(packageFile)"]
                let absoluteRoot = PathComponents.join(options.workingDirectory, nodeModulesRoot)
                if !fileSystem.directoryExists(absoluteRoot) {
                    notes.append("NODE_MODULES_ROOT \(nodeModulesRoot) does not exist")
                }
                if let declaredAt { notes.append("npm_module declared at \(declaredAt)") }
                report.emit(Diagnostic(
                    .npmPackageNotInstalled,
                    "backend '\(backend.name)' needs npm package '\(package)', which is not installed; edx_proctoring only warns and the worker goes missing",
                    at: .file(packageFile),
                    fix: "run `npm install \(package)` in \(PathComponents.dirname(nodeModulesRoot)) (edx-platform no longer ships provider packages)",
                    notes: notes))
                noteDistributionWorker(package: package, backend: backend, options: options, report: report)
            default:
                report.emit(Diagnostic(
                    .packageJSONUnreadable, "cannot read package.json of npm package '\(package)': \(error)",
                    at: .file(packageFile),
                    fix: "make \(PathComponents.join(nodeModulesRoot, package)) readable by the users that run Django and webpack"))
            }
            return nil
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            report.emit(Diagnostic(
                .packageJSONInvalid,
                "package.json of '\(package)' starts with a UTF-8 byte order mark, which Python's json.load rejects (Django fails to start)",
                at: .file(packageFile, line: 1, column: 1), fix: "save the file as UTF-8 without BOM"))
            return nil
        }
        let document: JSONValue
        let positions: JSONPositions
        do {
            (document, positions) = try JSONParser.parseWithPositions(bytes: bytes)
        } catch {
            report.emit(Diagnostic(
                .packageJSONInvalid, "package.json of '\(package)' is not valid JSON: \(error.message)",
                at: .file(packageFile, line: error.line, column: error.column),
                fix: "reinstall the package (`npm install \(package)`) or fix the file at this position",
                notes: ["upstream json.load raises here and Django fails to start"]))
            return nil
        }
        guard case .object = document else {
            report.emit(Diagnostic(
                .packageJSONNotObject, "package.json of '\(package)' is \(document.kindDescription), not an object",
                at: .file(packageFile, line: 1, column: 1), fix: "reinstall the package (`npm install \(package)`)"))
            return nil
        }
        let mainLocation = positions.keyOffset(of: [.key("main")]).map { offset -> SourceLocation in
            let position = TextPosition(of: offset, in: bytes)
            return .file(packageFile, line: position.line, column: position.column)
        }
        guard let main = document["main"] else {
            report.emit(Diagnostic(
                .packageJSONMissingMain,
                "package.json of '\(package)' has no \"main\", so edx_proctoring leaves the worker of backend '\(backend.name)' out",
                at: .file(packageFile),
                fix: "use a version of '\(package)' whose package.json declares \"main\" (the worker script)"))
            return nil
        }
        guard case .string(let mainFile) = main else {
            report.emit(Diagnostic(
                .packageJSONMainNotString,
                "\"main\" of '\(package)' is \(main.kindDescription), not a string; edx_proctoring's start fails on it",
                at: mainLocation ?? .file(packageFile), fix: "make \"main\" the path of the worker script, relative to the package"))
            return nil
        }
        let entry = PathComponents.join(nodeModulesRoot, package, mainFile)
        let absoluteEntry = PathComponents.join(options.workingDirectory, entry)
        // webpack resolves the entry request as a file, then with resolve.extensions ['.js'], then as a folder.
        let candidates = [absoluteEntry, absoluteEntry + ".js", PathComponents.join(absoluteEntry, "index.js")]
        guard candidates.contains(where: { fileSystem.fileExists($0) }) else {
            report.emit(Diagnostic(
                .workerMainFileMissing,
                "the worker of '\(package)' (\"main\": \"\(mainFile)\") does not exist; webpack would fail with \"Module not found\"",
                at: mainLocation ?? .file(packageFile),
                fix: "reinstall the package (`npm install \(package)`) or correct \"main\"",
                notes: candidates.map { "tried \($0)" }))
            return nil
        }
        return ["babel-polyfill", entry]
    }

    // MARK: - Output

    private func checkOutputDirectory(outputPath: String, absoluteOutputPath: String, report: Reporter) {
        let directory = PathComponents.dirname(absoluteOutputPath)
        guard fileSystem.directoryExists(directory) else {
            report.emit(Diagnostic(
                .outputDirectoryMissing, "the folder of \(outputPath) does not exist", at: .file(outputPath),
                fix: "create \(directory), or set ENV_ROOT to the parent folder of edx-platform"))
            return
        }
        if let disk = fileSystem as? DiskFileSystem, !disk.isWritableDirectory(directory) {
            report.emit(Diagnostic(
                .outputDirectoryNotWritable, "the current user cannot create files in \(directory)", at: .file(outputPath),
                fix: "make \(directory) writable for the users that start Django and build assets, or run as its owner"))
        }
    }

    /// An existing workers.json that names workers no longer configured or whose files are gone keeps
    /// webpack building them when upstream has nothing to write (it never deletes the file).
    private func reportStaleFile(
        outputPath: String, absoluteOutputPath: String, newConfig: WorkerConfig, configuredPackages: Set<String>,
        willOverwrite: Bool, report: Reporter
    ) {
        guard fileSystem.fileExists(absoluteOutputPath), let bytes = try? fileSystem.readFile(absoluteOutputPath) else { return }
        if willOverwrite && bytes == newConfig.pythonJSONBytes { return }
        guard let members = (try? JSONParser.parse(bytes: bytes))?.objectMembers else { return }
        var reasons: [String] = []
        for member in members {
            if !configuredPackages.contains(member.key) {
                reasons.append("'\(member.key)' is no longer configured")
                continue
            }
            let requests = member.value.arrayValue?.compactMap(\.stringValue) ?? member.value.stringValue.map { [$0] } ?? []
            for request in requests where request.hasPrefix("/") {
                let candidates = [request, request + ".js", PathComponents.join(request, "index.js")]
                if !candidates.contains(where: { fileSystem.fileExists($0) }) {
                    reasons.append("the worker of '\(member.key)' is gone: \(request)")
                }
            }
        }
        guard !reasons.isEmpty else { return }
        if willOverwrite {
            report.emit(Diagnostic(
                .staleWorkerConfig, "replacing a stale workers.json", at: .file(outputPath), notes: reasons, severity: .note))
        } else {
            report.emit(Diagnostic(
                .staleWorkerConfig,
                "\(outputPath) is stale and is not rewritten (upstream never deletes it), so webpack keeps building the workers it names",
                at: .file(outputPath),
                fix: report.hasErrors
                    ? "delete \(outputPath), or fix the errors above so a current one is written"
                    : "delete \(outputPath): no configured backend has a worker to replace it",
                notes: reasons))
        }
    }
}

/// Sends findings to the collector and remembers the errors, to throw them at the end.
final class Reporter {
    let diagnostics: DiagnosticCollector
    private(set) var errors: [Diagnostic] = []

    init(diagnostics: DiagnosticCollector) {
        self.diagnostics = diagnostics
    }

    func emit(_ diagnostic: Diagnostic) {
        diagnostics.emit(diagnostic)
        if diagnostic.severity == .error { errors.append(diagnostic) }
    }

    var hasErrors: Bool { !errors.isEmpty }
}
