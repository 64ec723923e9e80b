import Bundler
import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

extension StagedOutput {
    /// The SHA-384 value of each staged file, in order, for the report. Computed once per build (it is
    /// most of a cached rebuild's own work on a large bundle); files with the same bytes — a bundle staged in
    /// two folders — are hashed once, and files whose value is `known` (a cache hit's bundles) not at all.
    func integrities(known: [KnownIntegrity] = []) -> [String] {
        var values: [String] = []
        for (index, file) in files.enumerated() {
            if let same = files[..<index].firstIndex(where: { $0.bytes == file.bytes }) {
                values.append(values[same])
            } else if let value = known.first(where: { $0.bytes == file.bytes })?.value {
                values.append(value)
            } else {
                values.append(SubresourceIntegrity.sha384(file.bytes))
            }
        }
        return values
    }

    /// Commits the staged files (or, for a dry run, only says what it would write) and reports each file
    /// with its size and SHA-384 hash (`integrities`, one per file, asked for once the files are written).
    /// Returns false when the commit failed (the error is in `diagnostics`).
    func commit(
        dryRun: Bool, integrities: @autoclosure () -> [String], progress: inout BuildProgress, diagnostics: DiagnosticCollector
    ) -> Bool {
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
        for (file, integrity) in zip(files, integrities()) {
            progress.lines.append("  \(file.path)  \(file.bytes.count) bytes  \(integrity)")
        }
        return true
    }

    /// The files as the `result` of `--format json`.
    func writtenFilesJSON(written: Bool, integrities: [String]) -> JSONValue {
        .object([
            JSONMember("files", .array(zip(files, integrities).map { file, integrity in
                .object([
                    JSONMember("path", .string(file.path)), JSONMember("bytes", .integer(file.bytes.count)),
                    JSONMember("sha384", .string(integrity)),
                ])
            })),
            JSONMember("written", .bool(written)),
        ])
    }
}
