import Diagnostics

extension DiagnosticCode {
    public static let moduleNotFound = DiagnosticCode(
        "PA140", "Module not found", severity: .error,
        explanation: """
            An import, require or entry request could not be resolved to a file. webpack reports this as \
            "Module not found" but, with edx-platform's worker config wrapped in try/catch, a missing worker \
            entry can also mean no bundle at all. The message lists every path that was tried. Install the \
            package into the node_modules directory the importer sees (`npm install <package>`), or fix the path.
            """)

    public static let packageJSONInvalid = DiagnosticCode(
        "PA141", "package.json is not valid JSON", severity: .error,
        explanation: """
            A package.json met during resolution could not be parsed. Node and webpack fail on it too, and \
            edx_proctoring's make_worker_config lets the JSONDecodeError escape from AppConfig.ready(). \
            The location points at the first offending character; fix or reinstall the package.
            """)

    public static let packageFieldInvalid = DiagnosticCode(
        "PA142", "package.json field has an unusable value", severity: .error,
        explanation: """
            A field used for resolution (`exports`, `imports`, `browser`, `main`, `module`) has a shape node \
            and webpack reject or ignore, e.g. an `exports` object mixing "./x" keys with condition names. \
            Fix the package.json (or report it to the package author) and reinstall.
            """)

    public static let subpathNotExported = DiagnosticCode(
        "PA143", "Package subpath is not exported", severity: .error,
        explanation: """
            The package has an `exports` field and it does not export the requested subpath for the \
            conditions of a webworker bundle (or maps it to null). Node raises ERR_PACKAGE_PATH_NOT_EXPORTED \
            and webpack fails the same way. Import a subpath the package exports, or a version that exports it.
            """)

    public static let exportsTargetInvalid = DiagnosticCode(
        "PA144", "Package exports/imports target is invalid", severity: .error,
        explanation: """
            A target in `exports` or `imports` does not start with "./", leaves the package with "..", or \
            goes through node_modules. Node raises ERR_INVALID_PACKAGE_TARGET. The package.json is broken; \
            use another version or report it upstream.
            """)

    public static let packageImportNotDefined = DiagnosticCode(
        "PA145", "Package import specifier is not defined", severity: .error,
        explanation: """
            A `#name` specifier was used but the nearest package.json has no `imports` entry for it. Node \
            raises ERR_PACKAGE_IMPORT_NOT_DEFINED. Add the mapping to the package's `imports` field.
            """)

    public static let nodeBuiltinInWorker = DiagnosticCode(
        "PA146", "Node built-in module required from worker code", severity: .error,
        explanation: """
            Worker bundles run in the browser, where Node's built-in modules (fs, path, crypto, …) do not \
            exist. webpack 5 no longer polyfills them and fails with "Module not found" plus a long hint; \
            webpack 4 silently inserted polyfills or empty objects. Map the module away in the package's \
            `browser` field (e.g. "fs": false), install a browser polyfill package of that name, or remove the require.
            """)

    public static let symlinkLoop = DiagnosticCode(
        "PA147", "Symbolic link loop", severity: .error,
        explanation: """
            A path met during resolution is a cycle of symbolic links (ELOOP). Node and webpack only say the \
            module was not found. Fix the link, typically node_modules linked to itself as in a broken \
            Tutor-style `edx-platform/node_modules -> /openedx/node_modules` setup.
            """)

    public static let pathUnreadable = DiagnosticCode(
        "PA148", "File or directory cannot be read", severity: .error,
        explanation: """
            A file or directory needed for resolution exists but cannot be read (permission denied or an I/O \
            error). Upstream tools report a generic failure or treat the package as missing. Fix the \
            permissions (the build user needs read access to node_modules) or run as the owner.
            """)

