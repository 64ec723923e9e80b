import Dispatch
import Encodings
import FileSystemSupport
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Asks the file system every question a cache entry recorded and finds the first (in the entry's order)
/// whose answer changed — the question a sequential check would stop at, so the miss reason is the same
/// whatever the scheduling.
///
/// The questions are split into chunks that all processors take in increasing order; a worker skips the
/// chunks after the first change found so far, and every chunk before it is checked in full. On the disk,
/// three kinds of question are answered without the generic `FileSystem` calls, with the same result:
/// - reading a file: one `open`, `fstat` and `read`s into a buffer the worker reuses, hashed in place (no
///   copy of the bytes per file); on a local file system (`FileSystemType.shortReadIsEndOfFile`) a read that
///   returns the whole `fstat` size and less than asked is the end, without the read that returns nothing;
/// - where symbolic links lead, when the recorded answer is the path itself (the common case): every
///   component is `lstat`ed once per worker (a folder shared by hundreds of modules only once) and none may
///   be a link, instead of `realpath`'s `readlink` of every component of every path;
/// - what is at a path (the resolver's probes, most of them for files that do not exist).
/// The last component of each is looked up relative to its folder, opened once per worker (`O_PATH`), so the
/// kernel does not walk the whole path again for every question (that walk was a third of a large rebuild).
/// A folder asked about many names is listed once (`FolderListing`, on file systems where the listing's
/// types are exact) and the names found there as regular files or folders need no `fstatat`; a name absent
/// from the listing is taken as missing only where lookups are case-sensitive, otherwise `fstatat` decides.
/// Anything else — a failure, an answer that differs, another file system — goes through
/// `BuildInput.answer(in:)`, which gives the exact answer text for the comparison and the miss reason.
struct RecordedInputCheck {
    let fileSystem: any FileSystem
    /// How many workers check at once: one per processor, at most `maximumWorkers` (each holds up to
    /// `Worker.maximumOpenFolders` descriptors; together far below the usual limit of 1,024 open files).
    var workerCount = min(Self.maximumWorkers, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    static let maximumWorkers = 4
    /// Questions per chunk: small enough that both processors finish together, large enough that taking
    /// one is negligible.
    var chunkSize = 32

    /// A recorded question whose answer is different now.
    struct Change: Sendable {
        var index: Int
        var input: BuildInput
        var was: String
        var now: String
    }

    func firstChange(_ inputs: [(input: BuildInput, answer: String)]) -> Change? {
        let progress = Progress()
        let chunkCount = (inputs.count + chunkSize - 1) / chunkSize
        let workers = max(1, min(workerCount, chunkCount))
        let onDisk = fileSystem is DiskFileSystem
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var worker = Worker(fileSystem: fileSystem, onDisk: onDisk, progress: progress)
            defer { worker.closeFolders() }
            while true {
                let chunk = progress.nextChunk.add(1, ordering: .relaxed).oldValue
                let start = chunk * chunkSize
                guard chunk < chunkCount, start < progress.firstChange.load(ordering: .relaxed) else { return }
                for index in start..<min(start + chunkSize, inputs.count) where !worker.stillAnswers(inputs[index]) {
                    _ = progress.firstChange.min(index, ordering: .relaxed)
                    break
                }
            }
        }
        let index = progress.firstChange.load(ordering: .relaxed)
        guard index < inputs.count else { return nil }
        let (input, was) = inputs[index]
        return Change(index: index, input: input, was: was, now: input.answer(in: fileSystem))
    }

    private final class Progress: Sendable {
        let nextChunk = Atomic<Int>(0)
        let firstChange = Atomic<Int>(Int.max)
        /// The folders listed during this check, by path: the workers take turns in the same big folders,
        /// and each is listed once. Nil for a folder that could not be listed.
        let listings = Mutex<[String: FolderListing?]>([:])
    }

    /// One worker's reusable state.
    private struct Worker {
        let fileSystem: any FileSystem
        let onDisk: Bool
        var buffer: [UInt8] = []
        /// Folders seen to be real folders, not links (by `lstat`, during this check).
        var folders: Set<String> = []
        /// Open folders (indices into `openFolders`) by path, for the `…at` calls. At most
        /// `maximumOpenFolders` per worker.
        var folderIndices: [String: Int] = [:]
        var openFolders: [OpenFolder] = []
        /// The folder of the previous question (questions come sorted by path, so mostly the same one).
        var lastFolder: (path: String, index: Int)?
        static let maximumOpenFolders = 64
        /// Questions about names in one folder after which the folder is listed: a listing costs a few calls
        /// and a table of every name, worth it for the folders of hundreds of modules, not for one probe.
        static let questionsBeforeListing = 8
        /// Linux's O_PATH (a descriptor only for `…at` calls; needs no read permission), which Swift's Glibc
        /// module does not export.
        static let openPathOnly: Int32 = 0o10_000_000

        struct OpenFolder {
            var path: String
            /// Nil when `open` failed with ENOENT, ENOTDIR or EACCES: nothing inside can be reached either.
            var descriptor: Int32?
            /// The folder's file system and device (`st_dev`), when known.
            var type: FileSystemType?
            var device: dev_t?
            var questions = 0
            var listing: FolderListing?
            var listed = false
            /// In `folders`: a real folder, reached without links.
            var isKnownReal = false
        }

        /// The check's shared state (its folder listings).
        let progress: Progress

        init(fileSystem: any FileSystem, onDisk: Bool, progress: Progress) {
            self.fileSystem = fileSystem
            self.onDisk = onDisk
            self.progress = progress
        }

        mutating func closeFolders() {
            for case let descriptor? in openFolders.map(\.descriptor) { close(descriptor) }
            openFolders = []
            folderIndices = [:]
            lastFolder = nil
        }

        /// The open folder (an index into `openFolders`) of `path`'s last component and that component, or
        /// nil when the path has no folder part or the folder cannot be held open (then the caller uses the
        /// whole path).
        mutating func folderAndName(_ path: String) -> (folder: Int, name: String)? {
            guard let (slash, length) = Self.lastSlash(path), slash > 0, slash + 1 < length else { return nil }
            let utf8 = path.utf8
            let name = String(path[utf8.index(utf8.startIndex, offsetBy: slash + 1)...])
            if let last = lastFolder, Self.folder(of: path, length: slash, is: last.path) { return (last.index, name) }
            let folderPath = String(path[..<utf8.index(utf8.startIndex, offsetBy: slash)])
            if let known = folderIndices[folderPath] {
                lastFolder = (folderPath, known)
                return (known, name)
            }
            guard openFolders.count < Self.maximumOpenFolders else { return nil }
            let descriptor = open(folderPath, Self.openPathOnly | O_DIRECTORY | O_CLOEXEC)
            var folder = OpenFolder(path: folderPath)
            if descriptor >= 0 {
                folder.descriptor = descriptor
                folder.type = FileSystemType.of(descriptor: descriptor)
                var status = stat()
                if fstat(descriptor, &status) == 0 { folder.device = status.st_dev }
            } else if errno != ENOENT && errno != ENOTDIR && errno != EACCES {
                return nil
            }
            openFolders.append(folder)
            folderIndices[folderPath] = openFolders.count - 1
            lastFolder = (folderPath, openFolders.count - 1)
            return (openFolders.count - 1, name)
        }

        /// The byte offset of the last "/" in `path` and the path's length in bytes; nil without a "/" (or
        /// for a string not stored as contiguous UTF-8, which then takes the generic calls).
        static func lastSlash(_ path: String) -> (offset: Int, length: Int)? {
            path.utf8.withContiguousStorageIfAvailable { bytes -> (offset: Int, length: Int)? in
                bytes.lastIndex(of: UInt8(ascii: "/")).map { ($0, bytes.count) }
            } ?? nil
        }

        /// Whether the first `length` bytes of `path` are `folder`'s bytes (compared with `memcmp`: this runs
        /// for every question).
        static func folder(of path: String, length: Int, is folder: String) -> Bool {
            guard folder.utf8.count == length else { return false }
            let same = path.utf8.withContiguousStorageIfAvailable { pathBytes -> Bool? in
                folder.utf8.withContiguousStorageIfAvailable { folderBytes -> Bool in
                    guard let pathStart = pathBytes.baseAddress, let folderStart = folderBytes.baseAddress else { return length == 0 }
                    return memcmp(pathStart, folderStart, length) == 0
                }
            }
            return same == .some(.some(true))
        }

        /// What the folder's listing says about `name`, once the folder has been asked about enough names to
        /// be worth listing; `.askStat` until then.
        mutating func listingLookup(_ folder: Int, _ name: String) -> FolderListing.Lookup {
            openFolders[folder].questions += 1
            if !openFolders[folder].listed, openFolders[folder].questions >= Self.questionsBeforeListing,
                let descriptor = openFolders[folder].descriptor, let type = openFolders[folder].type
            {
                // Listed under the lock, so each folder is read once per check. A worker that finds the lock
                // taken (another is listing a folder) does not wait: this question is answered by `fstatat`
                // and the listing is asked for again at the folder's next question.
                let path = openFolders[folder].path
                let found = progress.listings.withLockIfAvailable { listed -> FolderListing? in
                    if let known = listed[path] { return known }
                    let listing = FolderListing(folder: descriptor, type: type)
                    listed[path] = listing
                    return listing
                }
                if let found {
                    openFolders[folder].listed = true
                    openFolders[folder].listing = found
                }
            }
            return openFolders[folder].listing?.lookup(name) ?? .askStat
        }

        /// `DiskFileSystem.entryKind(path)` (a `stat` that follows links), asked relative to the open folder.
        mutating func entryKindAnswer(_ path: String) -> String {
            guard let (folder, name) = folderAndName(path) else { return BuildInput.answer(entryKind: fileSystem.entryKind(path)) }
            guard let descriptor = openFolders[folder].descriptor else { return BuildInput.answer(entryKind: nil) }
            switch listingLookup(folder, name) {
            case .file: return BuildInput.answer(entryKind: .file)
            case .directory: return BuildInput.answer(entryKind: .directory)
            case .missing: return BuildInput.answer(entryKind: nil)
            case .askStat: break
            }
            var status = stat()
            guard fstatat(descriptor, name, &status, 0) == 0 else { return BuildInput.answer(entryKind: nil) }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: return BuildInput.answer(entryKind: .directory)
            case S_IFREG: return BuildInput.answer(entryKind: .file)
            default: return BuildInput.answer(entryKind: nil)
            }
        }

        mutating func stillAnswers(_ recorded: (input: BuildInput, answer: String)) -> Bool {
            if onDisk {
                switch recorded.input.query {
                case .readFile:
                    if let hash = hashOfRegularFile(recorded.input.path) { return hash == recorded.answer }
                case .realPath:
                    if BuildInput.isRealPathAnswer(recorded.answer, resolvingTo: recorded.input.path),
                        isCanonicalWithoutLinks(recorded.input.path)
                    {
                        return true
                    }
                case .entryKind:
                    return entryKindAnswer(recorded.input.path) == recorded.answer
                case .listDirectory:
                    break
                }
            }
            return recorded.input.answer(in: fileSystem) == recorded.answer
        }

        /// `BuildInput.answer(readingFile:)` of the file at `path`, or nil when it cannot be read here as
        /// `DiskFileSystem.readFile` would read it (then the generic path gives the answer).
        mutating func hashOfRegularFile(_ path: String) -> String? {
            let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
            let descriptor: Int32
            var localDevice: dev_t?
            if let (folder, name) = folderAndName(path), let folderDescriptor = openFolders[folder].descriptor {
                descriptor = openat(folderDescriptor, name, flags)
                if openFolders[folder].type?.shortReadIsEndOfFile == true { localDevice = openFolders[folder].device }
            } else {
                descriptor = open(path, flags)
            }
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            let size = Int(status.st_size)
            // A short read is the end only on the folder's own file system (not a file mounted over the name).
            let shortReadIsEnd = localDevice != nil && localDevice == status.st_dev
            // One byte more than the size, so that a read up to the end needs no second buffer.
            let wanted = size + 1
            if buffer.count < wanted { buffer = [UInt8](repeating: 0, count: max(wanted, 2 * buffer.count)) }
            var length = 0
            while true {
                if length == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
                let asked = buffer.count - length
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress.map { $0 + length }, asked) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                if count == 0 { break }
                length += count
                // Fewer bytes than asked, and exactly the size `fstat` gave: on a local file system this read
                // stopped at the end of the file (a file that grew meanwhile fills the extra byte asked for,
                // a read error midway stops short of the size), so the read that would return 0 is skipped.
                if shortReadIsEnd && count < asked && length == size { break }
            }
            return buffer.withUnsafeBytes { bytes in
                SubresourceIntegrity.value(of: UnsafeRawBufferPointer(rebasing: bytes[0..<length]), algorithm: .sha256)
            }
        }

        /// Whether the open folder is in `folders` (remembered once true: `folders` only grows).
        mutating func isKnownRealFolder(_ folder: Int) -> Bool {
            if !openFolders[folder].isKnownReal { openFolders[folder].isKnownReal = folders.contains(openFolders[folder].path) }
            return openFolders[folder].isKnownReal
        }

        /// True when `realpath(path)` is `path`: an absolute path without empty, `.` or `..` components,
        /// every component exists, the folders are folders, and none is a symbolic link. False means "not
        /// shown here", not "changed".
        mutating func isCanonicalWithoutLinks(_ path: String) -> Bool {
            guard path.utf8.first == UInt8(ascii: "/") else { return false }
            if path == "/" { return true }
            // Most paths are in a folder already seen: only the last component is left to look at.
            if let (folder, name) = folderAndName(path), name != ".", name != "..", isKnownRealFolder(folder) {
                var status = stat()
                let found: Bool
                if let descriptor = openFolders[folder].descriptor {
                    switch listingLookup(folder, name) {
                    case .file, .directory: return true
                    case .missing: return false
                    case .askStat: found = fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0
                    }
                } else {
                    found = lstat(path, &status) == 0
                }
                return found && (status.st_mode & S_IFMT) != S_IFLNK
            }
            let components = path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            var prefix = ""
            for (position, component) in components.enumerated() {
                guard !component.isEmpty, !component.elementsEqual(".".utf8), !component.elementsEqual("..".utf8) else {
                    return false
                }
                prefix += "/"
                prefix += String(decoding: component, as: UTF8.self)
                let isLast = position == components.count - 1
                if !isLast && folders.contains(prefix) { continue }
                var status = stat()
                guard lstat(prefix, &status) == 0 else { return false }
                let type = status.st_mode & S_IFMT
                guard type != S_IFLNK else { return false }
                if !isLast {
                    guard type == S_IFDIR else { return false }
                    folders.insert(prefix)
                }
            }
            return true
        }
    }
}
