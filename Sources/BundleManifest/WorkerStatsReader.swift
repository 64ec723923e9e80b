import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

/// What reading a stats file gave: the raw document (what the loaders work on), the typed view when the
/// file is well formed, and findings with their line and column.
public struct WorkerStatsReadResult: Sendable {
    public var document: JSONValue?
    public var stats: WorkerStats?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads webpack-worker-stats.json in either tracker format, detects which, and checks it the way the
/// loaders will use it.
public enum WorkerStatsReader {
    public static func read(path: String, fileSystem: any FileSystem) -> WorkerStatsReadResult {
        let bytes: [UInt8]
        do throws(FileSystemError) {
            bytes = try fileSystem.readFile(path)
        } catch {
            let notFound: Bool
            if case .notFound = error { notFound = true } else { notFound = false }
            return WorkerStatsReadResult(
                document: nil, stats: nil,
                diagnostics: [
                    Diagnostic(
                        notFound ? .statsFileNotFound : .statsFileUnreadable,
                        notFound ? "worker stats file not found" : "cannot read the worker stats file: \(error)",
                        at: .file(path),
                        fix: notFound
                            ? "run the worker build first (`proctoring-assets build`, which writes it here), or, with webpack, build with STATIC_ROOT_LMS set to the STATIC_ROOT the LMS uses"
                            : "make the file readable by the LMS user, or rebuild it",
                        notes: [
                            "django-webpack-loader raises IOError('Error reading \(path). Are you sure webpack has "
                                + "generated the file and the path is correct?'); edx_proctoring only warns and serves "
                                + "LMS_ROOT_URL"
                        ])
                ])
        }
        return parse(bytes: bytes, path: path)
    }

    public static func parse(bytes: [UInt8], path: String) -> WorkerStatsReadResult {
        let document: JSONValue
        let positions: JSONPositions
        do throws(JSONSyntaxError) {
            (document, positions) = try JSONParser.parseWithPositions(bytes: bytes)
        } catch {
            return WorkerStatsReadResult(
                document: nil, stats: nil,
                diagnostics: [
                    Diagnostic(
                        .statsFileNotJSON, "worker stats file is not valid JSON: \(error.message)",
                        at: .file(path, line: error.line, column: error.column),
                        fix: "rebuild the stats file; make sure only one build writes it at a time",
                        notes: ["json.load raises JSONDecodeError (a ValueError), which edx_proctoring does not catch"])
                ])
        }
        var checker = StatsChecker(path: path, bytes: bytes, positions: positions)
        let stats = checker.check(document)
        return WorkerStatsReadResult(document: document, stats: stats, diagnostics: checker.diagnostics)
    }
}

/// The validation pass; collects findings with positions.
private struct StatsChecker {
    let path: String
    let bytes: [UInt8]
    let positions: JSONPositions
    var diagnostics: [Diagnostic] = []

