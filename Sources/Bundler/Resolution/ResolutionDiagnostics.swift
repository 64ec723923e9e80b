import Diagnostics
import FileSystemSupport

/// The messages resolution failures carry; kept together so their wording stays consistent.
enum ResolutionDiagnostics {
    /// At most this many tried paths are listed as notes.
    static let triedPathLimit = 24

    static func notFound(
        _ specifier: String, from importer: ImporterLocation, tried: [String], installDirectory: String?,
        packageName: String?, installedAt packageDirectory: String?, extensions: [String], replacements: [String] = []
    ) -> Diagnostic {
        var notes = replacements + tried.prefix(triedPathLimit).map { "tried \($0)" }
        if tried.count > triedPathLimit { notes.append("… and \(tried.count - triedPathLimit) more paths") }
        let fix: String
        if let packageName, let packageDirectory {
            fix =
                "\(packageName) is installed at \(packageDirectory) but has no such file; check the path after the package name, or install the version of \(packageName) that has it"
        } else if let packageName, let installDirectory {
            fix =
                "run `npm install \(packageName)` in \(installDirectory) so that \(PathComponents.join(installDirectory, "node_modules", packageName)) exists"
        } else {
            fix =
                "check the path: no file with that name (or with the extensions \(extensions.joined(separator: ", "))) and no directory with package.json or an index file exists"
        }
        return Diagnostic(
            .moduleNotFound, "cannot find module '\(specifier)' imported from \(importer.description)",
            at: importer.requestLocation, fix: fix, notes: notes)
    }

    static func notExported(
        _ specifier: String, subpath: String, manifest: PackageManifest, conditions: [String], excluded: Bool,
        from importer: ImporterLocation
    ) -> Diagnostic {
        let reason =
            excluded
            ? "maps the subpath '\(subpath)' to null"
            : "does not export the subpath '\(subpath)' for the conditions \(conditions.joined(separator: ", "))"
        return Diagnostic(
            .subpathNotExported,
            "cannot import '\(specifier)' from \(importer.description): the \"exports\" of \(manifest.path) \(reason)",
            at: importer.requestLocation,
            fix:
                "import a subpath listed in the package's \"exports\" field, or install a version of the package that exports '\(subpath)'",
            notes: ["package.json: \(manifest.path)"])
    }

    static func invalidTarget(
        _ reason: String, field: String, manifest: PackageManifest, specifier: String, from importer: ImporterLocation
    )
        -> Diagnostic
    {
        Diagnostic(
            .exportsTargetInvalid,
            "invalid \"\(field)\" target in \(manifest.path) for '\(specifier)': \(reason)",
            at: importer.requestLocation,
            fix: "the package's package.json is broken; install another version or report it to the package author",
            notes: ["package.json: \(manifest.path)"])
    }

    static func invalidField(_ reason: String, manifest: PackageManifest, from importer: ImporterLocation) -> Diagnostic {
        Diagnostic(
            .packageFieldInvalid, "\(manifest.path): \(reason)", at: importer.requestLocation,
            fix: "fix the package.json or install another version of the package",
            notes: ["package.json: \(manifest.path)"])
    }

    static func importNotDefined(_ specifier: String, manifest: PackageManifest?, from importer: ImporterLocation) -> Diagnostic {
        let scope = manifest.map { "the \"imports\" field of \($0.path)" } ?? "any package.json above \(importer.directory)"
        return Diagnostic(
            .packageImportNotDefined,
            "cannot resolve '\(specifier)' imported from \(importer.description): it is not defined in \(scope)",
            at: importer.requestLocation,
            fix: "add \"\(specifier)\" to the \"imports\" field of the package.json, or import the file by its relative path")
    }

    static func nodeBuiltin(_ specifier: String, name: String, from importer: ImporterLocation, packageManifest: String?)
        -> Diagnostic
    {
        let browserFix =
            packageManifest.map {
                "add \"browser\": { \"\(specifier)\": false } to \($0) if the code never calls it in the browser, "
            }
            ?? ""
        return Diagnostic(
            .nodeBuiltinInWorker,
            "'\(specifier)' is a Node built-in module and does not exist in a web worker (imported from \(importer.description))",
            at: importer.requestLocation,
            fix: "\(browserFix)install a browser implementation with `npm install \(name)`, or remove the import")
    }

    static func symlinkLoop(_ path: String, specifier: String, from importer: ImporterLocation) -> Diagnostic {
        Diagnostic(
            .symlinkLoop,
            "cannot resolve '\(specifier)' imported from \(importer.description): \(path) is a loop of symbolic links",
            at: importer.requestLocation,
            fix: "fix the symbolic link (check it with `readlink -f \(path)`); a node_modules link must point to a real directory"
        )
    }

    static func unreadable(_ error: FileSystemError, reading what: String) -> Diagnostic {
        Diagnostic(
            .pathUnreadable, "cannot read \(what) \(error.description)", at: .file(error.path),
            fix: "give the build user read access to \(error.path) (and execute access to its directories)")
    }

    static func unreadableDirectory(
        _ directory: String, specifier: String, from importer: ImporterLocation, error: FileSystemError
    )
        -> Diagnostic
    {
        Diagnostic(
            .pathUnreadable,
            "cannot resolve '\(specifier)' imported from \(importer.description): the directory \(error.description)",
            at: importer.requestLocation,
            fix: "give the build user read and execute access to \(directory)")
    }

    static func extensionUnknownToWebpack(
        _ specifier: String, resolvedPath: String, extensionUsed: String, from importer: ImporterLocation
    )
        -> Diagnostic
    {
        Diagnostic(
            .extensionUnknownToWebpack,
            "'\(specifier)' resolved to \(resolvedPath) only by adding '\(extensionUsed)', which edx-platform's webpack worker config (resolve.extensions ['.js']) does not try",
            at: importer.requestLocation,
            fix: "write the file name with its extension in the request")
    }

    static func notFullySpecified(_ specifier: String, resolvedPath: String, from importer: ImporterLocation) -> Diagnostic {
        Diagnostic(
            .requestNotFullySpecified,
            "'\(specifier)' in the ES module \(importer.description) resolved to \(resolvedPath) by guessing; webpack 5 and node require the full file name in ES modules",
            at: importer.requestLocation,
            fix: "import '\(specifier)' with the file name it resolved to, relative to the importer")
    }
}
