import Diagnostics
import Encodings
import FileSystemSupport

/// Maps npm modules to files of installed Python distributions, for `--js-from-python`.
///
/// The providers' npm packages are the same repositories as their Python distributions with a package.json
/// around them, so the file the npm package's `main` names is a file the distribution installs. The rule, in
/// order, for one module:
/// 1. `--js-module-file MODULE=PATH` names the file (relative to a site-packages folder, or to the working
///    directory, or absolute).
/// 2. The distribution whose name is the npm name without its scope (PEP 503 normalised:
///    `edx-proctoring-proctortrack-v2` ↔ `edx_proctoring_proctortrack_v2`, `@edx/edx-proctoring` ↔
///    `edx-proctoring`), else the distribution that declares the backend whose `npm_module` it is.
/// 3. In that distribution, the JavaScript file its RECORD lists directly in a `static/` folder of one of its
///    packages (`<package>/static/<file>.js`): the only one, or else the only `index.js`.
/// Every mapping carries that reason in words; a module that cannot be mapped is an error naming the
/// distributions searched.
public struct DistributionModuleMapper: Sendable {
    /// The module every worker imports (`handlerWrapper`), shipped by edx-proctoring as `edx_proctoring/static/index.js`.
    public static let edxProctoringModule = "@edx/edx-proctoring"

    public let fileSystem: any FileSystem
    public let sitePackages: [String]
    public let overrides: [JavaScriptModuleFileOverride]
    public let workingDirectory: String
    private let reader: InstalledDistributionFiles
    private let distributions: [InstalledDistribution]

    public init(fileSystem: any FileSystem, sitePackages: [String], overrides: [JavaScriptModuleFileOverride] = [], workingDirectory: String) {
        self.fileSystem = fileSystem
        self.sitePackages = sitePackages.map { PathComponents.absolute($0, relativeTo: workingDirectory) }
        self.overrides = overrides
        self.workingDirectory = workingDirectory
        self.reader = InstalledDistributionFiles(fileSystem: fileSystem)
        self.distributions = reader.distributions(in: self.sitePackages)
    }

    /// The workers' modules (each with the backend that declares it, when known), then @edx/edx-proctoring,
    /// then the modules only `--js-module-file` names. Every failure is reported, not just the first.
    public func map(workers: [(module: String, backend: DiscoveredBackend?)]) -> Result<JavaScriptModuleMap, DiagnosticError> {
        var map = JavaScriptModuleMap()
        var failures: [Diagnostic] = []
        let modules = workers + supportModules.map { ($0, nil) }
        for (module, backend) in modules where map.mapping(for: module) == nil {
            switch self.map(module: module, declaredBy: backend) {
            case .success(let mapping): map.add(mapping)
            case .failure(let error): failures.append(contentsOf: error.diagnostics)
            }
        }
        return failures.isEmpty ? .success(map) : .failure(DiagnosticError(failures))
    }

    /// The modules mapped besides the workers: @edx/edx-proctoring and those only `--js-module-file` names.
    public var supportModules: [String] {
        var modules = [Self.edxProctoringModule]
        for override in overrides where !modules.contains(override.module) { modules.append(override.module) }
        return modules
    }

