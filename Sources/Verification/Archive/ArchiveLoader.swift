import Crypto
import Diagnostics
import FileSystemSupport

/// Reads a `.tar.gz`, `.tgz` or plain `.tar` in one streaming pass into an `ArchiveFileSystem`:
/// unsafe entries are reported and left out, every file is hashed, contents are kept within the
/// limits, and (only when an extractor is given) safe entries are written to disk as they stream.
public enum ArchiveLoader {
    static var contentChunkSize: Int { 256 * 1024 }
    /// How many names an aggregated note lists before "and N more".
    static var listedNameLimit: Int { 5 }

    /// - Parameter retain: whether the contents of the file at a virtual path should be kept
    ///   (within the limits); files not asked for are only hashed.
    public static func load(
        path: String,
        limits: ArchiveLimits = ArchiveLimits(),
        retain: @escaping (String) -> Bool = { _ in true },
        extractor: ArchiveExtractor? = nil,
        diagnostics: DiagnosticCollector
    ) throws(DiagnosticError) -> ArchiveFileSystem {
        var session = LoadSession(
            archivePath: path, limits: limits, retain: retain, extractor: extractor, diagnostics: diagnostics)
        var isGzip = false
        var entryCount = 0
        do {
            try extractor?.prepare()
            let file = try FileChunkSource(path: path)
            let prefix = try file.nextChunk() ?? []
            switch ArchiveFormat.sniff(prefix) {
            case .gzip:
                isGzip = true
                var reader = TarReader(
                    source: try GzipChunkSource(base: PrefixedChunkSource(prefix: prefix, base: file), limits: limits))
                defer { entryCount = reader.entryCount }
                try session.consume(&reader)
            case .tar:
                var reader = TarReader(source: PrefixedChunkSource(prefix: prefix, base: file))
                defer { entryCount = reader.entryCount }
                try session.consume(&reader)
            case .unrecognized(let reason):
                throw ArchiveReadError.notAnArchive(reason: reason)
            }
        } catch let error as ArchiveReadError {
            throw DiagnosticError(diagnostic(for: error, archivePath: path, isGzip: isGzip, entryCount: entryCount))
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(Diagnostic(.inputPathUnreadable, "\(path): \(error)", at: .file(path)))
        }
        if entryCount == 0 {
            throw DiagnosticError(
                Diagnostic(
                    .emptyArchive, "\(path) is a valid archive with no entries", at: .file(path),
                    fix: "create the archive from inside the folder to verify, e.g. `tar czf out.tgz -C /openedx staticfiles`"))
        }
        return try session.finish()
    }

    static func diagnostic(for error: ArchiveReadError, archivePath: String, isGzip: Bool, entryCount: Int) -> Diagnostic {
        let location = SourceLocation.file(archivePath)
        let recreate = "recreate the archive (e.g. `tar czf out.tgz -C /openedx staticfiles`) and check the copy completed"
        // A gzip file whose contents do not even start like a tar archive is a wrong input, not a damaged one.
        if isGzip && entryCount == 0 {
            switch error {
            case .checksumMismatch(0, _, _), .malformedHeader(0, _), .truncatedTar(0..<512, _):
                return Diagnostic(
                    .inputNotAnArchive, "\(archivePath) is gzip-compressed but does not contain a tar archive",
                    at: location, fix: "pass a .tar.gz of the static root or of the image root, or the folder itself")
            default: break
            }
        }
        switch error {
        case .cannotOpen(let reason, let isMissing, let isDenied):
            if isMissing {
                return Diagnostic(
                    .inputPathNotFound, "\(archivePath): no such file or directory", at: location,
                    fix: "give a static root or image root folder, or a .tar.gz/.tgz/.tar of one")
            }
            return Diagnostic(
                .inputPathUnreadable, "cannot open \(archivePath): \(reason)", at: location,
                fix: isDenied ? "make the file readable by the current user" : nil)
        case .readFailed(let reason):
            return Diagnostic(.inputPathUnreadable, "cannot read \(archivePath): \(reason)", at: location)
        case .notAnArchive(let reason):
            return Diagnostic(
                .inputNotAnArchive, "\(archivePath) is neither a folder, a gzip file nor a tar archive: \(reason)",
                at: location, fix: "pass the static root or image root folder, or a .tar.gz/.tgz/.tar of one")
        case .corruptGzip(let offset, let reason):
            return Diagnostic(
                .corruptGzip, "corrupt gzip data in \(archivePath) near compressed byte \(offset): \(reason)",
                at: location, fix: recreate)
        case .expansionLimit(_, _, let reason):
            return Diagnostic(
                .archiveExpansionLimit, "\(archivePath) was not read to its end: \(reason)", at: location,
                fix: "if this is a real image, raise the limit (--max-expanded-size BYTES, --max-compression-ratio N); otherwise do not trust the archive")
        case .truncatedGzip(let offset):
            return Diagnostic(
                .truncatedGzip, "\(archivePath) ends in the middle of its gzip stream (after \(offset) compressed bytes)",
                at: location, fix: recreate)
        case .checksumMismatch(let offset, let recorded, let computed):
            return Diagnostic(
                .tarChecksumMismatch,
                "tar header at byte \(offset) of \(archivePath) has checksum \(recorded) but its bytes sum to \(computed)",
                at: location, fix: recreate)
        case .truncatedTar(let offset, let reason):
            return Diagnostic(
                .truncatedTar, "\(archivePath) is truncated: \(reason) (at byte \(offset) of the tar data)",
                at: location, fix: recreate)
        case .malformedHeader(let offset, let reason):
            return Diagnostic(
                .malformedTarHeader, "malformed tar header at byte \(offset) of \(archivePath): \(reason)",
                at: location, fix: recreate)
        }
    }
}