    mutating func check(_ document: JSONValue) -> WorkerStats? {
        guard case .object = document else {
            report(
                .statsNotAnObject, "the stats file holds \(document.kindDescription), not an object", at: [],
                fix: "rebuild the stats file")
            return nil
        }
        let format = detectFormat(document)
        guard let status = document["status"]?.stringValue else {
            report(
                .statsStatusInvalid,
                document["status"] == nil
                    ? "the stats file has no \"status\"" : "\"status\" is \(document["status"]?.kindDescription ?? "")",
                at: document["status"] == nil ? [] : [.key("status")],
                fix: "rebuild the stats file with the bundler",
                notes: ["the loader raises WebpackLoaderBadStatsError; edx_proctoring serves LMS_ROOT_URL"])
            return nil
        }
        let topPublicPath = document["publicPath"]?.stringValue
        var stats = WorkerStats(
            format: format, status: status, publicPath: topPublicPath, bundles: [],
            error: document["error"]?.stringValue, message: document["message"]?.stringValue)
        switch status {
        case "done":
            break
        case "error":
            report(
                .statsBuildFailed,
                "the worker build failed: \(stats.error ?? "unknown-error"): \(firstLine(stats.message ?? ""))",
                at: [.key("status")], fix: "fix the build error and rebuild the workers",
                notes: ["the loader raises WebpackError; edx_proctoring warns and serves LMS_ROOT_URL"])
            return stats
        case "compiling", "compile", "initialization":
            report(
                .statsBuildNotFinished,
                "the stats file says \"\(status)\": the worker build did not finish", at: [.key("status")],
                fix: "run the worker build to completion",
                notes: ["the loader raises WebpackLoaderBadStatsError outside DEBUG; edx_proctoring serves LMS_ROOT_URL"])
            return stats
        default:
            report(
                .statsStatusInvalid, "unknown status \"\(status)\"", at: [.key("status")],
                fix: "rebuild the stats file with the bundler",
                notes: ["the loader raises WebpackLoaderBadStatsError; edx_proctoring serves LMS_ROOT_URL"])
            return stats
        }
        guard let chunks = document["chunks"]?.objectMembers else {
            report(
                .statsChunksInvalid,
                document["chunks"] == nil
                    ? "the stats file has no \"chunks\"" : "\"chunks\" is \(document["chunks"]?.kindDescription ?? ""), not an object",
                at: document["chunks"] == nil ? [] : [.key("chunks")], fix: "rebuild the stats file",
                notes: ["the loader fails with KeyError or AttributeError, which edx_proctoring does not catch"])
            return stats
        }
        let assets = format == .tracker1 ? checkAssets(document) : [:]
        for member in chunks {
            let chunkPath: [JSONPathComponent] = [.key("chunks"), .key(member.key)]
            guard let files = member.value.arrayValue else {
                report(
                    .statsChunksInvalid, "chunk \"\(member.key)\" is \(member.value.kindDescription), not a list of files",
                    at: chunkPath, fix: "rebuild the stats file")
                continue
            }
            var bundleFiles: [WorkerStats.File] = []
            for (position, element) in files.enumerated() {
                let elementPath = chunkPath + [.index(position)]
                switch format {
                case .tracker04:
                    let file = checkTracker04File(
                        element, at: elementPath, chunk: member.key, topLevelPublicPath: topPublicPath)
                    if let file { bundleFiles.append(file) }
                case .tracker1:
                    if let file = checkTracker1File(element, at: elementPath, chunk: member.key, assets: assets) {
                        bundleFiles.append(file)
                    }
                }
            }
            stats.bundles.append(WorkerStats.Bundle(name: member.key, files: bundleFiles))
        }
        if format == .tracker04, topPublicPath == "auto" {
            report(
                .statsPublicPathAuto,
                "publicPath is \"auto\" (webpack 5's default): django-webpack-loader 0.7 would serve URLs like "
                    + "'auto\(stats.bundles.first?.files.first?.name ?? "<name>.js")'",
                at: [.key("publicPath")], fix: "build with output.publicPath \"\" or an absolute URL prefix")
        }
        return stats
    }

    /// `assets` exists only in the 1.x format (every write of 1.x–3.x carries it, even while compiling);
    /// a file with string chunk entries but no `assets` is treated as 1.x too, so the missing assets are reported.
    private func detectFormat(_ document: JSONValue) -> StatsFormat {
        if document["assets"] != nil { return .tracker1 }
        for member in document["chunks"]?.objectMembers ?? [] {
            for element in member.value.arrayValue ?? [] {
                if case .string = element { return .tracker1 }
                if case .object = element { return .tracker04 }
            }
        }
        return .tracker04
    }

    private mutating func checkAssets(_ document: JSONValue) -> [String: WorkerStats.File] {
        guard let members = document["assets"]?.objectMembers else {
            report(
                .statsAssetInvalid,
                document["assets"] == nil
                    ? "the stats file lists chunk files as names but has no \"assets\""
                    : "\"assets\" is \(document["assets"]?.kindDescription ?? ""), not an object",
                at: document["assets"] == nil ? [] : [.key("assets")], fix: "rebuild the stats file",
                notes: ["django-webpack-loader 3.x raises KeyError: 'assets', which edx_proctoring does not catch"])
            return [:]
        }
        var assets: [String: WorkerStats.File] = [:]
        for member in members {
            let assetPath: [JSONPathComponent] = [.key("assets"), .key(member.key)]
            guard case .object = member.value else {
                report(
                    .statsAssetInvalid, "asset \"\(member.key)\" is \(member.value.kindDescription), not an object",
                    at: assetPath, fix: "rebuild the stats file")
                continue
            }
            guard let name = member.value["name"]?.stringValue else {
                report(
                    .statsAssetInvalid, "asset \"\(member.key)\" has no string \"name\"", at: assetPath,
                    fix: "rebuild the stats file",
                    notes: ["django-webpack-loader 3.x reads asset[\"name\"] to build the URL and raises KeyError"])
                continue
            }
            if name != member.key {
                report(
                    .statsAssetInvalid, "asset \"\(member.key)\" is named \"\(name)\"",
                    at: assetPath + [.key("name")], fix: "rebuild the stats file",
                    notes: ["the loader builds the URL from \"name\", so it would serve \(name)"],
                    severity: .warning)
            }
            let file = WorkerStats.File(
                name: name, publicPath: member.value["publicPath"]?.stringValue,
                path: member.value["path"]?.stringValue, integrity: member.value["integrity"]?.stringValue)
            checkPath(file, at: assetPath + [.key("path")])
            assets[member.key] = file
        }
        return assets
    }

