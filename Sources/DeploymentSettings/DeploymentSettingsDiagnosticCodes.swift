import Diagnostics

extension DiagnosticCode {
    public static let settingsModuleNotFound = DiagnosticCode(
        "PA001", "Settings module not found", severity: .error, inputError: true,
        explanation: """
            The settings module named with --settings (or DJANGO_SETTINGS_MODULE) was not found on the python path. \
            A dotted name `a.b.c` is looked up as `a/b/c.py` and `a/b/c/__init__.py` in every --python-path folder, \
            first folder wins; anything containing a `/` or ending in a file extension is taken as a file path. \
            Django would stop with ModuleNotFoundError at start-up. Fix the name or add the folder that contains the \
            top-level package (usually the edx-platform checkout) to --python-path.
            """)

    public static let settingsFileUnreadable = DiagnosticCode(
        "PA002", "Settings file cannot be read", severity: .error, inputError: true,
        explanation: """
            A settings file (or a folder on the import path) exists but cannot be read: permission denied, or it is \
            a directory where a file was expected. Django would fail at import time with PermissionError or \
            IsADirectoryError. Make the file readable by the user that runs the build (`chmod a+r FILE`).
            """)

    public static let settingsFileNotUTF8 = DiagnosticCode(
        "PA003", "Settings file is not UTF-8", severity: .error, inputError: true,
        explanation: """
            Python 3 reads source files as UTF-8 unless a coding declaration says otherwise, and stops with \
            SyntaxError on an invalid byte. The position points at the first byte that is not UTF-8. Re-save the file \
            as UTF-8 (for example `iconv -f latin1 -t utf-8`).
            """)

    public static let pythonSyntaxError = DiagnosticCode(
        "PA004", "Python syntax error in a settings file", severity: .error, inputError: true,
        explanation: """
            The settings file is not valid Python 3.11, so Django could not import it and every management command \
            (and make_worker_config with it) would fail. The position is where Python's own parser would point. \
            Fix the syntax; `python -m py_compile FILE` shows the same error.
            """)

    public static let pythonIndentationError = DiagnosticCode(
        "PA005", "Bad indentation in a settings file", severity: .error, inputError: true,
        explanation: """
            Python raises IndentationError for an unexpected indent, a missing indented block after a `:`, or a \
            dedent that matches no outer level. Such files often come from templating tools that indent inserted \
            blocks. Re-indent the block consistently (spaces, not mixed with tabs).
            """)

    public static let pythonUnterminatedString = DiagnosticCode(
        "PA006", "Unterminated string in a settings file", severity: .error, inputError: true,
        explanation: """
            A string literal is not closed before the end of its line (or a triple-quoted string before the end of \
            the file). The position is where the string starts. Close the string, or use a triple-quoted string for \
            text spanning several lines.
            """)

    public static let pythonUnbalancedBracket = DiagnosticCode(
        "PA007", "Unbalanced bracket in a settings file", severity: .error, inputError: true,
        explanation: """
            A bracket is never closed, or is closed by a different kind of bracket, or a closing bracket has no \
            opening one. Python reports SyntaxError at the bracket. Add or fix the bracket; the opening position is \
            given for brackets never closed.
            """)

    public static let starImportNotFound = DiagnosticCode(
        "PA008", "Module of `from … import *` not found", severity: .error, inputError: true,
        explanation: """
            A `from X import *` names a module that is not on the python path. Settings chains define their \
            values through star imports (`from .common import *`), so a missing module almost certainly means \
            missing settings such as ENV_ROOT or NODE_MODULES_ROOT; Django would stop with ModuleNotFoundError. Add \
            the folder that holds the package to --python-path, or fix the module name.
            """)

    public static let settingsImportCycle = DiagnosticCode(
        "PA009", "Import cycle among settings modules", severity: .error,
        explanation: """
            Settings modules import each other in a cycle. Python would hand the second import a half-initialised \
            module, so names defined after the import are silently missing. Break the cycle: the site-specific \
            module imports the shared one, never the reverse.
            """)

    public static let relativeImportBeyondTopLevel = DiagnosticCode(
        "PA010", "Relative import beyond the top-level package", severity: .error,
        explanation: """
            A relative import (`from ..x import *`) climbs above the top-level package, or the file is not inside \
            any package on the python path. Python raises ImportError. Put the folder above the top-level package on \
            --python-path, name the settings as a dotted module, or use an absolute import.
            """)

    public static let configYAMLUnreadable = DiagnosticCode(
        "PA011", "Configuration YAML cannot be read", severity: .error, inputError: true,
        explanation: """
            The YAML configuration given with --config-yaml (the LMS_CFG / Tutor config file that production \
            settings load with yaml.safe_load) does not exist or cannot be read. Upstream the LMS fails at start-up \
            with FileNotFoundError. Pass the right path, or drop --config-yaml to read the Python settings alone.
            """)

    public static let configYAMLInvalid = DiagnosticCode(
        "PA012", "Configuration YAML is not valid YAML", severity: .error, inputError: true,
        explanation: """
            The configuration YAML does not parse. yaml.safe_load would raise at LMS start-up and every management \
            command would fail. Fix the YAML at the position given (indentation and `key: value` spacing are the \
            usual causes).
            """)