    public func map(module: String, declaredBy backend: DiscoveredBackend? = nil) -> Result<JavaScriptModuleMapping, DiagnosticError> {
        if let override = overrides.last(where: { $0.module == module }) {
            return mapOverride(override)
        }
        let name = Self.distributionName(forNpmModule: module)
        let byName = distributions.first { $0.identity.normalizedName == DistributionIdentity.normalize(name) }
        var searched: [String] = []
        if byName == nil {
            searched.append("no distribution named '\(DistributionIdentity.normalize(name))' (the npm name\(module == name ? "" : " without its scope"), PEP 503 normalised) is installed")
        }
        var candidates: [(InstalledDistribution, String)] = []
        if let byName {
            let scope = module == name ? "" : " without its scope"
            candidates.append((byName, "npm name '\(module)'\(scope) is the distribution's name (PEP 503 normalised)"))
        }
        if let backend, let declaring = declaringDistribution(backend), declaring.identity.normalizedName != byName?.identity.normalizedName {
            candidates.append((declaring, "the distribution declares backend '\(backend.name)', whose npm_module is '\(module)'"))
        }
        for (distribution, why) in candidates {
            let (files, source) = reader.files(of: distribution)
            let scripts = Self.staticScripts(files)
            let chosen: String
            let how: String
            if scripts.count == 1 {
                chosen = scripts[0]
                how = "the one JavaScript file"
            } else if let index = Self.onlyIndex(scripts) {
                chosen = index
                how = "\(scripts.count) JavaScript files, of which this is the one index.js,"
            } else if scripts.isEmpty {
                searched.append("\(describe(distribution)) (\(distribution.metadataPath)): \(source.description) no JavaScript file in a static/ folder of its package")
                continue
            } else {
                return .failure(DiagnosticError(Diagnostic(
                    .javaScriptModuleAmbiguous,
                    "npm module '\(module)': \(describe(distribution)) ships \(scripts.count) JavaScript files in static/ folders and none is the only index.js, so which one is the worker cannot be told",
                    at: .file(distribution.metadataPath),
                    fix: "name it: \(JavaScriptModuleFileOverride.flag) \(module)=<one of the files below>",
                    notes: scripts.map { "candidate: \($0)" } + ["chosen because \(why)"])))
            }
            let file = PathComponents.join(distribution.sitePackages, chosen)
            guard fileSystem.fileExists(file) else {
                return .failure(DiagnosticError(Diagnostic(
                    .distributionFileMissing,
                    "npm module '\(module)': \(describe(distribution)) lists \(chosen), which is not on disk",
                    at: .file(file),
                    fix: "reinstall it: pip install --force-reinstall '\(distribution.identity.name)==\(distribution.identity.version ?? "…")'",
                    notes: ["file list: \(distribution.metadataPath)"])))
            }
            if let problem = replacedFile(chosen, of: distribution, module: module) { return .failure(DiagnosticError(problem)) }
            return .success(JavaScriptModuleMapping(
                module: module, file: file, pathInSitePackages: chosen, distribution: distribution.identity,
                reason: "\(why); \(source.description) \(how) in a static/ folder of its package"))
        }
        return .failure(DiagnosticError(notMapped(module, backend: backend, searched: searched)))
    }

    /// Two distributions may install the same path (Proctortrack 1.x and 2.x both ship
    /// `edx_proctoring_proctortrack/static/proctortrack_custom.js`); the file on disk is then the one installed
    /// last. A file whose sha256 is not the one this distribution's RECORD gives was not installed by it.
    private func replacedFile(_ path: String, of distribution: InstalledDistribution, module: String) -> Diagnostic? {
        guard let recorded = reader.recordedSHA256(of: distribution, path: path),
            let bytes = try? fileSystem.readFile(PathComponents.join(distribution.sitePackages, path))
        else { return nil }
        let actual = SubresourceIntegrity.value(of: bytes, algorithm: .sha256)
        guard actual != recorded else { return nil }
        let owners = distributions.filter { other in
            other != distribution && other.sitePackages == distribution.sitePackages
                && reader.recordedSHA256(of: other, path: path) == actual
        }
        return Diagnostic(
            .distributionFileReplaced,
            "npm module '\(module)': \(path) is not the file \(describe(distribution)) installed (its sha256 differs from the RECORD)"
                + (owners.isEmpty ? "" : "; it is the one of \(owners.map(describe).joined(separator: ", "))"),
            at: .file(PathComponents.join(distribution.sitePackages, path)),
            fix: owners.isEmpty
                ? "reinstall it: pip install --force-reinstall '\(distribution.identity.name)==\(distribution.identity.version ?? "…")'"
                : "uninstall \(owners.map(\.identity.name).joined(separator: ", ")) (both install the same files), then reinstall \(distribution.identity.name)",
            notes: ["RECORD: \(recorded)", "on disk: \(actual)"])
    }

    /// The npm name without its scope: the distribution name of the same repository.
    public static func distributionName(forNpmModule module: String) -> String {
        guard module.hasPrefix("@"), let slash = module.firstIndex(of: "/") else { return module }
        return String(module[module.index(after: slash)...])
    }