    private mutating func checkTracker1File(
        _ element: JSONValue, at elementPath: [JSONPathComponent], chunk: String, assets: [String: WorkerStats.File]
    ) -> WorkerStats.File? {
        guard let name = element.stringValue else {
            report(
                .statsChunkFileInvalid,
                "chunk \"\(chunk)\" lists \(element.kindDescription) in a 1.x-format stats file (expected a file name)",
                at: elementPath, fix: "rebuild the stats file in one format",
                notes: ["django-webpack-loader 3.x raises TypeError on it, which edx_proctoring does not catch"])
            return nil
        }
        guard let asset = assets[name] else {
            report(
                .statsAssetMissing, "chunk \"\(chunk)\" names \"\(name)\", which has no entry under \"assets\"",
                at: elementPath, fix: "rebuild the stats file",
                notes: ["django-webpack-loader 3.x raises KeyError: '\(name)', which edx_proctoring does not catch"])
            return WorkerStats.File(name: name)
        }
        return asset
    }

    private mutating func checkTracker04File(
        _ element: JSONValue, at elementPath: [JSONPathComponent], chunk: String, topLevelPublicPath: String?
    ) -> WorkerStats.File? {
        guard case .object = element else {
            report(
                .statsChunkFileInvalid,
                "chunk \"\(chunk)\" lists \(element.kindDescription) in a 0.4-format stats file (expected "
                    + "{\"name\": …, \"path\": …})",
                at: elementPath, fix: "rebuild the stats file in one format",
                notes: [
                    "django-webpack-loader 0.7 raises TypeError: string indices must be integers (AttributeError "
                        + "when IGNORE is empty), which edx_proctoring does not catch"
                ])
            return nil
        }
        guard let name = element["name"]?.stringValue else {
            report(
                .statsChunkFileInvalid, "a file of chunk \"\(chunk)\" has no string \"name\"", at: elementPath,
                fix: "rebuild the stats file",
                notes: ["django-webpack-loader 0.7 raises KeyError: 'name', which edx_proctoring does not catch"])
            return nil
        }
        let file = WorkerStats.File(
            name: name, publicPath: element["publicPath"]?.stringValue, path: element["path"]?.stringValue)
        // webpack 5's default publicPath "auto" ends up as "auto<name>" per file; the top-level one is reported once.
        if file.publicPath == "auto" + name || file.publicPath == "auto", topLevelPublicPath != "auto" {
            report(
                .statsPublicPathAuto,
                "file \"\(name)\" has publicPath \"\(file.publicPath ?? "")\": django-webpack-loader 0.7 would serve it as is",
                at: elementPath + [.key("publicPath")],
                fix: "build with output.publicPath \"\" (edx-platform's setting) or an absolute URL prefix")
        }
        checkPath(file, at: elementPath + [.key("path")])
        return file
    }

    private mutating func checkPath(_ file: WorkerStats.File, at path: [JSONPathComponent]) {
        guard let recorded = file.path, !recorded.hasSuffix("/" + file.name), recorded != file.name else { return }
        report(
            .statsPathNotUnderOutputDirectory,
            "path \"\(recorded)\" does not end with the file's name \"\(file.name)\"", at: path,
            fix: "rebuild the stats file together with the bundles")
    }

    private func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
    }

    private mutating func report(
        _ code: DiagnosticCode, _ message: String, at jsonPath: [JSONPathComponent], fix: String, notes: [String] = [],
        severity: Severity? = nil
    ) {
        let position = TextPosition(of: positions.nearestValueOffset(of: jsonPath), in: bytes)
        diagnostics.append(
            Diagnostic(
                code, message, at: .file(path, line: position.line, column: position.column), fix: fix, notes: notes,
                severity: severity))
    }
}
