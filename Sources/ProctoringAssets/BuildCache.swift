import FileSystemSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The folder of `--cache DIR`: one file per build key, `<key>.pabuild`, each a `BuildCacheEntry`.
///
/// Entries are written with `AtomicFileWriter` (temporary file, fsync, rename), so builds sharing the folder
/// (parallel CI jobs, a Docker cache mount) each see a whole entry or none. The folder is bounded: after
/// each store only the `maximumEntries` most recently used entries are kept (a reuse refreshes an entry's
/// modification time), and temporary files older than an hour (left by a killed build) are removed.
struct BuildCache: Sendable {
    let directory: String

    static let maximumEntries = BuildOptions.cacheMaximumEntries
    static let entrySuffix = ".pabuild"
    private static let abandonedTemporaryAge: time_t = 3600

    /// What the folder holds for a build.
    enum Lookup {
        /// Every input the entry records still gets the same answer.
        case hit(BuildCacheEntry)
        /// No entry, or an input changed (the reason names it).
        case miss(reason: String)
        /// An entry that cannot be trusted (truncated, damaged, foreign): ignored.
        case unusable(reason: String)
    }

    func entryPath(_ key: BuildCacheKey) -> String {
        PathComponents.join(directory, key.value + Self.entrySuffix)
    }

    /// Looks the build up; the inputs are checked against `fileSystem`, the one the bundler would read.
    func lookup(_ key: BuildCacheKey, inputsIn fileSystem: any FileSystem) -> Lookup {
        let path = entryPath(key)
        let bytes: [UInt8]
        do {
            bytes = try DiskFileSystem().readFile(path)
        } catch {
            if case .notFound = error { return .miss(reason: "no entry for these settings, defines and options") }
            return .unusable(reason: "\(path): \(error.reason)")
        }
        let unverified = BuildCacheEntry.decodeBeforeVerifying(bytes, codes: DiagnosticCatalog.code)
        // The inputs are checked while the entry's checksum is computed; the outcome counts only if it matches.
        let inputs = unverified.inputs
        let change = inputs.isEmpty ? nil : RecordedInputCheck(fileSystem: fileSystem).firstChange(inputs)
        switch unverified.verified() {
        case .failure(let error):
            return .unusable(reason: "\(path): \(error.reason)")
        case .success(let entry):
            guard entry.key == key.value else { return .unusable(reason: "\(path): stored for another build") }
            if let change {
                return .miss(reason: Self.change(change.input, was: change.was, now: change.now))
            }
            markUsed(path)
            return .hit(entry)
        }
    }

    func store(_ entry: BuildCacheEntry, key: BuildCacheKey) throws(FileSystemError) {
        try AtomicFileWriter().write(entry.encoded(), to: entryPath(key), mode: 0o644, createDirectories: true)
        prune()
    }

    private static func change(_ input: BuildInput, was: String, now: String) -> String {
        switch input.query {
        case .readFile: return "\(input.path) changed"
        case .entryKind: return "\(input.path) was \(was == "none" ? "absent" : "a \(was)"), now \(now == "none" ? "absent" : "a \(now)")"
        case .listDirectory: return "the entries of \(input.path) changed"
        case .realPath: return "\(input.path) now resolves elsewhere"
        }
    }

    private func markUsed(_ path: String) {
        // A null time list sets both times to now; failure (a read-only mount) only affects pruning order.
        _ = utimensat(AT_FDCWD, path, nil, 0)
    }

    /// Keeps the most recently used entries; removes temporary files of writers that were killed.
    private func prune() {
        guard let names = try? DiskFileSystem().listDirectory(directory) else { return }
        let now = time(nil)
        var entries: [(path: String, modified: timespec)] = []
        for name in names {
            let path = PathComponents.join(directory, name)
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            if name.hasSuffix(Self.entrySuffix) {
                entries.append((path, status.st_mtim))
            } else if name.hasPrefix("."), name.contains(Self.entrySuffix + ".tmp-"),
                now - status.st_mtim.tv_sec > Self.abandonedTemporaryAge
            {
                unlink(path)
            }
        }
        guard entries.count > Self.maximumEntries else { return }
        let newestFirst = entries.sorted { ($0.modified.tv_sec, $0.modified.tv_nsec) > ($1.modified.tv_sec, $1.modified.tv_nsec) }
        for old in newestFirst.dropFirst(Self.maximumEntries) { unlink(old.path) }
    }
}