/// The state of one pass over an archive.
private struct LoadSession {
    let archivePath: String
    let limits: ArchiveLimits
    let retain: (String) -> Bool
    let extractor: ArchiveExtractor?
    let diagnostics: DiagnosticCollector
    var tree = ArchiveTreeBuilder()
    var specialFiles: [String] = []
    var droppedForTotalLimit: [String] = []

    init(
        archivePath: String, limits: ArchiveLimits, retain: @escaping (String) -> Bool, extractor: ArchiveExtractor?,
        diagnostics: DiagnosticCollector
    ) {
        self.archivePath = archivePath
        self.limits = limits
        self.retain = retain
        self.extractor = extractor
        self.diagnostics = diagnostics
    }

    func location(_ entryName: String) -> SourceLocation {
        SourceLocation(file: archivePath, source: "entry \(entryName)")
    }

    mutating func consume<Source: ByteChunkSource>(_ reader: inout TarReader<Source>) throws {
        while let entry = try reader.nextEntry() {
            let path: String
            switch ArchiveEntryName.resolve(entry.name) {
            case .root: continue
            case .unsafe(let reason):
                diagnostics.emit(
                    Diagnostic(
                        .unsafeArchiveEntry, "archive entry `\(entry.name)` has \(reason); it was left out",
                        at: location(entry.name),
                        fix: "create the archive with relative names from inside the folder (`tar czf out.tgz -C DIR .`)"))
                continue
            case .path(let resolved):
                path = resolved
            }
            switch entry.type {
            case .directory:
                if let conflict = tree.add(.directory, at: path) {
                    report(conflict, entry: entry)
                } else {
                    try extractor?.makeDirectory(path)
                }
            case .regularFile:
                try addFile(entry, at: path, reader: &reader)
            case .symbolicLink:
                if let conflict = tree.add(.symbolicLink(target: entry.linkName), at: path) {
                    report(conflict, entry: entry)
                }
            case .hardLink:
                try addHardLink(entry, at: path)
            case .characterDevice, .blockDevice, .fifo:
                specialFiles.append(entry.name)
            case .unsupported(let flag):
                let flagText = (0x21..<0x7F).contains(flag) ? String(UnicodeScalar(flag)) : "\\(\(flag))"
                diagnostics.emit(
                    Diagnostic(
                        .unsupportedArchiveEntry,
                        "archive entry `\(entry.name)` has the unsupported tar type `\(flagText)`; it was left out",
                        at: location(entry.name), fix: "recreate the archive without sparse or multi-volume entries"))
            }
        }
    }

    private mutating func addFile<Source: ByteChunkSource>(
        _ entry: TarEntry, at path: String, reader: inout TarReader<Source>
    ) throws {
        if let conflict = tree.conflict(adding: path, isDirectory: false) {
            report(conflict, entry: entry)
            return
        }
        let retention: ArchiveFile.Retention
        if !retain(path) {
            retention = .notRequested
        } else if entry.size > limits.maximumRetainedFileSize {
            retention = .exceedsFileLimit(limit: limits.maximumRetainedFileSize)
        } else if tree.retainedBytes + entry.size > limits.maximumRetainedTotalSize {
            retention = .exceedsTotalLimit(limit: limits.maximumRetainedTotalSize)
            droppedForTotalLimit.append(path)
        } else {
            retention = .retained
        }
        var contents: [UInt8]? = retention == .retained ? [] : nil
        contents?.reserveCapacity(entry.size)
        var hasher = SHA384()
        let writer = try extractor?.beginFile(path)
        while true {
            let chunk = try reader.readContents(upTo: ArchiveLoader.contentChunkSize)
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            contents?.append(contentsOf: chunk)
            try writer?.write(chunk)
        }
        try writer?.commit(mode: entry.mode)
        let digest = FileDigest.hex(hasher.finalize())
        let file = ArchiveFile(size: entry.size, sha384: digest, mode: entry.mode, retention: retention, contents: contents)
        _ = tree.add(.file(file), at: path)
        if case .exceedsFileLimit(let limit) = retention {
            diagnostics.emit(
                Diagnostic(
                    .archiveFileNotRetained,
                    "\(path) (\(entry.size) bytes) is larger than \(ByteCountText.describe(limit)); only its size and SHA-384 \(digest) were recorded",
                    at: location(entry.name), severity: .note))
        }
    }

