import Diagnostics

// Codes PA040–PA079: backend discovery (entry points, npm_module) and workers.json.
extension DiagnosticCode {
    public static let entryPointSyntax = DiagnosticCode(
        "PA040", "Malformed entry_points.txt line", severity: .error,
        explanation: """
            A line of a distribution's entry_points.txt is not `name = package.module:Class [extras]`. \
            importlib.metadata raises on a line without `=` (breaking every entry-point lookup of the interpreter), \
            and stevedore logs and skips an entry point whose value it cannot load, so the backend silently disappears. \
            Fix the line, or reinstall the distribution that wrote it.
            """)
    public static let distributionUnreadable = DiagnosticCode(
        "PA041", "Distribution metadata unreadable", severity: .error, inputError: true,
        explanation: """
            A *.dist-info or *.egg-info folder, or its entry_points.txt, could not be read (permissions, not UTF-8). \
            Python would fail the same way when Django starts, or skip the distribution's entry points. \
            Fix the permissions or reinstall the distribution.
            """)
    public static let duplicateBackendEntryPoint = DiagnosticCode(
        "PA042", "Backend entry point defined twice", severity: .warning,
        explanation: """
            Two installed distributions declare an `openedx.proctoring` entry point with the same name. \
            edx_proctoring stores backends with `self.backends[name] = ...`, so the one loaded last wins, and which one \
            that is depends on the order of the file system. Uninstall one of the two distributions \
            (for example the old Proctortrack package when Proctortrack v2 is installed).
            """)
    public static let npmModuleNotStatic = DiagnosticCode(
        "PA043", "npm_module is not a string literal", severity: .warning,
        explanation: """
            The backend class sets `npm_module` to something that is not a plain string literal (an expression, a property, \
            a conditional assignment), so it cannot be read without running Python. The npm module of the backend is unknown. \
            Tell the tool with `--backend NAME=NPM_MODULE` (an empty NPM_MODULE means the backend has no worker).
            """)
    public static let backendSourceNotFound = DiagnosticCode(
        "PA044", "Backend class source not found", severity: .warning,
        explanation: """
            The module or class an entry point names could not be found under the site-packages folders given, \
            so its `npm_module` could not be read. Python would fail to load the backend (stevedore logs and skips it) \
            unless the module lives somewhere else on sys.path (an editable install). \
            Pass the right --site-packages, or say `--backend NAME=NPM_MODULE`.
            """)
    public static let backendOverrideSyntax = DiagnosticCode(
        "PA045", "Malformed --backend value", severity: .error, inputError: true,
        explanation: """
            A `--backend` value must be `NAME=NPM_MODULE`, where NAME is the entry-point name (the key of \
            PROCTORING_BACKENDS) and NPM_MODULE the npm package of its worker, or empty for a backend without a worker.
            """)
    public static let nodeModulesRootUnset = DiagnosticCode(
        "PA046", "NODE_MODULES_ROOT is not set", severity: .error,
        explanation: """
            edx_proctoring's make_worker_config returns without writing anything when NODE_MODULES_ROOT is missing or \
            falsy, and webpack then silently builds no worker. This happens when a site-specific settings module \
            does not import from lms.envs.common. Set NODE_MODULES_ROOT (usually `REPO_ROOT / 'node_modules'`) or pass \
            --node-modules-root.
            """)
    public static let envRootUnset = DiagnosticCode(
        "PA047", "ENV_ROOT is not set", severity: .error,
        explanation: """
            workers.json is written to `ENV_ROOT/workers.json`, the file edx-platform's webpack config reads as \
            `../workers.json`. Upstream Django crashes at start-up with an AttributeError when ENV_ROOT is missing. \
            Set ENV_ROOT (the parent of edx-platform), pass --env-root, or give an explicit output path.
            """)
    public static let proctoringBackendsInvalid = DiagnosticCode(
        "PA048", "PROCTORING_BACKENDS missing or malformed", severity: .error,
        explanation: """
            PROCTORING_BACKENDS must be a dict of backend name to a dict of options, plus 'DEFAULT'. When it is unset \
            edx-proctoring's default configures only the `null` backend, which has no worker; a backend value that is \
            not a dict crashes Django's start (`.items()` on it). Set it in the settings or in the YAML configuration.
            """)
    public static let defaultBackendNotConfigured = DiagnosticCode(
        "PA049", "DEFAULT backend is not configured", severity: .warning,
        explanation: """
            PROCTORING_BACKENDS['DEFAULT'] names a backend that is not a key of PROCTORING_BACKENDS. edx_proctoring \
            fails when an exam uses the default provider. Add the backend's options under its name, or fix DEFAULT.
            """)
    public static let configuredBackendNotInstalled = DiagnosticCode(
        "PA050", "Configured backend is not installed", severity: .error,
        explanation: """
            PROCTORING_BACKENDS names a backend for which no installed distribution declares an `openedx.proctoring` \
            entry point. edx_proctoring silently ignores it (no backend, no worker). Install the provider's Python \
            package into the site-packages given, or pass `--backend NAME=NPM_MODULE`.
            """)
    public static let npmPackageNotInstalled = DiagnosticCode(
        "PA051", "npm package of a backend not installed", severity: .error,
        explanation: """
            The backend declares an npm module but `NODE_MODULES_ROOT/<npm_module>/package.json` does not exist. \
            make_worker_config only warns, leaves the worker out of workers.json (or writes none), and the worker bundle \
            silently goes missing. Since Ulmo edx-platform ships no provider package: `npm install <npm_module>`.
            """)
    public static let packageJSONUnreadable = DiagnosticCode(
        "PA052", "package.json unreadable", severity: .error,
        explanation: """
            The npm package's package.json exists but cannot be read (permissions, a directory in its way). \
            make_worker_config treats any OSError as "not installed" and skips the worker. Fix the permissions \
            of the node_modules tree.
            """)
    public static let packageJSONInvalid = DiagnosticCode(
        "PA053", "package.json is not valid JSON", severity: .error,
        explanation: """
            The npm package's package.json is not valid UTF-8 JSON. Upstream `json.load` raises a ValueError that \
            make_worker_config does not catch, so Django itself fails to start. Reinstall the package or fix the file \
            at the position shown.
            """)
    public static let packageJSONNotObject = DiagnosticCode(
        "PA054", "package.json is not an object", severity: .error,
        explanation: """
            The top level of package.json must be a JSON object. Upstream indexing `['main']` on anything else raises \
            a TypeError that crashes Django's start. Reinstall the package.
            """)
    public static let packageJSONMissingMain = DiagnosticCode(
        "PA055", "package.json has no main", severity: .error,
        explanation: """
            The worker entry is `NODE_MODULES_ROOT/<npm_module>/<main>`; without a `main` field make_worker_config \
            warns and leaves the worker out. Use a version of the package that declares `main`, or add it.
            """)
    public static let packageJSONMainNotString = DiagnosticCode(
        "PA056", "package.json main is not a string", severity: .error,
        explanation: """
            `main` must be a string path relative to the package. Upstream `os.path.join` raises a TypeError on anything \
            else, which crashes Django's start. Fix the package.json.
            """)
    public static let workerMainFileMissing = DiagnosticCode(
        "PA057", "Worker main file missing", severity: .error,
        explanation: """
            The file package.json's `main` points to does not exist (tried as webpack resolves an entry: the path, \
            the path + '.js', the path/index.js). make_worker_config writes the entry anyway and webpack fails with \
            "Module not found". Reinstall the npm package or fix `main`.
            """)
    public static let noJavaScriptBackend = DiagnosticCode(
        "PA058", "No configured backend has a worker", severity: .error,
        explanation: """
            None of the configured and installed backends defines an npm module that could be resolved, so there is no \
            worker to build. Upstream writes no workers.json (an old one survives) and webpack skips the worker build \
            without a word. Configure a JS backend, or pass --allow-empty when no worker is intended.
            """)
    public static let outputDirectoryMissing = DiagnosticCode(
        "PA059", "workers.json directory missing", severity: .error,
        explanation: """
            The folder workers.json goes into (ENV_ROOT) does not exist. Upstream only warns "Could not write worker \
            config". Create it, or fix ENV_ROOT (it must be the parent of edx-platform).
            """)
    public static let outputDirectoryNotWritable = DiagnosticCode(
        "PA060", "workers.json directory not writable", severity: .error,
        explanation: """
            The current user cannot create files in the folder of workers.json. Upstream only warns and the worker build \
            then uses an old file or none. Fix the folder's permissions or run as its owner.
            """)
    public static let settingNotEvaluated = DiagnosticCode(
        "PA061", "Setting could not be evaluated", severity: .error,
        explanation: """
            A setting that decides workers.json (ENV_ROOT, NODE_MODULES_ROOT, PROCTORING_BACKENDS) is computed by code \
            the static settings reader does not run, so its value is unknown. Pass the value explicitly \
            (--env-root, --node-modules-root, or the YAML configuration).
            """)
    public static let settingConditional = DiagnosticCode(
        "PA062", "Setting assigned conditionally", severity: .warning,
        explanation: """
            The setting's value was assigned inside an `if` or `try` block, so what Django sees depends on something the \
            tool did not decide. The value shown is the one the tool assumed; check it or pass it explicitly.
            """)
    public static let staleWorkerConfig = DiagnosticCode(
        "PA063", "Stale workers.json", severity: .error,
        explanation: """
            A workers.json already exists and names worker packages that are no longer configured or whose files are \
            gone. make_worker_config never deletes it when it has nothing to write, so webpack keeps building the stale \
            workers. Delete the file, or fix the configuration so a current one is written.
            """)
    public static let workerConfigWriteFailed = DiagnosticCode(
        "PA064", "workers.json could not be written", severity: .error,
        explanation: """
            Writing workers.json failed (disk full, permissions). Nothing was changed: the file is written to a temporary \
            name and renamed into place. Upstream only warns "Could not write worker config".
            """)
    public static let workerConfigUnreadable = DiagnosticCode(
        "PA065", "workers.json unreadable", severity: .error, inputError: true,
        explanation: """
            workers.json does not exist or cannot be read. webpack's worker config `require('../workers.json')` then \
            throws inside a try/catch and the worker build is silently skipped. Generate it with `proctoring-assets workers`.
            """)
    public static let workerConfigInvalidJSON = DiagnosticCode(
        "PA066", "workers.json is not valid JSON", severity: .error, inputError: true,
        explanation: """
            webpack's worker config requires workers.json inside a try/catch; invalid JSON makes it silently build no \
            worker. Regenerate the file.
            """)
    public static let workerConfigTooDeep = DiagnosticCode(
        "PA073", "workers.json nested too deeply", severity: .error, inputError: true,
        explanation: """
            workers.json nests arrays and objects deeper than 512 levels, the limit of proctoring-assets' JSON \
            reader. It may be valid JSON, but it is not what edx-proctoring writes (an object of npm module to a \
            two-string list). Regenerate the file.
            """)

