import Diagnostics

extension DiagnosticCode {
    public static let statsFileNotFound = DiagnosticCode(
        "PA200", "Worker stats file not found", severity: .error,
        explanation: """
            django-webpack-loader reads WEBPACK_LOADER['WORKERS']['STATS_FILE'] on every worker URL lookup. When the \
            file is missing it raises IOError, edx_proctoring only logs a warning and serves LMS_ROOT_URL as the worker \
            URL, so the exam hangs in the browser. Build the workers (which writes the stats file) with STATIC_ROOT_LMS \
            pointing at the STATIC_ROOT the LMS runs with.
            """)
    public static let statsFileUnreadable = DiagnosticCode(
        "PA201", "Worker stats file cannot be read", severity: .error, inputError: true,
        explanation: """
            The stats file exists but cannot be read as UTF-8 text (permissions, a directory, or bad bytes). \
            The loader raises IOError or UnicodeDecodeError; edx_proctoring catches the first (serving LMS_ROOT_URL) \
            and turns the second into a server error. Fix the file's permissions or rebuild it.
            """)
    public static let statsFileNotJSON = DiagnosticCode(
        "PA202", "Worker stats file is not valid JSON", severity: .error, inputError: true,
        explanation: """
            json.load raises JSONDecodeError, a ValueError that edx_proctoring does not catch: every page that needs \
            the worker URL fails with a server error. A truncated file usually means two builds wrote it at once or \
            the build was killed. Rebuild the stats file.
            """)
    public static let statsNotAnObject = DiagnosticCode(
        "PA203", "Worker stats file is not a JSON object", severity: .error,
        explanation: """
            Both stats formats are a JSON object with a `status` key. Anything else makes the loader fail with an \
            AttributeError or TypeError that edx_proctoring does not catch. Rebuild the stats file with the bundler.
            """)
    public static let statsStatusInvalid = DiagnosticCode(
        "PA204", "Worker stats file has no usable `status`", severity: .error,
        explanation: """
            The loader only hands out URLs when `status` is "done". A missing or non-string status makes it raise \
            WebpackLoaderBadStatsError; edx_proctoring logs a warning and serves LMS_ROOT_URL. Rebuild the stats file.
            """)
    public static let statsBuildNotFinished = DiagnosticCode(
        "PA205", "Worker stats file records an unfinished build", severity: .error,
        explanation: """
            A status of "compiling" (tracker 0.4), "compile" or "initialization" (tracker 1.x and later) means webpack \
            was still running, or died, when the file was last written. Outside DEBUG the loader raises \
            WebpackLoaderBadStatsError and edx_proctoring serves LMS_ROOT_URL. Run the worker build to completion.
            """)
    public static let statsBuildFailed = DiagnosticCode(
        "PA206", "Worker stats file records a failed build", severity: .error,
        explanation: """
            The tracker writes status "error" with the first webpack error. The loader raises WebpackError, which \
            edx_proctoring turns into a warning and the worker URL becomes LMS_ROOT_URL. Fix the build error shown in \
            the message and rebuild.
            """)
    public static let statsChunksInvalid = DiagnosticCode(
        "PA207", "Worker stats `chunks` is missing or malformed", severity: .error,
        explanation: """
            A finished stats file maps each bundle name to its list of files under `chunks`. Without it the loader \
            fails with KeyError or TypeError, which edx_proctoring does not catch. Rebuild the stats file.
            """)
    public static let statsChunkFileInvalid = DiagnosticCode(
        "PA208", "Worker stats chunk entry has the wrong shape", severity: .error,
        explanation: """
            Tracker 0.4 lists each file as an object with `name` and `path`; tracker 1.x and later list plain file \
            names. A mixed or malformed list makes the loader raise TypeError or KeyError when the URL is built, \
            which edx_proctoring does not catch. Rebuild the stats file in one format.
            """)
    public static let statsAssetMissing = DiagnosticCode(
        "PA209", "Worker stats chunk names a file without an asset entry", severity: .error,
        explanation: """
            In the tracker 1.x format every file named under `chunks` must have an entry under `assets`. \
            django-webpack-loader 3.x looks it up with `assets["assets"][name]` and raises KeyError, which \
            edx_proctoring does not catch. Rebuild the stats file.
            """)
    public static let statsAssetInvalid = DiagnosticCode(
        "PA210", "Worker stats asset entry is malformed", severity: .error,
        explanation: """
            Each asset entry is an object whose `name` equals its key and whose `path` is where the file was written. \
            The loader builds the URL from `name` (or `publicPath`); a missing name raises KeyError. Rebuild the stats file.
            """)
    public static let statsFormatMismatch = DiagnosticCode(
        "PA211", "Worker stats format does not match the installed loader", severity: .error,
        explanation: """
            django-webpack-loader 0.x reads only the webpack-bundle-tracker 0.4 format and 1.0 and later read only \
            the 1.x format. Reading the other one crashes with TypeError or KeyError, which edx_proctoring does not \
            catch, so exam pages fail with a server error. Write the stats file with --stats-format matching the \
            installed loader (or `auto`).
            """)
    public static let statsPublicPathAuto = DiagnosticCode(
        "PA212", "Worker stats publicPath is \"auto\"", severity: .error,
        explanation: """
            webpack 5 defaults output.publicPath to "auto" for the webworker target and tracker 0.4 copies it into \
            the stats file. django-webpack-loader 0.7 then uses it as the URL prefix and returns `auto<name>.js`, \
            which edx_proctoring turns into `<LMS_ROOT_URL>auto<name>.js` (no slash), a URL that never loads. Set \
            publicPath to "" (as edx-platform does) or a real URL prefix.
            """)
    public static let bundleNotInStats = DiagnosticCode(
        "PA213", "Worker bundle not listed in the stats file", severity: .error,
        explanation: """
            get_files(<npm_module>, config="WORKERS") raises WebpackBundleLookupError when the bundle name is not a \
            key of `chunks`. edx_proctoring logs a warning and serves LMS_ROOT_URL as the worker URL. Make sure \
            workers.json lists the provider's npm module and rebuild the workers.
            """)
    public static let bundleFilesAllIgnored = DiagnosticCode(
        "PA214", "Every file of the worker bundle matches an IGNORE pattern", severity: .error,
        explanation: """
            The loader drops files whose name matches one of WEBPACK_LOADER['WORKERS']['IGNORE'] (Python re.match). \
            When nothing is left get_files returns an empty list and edx_proctoring silently serves LMS_ROOT_URL. \
            Narrow the IGNORE patterns.
            """)
    public static let ignorePatternInvalid = DiagnosticCode(
        "PA215", "IGNORE pattern is not a valid regular expression", severity: .error,
        explanation: """
            django-webpack-loader compiles every IGNORE entry with re.compile when it is first imported; an invalid \
            pattern raises re.error and the LMS does not start. Fix the pattern.
            """)
    public static let staticURLMissing = DiagnosticCode(
        "PA216", "STATIC_URL is not set or equals MEDIA_URL", severity: .error,
        explanation: """
            Without a publicPath in the stats file the loader asks staticfiles_storage.url() for the bundle URL, \
            which raises ImproperlyConfigured ("You're using the staticfiles app without having set the required \
            STATIC_URL setting.") when STATIC_URL is None, or when it equals MEDIA_URL (Django's default MEDIA_URL "" \
            becomes "/", as does STATIC_URL ""). edx_proctoring does not catch it. Set STATIC_URL to its own prefix.
            """)
    public static let staticFilesManifestEntryMissing = DiagnosticCode(
        "PA217", "Worker bundle missing from staticfiles.json", severity: .error,
        explanation: """
            With a hashing static files storage (ManifestStaticFilesStorage, edx-platform's ProductionStorage) \
            staticfiles_storage.url() looks the bundle up in STATIC_ROOT/staticfiles.json and raises ValueError \
            ("Missing staticfiles manifest entry") when it is absent. That happens when collectstatic ran before the \
            worker build. Run collectstatic after building, or let the build update the manifest.
            """)
    public static let staticFilesManifestInvalid = DiagnosticCode(
        "PA218", "staticfiles.json cannot be loaded", severity: .error, inputError: true,
        explanation: """
            Django loads STATIC_ROOT/staticfiles.json when the storage is first used and raises ValueError \
            ("Couldn't load manifest") when it is not JSON or its `version` is not "1.0" or "1.1". Rerun collectstatic.
            """)
    public static let loaderNotInstalled = DiagnosticCode(
        "PA219", "django-webpack-loader not found in site-packages", severity: .error,
        explanation: """
            The stats file format depends on the installed django-webpack-loader (0.x reads tracker 0.4 files, 1.0 \
            and later read tracker 1.x files). No django_webpack_loader-*.dist-info or egg-info was found in the \
            site-packages directories searched. Pass the LMS's site-packages, or choose --stats-format explicitly.
            """)
    public static let loaderInstalledTwice = DiagnosticCode(
        "PA220", "Several django-webpack-loader installations found", severity: .warning,
        explanation: """
            More than one django_webpack_loader distribution is visible. Python imports the one found first on \
            sys.path; the others are ignored. The first one is used here too; remove the others to avoid confusion.
            """)
    public static let loaderVersionUnreadable = DiagnosticCode(
        "PA221", "django-webpack-loader version cannot be read", severity: .error,
        explanation: """
            The version in the distribution's directory name is not a release number this tool understands, so the \
            stats format cannot be chosen from it. Choose --stats-format 0.4 or 1 explicitly.
            """)
    public static let statsFormatOptionInvalid = DiagnosticCode(
        "PA222", "Unknown --stats-format value", severity: .error, inputError: true,
        explanation: """
            --stats-format accepts `0.4` (webpack-bundle-tracker 0.4.x, read by django-webpack-loader 0.x), `1` \
            (webpack-bundle-tracker 1.x to 3.x, read by django-webpack-loader 1.0 and later) or `auto` (pick from \
            the installed loader).
            """)
    public static let statsFormatOverridesLoader = DiagnosticCode(
        "PA223", "--stats-format does not match the installed loader", severity: .error,
        explanation: """
            The stats format was forced to one that the django-webpack-loader found in site-packages cannot read; \
            the LMS would crash with TypeError or KeyError when looking up the worker. Use --stats-format auto.
            """)
    public static let workerURLFallsBackToLMSRoot = DiagnosticCode(
        "PA224", "The LMS would serve LMS_ROOT_URL as the worker URL", severity: .error,
        explanation: """
            When the loader lookup fails, edx_proctoring's get_javascript() keeps an empty URL and then prefixes \
            LMS_ROOT_URL, so both JS 1.0 (backend_js_bundle) and JS 2.0 (desktop_application_js_url) hand the \
            browser LMS_ROOT_URL itself. importScripts() of an HTML page fails, starting the exam hangs and pings \
            time out into an error attempt. Fix the lookup failure reported with it.
            """)
    public static let workerURLRelative = DiagnosticCode(
        "PA225", "The worker URL is not absolute", severity: .warning,
        explanation: """
            edx_proctoring pastes LMS_ROOT_URL in front of any chunk URL without a scheme, and leaves it alone when \
            LMS_ROOT_URL is not set. A missing LMS_ROOT_URL leaves a path the MFE resolves against its own origin, \
            not the LMS; a protocol-relative STATIC_URL (`//cdn…`) or a relative publicPath gives \
            `https://lms//cdn…` or `https://lmsauto…`. Use an absolute STATIC_URL (https://…) or a path starting \
            with one `/`, and set LMS_ROOT_URL.
            """)
    public static let statsWriterInputInvalid = DiagnosticCode(
        "PA226", "Nothing valid to write into the stats file", severity: .error,
        explanation: """
            The stats writer needs at least one bundle with at least one file, relative file names and an absolute \
            output directory, as webpack would produce them. An empty stats file would make every lookup fail with \
            WebpackBundleLookupError.
            """)
    public static let staticFilesContentRewritten = DiagnosticCode(
        "PA227", "collectstatic would rewrite this bundle before hashing it", severity: .warning,
        explanation: """
            ManifestStaticFilesStorage rewrites `//# sourceMappingURL=` comments in .js files to the hashed map name \
            and hashes the rewritten content, so the hashed name computed from the original bytes would differ from \
            the one collectstatic writes. Build without a sourceMappingURL comment or run collectstatic afterwards.
            """)
    public static let statsPathNotUnderOutputDirectory = DiagnosticCode(
        "PA228", "Stats `path` does not end with the file's name", severity: .warning,
        explanation: """
            The `path` of a stats file entry is where webpack wrote the file on the build machine. The loaders never \
            read it (they use BUNDLE_DIR_NAME + name under STATIC_ROOT), but a path that does not end with the name \
            shows the stats file and the bundles come from different builds.
            """)
    public static let statsFileNotWritable = DiagnosticCode(
        "PA229", "Worker stats file cannot be written", severity: .error,
        explanation: """
            The stats file goes to STATIC_ROOT_LMS (edx-platform's tracker `path`), which must exist or be creatable \
            and writable by the build. The file is written to a temporary name and renamed, so a failed write leaves \
            the previous file untouched. Fix the directory's permissions or point STATIC_ROOT_LMS elsewhere.
            """)

