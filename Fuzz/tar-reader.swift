// libFuzzer target: the archive reader of `verify` (Verification's tar and gzip reading, the expansion limits,
// `--extract-to` with its staging folder).
// Built and run by `scripts/fuzz tar SECONDS` (not part of the package, not part of CI).
//
// The first input byte chooses: bit 0, gzip the rest here (so the mutations reach the tar layer through the
// gzip reader); bit 1, small limits (64 KiB expanded, ratio 20 after 4 KiB). The rest is the archive. For every
// input: errors are diagnostics with PA codes; nothing is ever written outside the extraction folder, no
// temporary or staging file is left; what `ArchiveLoader` extracts is exactly what it reports (every file with
// the same bytes, every link relative and resolving inside); `verify --extract-to` leaves the destination
// missing unless the archive was accepted.
#if canImport(Glibc)
import Glibc
#endif
import CZlib
import Diagnostics
@testable import Verification

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    let archive = mode & 1 == 1 ? gzip(body) : body
    let limits = mode & 2 == 2
        ? ArchiveLimits(
            maximumRetainedFileSize: 4096, maximumRetainedTotalSize: 16384, maximumExpandedSize: 64 * 1024,
            maximumCompressionRatio: 20, ratioCheckStart: 4096)
        : ArchiveLimits(
            maximumRetainedFileSize: 1 << 20, maximumRetainedTotalSize: 4 << 20, maximumExpandedSize: 16 << 20,
            maximumCompressionRatio: 200, ratioCheckStart: 1 << 20)
    checkArchive(archive, limits: limits)
    return 0
}

/// A folder in /dev/shm (no disk writes for fsync) for this process; each input gets a fresh `box` in it.
let sandbox: String = {
    let path = "/dev/shm/pa-fuzz-tar-\(getpid())"
    mkdir(path, 0o755)
    return path
}()

func checkArchive(_ archive: [UInt8], limits: ArchiveLimits) {
    let archivePath = sandbox + "/input"
    let box = sandbox + "/box"
    removeTree(box)
    guard mkdir(box, 0o755) == 0, writeFile(archivePath, archive) else { finding("cannot prepare \(sandbox)") }
    defer { removeTree(box) }

    // The reader with an extractor straight into a folder.
    let direct = box + "/direct"
    let collector = DiagnosticCollector()
    var loaded: ArchiveFileSystem?
    do {
        loaded = try ArchiveLoader.load(
            path: archivePath, limits: limits, extractor: ArchiveExtractor(destination: direct), diagnostics: collector)
    } catch {
        guard !error.diagnostics.isEmpty else { finding("the reader failed without a diagnostic") }
        checkDiagnostics(error.diagnostics, context: "tar")
    }
    checkDiagnostics(collector.diagnostics, context: "tar")
    if let loaded { checkExtracted(direct, matches: loaded) }
    checkNoLeftovers(direct)

    // `verify --extract-to`: the destination appears only when the archive was accepted.
    let staged = box + "/staged"
    let verifyCollector = DiagnosticCollector()
    var options = VerificationInputOptions()
    options.archiveLimits = limits
    options.extractTo = staged
    options.workingDirectory = box
    let accepted: Bool
    do {
        _ = try VerificationInput.open(path: archivePath, options: options, diagnostics: verifyCollector)
        accepted = true
    } catch {
        guard !error.diagnostics.isEmpty else { finding("verify's input failed without a diagnostic") }
        checkDiagnostics(error.diagnostics, context: "verify")
        accepted = false
    }
    checkDiagnostics(verifyCollector.diagnostics, context: "verify")
    if !accepted, kind(staged) != nil { finding("a refused archive left \(staged) behind") }
    if kind(staged) != nil { checkNoLeftovers(staged) }

    // Nothing else appeared in the box: no `../` entry, no staging folder left.
    for name in listDirectory(box) where name != "direct" && name != "staged" {
        finding("the archive wrote \(box)/\(name), outside the extraction folders")
    }
    for name in listDirectory(sandbox) where name != "input" && name != "box" {
        finding("the archive wrote \(sandbox)/\(name), outside the extraction folders")
    }
}

