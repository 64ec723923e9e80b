import Diagnostics
import Foundation

/// A private temporary directory for one external run (generated config, stats, entry file), removed
/// afterwards.
struct ExternalRunDirectory: Sendable {
    let path: String

    static func create(label: String) -> Result<ExternalRunDirectory, DiagnosticError> {
        let base = NSTemporaryDirectory()
        let path = (base.hasSuffix("/") ? base : base + "/") + "proctoring-assets-\(label)-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return .success(ExternalRunDirectory(path: path))
        } catch {
            return .failure(DiagnosticError(Diagnostic(
                .externalBundlerSetupFailed, "cannot create the temporary directory \(path): \(error.localizedDescription)",
                fix: "check that TMPDIR (\(base)) exists, is writable and has free space")))
        }
    }

    func write(_ text: String, to name: String) -> Result<String, DiagnosticError> {
        let file = path + "/" + name
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return .success(file)
        } catch {
            return .failure(DiagnosticError(Diagnostic(
                .externalBundlerSetupFailed, "cannot write \(file): \(error.localizedDescription)",
                fix: "check free space and permissions of the temporary directory")))
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Creates the bundles directory (and sub-folders for scoped names) before a tool writes there.
func createOutputDirectories(for request: ExternalBundleRequest) -> [Diagnostic] {
    var directories = Set([request.outputDirectory])
    for entry in request.entries {
        let file = request.outputDirectory + "/" + entry.outputRelativePath
        directories.insert((file as NSString).deletingLastPathComponent)
    }
    var problems: [Diagnostic] = []
    for directory in directories.sorted() {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            problems.append(Diagnostic(
                .externalBundlerSetupFailed, "cannot create the output directory \(directory): \(error.localizedDescription)",
                at: .file(directory), fix: "check the permissions of the bundles directory"))
        }
    }
    return problems
}

/// The bundles an external run should have written: present ones, and PA174 for each missing one.
func collectOutputs(of request: ExternalBundleRequest, tool: ExternalToolOutput) -> (files: [String], problems: [Diagnostic]) {
    var files: [String] = []
    var problems: [Diagnostic] = []
    for entry in request.entries {
        let file = request.outputDirectory + "/" + entry.outputRelativePath
        if FileManager.default.fileExists(atPath: file) {
            files.append(file)
        } else {
            problems.append(Diagnostic(
                .externalBundlerOutputMissing,
                "\(URL(fileURLWithPath: tool.commandLine.first ?? "the tool").lastPathComponent) ended successfully but did not write \(file)",
                at: .file(file), fix: "run the command in the notes by hand and check where it writes",
                notes: ["command: " + tool.commandLine.joined(separator: " ")] + tool.tailNotes()))
        }
    }
    return (files, problems)
}
