import BundleManifest
import Diagnostics
import Encodings
import FileSystemSupport

/// Every file of a worker's chunk: where the loaders' URL points (STATIC_ROOT/BUNDLE_DIR_NAME + name,
/// whatever build-machine `path` the stats file recorded), not empty, matching its recorded integrity;
/// the worker script then goes through the script and source map rules.
struct ChunkFilesRule {
    let input: VerificationInput
    let locator: VerifyLocator

    func check(chunk: WorkerStats.Bundle, statsPath: String, diagnostics: DiagnosticCollector) -> VerifiedBundle {
        var bundle = VerifiedBundle(
            name: chunk.name, files: [], script: nil, scriptContents: nil, scriptIsSound: false, url: nil,
            urlIsFallback: false)
        var sound = true
        for file in chunk.files {
            guard let path = input.layout.chunkFilePath(file.name) else {
                sound = false
                diagnostics.emit(
                    Diagnostic(
                        .chunkFileMissing,
                        "chunk '\(chunk.name)' names \(file.name), which is outside the static root",
                        at: locator.location(of: statsPath), fix: "rebuild the workers; bundle names never contain '..'"))
                continue
            }
            let digest: FileDigest
            do {
                digest = try input.fileDigest(path)
            } catch {
                sound = false
                reportMissing(file: file, chunk: chunk.name, path: path, statsPath: statsPath, error: error, diagnostics: diagnostics)
                continue
            }
            let verified = VerifiedFile(path: path, displayPath: locator.describe(path), digest: digest)
            bundle.files.append(verified)
            if digest.size == 0 {
                sound = false
                diagnostics.emit(
                    Diagnostic(
                        .chunkFileEmpty, "the bundle \(locator.describe(path)) of '\(chunk.name)' is empty",
                        at: locator.location(of: path), fix: "rebuild the workers and collect the static files again"))
                continue
            }
            let contents = try? input.fileSystem.readFile(path)
            if let integrity = file.integrity {
                if let contents {
                    sound = checkIntegrity(integrity, of: contents, path: path, chunk: chunk.name, diagnostics: diagnostics) && sound
                } else if !integrityMatchesDigest(integrity, digest: digest) {
                    sound = false
                    reportIntegrity(integrity, path: path, chunk: chunk.name, diagnostics: diagnostics)
                }
            }
            guard bundle.script == nil, file.name.hasSuffix(".js") else { continue }
            bundle.script = verified
            guard let contents else {
                diagnostics.emit(
                    Diagnostic(
                        .bundleContentsUnavailable,
                        "the bundle \(locator.describe(path)) could not be read into memory; its syntax and substitutions were not checked",
                        at: locator.location(of: path),
                        fix: "extract the archive with --extract-to DIR and verify DIR"))
                continue
            }
            bundle.scriptContents = contents
            let scriptSound = BundleScriptRule(locator: locator).check(path: path, bytes: contents, diagnostics: diagnostics)
            sound = sound && scriptSound
            SourceMapRule(input: input, locator: locator).check(bundlePath: path, bytes: contents, diagnostics: diagnostics)
        }
        if bundle.script == nil, sound, chunk.files.allSatisfy({ !$0.name.hasSuffix(".js") }) {
            sound = false
            diagnostics.emit(
                Diagnostic(
                    .chunkFileMissing, "chunk '\(chunk.name)' lists no .js file",
                    at: locator.location(of: statsPath), fix: "rebuild the workers"))
        }
        bundle.scriptIsSound = sound && bundle.script != nil
        return bundle
    }

    private func reportMissing(
        file: WorkerStats.File, chunk: String, path: String, statsPath: String, error: FileSystemError,
        diagnostics: DiagnosticCollector
    ) {
        var notes: [String] = []
        if let recorded = file.path { notes.append("the stats file recorded the build machine's path \(recorded)") }
        if let publicPath = file.publicPath, publicPath.contains("://") {
            diagnostics.emit(
                Diagnostic(
                    .chunkFileServedElsewhere,
                    "\(locator.describe(path)) is not in the static root; the LMS serves \(publicPath) instead",
                    at: locator.location(of: statsPath), fix: "check that \(publicPath) is reachable", notes: notes))
            return
        }
        let missing: Bool
        if case .notFound = error { missing = true } else { missing = false }
        diagnostics.emit(
            Diagnostic(
                .chunkFileMissing,
                missing
                    ? "the bundle of '\(chunk)' is not at \(locator.describe(path)), where the loader's URL points"
                    : "the bundle of '\(chunk)' at \(locator.describe(path)) cannot be read: \(error)",
                at: locator.location(of: statsPath),
                fix: "run collectstatic after the worker build (or copy the bundles folder into STATIC_ROOT) and keep "
                    + "it in the image", notes: notes))
    }

    private func checkIntegrity(
        _ recorded: String, of contents: [UInt8], path: String, chunk: String, diagnostics: DiagnosticCollector
    ) -> Bool {
        let algorithms = recorded.split(separator: " ").compactMap { token in
            IntegrityAlgorithm(rawValue: String(token.prefix { $0 != "-" }))
        }
        guard !algorithms.isEmpty else { return true }
        let actual = Set(StatsIntegrity.value(of: contents, algorithms: algorithms).split(separator: " "))
        let wanted = recorded.split(separator: " ").filter { token in
            IntegrityAlgorithm(rawValue: String(token.prefix { $0 != "-" })) != nil
        }
        guard wanted.allSatisfy(actual.contains) else {
            reportIntegrity(recorded, path: path, chunk: chunk, diagnostics: diagnostics)
            return false
        }
        return true
    }

    /// For a file known only by its SHA-384 (a large archive entry): compare the sha384 token.
    private func integrityMatchesDigest(_ recorded: String, digest: FileDigest) -> Bool {
        guard let token = recorded.split(separator: " ").first(where: { $0.hasPrefix("sha384-") }) else { return true }
        return String(token.dropFirst("sha384-".count)) == HexToBase64.convert(digest.sha384)
    }

    private func reportIntegrity(_ recorded: String, path: String, chunk: String, diagnostics: DiagnosticCollector) {
        diagnostics.emit(
            Diagnostic(
                .integrityMismatch,
                "the bundle \(locator.describe(path)) of '\(chunk)' does not match the integrity the stats file records",
                at: locator.location(of: path),
                fix: "rebuild the workers and collect the bundle and the stats file together",
                notes: ["recorded: \(recorded)"]))
    }
}

/// Base64 (with padding) of a lowercase hex digest, for comparing with SRI values; "" for invalid hex.
enum HexToBase64 {
    static func convert(_ hex: String) -> String {
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in hex {
            guard let value = character.hexDigitValue else { return "" }
            if let first = high {
                bytes.append(first << 4 | UInt8(value))
                high = nil
            } else {
                high = UInt8(value)
            }
        }
        return Base64.encode(bytes)
    }
}
