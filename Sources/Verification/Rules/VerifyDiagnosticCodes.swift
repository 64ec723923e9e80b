import Diagnostics

// Codes PA330–PA399: the checks `verify` runs over a static root or image root once it is opened.
extension DiagnosticCode {
    public static let workersConfigMissing = DiagnosticCode(
        "PA330", "workers.json missing from the image",
        explanation: """
            The input is an image root (it holds ENV_ROOT, e.g. edx-platform), but ENV_ROOT has no workers.json. \
            edx-platform's webpack config requires `../workers.json` inside a try/catch, so without it webpack \
            silently builds no worker at all. Generate it before webpack runs (`proctoring-assets workers`, or any \
            Django start with the proctoring settings) and keep it in the image.
            """)
    public static let workerEntryWithoutChunk = DiagnosticCode(
        "PA331", "workers.json entry has no chunk in the stats file",
        explanation: """
            An npm module listed in workers.json has no chunk in webpack-worker-stats.json, so \
            `get_files(<module>, config="WORKERS")` raises WebpackBundleLookupError; edx_proctoring only warns and \
            serves LMS_ROOT_URL as the worker URL. The stats file comes from another build than workers.json \
            (stale image layer, build skipped). Rebuild the workers after writing workers.json.
            """)
    public static let chunkFileMissing = DiagnosticCode(
        "PA332", "Chunk file missing from the static root",
        explanation: """
            The stats file lists a bundle file that is not at STATIC_ROOT/<BUNDLE_DIR_NAME><name>, where the \
            loaders' URL points (they ignore the build machine's `path`). The browser gets a 404 and the exam \
            start hangs. Run collectstatic after the worker build, and copy STATIC_ROOT into the image.
            """)
    public static let chunkFileEmpty = DiagnosticCode(
        "PA333", "Chunk file is empty",
        explanation: """
            The bundle file exists but has no bytes: a build or a copy was interrupted, or a placeholder was \
            committed. The worker loads, registers no message listener, and never answers. Rebuild the workers.
            """)
    public static let bundleSyntaxError = DiagnosticCode(
        "PA334", "Worker bundle does not parse as JavaScript",
        explanation: """
            The bundle is not a valid classic script, so `importScripts` throws a SyntaxError inside the worker \
            and the page never hears about it: the exam start hangs. Usually a JS_ENV_EXTRA_CONFIG value pasted \
            in as code, a truncated file, or an ES module bundle. The location is the bundle's line:column.
            """)
    public static let extraConfigNotSubstituted = DiagnosticCode(
        "PA335", "process.env.JS_ENV_EXTRA_CONFIG left in the bundle",
        explanation: """
            The bundle still reads `process.env.JS_ENV_EXTRA_CONFIG`: the DefinePlugin (or --define) substitution \
            was not applied. A browser worker has no `process`, so the worker throws ReferenceError when it \
            reaches that code. Bundle with JS_ENV_EXTRA_CONFIG set to a JSON object whose values are JS code.
            """)
    public static let freeProcessReference = DiagnosticCode(
        "PA336", "Bundle reads the free name `process`", severity: .warning,
        explanation: """
            The bundle uses `process` (e.g. `process.env.NODE_ENV`), which a browser worker does not have. Unless \
            the use is guarded, the worker throws ReferenceError. webpack 5 no longer polyfills `process`; define \
            the values at build time or guard them with `typeof process !== 'undefined'`.
            """)
    public static let unquotedSubstitutedValue = DiagnosticCode(
        "PA337", "Substituted value is not a quoted string",
        explanation: """
            DefinePlugin pastes each JS_ENV_EXTRA_CONFIG value into the bundle as code, so `"https://…"` must be \
            written `"\\"https://…\\""`. Here the code reads a setting where a string is expected, but the bundle \
            holds a bare identifier (`const CDN_URL = abc;`, a ReferenceError in the worker) or a bare URL (a \
            syntax error). Quote the value twice in JS_ENV_EXTRA_CONFIG and rebuild.
            """)
    public static let substitutedValueNotURL = DiagnosticCode(
        "PA338", "Substituted value does not look like a URL", severity: .warning,
        explanation: """
            The bundle assigns a string to a name that says it holds a URL (e.g. CDN_URL), but the string is \
            empty or has no scheme. The provider then loads its script from a wrong place or not at all. Set \
            the JS_ENV_EXTRA_CONFIG value to the absolute URL (quoted as JS code) and rebuild.
            """)
    public static let sourceMapInvalid = DiagnosticCode(
        "PA339", "Source map missing or invalid", severity: .warning,
        explanation: """
            The bundle ends with `//# sourceMappingURL=`, but the file it names is missing, is not JSON, or is not \
            a version 3 source map with `mappings` and `sources`. The worker still runs; only debugging in the \
            browser suffers. Copy the .map next to the bundle or build without source maps.
            """)
    public static let integrityMismatch = DiagnosticCode(
        "PA340", "Bundle does not match the integrity recorded in the stats file",
        explanation: """
            webpack-bundle-tracker (integrity: true) recorded a Subresource Integrity hash for the bundle, and the \
            file in the static root has another hash: the bundle and the stats file come from different builds, \
            or the file was changed after the build (e.g. by a storage post-processor). With INTEGRITY on, the \
            browser refuses it. Rebuild and collect both together.
            """)
    public static let workerEntryOutsideNodeModulesRoot = DiagnosticCode(
        "PA341", "workers.json entry outside NODE_MODULES_ROOT",
        explanation: """
            edx_proctoring writes each entry as NODE_MODULES_ROOT/<npm module>/<main>. An entry elsewhere means \
            workers.json was generated with other settings (another machine, another ENV_ROOT) and webpack will \
            bundle a different file or fail. Regenerate workers.json with the image's settings.
            """)
    public static let workerEntrySourceMissing = DiagnosticCode(
        "PA342", "workers.json entry names a package that is not installed",
        explanation: """
            The worker source a workers.json entry points at is not in the image, although its node_modules \
            folder is: the file is stale, left from a build where the provider package was installed. webpack \
            fails with ModuleNotFoundError, or an older bundle keeps being served. Install the provider's npm \
            package (or remove the backend) and regenerate workers.json.
            """)
    public static let workerEntrySourceNotChecked = DiagnosticCode(
        "PA343", "Worker source of a workers.json entry not in the input", severity: .note,
        explanation: """
            The node_modules folder a workers.json entry points into is not part of the input (multi-stage images \
            often drop it), so whether the provider package was installed when the bundle was built cannot be \
            checked here. The built bundle is still verified.
            """)
    public static let chunkNotInWorkersConfig = DiagnosticCode(
        "PA344", "Stats file lists a worker that workers.json does not", severity: .warning,
        explanation: """
            The stats file has a chunk for an npm module that workers.json does not list: the bundle is left from \
            an earlier build with other backends. It is served only if a backend asks for it. Rebuild the workers \
            so the stats file and workers.json agree.
            """)
    public static let noWorkerBundles = DiagnosticCode(
        "PA345", "No worker bundle to verify",
        explanation: """
            The stats file lists no chunk and there is no workers.json entry, so the image serves no proctoring \
            worker: every lookup falls back to LMS_ROOT_URL. Configure the JS proctoring backend, generate \
            workers.json and rebuild the workers.
            """)
    public static let bundleContentsUnavailable = DiagnosticCode(
        "PA346", "Bundle contents not checked", severity: .warning,
        explanation: """
            The bundle's bytes could not be read (a file of the archive larger than the in-memory limits, or an \
            unreadable file), so its syntax, substitutions, source map and integrity were not checked; its size \
            and hash were. Extract the archive with --extract-to DIR and verify DIR.
            """)
    public static let loaderNotInImage = DiagnosticCode(
        "PA347", "django-webpack-loader not found in the input", severity: .note,
        explanation: """
            No django-webpack-loader distribution was found in the input's site-packages, so the stats format \
            cannot be compared with the loader the LMS runs. The loader that reads the file's own format is \
            assumed for the URL. Verify the image root (with its virtualenv) to check the format too.
            """)
    public static let workerSmokeRunFailed = DiagnosticCode(
        "PA348", "Worker smoke run could not be done",
        explanation: """
            `--smoke` could not run the bundle in node (node missing, the harness failing, the bundle not \
            readable as a file). The bundle's own failures are reported with the PA24x codes; this code is for \
            runs that could not take place. Install node (or set PA_TEST_NODE) and try again.
            """)
    public static let chunkFileServedElsewhere = DiagnosticCode(
        "PA349", "Chunk file not in the static root, served from publicPath", severity: .warning,
        explanation: """
            The stats file gives the bundle an absolute publicPath (a CDN), so the LMS serves that URL and not \
            the static root. The file is not in the static root; check that it exists at the CDN.
            """)
}

/// The codes of the `verify` rules, for `explain` and the catalog uniqueness test.
public enum VerifyCatalog {
    public static let codes: [DiagnosticCode] = [
        .workersConfigMissing, .workerEntryWithoutChunk, .chunkFileMissing, .chunkFileEmpty, .bundleSyntaxError,
        .extraConfigNotSubstituted, .freeProcessReference, .unquotedSubstitutedValue, .substitutedValueNotURL,
        .sourceMapInvalid, .integrityMismatch, .workerEntryOutsideNodeModulesRoot, .workerEntrySourceMissing,
        .workerEntrySourceNotChecked, .chunkNotInWorkersConfig, .noWorkerBundles, .bundleContentsUnavailable,
        .loaderNotInImage, .workerSmokeRunFailed, .chunkFileServedElsewhere,
    ]
}
