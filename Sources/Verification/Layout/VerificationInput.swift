#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics
import FileSystemSupport

/// Options for opening the input of `verify`.
public struct VerificationInputOptions: Sendable {
    public var layout: DeploymentLayoutOptions
    public var archiveLimits: ArchiveLimits
    /// `--extract-to DIR`: write the archive's safe entries there (archives only; must be missing or empty).
    public var extractTo: String?
    /// Resolves a relative input path.
    public var workingDirectory: String?

    public init(
        layout: DeploymentLayoutOptions = DeploymentLayoutOptions(), archiveLimits: ArchiveLimits = ArchiveLimits(),
        extractTo: String? = nil, workingDirectory: String? = nil
    ) {
        self.layout = layout
        self.archiveLimits = archiveLimits
        self.extractTo = extractTo
        self.workingDirectory = workingDirectory
    }
}

/// The input of `verify`, opened: a `FileSystem` over the folder or the archive, and where the
/// deployment's parts are inside it.
public struct VerificationInput: Sendable {
    public enum Source: Sendable, Hashable {
        /// A folder on disk; paths are host paths under it.
        case folder(path: String)
        /// A .tar.gz/.tgz/.tar; paths are absolute inside its virtual root `/`.
        case archive(path: String)
    }

    public let source: Source
    public let fileSystem: any FileSystem
    /// The same file system with archive-only queries (sizes and SHA-384 of files not kept), for archives.
    public let archive: ArchiveFileSystem?
    public let layout: DeploymentLayout

    /// A path of the input for messages: host paths as they are, archive paths followed by the archive.
    public func describe(_ path: String) -> String {
        Self.describer(for: source)(path)
    }

    /// Where a finding about `path` points: the file itself for a folder, the archive and entry otherwise.
    public func location(of path: String, line: Int? = nil, column: Int? = nil) -> SourceLocation {
        switch source {
        case .folder: return .file(path, line: line, column: column)
        case .archive(let archivePath):
            return SourceLocation(file: archivePath, source: "entry \(path.drop { $0 == "/" })")
        }
    }

    static func describer(for source: Source) -> @Sendable (String) -> String {
        switch source {
        case .folder: return { $0 }
        case .archive(let archivePath): return { "\($0) in \(archivePath)" }
        }
    }

    /// Opens a folder or an archive (decided by what the path is and by the file's first bytes, not
    /// its name). Throws when nothing can be verified: missing or unreadable path, corrupt or
    /// truncated archive, ambiguous static root, override not found. Findings that do not stop the
    /// verification (left-out entries, notes) go to `diagnostics`.
    public static func open(
        path: String, options: VerificationInputOptions = VerificationInputOptions(), diagnostics: DiagnosticCollector
    ) throws(DiagnosticError) -> VerificationInput {
        let absolute = PathComponents.absolute(path, relativeTo: options.workingDirectory ?? currentDirectory())
        var status = stat()
        guard stat(absolute, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw DiagnosticError(
                    Diagnostic(
                        .inputPathNotFound, "\(path): no such file or directory", at: .file(path),
                        fix: "give a static root or image root folder, or a .tar.gz/.tgz/.tar of one"))
            }
            throw DiagnosticError(
                Diagnostic(.inputPathUnreadable, "cannot read \(path): \(String(cString: strerror(code)))", at: .file(path)))
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            return try openFolder(absolute, displayedAs: path, options: options, diagnostics: diagnostics)
        case S_IFREG:
            return try openArchive(absolute, displayedAs: path, options: options, diagnostics: diagnostics)
        default:
            throw DiagnosticError(
                Diagnostic(
                    .inputNotAnArchive, "\(path) is neither a folder nor a regular file", at: .file(path),
                    fix: "give a static root or image root folder, or a .tar.gz/.tgz/.tar of one"))
        }
    }

    private static func openFolder(
        _ absolute: String, displayedAs path: String, options: VerificationInputOptions, diagnostics: DiagnosticCollector
    ) throws(DiagnosticError) -> VerificationInput {
        let disk = DiskFileSystem()
        let root: String
        do {
            root = try disk.realPath(absolute)
            _ = try disk.listDirectory(root)
        } catch {
            throw DiagnosticError(
                Diagnostic(
                    .inputPathUnreadable, "cannot read the folder \(path): \(error)", at: .file(path),
                    fix: "make the folder readable (and searchable) by the current user"))
        }
        let source = Source.folder(path: root)
        let detector = DeploymentLayoutDetector(
            options: options.layout, inputLocation: .file(path), describe: describer(for: source))
        let layout = try detector.detect(in: disk, root: root, diagnostics: diagnostics)
        return VerificationInput(source: source, fileSystem: disk, archive: nil, layout: layout)
    }

    private static func openArchive(
        _ absolute: String, displayedAs path: String, options: VerificationInputOptions, diagnostics: DiagnosticCollector
    ) throws(DiagnosticError) -> VerificationInput {
        let source = Source.archive(path: path)
        let detector = DeploymentLayoutDetector(
            options: options.layout, inputLocation: .file(path), describe: describer(for: source))
        // --extract-to writes into a staging folder beside the destination, moved into place only when the
        // whole archive was read and accepted: a truncated, corrupt or unsafe archive leaves nothing behind.
        let extraction = try options.extractTo.map { destination throws(DiagnosticError) in
            try StagedExtraction(destination: PathComponents.absolute(destination, relativeTo: options.workingDirectory ?? currentDirectory()))
        }
        // First pass: everything within the limits. Diagnostics are held back in case a second pass
        // (which reports the same entry findings again) replaces this one.
        let firstPass = DiagnosticCollector()
        let archive: ArchiveFileSystem
        let layout: DeploymentLayout
        do {
            archive = try ArchiveLoader.load(
                path: absolute, limits: options.archiveLimits, extractor: extraction?.extractor, diagnostics: firstPass)
            layout = try detector.detect(in: archive, root: "/", diagnostics: firstPass)
        } catch {
            // What was found before the stop still matters (e.g. unsafe entries before a truncation).
            diagnostics.emit(contentsOf: firstPass.diagnostics)
            extraction?.discard()
            throw error
        }
        if let extraction {
            if firstPass.diagnostics.contains(where: { $0.severity == .error && $0.code.isInputError }) {
                extraction.discard()
            } else {
                try extraction.commit()
            }
        }
        guard archive.hasFilesOverTotalLimit else {
            diagnostics.emit(contentsOf: firstPass.diagnostics)
            return VerificationInput(source: source, fileSystem: archive, archive: archive, layout: layout)
        }
        // A whole image is larger than the total limit, and the files verify needs may come after the
        // limit was reached: read the archive again keeping only the deployment's parts.
        let wanted = WantedArchivePaths(layout: layout)
        let focused = try ArchiveLoader.load(
            path: absolute, limits: options.archiveLimits, retain: wanted.contains, diagnostics: diagnostics)
        let focusedLayout = try detector.detect(in: focused, root: "/", diagnostics: diagnostics)
        return VerificationInput(source: source, fileSystem: focused, archive: focused, layout: focusedLayout)
    }

    private static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "/" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// The files of an archive the verify rules read: the static root, workers.json, and the loader's metadata.
struct WantedArchivePaths {
    let folders: [String]
    let files: Set<String>

    init(layout: DeploymentLayout) {
        folders = [layout.staticRoot, layout.webpackLoader?.metadataPath].compactMap { $0 }
        files = Set([layout.workersConfigFile].compactMap { $0 })
    }

    func contains(_ path: String) -> Bool {
        files.contains(path) || folders.contains { LayoutSearch.isInside(path, $0) }
    }
}
