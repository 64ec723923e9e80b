import Diagnostics
import FileSystemSupport

/// Finds the django-webpack-loader installed in a deployment by its packaging metadata directory
/// (`django_webpack_loader-<version>.dist-info`, or an egg-info from older setuptools installs).
public struct LoaderVersionDetector: Sendable {
    public struct Installation: Sendable, Hashable {
        public var version: DjangoWebpackLoaderVersion
        /// The dist-info or egg-info directory it was read from.
        public var metadataPath: String
    }

    private let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// Searches `sitePackages` in order (sys.path order) and returns the first installation, as Python's import
    /// would pick it. Several installations give a warning; an unparseable version an error.
    public func detect(in sitePackages: [String], diagnostics: DiagnosticCollector) -> Installation? {
        var found: [Installation] = []
        for directory in sitePackages {
            guard let names = try? fileSystem.listDirectory(directory) else { continue }
            for name in names {
                guard let versionText = Self.loaderVersionText(inMetadataDirectoryName: name) else { continue }
                let path = PathComponents.join(directory, name)
                guard fileSystem.directoryExists(path) || fileSystem.fileExists(path) else { continue }
                guard let version = DjangoWebpackLoaderVersion(versionText) else {
                    diagnostics.emit(
                        Diagnostic(
                            .loaderVersionUnreadable,
                            "cannot read a django-webpack-loader version from '\(name)'",
                            at: .file(path), fix: "use --stats-format 0.4 or 1 explicitly"))
                    continue
                }
                found.append(Installation(version: version, metadataPath: path))
            }
        }
        guard let first = found.first else { return nil }
        if found.count > 1 {
            diagnostics.emit(
                Diagnostic(
                    .loaderInstalledTwice,
                    "django-webpack-loader is installed \(found.count) times; using \(first.version) from "
                        + first.metadataPath,
                    at: .file(first.metadataPath),
                    fix: "uninstall the copies that are not used",
                    notes: found.dropFirst().map { "also found \($0.version) at \($0.metadataPath)" }))
        }
        return first
    }

    /// `django_webpack_loader-3.2.3.dist-info` → `3.2.3`; `django_webpack_loader-0.7.0-py3.8.egg-info` → `0.7.0`.
    /// Project names compare after PEP 503 normalisation (`django-webpack-loader`, `Django_Webpack.Loader`).
    static func loaderVersionText(inMetadataDirectoryName name: String) -> String? {
        let stem: Substring
        if name.hasSuffix(".dist-info") {
            stem = name.dropLast(".dist-info".count)
        } else if name.hasSuffix(".egg-info") {
            stem = name.dropLast(".egg-info".count)
        } else {
            return nil
        }
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        let project = parts[0].lowercased().replacingAll(["-", ".", "_"], with: "_")
        guard project == "django_webpack_loader" else { return nil }
        return String(parts[1])
    }
}

extension String {
    fileprivate func replacingAll(_ characters: Set<Character>, with replacement: Character) -> String {
        String(map { characters.contains($0) ? replacement : $0 })
    }
}
