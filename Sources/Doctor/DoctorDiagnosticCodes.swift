import Diagnostics

extension DiagnosticCode {
    public static let doctorWebpackBeforeWorkersConfig = DiagnosticCode(
        "PA400", "webpack runs before anything writes workers.json", severity: .error,
        severityCondition: "a warning when doctor cannot tell which provider the build configures",
        explanation: """
            edx-platform's webpack worker config does `require('../workers.json')` inside a try/catch; when the file \
            is absent the worker config silently disappears, webpack exits 0 and no worker bundle is built. \
            workers.json is written by edx_proctoring when Django starts with the proctoring settings (any manage.py \
            command, e.g. collectstatic) or by `proctoring-assets workers`. Run one of them earlier in the same build \
            stage (or copy workers.json in) before webpack.
            """)
    public static let doctorAssetBuildStderrDiscarded = DiagnosticCode(
        "PA401", "the asset build's error output is discarded", severity: .warning,
        explanation: """
            Redirecting stderr of `npm run build`/webpack to /dev/null hides real webpack errors (a module that does \
            not resolve, a syntax error from a JS_ENV_EXTRA_CONFIG value). It cannot hide the silent failures (no \
            workers.json, JSON.parse of an unset JS_ENV_EXTRA_CONFIG), which print nothing anyway. Keep stderr.
            """)
    public static let doctorAssetBuildFailureSwallowed = DiagnosticCode(
        "PA402", "a failing asset build does not fail the build", severity: .warning,
        explanation: """
            `|| true`, `; true`, `|| :`, a pipe without `set -o pipefail`, or `set +e` make a failed webpack run look \
            like success, so an image without the worker bundle is shipped. Let the build step fail.
            """)
    public static let doctorJSEnvExtraConfigNotSet = DiagnosticCode(
        "PA403", "JS_ENV_EXTRA_CONFIG is not set for webpack", severity: .error,
        severityCondition: "a warning when doctor cannot tell which provider the build configures",
        explanation: """
            The worker config runs `JSON.parse(process.env.JS_ENV_EXTRA_CONFIG)` inside its try/catch: when the \
            variable is unset the parse throws, the worker config is dropped and webpack exits 0 without a worker. \
            Typical causes: set in another build stage or target, declared as ARG in a stage webpack does not run in, \
            assigned in a shell without `export`, or commented out. Set it (e.g. `ENV JS_ENV_EXTRA_CONFIG=...`) where \
            webpack runs.
            """)
    public static let doctorJSEnvExtraConfigUndecidable = DiagnosticCode(
        "PA407", "JS_ENV_EXTRA_CONFIG cannot be checked from the files", severity: .note,
        explanation: """
            The value comes from a build argument without a default, a variable expansion, or code that the built-in \
            check does not understand, so doctor cannot tell whether webpack sees valid JSON. Check the value the \
            build really passes (`proctoring-assets verify` on the image checks the substituted bundle).
            """)
    public static let doctorBackendPackageNotInstalled = DiagnosticCode(
        "PA408", "a configured proctoring backend's npm package is never installed", severity: .error,
        severityCondition: "a warning when doctor cannot tell which provider the build configures",
        explanation: """
            The most common cause of a missing worker. edx-platform's package.json no longer lists any provider \
            package, so `npm clean-install` leaves node_modules/<npm_module> absent; make_worker_config only warns, \
            writes no workers.json, and webpack builds no worker. Install the package in the build (`npm install \
            <package>`, a git URL or tarball, or a package.json dependency) before webpack runs.
            """)
    public static let doctorBackendNpmModuleUnknown = DiagnosticCode(
        "PA409", "the npm module of a configured backend is not known", severity: .note,
        explanation: """
            The backend is not one of the public providers doctor knows and no site-packages were given, so doctor \
            cannot tell which npm package it needs. Pass the site-packages folder (or check the backend class's \
            `npm_module`) to have it checked.
            """)
    public static let doctorNodeModulesRootMissing = DiagnosticCode(
        "PA410", "NODE_MODULES_ROOT is not set in the build-time settings", severity: .error,
        severityCondition: "a warning when doctor cannot tell which provider the build configures",
        explanation: """
            make_worker_config returns without writing workers.json when NODE_MODULES_ROOT is missing or falsy, so \
            no worker is built and nothing is printed. A site-specific asset settings module that does not import \
            from lms.envs.common lacks it. Import the common settings or set NODE_MODULES_ROOT to \
            <edx-platform>/node_modules.
            """)
    public static let doctorEnvRootMissing = DiagnosticCode(
        "PA411", "ENV_ROOT is not set in the build-time settings", severity: .error,
        explanation: """
            edx_proctoring writes workers.json to ENV_ROOT; without ENV_ROOT Django start-up fails in \
            EdxProctoringConfig.ready(). A settings module that does not import from lms.envs.common lacks it. \
            Import the common settings or set ENV_ROOT to the parent folder of edx-platform.
            """)
    public static let doctorEnvRootNotPlatformParent = DiagnosticCode(
        "PA412", "ENV_ROOT is not the parent folder of edx-platform", severity: .error,
        explanation: """
            make_worker_config writes $ENV_ROOT/workers.json while webpack reads ../workers.json relative to \
            edx-platform. When ENV_ROOT is not edx-platform's parent the two are different files: webpack finds none \
            (or a stale one). Set ENV_ROOT to the folder that contains edx-platform.
            """)
    public static let doctorSettingUndecidable = DiagnosticCode(
        "PA413", "a setting cannot be decided from the files", severity: .note,
        explanation: """
            The value of a setting doctor needs is computed in a way the static evaluator does not model (a call, an \
            unresolved import, a conditional). The rules that need it were not checked. Run `proctoring-assets \
            settings` to see where the value comes from, or pass it with a flag.
            """)
    public static let doctorStaticRootMismatch = DiagnosticCode(
        "PA414", "webpack writes the worker stats file where the LMS does not read it", severity: .error,
        severityCondition: "a warning when doctor cannot tell which provider the build configures",
        explanation: """
            At build time webpack-bundle-tracker writes webpack-worker-stats.json into STATIC_ROOT_LMS; at run time \
            django-webpack-loader reads WEBPACK_LOADER['WORKERS']['STATS_FILE'] of the runtime settings. When the \
            two differ the loader raises IOError, edx_proctoring only warns and the learner gets LMS_ROOT_URL as the \
            worker URL. Build with STATIC_ROOT_LMS set to the runtime STATIC_ROOT.
            """)
    public static let doctorStatsFormatMismatch = DiagnosticCode(
        "PA415", "the stats format written does not match the installed django-webpack-loader", severity: .error,
        explanation: """
            webpack-bundle-tracker 0.4.x writes chunks as objects, 1.x and later as file names plus an `assets` map; \
            django-webpack-loader 0.x reads the first, 1.x and later the second. A mismatch raises TypeError or \
            KeyError in get_files, which edx_proctoring does not catch. Pin matching versions (tracker 0.4.3 with \
            loader 0.7.0, tracker 3.x with loader 3.x).
            """)
    public static let doctorCollectstaticBeforeWebpack = DiagnosticCode(
        "PA416", "collectstatic runs before webpack and not after", severity: .warning,
        explanation: """
            webpack writes the worker bundle into common/static/bundles; only a later collectstatic copies it into \
            STATIC_ROOT/bundles where the loader's URL points. Run collectstatic after webpack.
            """)
    public static let doctorDefaultBackendNotConfigured = DiagnosticCode(
        "PA417", "PROCTORING_BACKENDS['DEFAULT'] names a backend that is not configured", severity: .error,
        explanation: """
            edx_proctoring instantiates only the backends that are keys of PROCTORING_BACKENDS; a DEFAULT naming \
            another backend makes exams that use the default fail. Add the backend's entry or fix the name.
            """)
    public static let doctorLMSRootURLWithoutScheme = DiagnosticCode(
        "PA418", "LMS_ROOT_URL has no scheme", severity: .warning,
        explanation: """
            edx_proctoring prefixes the worker URL with LMS_ROOT_URL when it is not absolute; without `https://` the \
            JS 2.0 URL is not absolute and the browser resolves it against the learning MFE's origin. Write \
            LMS_ROOT_URL with its scheme.
            """)
    public static let doctorNoWorkerBackendConfigured = DiagnosticCode(
        "PA419", "no configured proctoring backend has a worker", severity: .note,
        explanation: """
            None of the backends in PROCTORING_BACKENDS defines an npm module, so no workers.json is written and no \
            worker bundle is built (stock Tutor builds with the `null` backend). That is right only when no \
            JavaScript provider is used.
            """)
    public static let doctorProctoringBackendsInvalid = DiagnosticCode(
        "PA420", "PROCTORING_BACKENDS is not a dictionary", severity: .error,
        explanation: """
            edx_proctoring reads PROCTORING_BACKENDS as a dict of backend name to options plus a DEFAULT name. \
            Another value makes AppConfig.ready() fail or configure nothing. Write it as a dict.
            """)
    public static let doctorInputUnreadable = DiagnosticCode(
        "PA430", "an input file cannot be read", severity: .error, inputError: true,
        explanation: """
            A file given to doctor does not exist, is a directory, or cannot be read. Nothing in it was checked. \
            Pass an existing, readable file.
            """)
    public static let doctorInputBinary = DiagnosticCode(
        "PA431", "an input file is binary, not a script", severity: .error, inputError: true,
        explanation: """
            The file contains NUL bytes or is not UTF-8 text, so it is not a build script, Earthfile, Dockerfile or \
            settings module. Pass the text file that runs the build.
            """)
    public static let doctorInputKindUnknown = DiagnosticCode(
        "PA432", "the kind of an input file cannot be told", severity: .error, inputError: true,
        explanation: """
            doctor reads Earthfiles, Dockerfiles, shell scripts, Python settings modules, Tutor config.yml, \
            package.json / package-lock.json and pip requirements files, recognised by name or by their first \
            line. Rename the file or give shell scripts a `#!/bin/sh` line.
            """)
    public static let doctorInputMalformed = DiagnosticCode(
        "PA433", "an input file is malformed", severity: .error, inputError: true,
        explanation: """
            A part of the file could not be parsed (an unterminated quote or heredoc, an unclosed IF block, invalid \
            YAML or JSON). Findings for the rest of the file may be incomplete. Fix the syntax.
            """)
    public static let doctorUnknownStageReference = DiagnosticCode(
        "PA434", "a build stage refers to a target that is not defined", severity: .note,
        explanation: """
            A `FROM +target`, `COPY +target/…` or `BUILD +target` names a target that is not in the Earthfile given \
            (or in another file not passed to doctor), so what it provides was not taken into account.
            """)
    public static let doctorSettingsFileNotEvaluated = DiagnosticCode(
        "PA435", "a settings file was given but not evaluated", severity: .note,
        explanation: """
            doctor evaluates a settings file given with the build files when the build copies it to the module it \
            starts Django with (COPY/ADD, artifacts, links), and otherwise through `--settings`. This file is \
            neither: no build file given copies it to that module's place (or another module was evaluated), so its \
            values were not checked. Pass it as the settings module, or the build file that copies it into place.
            """)
    public static let doctorBuildSettingsNotGiven = DiagnosticCode(
        "PA436", "the settings module the build uses was not given", severity: .note,
        explanation: """
            The build starts Django (manage.py, django-admin, paver, openedx-assets) with a settings module, but no \
            file given to doctor is copied to that module's place, and no --settings was given. Which proctoring \
            backends it configures, and so whether a worker is expected, was not checked. Pass the settings file \
            the build copies into place (e.g. `doctor Earthfile settings/lms/assets.not_py`) or --settings.
            """)
    public static let doctorProviderUnknown = DiagnosticCode(
        "PA437", "nothing tells which proctoring provider the build uses", severity: .note,
        explanation: """
            No settings file, Tutor config.yml, requirements file, `pip install` step or site-packages given to \
            doctor names a proctoring provider, so the findings that only matter when a provider has a worker are \
            reported as warnings. Pass the settings (--settings, or the settings file the build copies into place) \
            or --site-packages to have them decided.
            """)
    public static let doctorAssetsBuildRewritten = DiagnosticCode(
        "PA440", "a later step rewrites what proctoring-assets build wrote", severity: .warning,
        severityCondition: "a note when the step is in a stage built FROM the one that ran the build",
        explanation: """
            webpack after `proctoring-assets build` reads the workers.json the build wrote: its worker config bundles \
            the worker again over the build's bundle and webpack-worker-stats.json, without the build's checks, or, \
            when JS_ENV_EXTRA_CONFIG is unset there, throws and is silently skipped. collectstatic after the build \
            copies the bundles webpack left in common/static/bundles over the ones in STATIC_ROOT/bundles. Either \
            way the image does not ship what `verify` checked. Run `build` and `verify` after the last webpack and \
            collectstatic (the Tutor plugin runs them at `openedx-dockerfile`, after collectstatic).
            """)
    public static let doctorAssetsToolNotInstalled = DiagnosticCode(
        "PA441", "proctoring-assets runs but no step installs it", severity: .warning,
        explanation: """
            A step runs `proctoring-assets`, but no earlier step of its stage, of the stages it is built FROM or of a \
            stage it copies from installs the command (`pip install` of the proctoring_assets wheel or of \
            `proctoring-assets`, or a COPY of the binary). The step fails with `command not found` unless the base \
            image has it. Install the wheel first.
            """)
    public static let doctorAssetsBuildNotVerified = DiagnosticCode(
        "PA442", "proctoring-assets build is not followed by verify", severity: .note,
        explanation: """
            `proctoring-assets verify` after the build checks the static root the image ships (required files, the \
            stats file against the bundles, JS_ENV_EXTRA_CONFIG applied, optionally a smoke run), so a step that \
            rewrites it later fails the image build instead of shipping an image without a worker. Add it as the \
            last step that touches static files.
            """)
}

