import Diagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts a set of output files (bundles, the stats file, workers.json) in place so that a failure — even
/// SIGKILL or power loss — never leaves a destination missing, and an interrupted commit is completed by
/// the next one. The files may live in different directories (the bundles under edx-platform, the stats file
/// under STATIC_ROOT, workers.json under ENV_ROOT).
///
/// How `commit()` works:
/// 1. Recover: a journal left by an interrupted commit in one of the destination directories is rolled
///    forward (its files were all staged completely before it was written), and leftover staged, backup and
///    temporary files of interrupted runs are removed; `recoveryNotes` says what was done.
/// 2. Stage: every file is written completely next to its destination as `.<name>.staged-<token>-<n>` (in the
///    destination's own directory so the move is a `rename(2)` on one file system), then all are fsync'd
///    together (`StagedFileSet`). A failure removes the staged files and the directories created; no
///    destination has been touched.
/// 3. Journal: the list of moves is written (fsync'd, and the staged files' folders first) beside the last
///    file — unless there is only one file, whose single rename is already all or nothing — then
/// 4. each staged file is renamed directly over its destination, **in the order the files were added**: a
///    destination always exists and is always a complete old or new file. Callers add what others refer to
///    first (bundles before the stats file that names them; the stats file last). An existing destination is
///    first hard-linked to `.<name>.previous-<token>-<n>`, so that an ordinary failure can put the old files
///    back.
/// 5. On success the backups and the journal are deleted.
///
/// What a reader can see during step 4 is the old set, then old and new files mixed in add order, then the
/// new set; with the stats file last, the stats file the LMS reads never names a bundle that is not in place.
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

    /// The name prefix of commit journals.
    static let journalPrefix = ".proctoring-assets-commit-"

    /// Writes all files or none (see the type's documentation for the exact guarantee); returns the
    /// paths written, in commit order.
    public func commit() throws(DiagnosticError) -> [String] {
        for file in files where !file.path.hasPrefix("/") {
            throw failure("refusing to write \(file.path): output paths must be absolute", at: file.path)
        }
        guard let last = files.last else { return [] }
        let token = "\(getpid())x\(UInt32.random(in: 0...UInt32.max))"
        var createdDirectories: [String] = []
        var staged = StagedFileSet()
        // One file needs no journal: its single rename is already all or nothing.
        let needsJournal = files.count > 1
        // The destination named in a failure: the file being written, or for a failed sync the last one.
        var stagingFor = last.path
        do {
            for (index, file) in files.enumerated() {
                stagingFor = file.path
                createdDirectories += try createMissingDirectories(PathComponents.dirname(file.path))
                try staged.write(file.bytes, to: sibling(of: file.path, kind: "staged", token: token, index: index), mode: file.mode)
            }
            stagingFor = last.path
            try staged.sync(includingNames: needsJournal)
        } catch {
            staged.discard()
            Self.removeEmptyDirectories(createdDirectories)
            throw failure("cannot stage \(stagingFor): \(error); no output was changed", at: stagingFor)
        }

        let steps = files.enumerated().map { index, file in
            CommitJournal.Step(
                staged: staged.paths[index], destination: file.path,
                previous: sibling(of: file.path, kind: "previous", token: token, index: index))
        }
        let journal = PathComponents.join(PathComponents.dirname(last.path), Self.journalPrefix + token + ".journal")
        if needsJournal {
            do {
                try AtomicFileWriter().write(CommitJournal(steps: steps).encoded(), to: journal, mode: 0o600)
            } catch {
                staged.discard()
                Self.removeEmptyDirectories(createdDirectories)
                throw failure("cannot write the commit journal \(journal): \(error); no output was changed", at: journal)
            }
        }

        var done: [(step: CommitJournal.Step, backedUp: Bool)] = []
        for step in steps {
            do {
                done.append((step, try moveIntoPlace(step)))
            } catch {
                rollBack(done)
                for later in steps[done.count...] { unlink(later.staged) }
                if needsJournal { unlink(journal) }
                Self.removeEmptyDirectories(createdDirectories)
                throw failure(
                    "cannot put \(step.destination) in place (\(error)); the \(done.count) file(s) already moved were rolled back",
                    at: step.destination)
            }
        }
        for entry in done where entry.backedUp { unlink(entry.step.previous) }
        if needsJournal { unlink(journal) }
        StagedFileSet.syncFolders(of: steps.map(\.destination))
        return files.map(\.path)
    }

    /// Completes commits that were interrupted in the destination directories of this output (their
    /// journals are rolled forward) and removes leftover staged, backup and temporary files of interrupted
    /// runs. Returns what was done, as notes; call it before `commit()`.
    public func recoverInterruptedCommits() -> [Diagnostic] {
        let directories = Set(files.map { PathComponents.dirname($0.path) }).sorted()
        var notes: [Diagnostic] = []
        for directory in directories {
            for name in Self.entries(of: directory) where name.hasPrefix(Self.journalPrefix) && name.hasSuffix(".journal") {
                let path = PathComponents.join(directory, name)
                guard let journal = CommitJournal.read(path) else {
                    unlink(path)
                    continue
                }
                var completed = 0
                for step in journal.steps {
                    if access(step.staged, F_OK) == 0, rename(step.staged, step.destination) == 0 { completed += 1 }
                    unlink(step.previous)
                }
                unlink(path)
                notes.append(Diagnostic(
                    .interruptedCommitRecovered,
                    "an earlier run was stopped while putting its files in place; its commit was completed (\(completed) of \(journal.steps.count) file(s) moved now)",
                    at: .file(path), fix: nil, notes: journal.steps.map { "\($0.destination)" }))
            }
        }
        let names = Set(files.map { PathComponents.basename($0.path) })
        for directory in directories {
            var removed: [String] = []
            for name in Self.entries(of: directory) where Self.isLeftover(name, of: names) {
                let path = PathComponents.join(directory, name)
                if unlink(path) == 0 { removed.append(path) }
            }
            if !removed.isEmpty {
                notes.append(Diagnostic(
                    .interruptedCommitRecovered,
                    "removed \(removed.count) leftover file(s) of an interrupted run in \(directory)",
                    at: .file(directory), fix: nil, notes: removed))
            }
        }
        return notes
    }

    /// `.<name>.staged-…`, `.<name>.previous-…` and the writer's `.<name>…tmp-…` of one of `names`, and the
    /// temporary file of a journal.
    static func isLeftover(_ entry: String, of names: Set<String>) -> Bool {
        guard entry.hasPrefix(".") else { return false }
        // A journal whose own write was interrupted (the writer's temporary file).
        if entry.hasPrefix("." + journalPrefix) && entry.contains(".tmp-") { return true }
        return names.contains { name in
            let prefix = "." + name + "."
            let stagedPrefix = ".." + name + ".staged-"
            guard entry.hasPrefix(prefix) || entry.hasPrefix(stagedPrefix) else { return false }
            let rest = entry.dropFirst(entry.hasPrefix(prefix) ? prefix.count : 1)
            return rest.hasPrefix("staged-") || rest.hasPrefix("previous-") || rest.hasPrefix("tmp-") || rest.contains(".tmp-")
        }
    }

    private static func entries(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    // MARK: - Steps

    /// Backs up an existing destination as a hard link (the destination itself never disappears), then
    /// renames the staged file over it. Returns whether a backup was made.
    private func moveIntoPlace(_ step: CommitJournal.Step) throws(FileSystemError) -> Bool {
        var status = stat()
        var backedUp = false
        if lstat(step.destination, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFDIR { throw .notAFile(path: step.destination) }
            backedUp = link(step.destination, step.previous) == 0
        }
        guard rename(step.staged, step.destination) == 0 else {
            let code = errno
            if backedUp { unlink(step.previous) }
            throw Self.error(code, step.destination)
        }
        return backedUp
    }

    private func rollBack(_ done: [(step: CommitJournal.Step, backedUp: Bool)]) {
        for entry in done.reversed() {
            if entry.backedUp {
                rename(entry.step.previous, entry.step.destination)
            } else {
                unlink(entry.step.destination)
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
