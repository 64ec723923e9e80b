import Diagnostics
import FileSystemSupport

/// Finds the `openedx.proctoring` entry points of the distributions installed in site-packages folders,
/// as stevedore's `ExtensionManager(namespace='openedx.proctoring')` does for edx_proctoring, and reads
/// each backend class's `npm_module` statically.
///
/// Order. Upstream order is that of importlib.metadata: `sys.path` order, then the order `os.listdir`
/// returns inside each folder (file-system dependent: ext4 hash order, overlayfs, …), then file order inside
/// entry_points.txt. To be deterministic we keep the site-packages order given, sort distributions by
/// normalised name inside a folder, and keep file order inside entry_points.txt. When this differs from the
/// order a given machine produces, only the key order of workers.json (= webpack's entry order) differs.
///
/// Duplicates. A distribution whose normalised name was already seen in an earlier folder (or as a
/// `.dist-info` in the same folder, which importlib.metadata lists before `.egg-info`) is shadowed, as
/// `importlib.metadata` deduplicates by name. The same entry-point name from two distributions: the later
/// one wins, as `self.backends[name] = …` does in edx_proctoring's `ready()`, with a warning.
public struct BackendDiscovery: Sendable {
    public static let group = "openedx.proctoring"

    public let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    public func discover(sitePackages: [String], overrides: [BackendOverride], diagnostics: DiagnosticCollector)
        throws(DiagnosticError) -> [DiscoveredBackend]
    {
        var errors: [Diagnostic] = []
        func report(_ diagnostic: Diagnostic) {
            diagnostics.emit(diagnostic)
            if diagnostic.severity == .error { errors.append(diagnostic) }
        }

        var seenDistributions = Set<String>()
        var backends: [DiscoveredBackend] = []
        let scanner = NpmModuleScanner(fileSystem: fileSystem, searchPath: sitePackages)
        for folder in sitePackages {
            guard fileSystem.directoryExists(folder) else {
                report(Diagnostic(
                    .sitePackagesMissing, "site-packages folder \(folder) does not exist or is not a folder", at: .file(folder),
                    fix: "pass the site-packages of the Python environment Django runs in (python3 -c 'import site; print(site.getsitepackages())')"))
                continue
            }
            let metadataFolders: [MetadataFolder]
            do {
                metadataFolders = try listMetadataFolders(folder)
            } catch {
                report(Diagnostic(
                    .distributionUnreadable, "cannot list site-packages folder: \(error)", at: .file(folder),
                    fix: "make the folder readable by the current user"))
                continue
            }
            for metadata in metadataFolders {
                guard !seenDistributions.contains(metadata.normalizedName) else { continue }
                seenDistributions.insert(metadata.normalizedName)
                let entryPointsPath = PathComponents.join(metadata.path, "entry_points.txt")
                guard fileSystem.entryKind(entryPointsPath) != nil else { continue }
                let text: String
                do {
                    text = try fileSystem.readUTF8File(entryPointsPath)
                } catch {
                    report(Diagnostic(
                        .distributionUnreadable, "cannot read entry points: \(error)", at: .file(entryPointsPath),
                        fix: "fix the file's permissions or reinstall the distribution"))
                    continue
                }
                let (entryPoints, problems) = EntryPointsFileParser().parse(text, path: entryPointsPath, group: Self.group)
                problems.forEach(report)
                guard !entryPoints.isEmpty else { continue }
                let distribution = readIdentity(metadata)
                for entryPoint in entryPoints {
                    let backend = describe(entryPoint, distribution: distribution, scanner: scanner, diagnostics: diagnostics)
                    if let existing = backends.firstIndex(where: { $0.name == backend.name }) {
                        let previous = backends[existing]
                        report(Diagnostic(
                            .duplicateBackendEntryPoint,
                            "backend '\(backend.name)' is declared by \(describe(previous)) and by \(describe(backend)); the later one is used",
                            at: entryPoint.location,
                            fix: "uninstall one of the two distributions (pip uninstall \(previous.distribution?.name ?? "…"))",
                            notes: previous.location.map { ["first declared at \($0)"] } ?? []))
                        backends.remove(at: existing)
                    }
                    backends.append(backend)
                }
            }
        }
        let result = BackendOverride.apply(overrides, to: backends)
        if !errors.isEmpty { throw DiagnosticError(errors) }
        return result
    }