    public static let extensionUnknownToWebpack = DiagnosticCode(
        "PA149", "Resolved through an extension webpack's worker config does not try", severity: .warning,
        explanation: """
            The request was resolved by appending an extension other than ".js". edx-platform's worker config \
            sets `resolve: { extensions: ['.js'] }`, so webpack would fail on this request while this bundler \
            succeeds. Write the extension in the request to keep both builds working.
            """)

    public static let entryPointInvalid = DiagnosticCode(
        "PA150", "Worker entry point is unusable", severity: .error,
        explanation: """
            A workers.json entry cannot become a bundle: its name is empty, absolute or contains "..", or its \
            value is not a string or a list of strings. webpack would write outside the bundles directory or \
            reject the configuration. Fix the backend's npm_module or the workers.json file.
            """)


    public static let requestNotFullySpecified = DiagnosticCode(
        "PA152", "ESM request is not fully specified", severity: .warning,
        explanation: """
            An `import` in an ES module (a .mjs file, or a .js file in a package with "type": "module") names \
            a file without its extension or a directory. webpack 5 resolves such requests "fully specified" \
            and fails ("BREAKING CHANGE: The request … failed to resolve only because it was resolved as \
            fully specified"), as node does; this bundler resolves it anyway. Write the full file name.
            """)
    public static let jsonModuleInvalid = DiagnosticCode(
        "PA153", "JSON module is not valid JSON", severity: .error, inputError: true,
        explanation: """
            A `.json` file imported or required by the worker could not be parsed. webpack fails the build with \
            "Module parse failed" too. The location points at the first offending character; fix the file or \
            reinstall the package that ships it.
            """)

    public static let importedNameMissing = DiagnosticCode(
        "PA154", "Imported name is not exported by the module", severity: .warning,
        explanation: """
            An `import { name }` or `export { name } from` asks an ES module for an export it does not have \
            (neither declared nor provided by `export *`). webpack only warns ("export 'name' was not found") and \
            the binding is `undefined` at run time, which usually breaks the worker later. Fix the name or the \
            module it is imported from.
            """)

    public static let ambiguousStarExport = DiagnosticCode(
        "PA155", "Name exported by several `export *` is left out", severity: .warning,
        explanation: """
            Two `export * from` declarations of one module provide the same name from different modules. As the \
            ECMAScript specification says, such an ambiguous name is not exported at all (a local export of that \
            name would win). Export the wanted one explicitly: `export { name } from "./the-one"`.
            """)

    public static let dynamicRequire = DiagnosticCode(
        "PA156", "require() with a computed argument cannot be bundled", severity: .warning,
        explanation: """
            A CommonJS module calls `require` with something other than a string literal, so the bundler cannot \
            know which module to include. At run time the call throws "Cannot find module" unless the code guards \
            it (many packages only do this for optional node features). Use a literal request if the module is needed.
            """)
    public static let moduleCannotBeWrapped = DiagnosticCode(
        "PA157", "ES module cannot run inside the worker bundle", severity: .error,
        explanation: """
            The bundle runs every module inside a function of a classic script, which `importScripts` can load. \
            An ES module that uses top-level `await` or `import.meta` cannot be written that way (webpack needs \
            `experiments.topLevelAwait` and an async chunk for the first, which edx-platform's worker config does \
            not enable, and rewrites the second). Move the `await` into an async function that the module calls, \
            and read the worker's URL from `self.location` instead of `import.meta.url`.
            """)
}

/// Every code the Bundler target emits (PA140–PA179).
public enum BundlerCatalog {
    public static let codes: [DiagnosticCode] = externalBackendCodes + [
        .moduleNotFound, .packageJSONInvalid, .packageFieldInvalid, .subpathNotExported, .exportsTargetInvalid,
        .packageImportNotDefined, .nodeBuiltinInWorker, .symlinkLoop, .pathUnreadable, .extensionUnknownToWebpack,
        .entryPointInvalid, .requestNotFullySpecified, .jsonModuleInvalid, .importedNameMissing,
        .ambiguousStarExport, .dynamicRequire, .moduleCannotBeWrapped,
    ]
}

