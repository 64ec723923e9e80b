#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics
import FileSystemSupport

/// Writes the safe entries of an archive under a destination folder, only when `--extract-to` asks
/// for it. Each file appears atomically (temporary file, fsync, rename), only regular files and
/// directories are written while streaming, and symbolic links are written last, only when they
/// resolve inside the archive, with a relative target; so no write can ever go through a link.
public struct ArchiveExtractor: Sendable {
    /// The folder entries are written under (`/a/b` in the archive → `destination/a/b`).
    public let destination: String

    public init(destination: String) {
        self.destination = PathComponents.normalize(destination)
    }

    /// Creates the destination when missing; refuses one that exists and is not empty.
    public func prepare() throws(DiagnosticError) {
        guard try checkUsable() else { return }
        do {
            try AtomicFileWriter().makeDirectories(destination)
        } catch {
            throw failure(.extractionFailed, "cannot create \(destination): \(error)")
        }
    }

    /// Refuses a destination that exists and is not an empty folder; returns whether it is missing.
    @discardableResult
    func checkUsable() throws(DiagnosticError) -> Bool {
        var status = stat()
        if lstat(destination, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw failure(.extractionDirectoryNotEmpty, "\(destination) exists and is not a folder")
            }
            guard let directory = opendir(destination) else {
                throw failure(.extractionFailed, "\(destination): \(String(cString: strerror(errno)))")
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." {
                    throw failure(
                        .extractionDirectoryNotEmpty, "\(destination) is not empty (it holds \(name))",
                        fix: "extract into a new or empty folder")
                }
            }
            return false
        }
        return true
    }

    func hostPath(_ archivePath: String) -> String {
        destination == "/" ? archivePath : destination + archivePath
    }

    /// `mkdir -p` below the destination, refusing any component that is not a real directory.
    func makeDirectory(_ archivePath: String) throws(DiagnosticError) {
        var current = destination
        for component in archivePath.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw failure(.extractionFailed, "cannot create \(current): \(String(cString: strerror(errno)))")
            }
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
                throw failure(.extractionFailed, "\(current) is not a folder; refusing to write through it")
            }
        }
    }

    func beginFile(_ archivePath: String) throws(DiagnosticError) -> ExtractedFileWriter {
        try makeDirectory(PathComponents.dirname(archivePath))
        let finalPath = hostPath(archivePath)
        var template = Array(
            (PathComponents.dirname(finalPath) + "/." + PathComponents.basename(finalPath) + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else {
            throw failure(.extractionFailed, "cannot create a file next to \(finalPath): \(String(cString: strerror(errno)))")
        }
        let temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return ExtractedFileWriter(descriptor: descriptor, temporaryPath: temporaryPath, finalPath: finalPath)
    }

    /// A hard link inside the destination, to a file extracted earlier.
    func hardLink(_ archivePath: String, to existingArchivePath: String) throws(DiagnosticError) {
        try makeDirectory(PathComponents.dirname(archivePath))
        let finalPath = hostPath(archivePath)
        let temporaryPath = PathComponents.dirname(finalPath) + "/." + PathComponents.basename(finalPath) + ".tmp-link"
        unlink(temporaryPath)
        guard link(hostPath(existingArchivePath), temporaryPath) == 0, rename(temporaryPath, finalPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw failure(.extractionFailed, "cannot link \(finalPath): \(reason)")
        }
    }

    /// Writes the archive's symbolic links that resolve inside it, with targets made relative.
    func writeSymbolicLinks(of fileSystem: ArchiveFileSystem) throws(DiagnosticError) {
        for linkPath in fileSystem.symbolicLinkPaths {
            guard case .resolved(let target) = fileSystem.resolve(linkPath) else { continue }
            let directory = PathComponents.dirname(linkPath)
            try makeDirectory(directory)
            let relativeTarget = PathComponents.relative(target, from: directory)
            let finalPath = hostPath(linkPath)
            let temporaryPath = PathComponents.dirname(finalPath) + "/." + PathComponents.basename(finalPath) + ".tmp-symlink"
            unlink(temporaryPath)
            guard symlink(relativeTarget.isEmpty ? "." : relativeTarget, temporaryPath) == 0,
                rename(temporaryPath, finalPath) == 0
            else {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                throw failure(.extractionFailed, "cannot create the link \(finalPath): \(reason)")
            }
        }
    }

    func failure(_ code: DiagnosticCode, _ message: String, fix: String? = nil) -> DiagnosticError {
        DiagnosticError(Diagnostic(code, message, at: .flag("--extract-to"), fix: fix))
    }
}

/// One file being extracted: written to a temporary name, renamed over the final name on commit.
final class ExtractedFileWriter {
    private var descriptor: Int32
    private let temporaryPath: String
    let finalPath: String

    init(descriptor: Int32, temporaryPath: String, finalPath: String) {
        self.descriptor = descriptor
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
    }

    deinit {
        // Not committed: leave no partial file behind.
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws(DiagnosticError) {
        if let code = bytes.withUnsafeBytes({ DescriptorWriting.writeAll($0, to: descriptor) }) {
            throw error("cannot write \(finalPath): \(String(cString: strerror(code)))")
        }
    }

    func commit(mode: UInt32) throws(DiagnosticError) {
        // Permission bits only, never setuid/setgid/sticky, and never writable by others.
        let permissions: mode_t = (mode & 0o111) != 0 ? 0o755 : 0o644
        guard fchmod(descriptor, permissions) == 0, fsync(descriptor) == 0 else {
            throw error("cannot write \(finalPath): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, finalPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw error("cannot write \(finalPath): \(reason)")
        }
    }

    private func error(_ message: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(.extractionFailed, message, at: .flag("--extract-to")))
    }
}