    public static let statsFormatNotCompared = DiagnosticCode(
        "PA230", "Stats format given but not compared with the LMS's loader", severity: .note,
        explanation: """
            --stats-format 0.4 or 1 was given and no django-webpack-loader was found in --site-packages, so the \
            format was trusted as given and the worker URL was read back as the loader that reads that format \
            would. Pass the LMS's site-packages to have the choice checked against the installed loader (a loader \
            0.x crashes on the 1.x format and the reverse).
            """)

    public static let loaderVersionAssumed = DiagnosticCode(
        "PA231", "django-webpack-loader version assumed", severity: .note,
        explanation: """
            The worker URL depends on how the installed django-webpack-loader reads the stats file (0.x and 1.0+ \
            differ), and none was found: no --loader-version was given and --site-packages (or python3's \
            site-packages) holds no django-webpack-loader. The URL was worked out as loader 3.x reads it, the \
            version edx-platform pins today. Pass --loader-version or the LMS's --site-packages to be sure.
            """)
}

public enum BundleManifestCatalog {
    public static let codes: [DiagnosticCode] = [
        .statsFileNotFound, .statsFileUnreadable, .statsFileNotJSON, .statsNotAnObject, .statsStatusInvalid,
        .statsBuildNotFinished, .statsBuildFailed, .statsChunksInvalid, .statsChunkFileInvalid, .statsAssetMissing,
        .statsAssetInvalid, .statsFormatMismatch, .statsPublicPathAuto, .bundleNotInStats, .bundleFilesAllIgnored,
        .ignorePatternInvalid, .staticURLMissing, .staticFilesManifestEntryMissing, .staticFilesManifestInvalid,
        .loaderNotInstalled, .loaderInstalledTwice, .loaderVersionUnreadable, .statsFormatOptionInvalid,
        .statsFormatOverridesLoader, .workerURLFallsBackToLMSRoot, .workerURLRelative, .statsWriterInputInvalid,
        .staticFilesContentRewritten, .statsPathNotUnderOutputDirectory, .statsFileNotWritable, .statsFormatNotCompared, .loaderVersionAssumed,
    ]
}