    public static let configYAMLNotMapping = DiagnosticCode(
        "PA013", "Configuration YAML is not a mapping", severity: .error,
        explanation: """
            The configuration YAML's top level is not a mapping (or the file is empty), so `vars().update(config)` \
            in production settings would fail. Write the settings as top-level `KEY: value` pairs.
            """)

    public static let configYAMLNotLoadedBySettings = DiagnosticCode(
        "PA014", "Configuration YAML applied as a layer", severity: .note,
        explanation: """
            --config-yaml was given but the settings modules never load a YAML file, so its top-level keys were \
            applied after the settings as a layer, the way Tutor-style settings would with `vars().update(...)`. \
            If the deployment really ignores the file, drop --config-yaml.
            """)

    public static let configYAMLNeeded = DiagnosticCode(
        "PA015", "Settings load a YAML file that was not given", severity: .warning,
        explanation: """
            The settings read a configuration file at import time (`yaml.safe_load(f)` inside `with open(...)`), \
            but no --config-yaml was given, so every value taken from it is unknown. Pass the LMS_CFG / Tutor \
            config file with --config-yaml.
            """)

    public static let environmentVariableMissing = DiagnosticCode(
        "PA016", "Environment variable read with os.environ[...] is not set", severity: .warning,
        explanation: """
            The settings read an environment variable with `os.environ['NAME']`, which raises KeyError at import \
            time when the variable is unset, so Django would not start. The value is unknown here. Set the variable \
            in the environment of the build (or pass it to the tool's environment).
            """)

    public static let pythonPathEntryMissing = DiagnosticCode(
        "PA017", "Python path folder does not exist", severity: .warning,
        explanation: """
            A folder given with --python-path does not exist (or is not a folder). Python silently ignores such \
            entries, which hides typos until an import fails. Fix or remove the entry.
            """)

    public static let envRootNotSet = DiagnosticCode(
        "PA018", "ENV_ROOT is not set", severity: .warning,
        explanation: """
            The settings define no ENV_ROOT. edx-proctoring's make_worker_config writes $ENV_ROOT/workers.json and \
            crashes with AttributeError at start-up without it. This usually means a site-specific settings module \
            does not import from lms.envs.common (directly or through production). Add `from lms.envs.production \
            import *` (or set ENV_ROOT), or pass --env-root.
            """)

    public static let nodeModulesRootNotSet = DiagnosticCode(
        "PA019", "NODE_MODULES_ROOT is not set", severity: .warning,
        explanation: """
            The settings define no NODE_MODULES_ROOT. make_worker_config then silently skips every worker (it only \
            logs), no workers.json is written and webpack builds no worker bundle. Import the settings from \
            lms.envs.common (which sets REPO_ROOT / "node_modules"), set NODE_MODULES_ROOT, or pass \
            --node-modules-root.
            """)

    public static let envRootNotParentOfRepository = DiagnosticCode(
        "PA020", "ENV_ROOT is not the parent of the edx-platform checkout", severity: .warning,
        explanation: """
            make_worker_config writes $ENV_ROOT/workers.json, while edx-platform's webpack worker config reads \
            ../workers.json relative to the edx-platform folder (REPO_ROOT). When ENV_ROOT is not REPO_ROOT's \
            parent the two are different files and no worker is built, silently. Set ENV_ROOT to the parent of \
            REPO_ROOT (edx-platform's common.py does this by default).
            """)

    public static let nameNotDefined = DiagnosticCode(
        "PA021", "Name used in settings is not defined", severity: .warning,
        explanation: """
            A settings file uses a name that nothing before it defines, so Python raises NameError and Django \
            does not start. The usual cause is a site-specific settings module that does not import the shared \
            settings (`from lms.envs.production import *`), so REPO_ROOT, ENV_ROOT and friends are missing. Import \
            the module that defines the name, or define it first.
            """)
}

/// Every code of the DeploymentSettings target, for `explain` and the uniqueness test.
extension DiagnosticCode {
    // PA905 keeps its number (the facade lists it with the command-line codes, 900-999).
    public static let staticRootUnset = DiagnosticCode(
        "PA905", "STATIC_ROOT is not set",
        explanation: """
            The worker bundle and its stats file belong under STATIC_ROOT (the stats file at \
            WEBPACK_LOADER['WORKERS']['STATS_FILE'], normally STATIC_ROOT/webpack-worker-stats.json; the bundle in \
            STATIC_ROOT/bundles/). Without STATIC_ROOT the build cannot know where the LMS will look. Set it in the \
            settings (edx-platform derives it from ENV_ROOT or the STATIC_ROOT_LMS environment variable) or pass \
            --static-root.
            """)
}

public enum DeploymentSettingsCatalog {
    public static let codes: [DiagnosticCode] = [
        .settingsModuleNotFound, .settingsFileUnreadable, .settingsFileNotUTF8, .pythonSyntaxError,
        .pythonIndentationError, .pythonUnterminatedString, .pythonUnbalancedBracket, .starImportNotFound,
        .settingsImportCycle, .relativeImportBeyondTopLevel, .configYAMLUnreadable, .configYAMLInvalid,
        .configYAMLNotMapping, .configYAMLNotLoadedBySettings, .configYAMLNeeded, .environmentVariableMissing,
        .pythonPathEntryMissing, .envRootNotSet, .nodeModulesRootNotSet, .envRootNotParentOfRepository,
        .nameNotDefined,
    ]
}