/// The extracted tree holds exactly the archive's files, directories and followable links.
func checkExtracted(_ root: String, matches archive: ArchiveFileSystem) {
    let paths = archive.allPaths
    var expected: Set<String> = ["/"]
    for path in paths where path != "/" {
        let host = root + path
        if archive.symbolicLinkTarget(path) != nil {
            guard case .resolved = archive.resolve(path) else {
                if kind(host) == S_IFLNK { finding("the link \(path), which is not followed, was extracted") }
                continue
            }
            guard kind(host) == S_IFLNK else { finding("the link \(path) resolves inside but was not extracted") }
            expected.insert(path)
            checkLink(host, root: root)
        } else if archive.entryKind(path) == .directory {
            guard kind(host) == S_IFDIR else { finding("the directory \(path) was not extracted as a directory") }
            expected.insert(path)
        } else if let record = archive.fileRecord(path) {
            guard kind(host) == S_IFREG, let contents = readWholeFile(host) else {
                finding("the file \(path) was not extracted as a file")
            }
            guard contents.count == record.size else { finding("\(path): \(contents.count) bytes extracted, \(record.size) reported") }
            if let kept = record.contents, kept != contents { finding("\(path): the extracted bytes differ from the bytes read") }
            expected.insert(path)
        }
    }
    for path in walk(root, relative: "") where !expected.contains(path) {
        finding("\(path) was extracted but the archive's file system does not have it (as that kind)")
    }
}

/// A link on disk has a relative target and, followed all the way, stays inside `root`.
func checkLink(_ host: String, root: String) {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink(host, &buffer, buffer.count - 1)
    guard count >= 0 else { finding("cannot read the link \(host)") }
    let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard !target.hasPrefix("/") else { finding("the link \(host) has the absolute target \(target)") }
    guard let resolved = realpath(host, nil), let realRoot = realpath(root, nil) else {
        finding("the link \(host) -> \(target) does not resolve on disk")
    }
    defer { free(resolved); free(realRoot) }
    let resolvedPath = String(cString: resolved)
    let rootPath = String(cString: realRoot)
    guard resolvedPath == rootPath || resolvedPath.hasPrefix(rootPath + "/") else {
        finding("the link \(host) -> \(target) resolves to \(resolvedPath), outside \(rootPath)")
    }
}

func checkNoLeftovers(_ root: String) {
    for path in walk(root, relative: "") {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        if name.contains(".tmp-") || name.contains(".partial-") { finding("temporary file \(path) left in \(root)") }
    }
}

// MARK: - Small POSIX helpers

func kind(_ path: String) -> mode_t? {
    var status = stat()
    guard lstat(path, &status) == 0 else { return nil }
    return status.st_mode & S_IFMT
}

func listDirectory(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}

/// Every path under `root` (not following links), as archive paths (`/a/b`), `/` included.
func walk(_ root: String, relative: String) -> [String] {
    var result = [relative.isEmpty ? "/" : relative]
    guard kind(root + relative) == S_IFDIR else { return result }
    for name in listDirectory(root + relative) {
        result += walk(root, relative: relative + "/" + name)
    }
    return result
}

func removeTree(_ path: String) {
    guard let type = kind(path) else { return }
    if type == S_IFDIR {
        chmod(path, 0o755)
        for name in listDirectory(path) { removeTree(path + "/" + name) }
        rmdir(path)
    } else {
        unlink(path)
    }
}

func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return bytes.withUnsafeBytes { raw in raw.isEmpty || write(descriptor, raw.baseAddress, raw.count) == raw.count }
}

func readWholeFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(descriptor, &buffer, buffer.count)
        if count < 0 { return nil }
        if count == 0 { return result }
        result += buffer[..<count]
    }
}

/// The bytes as one gzip member (zlib's deflate with a gzip header).
func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    guard deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { finding("deflateInit2 failed") }
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            stream.next_out = outputBuffer.baseAddress
            stream.avail_out = UInt32(outputBuffer.count)
            guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { finding("deflate did not finish") }
            return outputBuffer.count - Int(stream.avail_out)
        }
    }
    return Array(output[..<produced])
}