// MARK: - External back ends (webpack, esbuild): PA170–PA179

extension DiagnosticCode {
    public static let externalBundlerNotFound = DiagnosticCode(
        "PA170", "External bundler not found", severity: .error,
        explanation: """
            `--bundler webpack` or `--bundler esbuild` was chosen but the tool's executable could not be found \
            (explicit path, PROCTORING_ASSETS_WEBPACK / PROCTORING_ASSETS_ESBUILD, the PA_TEST_* variables, then \
            PATH). Upstream's `npm run webpack` fails with "command not found". Install the tool (webpack: \
            `../shared/tools/install-webpack.sh <prefix>`; esbuild: `apt-get install esbuild`) and point the \
            variable at it, or use the native bundler.
            """)

    public static let externalBundlerRunFailed = DiagnosticCode(
        "PA171", "External bundler could not be run or ended abnormally", severity: .error,
        explanation: """
            The tool could not be started, was killed by a signal, or exited with a failure without reporting \
            an error this tool could read. The notes carry the end of its output. Run the printed command by \
            hand to see the full output; a broken install (missing node modules) is the usual cause.
            """)

    public static let externalBundlerError = DiagnosticCode(
        "PA172", "External bundler reported an error", severity: .error,
        explanation: """
            webpack or esbuild reported an error while bundling: a module that cannot be resolved, a syntax \
            error (often a JS_ENV_EXTRA_CONFIG value that is not JS code, e.g. an unquoted URL), or an invalid \
            define. The location is the file and line the tool named. In production mode webpack then writes \
            no bundle at all, and edx-platform keeps serving the stale one. Fix the named file or value.
            """)

    public static let externalBundlerWarning = DiagnosticCode(
        "PA173", "External bundler reported a warning", severity: .warning,
        explanation: """
            webpack or esbuild printed a warning (for example webpack's asset size hint, or esbuild's notice \
            about a suspicious expression). The bundle was still written. Read the message; most warnings \
            about third-party packages can be ignored.
            """)

    public static let externalBundlerOutputMissing = DiagnosticCode(
        "PA174", "External bundler wrote no bundle", severity: .error,
        explanation: """
            The tool reported success but the expected `<name>.js` is not in the output directory. This \
            happens when a wrapper or a different webpack version ignores the generated configuration. Run \
            the tool by hand with the command in the notes and check where it writes.
            """)

    public static let externalBundlerConfigInvalid = DiagnosticCode(
        "PA175", "JS_ENV_EXTRA_CONFIG cannot be passed to the external bundler", severity: .error,
        explanation: """
            esbuild's --define accepts only JSON or an identifier path as a value, while webpack's DefinePlugin \
            inserts any code: a JS_ENV_EXTRA_CONFIG value that is other code (a function call, a template \
            literal) cannot be given to esbuild. (Whether the variable is JSON and each value an expression is \
            checked once for every back end: PA181–PA187.) Write the value as a JS literal, e.g. \
            {"KEY": "\\"https://…\\""}, or build with --bundler native or webpack.
            """)

    public static let externalBundlerSetupFailed = DiagnosticCode(
        "PA176", "External bundler run could not be prepared", severity: .error,
        explanation: """
            The temporary directory with the generated webpack configuration (or esbuild's entry) could not be \
            written, or the output directory could not be created. Check free space and permissions of the \
            temporary directory (TMPDIR) and of the bundles directory.
            """)
}

extension BundlerCatalog {
    /// The codes of the webpack and esbuild back ends (PA170–PA179).
    public static let externalBackendCodes: [DiagnosticCode] = [
        .externalBundlerNotFound, .externalBundlerRunFailed, .externalBundlerError, .externalBundlerWarning,
        .externalBundlerOutputMissing, .externalBundlerConfigInvalid, .externalBundlerSetupFailed,
    ]
}
