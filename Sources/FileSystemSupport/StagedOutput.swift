import Diagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts a set of output files (bundles, the stats file, workers.json) in place so that a failure
/// leaves the previous outputs, not a mix. The files may live in different directories (the bundles
/// under edx-platform, the stats file under STATIC_ROOT_LMS, workers.json under ENV_ROOT).
///
/// How `commit()` works:
/// 1. Stage: every file is written completely next to its destination as `.<name>.staged-<pid>-<n>`
///    with `AtomicFileWriter` (fsync'd), creating missing directories. Being in the destination's own
///    directory keeps the later move a `rename(2)` on one file system. A failure here removes the
///    staged files and the directories created, and no destination has been touched.
/// 2. Move into place, **in the order the files were added** — add files others refer to first
///    (bundles before the stats file that names them, workers.json last or first as the caller needs).
///    An existing destination is first renamed to `.<name>.previous-<pid>-<n>`, then the staged file is
///    renamed over the destination.
/// 3. If any move fails, the moves already done are undone in reverse order (previous files renamed
///    back, new files removed, directories created for them removed when empty); then the error is thrown.
/// 4. On success the `.previous-…` files are deleted.
///
/// What this does **not** guarantee: the set is not replaced in one atomic step. A reader looking
/// during the few renames of step 2 can see some new and some old files, and a crash (power loss,
/// SIGKILL) during step 2 leaves a mix plus `.previous-…`/`.staged-…` files for a person to inspect.
/// Each single file, however, is always either the complete old or the complete new one.
public struct StagedOutput: Sendable {
    public struct File: Sendable, Hashable {
        /// Absolute, normalised destination path.
        public var path: String
        public var bytes: [UInt8]
        public var mode: mode_t
    }

    public private(set) var files: [File] = []

    public init() {}

    /// Adds a file to write at the absolute `path`; files are moved into place in the order added.
    /// Adding the same path again replaces the earlier content, keeping its position.
    public mutating func add(_ path: String, bytes: [UInt8], mode: mode_t = 0o644) {
        let file = File(path: PathComponents.normalize(path), bytes: bytes, mode: mode)
        if let index = files.firstIndex(where: { $0.path == file.path }) {
            files[index] = file
        } else {
            files.append(file)
        }
    }

    public mutating func add(_ path: String, text: String, mode: mode_t = 0o644) {
        add(path, bytes: Array(text.utf8), mode: mode)
    }

    /// Writes all files or none (see the type's documentation for the exact guarantee); returns the
    /// paths written, in commit order.
    public func commit() throws(DiagnosticError) -> [String] {
        for file in files where !file.path.hasPrefix("/") {
            throw failure("refusing to write \(file.path): output paths must be absolute", at: file.path)
        }
        let writer = AtomicFileWriter()
        let token = "\(getpid())"
        var createdDirectories: [String] = []
        var staged: [String] = []
        for (index, file) in files.enumerated() {
            let stagedPath = sibling(of: file.path, kind: "staged", token: token, index: index)
            do {
                createdDirectories += try createMissingDirectories(PathComponents.dirname(file.path))
                try writer.write(file.bytes, to: stagedPath, mode: file.mode)
                staged.append(stagedPath)
            } catch {
                for path in staged { unlink(path) }
                Self.removeEmptyDirectories(createdDirectories)
                throw failure("cannot stage \(file.path): \(error); no output was changed", at: file.path)
            }
        }

        var journal: [CommittedStep] = []
        for (index, file) in files.enumerated() {
            let previous = sibling(of: file.path, kind: "previous", token: token, index: index)
            do {
                journal.append(try moveIntoPlace(staged[index], file.path, previous: previous))
            } catch {
                rollBack(journal)
                for path in staged[index...] { unlink(path) }
                Self.removeEmptyDirectories(createdDirectories)
                throw failure(
                    "cannot put \(file.path) in place (\(error)); the \(journal.count) file(s) already moved were rolled back",
                    at: file.path)
            }
        }
        for step in journal {
            if let previous = step.previous { unlink(previous) }
        }
        return files.map(\.path)
    }

    // MARK: - Steps

    private struct CommittedStep {
        let destination: String
        /// Where the previous file was moved, or nil when there was none.
        let previous: String?
    }

    private func moveIntoPlace(_ staged: String, _ destination: String, previous: String) throws(FileSystemError)
        -> CommittedStep
    {
        var status = stat()
        var movedPrevious: String?
        if lstat(destination, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFDIR { throw .notAFile(path: destination) }
            guard rename(destination, previous) == 0 else { throw Self.error(errno, destination) }
            movedPrevious = previous
        }
        guard rename(staged, destination) == 0 else {
            let code = errno
            if let movedPrevious { rename(movedPrevious, destination) }
            throw Self.error(code, destination)
        }
        return CommittedStep(destination: destination, previous: movedPrevious)
    }

    private func rollBack(_ journal: [CommittedStep]) {
        for step in journal.reversed() {
            if let previous = step.previous {
                rename(previous, step.destination)
            } else {
                unlink(step.destination)
            }
        }
    }

    /// `mkdir -p` that reports which directories it created (deepest first), so a rollback can remove them.
    private func createMissingDirectories(_ directory: String) throws(FileSystemError) -> [String] {
        var missing: [String] = []
        var current = directory
        while !current.isEmpty, current != "/", access(current, F_OK) != 0 {
            missing.append(current)
            current = PathComponents.dirname(current)
        }
        for path in missing.reversed() where mkdir(path, 0o755) != 0 && errno != EEXIST {
            let code = errno
            Self.removeEmptyDirectories(missing)
            throw Self.error(code, path)
        }
        return missing
    }

    private func sibling(of path: String, kind: String, token: String, index: Int) -> String {
        PathComponents.join(PathComponents.dirname(path), ".\(PathComponents.basename(path)).\(kind)-\(token)-\(index)")
    }

    private func failure(_ message: String, at path: String) -> DiagnosticError {
        DiagnosticError(
            Diagnostic(
                .stagedOutputFailed, message, at: .file(path),
                fix:
                    "check free space and write permission of \(PathComponents.dirname(path)); the previous outputs were left in place"
            ))
    }

    private static func error(_ code: Int32, _ path: String) -> FileSystemError {
        .other(path: path, reason: String(cString: strerror(code)))
    }

    /// Removes directories that are still empty, deepest first.
    private static func removeEmptyDirectories(_ directories: [String]) {
        for directory in directories.sorted(by: { $0.count > $1.count }) { rmdir(directory) }
    }
}
