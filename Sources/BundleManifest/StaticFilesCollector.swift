import Diagnostics
import FileSystemSupport

/// Does for one new file what `collectstatic` does with ManifestStaticFilesStorage: copies it to
/// `STATIC_ROOT/<name>`, writes the hashed copy `STATIC_ROOT/<stem>.<md5 12 hex>.<ext>`, and records the pair
/// in `STATIC_ROOT/staticfiles.json`, so that `staticfiles_storage.url()` returns the hashed URL.
public struct StaticFilesCollector: Sendable {
    public struct Collected: Sendable, Hashable {
        /// Name relative to STATIC_ROOT, e.g. `bundles/@edx/mockprock.js`.
        public var name: String
        public var hashedName: String
        /// The manifest text that was written.
        public var manifestText: String
    }

    private let fileSystem: any FileSystem
    private let writer: AtomicFileWriter

    public init(fileSystem: any FileSystem, writer: AtomicFileWriter = AtomicFileWriter()) {
        self.fileSystem = fileSystem
        self.writer = writer
    }

    /// The updated manifest for `name` with `content`, without writing anything.
    public func updatedManifest(staticRoot: String, name: String, content: [UInt8], diagnostics: DiagnosticCollector)
        -> Result<(manifest: StaticFilesManifest, hashedName: String), DiagnosticError>
    {
        let manifestPath = PathComponents.join(staticRoot, StaticFilesManifest.fileName)
        var manifest = StaticFilesManifest()
        do throws(FileSystemError) {
            let bytes = try fileSystem.readFile(manifestPath)
            switch StaticFilesManifest.parse(bytes: bytes, path: manifestPath) {
            case .failure(let error): return .failure(error)
            case .success(let loaded): manifest = loaded
            }
        } catch {
            if case .notFound = error {
                // collectstatic creates it; so do we.
            } else {
                return .failure(
                    DiagnosticError(
                        Diagnostic(
                            .staticFilesManifestInvalid, "cannot read \(StaticFilesManifest.fileName): \(error)",
                            at: .file(manifestPath), fix: "make STATIC_ROOT readable and writable for the build")))
            }
        }
        if name.hasSuffix(".js"), Self.containsSourceMappingURL(content) {
            diagnostics.emit(
                Diagnostic(
                    .staticFilesContentRewritten,
                    "'\(name)' has a //# sourceMappingURL comment; collectstatic would rewrite it and hash the result",
                    at: .file(PathComponents.join(staticRoot, name)),
                    fix: "emit the bundle without a sourceMappingURL comment, or run collectstatic after the build"))
        }
        let hashedName = StaticFilesManifest.hashedName(of: name, content: content)
        manifest.record(name, hashedName: hashedName)
        return .success((manifest, hashedName))
    }

    /// Writes the unhashed copy, the hashed copy and the manifest (each atomically; the manifest last, so a
    /// reader never sees an entry whose file is missing).
    public func collect(staticRoot: String, name: String, content: [UInt8], diagnostics: DiagnosticCollector)
        -> Result<Collected, DiagnosticError>
    {
        let manifest: StaticFilesManifest
        let hashedName: String
        switch updatedManifest(staticRoot: staticRoot, name: name, content: content, diagnostics: diagnostics) {
        case .failure(let error): return .failure(error)
        case .success(let result): (manifest, hashedName) = result
        }
        let text = manifest.rendered()
        let targets: [(String, [UInt8])] = [
            (PathComponents.join(staticRoot, name), content),
            (PathComponents.join(staticRoot, hashedName), content),
            (PathComponents.join(staticRoot, StaticFilesManifest.fileName), Array(text.utf8)),
        ]
        for (path, bytes) in targets {
            do throws(FileSystemError) {
                try writer.write(bytes, to: path, mode: 0o644, createDirectories: true)
            } catch {
                return .failure(
                    DiagnosticError(
                        Diagnostic(
                            .staticFilesManifestInvalid, "cannot write \(path): \(error)", at: .file(path),
                            fix: "make STATIC_ROOT writable for the build")))
            }
        }
        return .success(Collected(name: name, hashedName: hashedName, manifestText: text))
    }

    /// Django's pattern `(?m)^(//# (?-i:sourceMappingURL)=(.*))$` for *.js files.
    static func containsSourceMappingURL(_ content: [UInt8]) -> Bool {
        let text = String(decoding: content, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix("//# sourceMappingURL=") }
    }
}
