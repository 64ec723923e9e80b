import Diagnostics

// Codes PA600–PA619: worker sources taken from installed Python distributions (`--js-from-python`).
extension DiagnosticCode {
    public static let javaScriptModuleNotMapped = DiagnosticCode(
        "PA600", "npm module not found in any installed Python distribution", severity: .error,
        explanation: """
            With --js-from-python a worker's npm module (and @edx/edx-proctoring, which every worker imports) is taken \
            from a file of an installed Python distribution instead of node_modules: the distribution whose name is the \
            npm name without its scope (PEP 503 normalised; `@edx/edx-proctoring` is `edx-proctoring`), else the one that \
            declares the backend, and in it the one JavaScript file its RECORD lists in a `static/` folder of its \
            package. None was found. Install the provider's Python distribution into the site-packages given, or say \
            which file it is with `--js-module-file MODULE=PATH`.
            """)
    public static let javaScriptModuleAmbiguous = DiagnosticCode(
        "PA601", "Python distribution ships several candidate worker files", severity: .error,
        explanation: """
            The distribution matched to an npm module ships more than one JavaScript file in a `static/` folder of \
            its package and none of them is `index.js`, so which one is the npm package's `main` cannot be told. \
            Name it with `--js-module-file MODULE=PATH` (PATH relative to site-packages, as RECORD lists it).
            """)
    public static let javaScriptModuleFileOverrideSyntax = DiagnosticCode(
        "PA602", "Malformed --js-module-file value", severity: .error, inputError: true,
        explanation: """
            A `--js-module-file` value must be `MODULE=PATH`: the npm module name a worker imports (or the worker's \
            own npm module) and the file that stands for it, relative to a --site-packages folder (as the \
            distribution's RECORD lists it) or absolute.
            """)
    public static let javaScriptModuleFileNotFound = DiagnosticCode(
        "PA603", "--js-module-file names a file that does not exist", severity: .error, inputError: true,
        explanation: """
            The PATH of a `--js-module-file MODULE=PATH` was found neither under any --site-packages folder nor \
            relative to the working directory. Give the path as the distribution's RECORD lists it \
            (e.g. `edx_proctoring/static/index.js`) or an absolute path.
            """)
    public static let babelPolyfillLeftOut = DiagnosticCode(
        "PA604", "babel-polyfill left out of the worker bundle", severity: .note,
        explanation: """
            Every workers.json entry starts with `babel-polyfill`, which no Python distribution ships. With \
            --js-from-python and no node_modules holding it, the bundle is built without it: it holds the \
            provider's code with its syntax as written, and no polyfills for browsers without ES2015+ built-ins \
            (Promise, Symbol, regenerator), which Open edX no longer supports. When a node_modules with \
            babel-polyfill is present, it is bundled first as upstream does.
            """)
    public static let jsFromPythonWouldBuild = DiagnosticCode(
        "PA605", "The provider's Python distribution ships the worker", severity: .note,
        explanation: """
            A configured backend's npm package is not installed, but the backend's Python distribution ships the \
            worker's source (the npm package is the same repository with a package.json around it). \
            `proctoring-assets build --js-from-python` builds the worker from that file, with no npm and no node_modules.
            """)
    public static let jsFromPythonBundlerUnsupported = DiagnosticCode(
        "PA606", "--js-from-python needs the native bundler", severity: .error, inputError: true,
        explanation: """
            Modules taken from Python distributions are given to the native bundler's resolver; webpack and esbuild \
            would look for them in node_modules. Build with `--bundler native` (the default).
            """)
    public static let distributionFileMissing = DiagnosticCode(
        "PA607", "A file the distribution's RECORD lists is missing", severity: .error,
        explanation: """
            The distribution's RECORD lists the worker file, but it is not on disk: the installation is incomplete \
            or files were deleted after it. Reinstall the distribution (`pip install --force-reinstall`).
            """)
    public static let distributionFileReplaced = DiagnosticCode(
        "PA608", "The worker file on disk is another distribution's", severity: .error,
        explanation: """
            The file the distribution's RECORD lists has another sha256 on disk than the RECORD gives: another \
            distribution installed the same path over it (Proctortrack 1.x and 2.x both install \
            edx_proctoring_proctortrack/static/proctortrack_custom.js, and both declare the backend `proctortrack`), \
            or the file was changed after installation. Building from it would bundle another worker than the one \
            configured. Uninstall the other distribution and reinstall this one.
            """)
}

public enum JavaScriptFromPythonCatalog {
    public static let codes: [DiagnosticCode] = [
        .javaScriptModuleNotMapped, .javaScriptModuleAmbiguous, .javaScriptModuleFileOverrideSyntax,
        .javaScriptModuleFileNotFound, .babelPolyfillLeftOut, .jsFromPythonWouldBuild, .jsFromPythonBundlerUnsupported,
        .distributionFileMissing, .distributionFileReplaced,
    ]
}