    private mutating func addHardLink(_ entry: TarEntry, at path: String) throws {
        guard case .path(let targetPath) = ArchiveEntryName.resolve(entry.linkName) else {
            diagnostics.emit(
                Diagnostic(
                    .unsafeArchiveEntry,
                    "hard link `\(entry.name)` points to `\(entry.linkName)`, outside the archive; it was left out",
                    at: location(entry.name)))
            return
        }
        guard case .file(let file) = tree.node(at: targetPath) else {
            diagnostics.emit(
                Diagnostic(
                    .archiveHardLinkTargetMissing,
                    "hard link `\(entry.name)` points to `\(entry.linkName)`, which is not a file earlier in the archive; it was left out",
                    at: location(entry.name)))
            return
        }
        if let conflict = tree.add(.file(file), at: path) {
            report(conflict, entry: entry)
            return
        }
        try extractor?.hardLink(path, to: targetPath)
    }

    private func report(_ conflict: ArchiveTreeBuilder.Conflict, entry: TarEntry) {
        let reason: String
        switch conflict {
        case .underFile(let parent): reason = "it lies under \(parent), which is a file"
        case .underSymbolicLink(let parent):
            reason = "it lies under \(parent), a symbolic link (entries are never written through links)"
        case .replacesDirectory: reason = "a directory of the same name came earlier"
        case .replacesFileWithDirectory: reason = "a file of the same name came earlier"
        }
        diagnostics.emit(
            Diagnostic(
                .archiveEntryConflict, "archive entry `\(entry.name)` was left out: \(reason)",
                at: location(entry.name), fix: "recreate the archive from a clean folder"))
    }

    func finish() throws(DiagnosticError) -> ArchiveFileSystem {
        let fileSystem = ArchiveFileSystem(archivePath: archivePath, nodes: tree.nodes)
        for linkPath in fileSystem.symbolicLinkPaths {
            let target = fileSystem.symbolicLinkTarget(linkPath) ?? ""
            switch fileSystem.resolve(linkPath) {
            case .escapes(let link):
                diagnostics.emit(
                    Diagnostic(
                        .archiveLinkNotFollowed,
                        "symbolic link \(linkPath) -> \(target) points outside the archive\(Self.via(link, linkPath)); it is not followed",
                        at: location(String(linkPath.dropFirst()))))
            case .loops(let link):
                diagnostics.emit(
                    Diagnostic(
                        .archiveLinkNotFollowed,
                        "symbolic link \(linkPath) -> \(target) loops\(Self.via(link, linkPath)); it is not followed",
                        at: location(String(linkPath.dropFirst()))))
            case .resolved, .missing, .notADirectory:
                break
            }
        }
        if !specialFiles.isEmpty {
            diagnostics.emit(
                Diagnostic(
                    .archiveSpecialFileIgnored,
                    "ignored \(specialFiles.count) device file(s) or FIFO(s): \(Self.list(specialFiles))",
                    at: .file(archivePath)))
        }
        if !droppedForTotalLimit.isEmpty {
            diagnostics.emit(
                Diagnostic(
                    .archiveFileNotRetained,
                    "kept contents reached \(ByteCountText.describe(limits.maximumRetainedTotalSize)); \(droppedForTotalLimit.count) later file(s) were only hashed: \(Self.list(droppedForTotalLimit))",
                    at: .file(archivePath), severity: .note))
        }
        try extractor?.writeSymbolicLinks(of: fileSystem)
        return fileSystem
    }

    /// Names the link where resolution failed when it is not the one reported.
    static func via(_ link: String, _ reported: String) -> String {
        link == reported ? "" : " (through \(link))"
    }

    static func list(_ names: [String]) -> String {
        let shown = names.prefix(ArchiveLoader.listedNameLimit).joined(separator: ", ")
        let more = names.count - ArchiveLoader.listedNameLimit
        return more > 0 ? "\(shown) and \(more) more" : shown
    }
}
