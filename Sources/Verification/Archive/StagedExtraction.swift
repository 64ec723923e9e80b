#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import Diagnostics
import FileSystemSupport
import Foundation

/// `--extract-to DIR`: the archive is extracted into a staging folder beside DIR and renamed to DIR only
/// when the whole archive was read and accepted, so a bad archive leaves DIR as it was (missing or empty).
struct StagedExtraction {
    let destination: String
    let staging: String
    let extractor: ArchiveExtractor

    /// Checks that `destination` is missing or an empty folder (as `ArchiveExtractor.prepare` does).
    init(destination: String) throws(DiagnosticError) {
        self.destination = PathComponents.normalize(destination)
        try ArchiveExtractor(destination: self.destination).checkUsable()
        staging = self.destination + ".partial-\(getpid())x\(UInt32.random(in: 0...UInt32.max))"
        extractor = ArchiveExtractor(destination: staging)
    }

    /// Moves the extracted tree into place (an empty destination folder is replaced).
    func commit() throws(DiagnosticError) {
        if access(staging, F_OK) != 0 { try extractor.prepare() }
        rmdir(destination)
        guard rename(staging, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw DiagnosticError(Diagnostic(
                .extractionFailed, "cannot move the extracted archive into \(destination): \(reason)", at: .file(destination),
                fix: "extract into a new folder on the same file system"))
        }
    }

    /// Removes what was extracted so far.
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