    public static let workerConfigInvalidShape = DiagnosticCode(
        "PA067", "workers.json has the wrong shape", severity: .error,
        explanation: """
            workers.json must be an object mapping each npm module to `["babel-polyfill", "<absolute path of main>"]`, \
            the webpack entry format edx_proctoring writes. Anything else builds wrong or no workers. Regenerate the file.
            """)
    public static let workerConfigLegacyStringEntry = DiagnosticCode(
        "PA068", "workers.json entry without babel-polyfill", severity: .warning,
        explanation: """
            An entry is a plain string: the format of edx-proctoring before December 2018, without babel-polyfill, so \
            the worker lacks the polyfills older browsers need. Regenerate the file with a current edx-proctoring or \
            this tool.
            """)
    public static let sitePackagesMissing = DiagnosticCode(
        "PA069", "site-packages folder missing", severity: .error, inputError: true,
        explanation: """
            A folder given as site-packages does not exist or is not a folder, so no backend can be discovered in it. \
            Pass the site-packages of the Python environment Django runs in (`python -c 'import site; print(site.getsitepackages())'`).
            """)
    public static let npmModuleUnknown = DiagnosticCode(
        "PA070", "npm module of a configured backend unknown", severity: .error,
        explanation: """
            A configured backend's npm module could not be read statically (see PA043/PA044), so the tool cannot tell \
            whether it has a worker. Say it with `--backend NAME=NPM_MODULE` (empty NPM_MODULE for no worker).
            """)
    public static let duplicateNpmModule = DiagnosticCode(
        "PA071", "Two backends share an npm module", severity: .warning,
        explanation: """
            Two configured backends declare the same npm module. workers.json is keyed by npm module, so the later \
            backend's entry replaces the earlier one's (keeping the earlier position), as Python's dict does upstream.
            """)
    public static let builtInBackendAssumed = DiagnosticCode(
        "PA072", "edx-proctoring built-in backend assumed", severity: .note,
        explanation: """
            A configured backend is one of edx-proctoring's own (null, mock, software_secure, rpnow4), which have no \
            worker, and edx-proctoring is not in the site-packages given. It is assumed installed; it adds nothing to workers.json.
            """)
}

public enum ProctoringBackendsCatalog {
    public static let codes: [DiagnosticCode] = [
        .entryPointSyntax, .distributionUnreadable, .duplicateBackendEntryPoint, .npmModuleNotStatic,
        .backendSourceNotFound, .backendOverrideSyntax, .nodeModulesRootUnset, .envRootUnset,
        .proctoringBackendsInvalid, .defaultBackendNotConfigured, .configuredBackendNotInstalled,
        .npmPackageNotInstalled, .packageJSONUnreadable, .packageJSONInvalid, .packageJSONNotObject,
        .packageJSONMissingMain, .packageJSONMainNotString, .workerMainFileMissing, .noJavaScriptBackend,
        .outputDirectoryMissing, .outputDirectoryNotWritable, .settingNotEvaluated, .settingConditional,
        .staleWorkerConfig, .workerConfigWriteFailed, .workerConfigUnreadable, .workerConfigInvalidJSON, .workerConfigTooDeep,
        .workerConfigInvalidShape, .workerConfigLegacyStringEntry, .sitePackagesMissing, .npmModuleUnknown,
        .duplicateNpmModule, .builtInBackendAssumed,
    ]
}
