import Diagnostics
import FileSystemSupport
import OrderedJSON

/// Writes webpack-worker-stats.json byte for byte as webpack-bundle-tracker writes it after a successful
/// build (`status: "done"`), in either format.
public enum WorkerStatsWriter {
    /// The stats document; fails when the description could not come from a real build.
    public static func document(for description: WorkerStatsDescription, format: StatsFormat)
        -> Result<JSONValue, DiagnosticError>
    {
        let problems = validate(description, format: format)
        guard problems.isEmpty else { return .failure(DiagnosticError(problems)) }
        switch format {
        case .tracker04: return .success(tracker04Document(description))
        case .tracker1: return .success(tracker1Document(description))
        }
    }

    /// The file's text: compact `JSON.stringify` for 0.4, two-space indent for 1.x; no trailing newline.
    public static func render(_ description: WorkerStatsDescription, format: StatsFormat)
        -> Result<String, DiagnosticError>
    {
        document(for: description, format: format).map { JSONWriter.write($0, style: style(for: format)) }
    }

    /// Renders and writes atomically (mode 0644, parent directories created, like the tracker's mkdirp).
    public static func write(
        _ description: WorkerStatsDescription, format: StatsFormat, to path: String,
        writer: AtomicFileWriter = AtomicFileWriter()
    ) -> Result<String, DiagnosticError> {
        switch render(description, format: format) {
        case .failure(let error): return .failure(error)
        case .success(let text):
            do {
                try writer.write(text, to: path, mode: 0o644, createDirectories: true)
                return .success(text)
            } catch {
                return .failure(
                    DiagnosticError(
                        Diagnostic(
                            .statsFileNotWritable, "cannot write the stats file: \(error)", at: .file(path),
                            fix: "make the directory writable or choose another STATIC_ROOT_LMS")))
            }
        }
    }

    public static func style(for format: StatsFormat) -> JSONStyle {
        switch format {
        case .tracker04: .javaScriptCompact
        case .tracker1: .javaScriptIndented(2)
        }
    }

    // MARK: - Formats

    /// Key order status, publicPath?, chunks (deep-extend keeps the order of the first `compile` write);
    /// each file `name`, `publicPath`?, `path`.
    private static func tracker04Document(_ description: WorkerStatsDescription) -> JSONValue {
        let publicPath = description.publicPath.truthyValue
        var top: [JSONMember] = [JSONMember("status", "done")]
        if let publicPath { top.append(JSONMember("publicPath", .string(publicPath))) }
        let chunks = orderedBundles(description.bundles, sorted: false).map { bundle in
            JSONMember(
                bundle.name,
                .array(
                    bundle.files.map { file in
                        var members: [JSONMember] = [JSONMember("name", .string(file))]
                        if let publicPath { members.append(JSONMember("publicPath", .string(publicPath + file))) }
                        members.append(JSONMember("path", .string(filePath(file, in: description.outputDirectory))))
                        return .object(members)
                    }))
        }
        top.append(JSONMember("chunks", .object(chunks)))
        return .object(top)
    }

    /// Key order status, assets, chunks, publicPath? (re-added last when truthy); assets and chunks sorted by
    /// key in UTF-16 order (tracker 3.2.x); each asset `name`, `path`, `integrity`?, `publicPath`?.
    private static func tracker1Document(_ description: WorkerStatsDescription) -> JSONValue {
        let publicPath = description.publicPath.truthyValue
        var assetNames: [String] = []
        var seen = Set<String>()
        for bundle in description.bundles {
            for file in bundle.files where seen.insert(file).inserted { assetNames.append(file) }
        }
        let assets = JavaScriptObjectKeyOrder.sortedAsTracker3(assetNames).map { name in
            var members: [JSONMember] = [
                JSONMember("name", .string(name)),
                JSONMember("path", .string(filePath(withoutQuery(name), in: description.outputDirectory))),
            ]
            if let integrity = description.integrity[name] { members.append(JSONMember("integrity", .string(integrity))) }
            if let publicPath {
                members.append(JSONMember("publicPath", .string(publicPath == "auto" ? "auto" : publicPath + name)))
            }
            return JSONMember(name, .object(members))
        }
        let chunks = orderedBundles(description.bundles, sorted: true).map { bundle in
            JSONMember(bundle.name, .array(bundle.files.map { .string($0) }))
        }
        var top: [JSONMember] = [
            JSONMember("status", "done"), JSONMember("assets", .object(assets)), JSONMember("chunks", .object(chunks)),
        ]
        if let publicPath { top.append(JSONMember("publicPath", .string(publicPath))) }
        return .object(top)
    }

    /// Later entries with the same name replace earlier ones in place, as assigning to a JS object does.
    private static func orderedBundles(_ bundles: [StatsBundle], sorted: Bool) -> [StatsBundle] {
        var byName: [String: StatsBundle] = [:]
        var insertion: [String] = []
        for bundle in bundles {
            if byName[bundle.name] == nil { insertion.append(bundle.name) }
            byName[bundle.name] = bundle
        }
        let order =
            sorted
            ? JavaScriptObjectKeyOrder.sortedAsTracker3(insertion)
            : JavaScriptObjectKeyOrder.enumerationOrder(ofInsertionOrder: insertion)
        return order.compactMap { byName[$0] }
    }

    /// node's `path.join(outputDirectory, file)`, which normalises.
    private static func filePath(_ file: String, in outputDirectory: String) -> String {
        PathComponents.normalize(PathComponents.join(outputDirectory, file))
    }

    private static func withoutQuery(_ name: String) -> String {
        String(name.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    private static func validate(_ description: WorkerStatsDescription, format: StatsFormat) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if description.bundles.isEmpty {
            problems.append(
                Diagnostic(
                    .statsWriterInputInvalid, "no worker bundles to record in the stats file",
                    fix: "check workers.json: it must list at least one provider npm module"))
        }
        if !description.outputDirectory.hasPrefix("/") {
            problems.append(
                Diagnostic(
                    .statsWriterInputInvalid,
                    "the bundle output directory '\(description.outputDirectory)' is not absolute",
                    fix: "pass the absolute directory, e.g. /openedx/edx-platform/common/static/bundles"))
        }
        for bundle in description.bundles {
            if bundle.files.isEmpty {
                problems.append(
                    Diagnostic(
                        .statsWriterInputInvalid, "bundle '\(bundle.name)' has no files",
                        fix: "bundle the worker before writing the stats file"))
            }
            for file in bundle.files where file.isEmpty || file.hasPrefix("/") {
                problems.append(
                    Diagnostic(
                        .statsWriterInputInvalid,
                        "file '\(file)' of bundle '\(bundle.name)' is not relative to the output directory",
                        fix: "record file names relative to the bundle directory, e.g. '\(bundle.name).js'"))
            }
        }
        if format == .tracker04, description.publicPath.truthyValue == "auto" {
            problems.append(
                Diagnostic(
                    .statsPublicPathAuto,
                    "publicPath \"auto\" in the 0.4 format makes django-webpack-loader 0.7 serve relative URLs "
                        + "like 'auto\(description.bundles.first.map { $0.files.first ?? $0.name } ?? "x.js")'",
                    fix: "use publicPath \"\" (edx-platform's setting) or an absolute URL prefix"))
        }
        return problems
    }
}