    /// `<package>/static/<file>.js`, in file-list order.
    static func staticScripts(_ files: [String]) -> [String] {
        files.filter { path in
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 3 && parts[1] == "static" && !parts[0].isEmpty && parts[2].hasSuffix(".js") && parts[2].count > 3
        }
    }

    static func onlyIndex(_ scripts: [String]) -> String? {
        let indexes = scripts.filter { PathComponents.basename($0) == "index.js" }
        return indexes.count == 1 ? indexes[0] : nil
    }

    private func declaringDistribution(_ backend: DiscoveredBackend) -> InstalledDistribution? {
        guard let metadataPath = backend.distribution?.metadataPath else { return nil }
        if let listed = distributions.first(where: { $0.metadataPath == metadataPath }) { return listed }
        guard let identity = backend.distribution else { return nil }
        return InstalledDistribution(identity: identity, sitePackages: PathComponents.dirname(metadataPath))
    }

    private func describe(_ distribution: InstalledDistribution) -> String {
        distribution.identity.version.map { "\(distribution.identity.name) \($0)" } ?? distribution.identity.name
    }

    private func notMapped(_ module: String, backend: DiscoveredBackend?, searched: [String]) -> Diagnostic {
        var notes = searched.map { "searched: \($0)" }
        if let backend, backend.distribution?.metadataPath == nil {
            notes.append("backend '\(backend.name)' comes from \(backend.origin == .override ? "--backend" : "the built-in table"), not from an installed distribution")
        }
        let shipping = distributions.compactMap { distribution -> String? in
            let scripts = Self.staticScripts(reader.files(of: distribution).files)
            return scripts.isEmpty ? nil : "\(describe(distribution)): \(scripts.joined(separator: ", "))"
        }
        notes.append(sitePackages.isEmpty
            ? "no site-packages folder was searched"
            : "site-packages searched: \(sitePackages.joined(separator: ", ")) (\(distributions.count) distribution(s))")
        if !shipping.isEmpty { notes.append("distributions that ship JavaScript in a static/ folder: \(shipping.joined(separator: "; "))") }
        return Diagnostic(
            .javaScriptModuleNotMapped,
            "npm module '\(module)' cannot be taken from an installed Python distribution",
            at: backend?.npmModuleLocation ?? backend?.location ?? .flag("--js-from-python"),
            fix: "install the Python distribution that ships it into the site-packages given (pip install \(Self.distributionName(forNpmModule: module))), or name its file with \(JavaScriptModuleFileOverride.flag) \(module)=PATH",
            notes: notes)
    }

    // MARK: - --js-module-file

    private func mapOverride(_ override: JavaScriptModuleFileOverride) -> Result<JavaScriptModuleMapping, DiagnosticError> {
        var tried: [String] = []
        var file: String?
        if override.path.hasPrefix("/") {
            tried.append(PathComponents.normalize(override.path))
        } else {
            tried.append(contentsOf: sitePackages.map { PathComponents.join($0, override.path) })
            tried.append(PathComponents.absolute(override.path, relativeTo: workingDirectory))
        }
        file = tried.map(PathComponents.normalize).first { fileSystem.fileExists($0) }
        guard let file else {
            return .failure(DiagnosticError(Diagnostic(
                .javaScriptModuleFileNotFound, "\(JavaScriptModuleFileOverride.flag) \(override.module)=\(override.path): no such file",
                at: .flag(JavaScriptModuleFileOverride.flag),
                fix: "give the path as the distribution's RECORD lists it (relative to site-packages) or an absolute path",
                notes: tried.map { "tried \($0)" })))
        }
        let folder = sitePackages.first { file.hasPrefix(PathComponents.normalize($0) + "/") }
        let relative = folder.map { String(file.dropFirst(PathComponents.normalize($0).count + 1)) }
        var owner: DistributionIdentity?
        if let folder, let relative {
            owner = distributions.first { $0.sitePackages == folder && reader.files(of: $0).files.contains(relative) }?.identity
        }
        var reason = "given by \(JavaScriptModuleFileOverride.flag)"
        if let owner { reason += "; listed by \(owner.name)'s file list" }
        if relative == nil { reason += "; outside site-packages, so workers.json names it by its file name" }
        return .success(JavaScriptModuleMapping(
            module: override.module, file: file, pathInSitePackages: relative, distribution: owner, reason: reason))
    }
}
