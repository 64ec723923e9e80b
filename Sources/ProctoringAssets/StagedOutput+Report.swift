import Bundler
import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

extension StagedOutput {
    /// Commits the staged files (or, for a dry run, only says what it would write) and reports each file
    /// with its size and SHA-384 hash. Returns false when the commit failed (the error is in `diagnostics`).
    func commit(dryRun: Bool, progress: inout BuildProgress, diagnostics: DiagnosticCollector) -> Bool {
        if dryRun {
            progress.lines.append("Dry run: would write " + files.map(\.path).joined(separator: ", "))
            return true
        }
        diagnostics.emit(contentsOf: recoverInterruptedCommits())
        do {
            _ = try commit()
        } catch {
            diagnostics.absorb(error)
            return false
        }
        progress.lines.append("Wrote \(files.count) \(files.count == 1 ? "file" : "files"):")
        for file in files {
            progress.lines.append("  \(file.path)  \(file.bytes.count) bytes  \(SubresourceIntegrity.sha384(file.bytes))")
        }
        return true
    }

    /// The files as the `result` of `--format json`.
    func writtenFilesJSON(written: Bool) -> JSONValue {
        .object([
            JSONMember("files", .array(files.map { file in
                .object([
                    JSONMember("path", .string(file.path)), JSONMember("bytes", .integer(file.bytes.count)),
                    JSONMember("sha384", .string(SubresourceIntegrity.sha384(file.bytes))),
                ])
            })),
            JSONMember("written", .bool(written)),
        ])
    }
}