    private func describe(_ backend: DiscoveredBackend) -> String {
        let distribution = backend.distribution.map { "\($0.name) \($0.version ?? "")".trimmingPythonWhitespace() } ?? "?"
        return "\(distribution) (\(backend.objectReference ?? "?"))"
    }

    private func describe(
        _ entryPoint: EntryPoint, distribution: DistributionIdentity, scanner: NpmModuleScanner, diagnostics: DiagnosticCollector
    ) -> DiscoveredBackend {
        var declaration: NpmModuleDeclaration
        var location: SourceLocation?
        var moduleFile: String?
        var isSourceMissing = false
        if entryPoint.attribute.contains(".") {
            declaration = .unknown(reason: "'\(entryPoint.attribute)' is a nested attribute the tool does not follow")
            moduleFile = scanner.moduleFile(entryPoint.module)?.path
        } else {
            let result = scanner.scan(module: entryPoint.module, className: entryPoint.attribute)
            declaration = result.declaration
            location = result.location
            moduleFile = result.moduleFile
            isSourceMissing = result.isSourceMissing
        }
        if case .unknown(let reason) = declaration {
            let code: DiagnosticCode = isSourceMissing ? .backendSourceNotFound : .npmModuleNotStatic
            diagnostics.emit(Diagnostic(
                code, "npm module of backend '\(entryPoint.name)' (\(entryPoint.objectReference)) is unknown: \(reason)",
                at: location ?? entryPoint.location,
                fix: "pass --backend \(entryPoint.name)=<npm package> (or --backend \(entryPoint.name)= if it has no worker)",
                notes: location == nil ? [] : ["entry point declared at \(entryPoint.location)"]))
        }
        return DiscoveredBackend(
            name: entryPoint.name, distribution: distribution, objectReference: entryPoint.objectReference,
            moduleFile: moduleFile, npmModuleDeclaration: declaration, npmModuleLocation: location,
            location: entryPoint.location, origin: .entryPoint)
    }

    // MARK: - Distributions

    struct MetadataFolder {
        var path: String
        var folderName: String
        var normalizedName: String
        var isDistInfo: Bool
    }

    /// The `*.dist-info` and `*.egg-info` folders of a site-packages folder, sorted by normalised name,
    /// a `.dist-info` before an `.egg-info` of the same name (importlib.metadata's order inside a folder).
    private func listMetadataFolders(_ folder: String) throws(FileSystemError) -> [MetadataFolder] {
        var folders: [MetadataFolder] = []
        for name in try fileSystem.listDirectory(folder) {
            let isDistInfo = name.hasSuffix(".dist-info")
            guard isDistInfo || name.hasSuffix(".egg-info") else { continue }
            let path = PathComponents.join(folder, name)
            guard fileSystem.directoryExists(path) else { continue }
            let stem = String(name.dropLast(isDistInfo ? 10 : 9))
            // `name-version`: the name is everything before the first '-' (wheel and egg names escape '-' as '_').
            let distributionName = String(stem.split(separator: "-", maxSplits: 1).first ?? Substring(stem))
            folders.append(MetadataFolder(
                path: path, folderName: name, normalizedName: DistributionIdentity.normalize(distributionName),
                isDistInfo: isDistInfo))
        }
        return folders.sorted {
            if $0.normalizedName != $1.normalizedName { return $0.normalizedName < $1.normalizedName }
            if $0.isDistInfo != $1.isDistInfo { return $0.isDistInfo }
            return $0.folderName < $1.folderName
        }
    }

    /// `Name:` and `Version:` from METADATA (dist-info) or PKG-INFO (egg-info), falling back on the folder name.
    private func readIdentity(_ folder: MetadataFolder) -> DistributionIdentity {
        let stem = String(folder.folderName.dropLast(folder.isDistInfo ? 10 : 9))
        let parts = stem.split(separator: "-", maxSplits: 1).map(String.init)
        var name = parts.first ?? stem
        var version = parts.count > 1 ? parts[1] : nil
        let metadataFile = PathComponents.join(folder.path, folder.isDistInfo ? "METADATA" : "PKG-INFO")
        if let text = try? fileSystem.readUTF8File(metadataFile) {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.trimmingPythonWhitespace().isEmpty { break }  // end of the header block
                if line.hasPrefix("Name:") { name = line.dropFirst(5).trimmingPythonWhitespace() }
                if line.hasPrefix("Version:") { version = line.dropFirst(8).trimmingPythonWhitespace() }
            }
        }
        return DistributionIdentity(name: name, version: version, metadataPath: folder.path)
    }
}