public enum DoctorCatalog {
    public static let codes: [DiagnosticCode] = [
        .doctorWebpackBeforeWorkersConfig, .doctorAssetBuildStderrDiscarded, .doctorAssetBuildFailureSwallowed,
        .doctorJSEnvExtraConfigNotSet, .doctorJSEnvExtraConfigUndecidable,
        .doctorBackendPackageNotInstalled, .doctorBackendNpmModuleUnknown, .doctorNodeModulesRootMissing,
        .doctorEnvRootMissing, .doctorEnvRootNotPlatformParent, .doctorSettingUndecidable, .doctorStaticRootMismatch,
        .doctorStatsFormatMismatch, .doctorCollectstaticBeforeWebpack, .doctorDefaultBackendNotConfigured,
        .doctorLMSRootURLWithoutScheme, .doctorNoWorkerBackendConfigured, .doctorProctoringBackendsInvalid,
        .doctorInputUnreadable, .doctorInputBinary, .doctorInputKindUnknown, .doctorInputMalformed,
        .doctorUnknownStageReference, .doctorSettingsFileNotEvaluated, .doctorBuildSettingsNotGiven,
        .doctorProviderUnknown, .doctorAssetsBuildRewritten, .doctorAssetsToolNotInstalled, .doctorAssetsBuildNotVerified,
    ]
}
