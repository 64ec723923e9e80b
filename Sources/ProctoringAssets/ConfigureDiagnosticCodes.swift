import Diagnostics

extension DiagnosticCode {
    public static let deployTimeConfigNeedsNativeBundler = DiagnosticCode(
        "PA620", "--deploy-time-config needs the native bundler", inputError: true,
        explanation: """
            `build --deploy-time-config` writes each bundle with one config object at its start (the slot that \
            `configure` rewrites), which only the native bundler produces: webpack and esbuild paste every \
            JS_ENV_EXTRA_CONFIG value into the code where it is read. Build with the native bundler (the default).
            """)
    public static let configSlotAbsent = DiagnosticCode(
        "PA621", "Bundle built without --deploy-time-config", inputError: true,
        explanation: """
            `configure` rewrites the config object that `build --deploy-time-config` puts at the start of every \
            worker bundle. This bundle does not start with it: it was built with the values pasted into its code \
            (a plain `build`, webpack or esbuild), so its configuration can only change by building again. Build \
            the image with `build --deploy-time-config`, then run `configure` at container start.
            """)
    public static let configSlotDamaged = DiagnosticCode(
        "PA622", "Deploy-time config slot damaged", inputError: true,
        explanation: """
            The bundle starts with the deploy-time config header, but the header or the config function after \
            it is not as `build --deploy-time-config` wrote it (the file was edited, truncated or post-processed, \
            e.g. by a minifier run over the collected static files). Nothing was written. Rebuild the bundles.
            """)
    public static let configureNoBundles = DiagnosticCode(
        "PA623", "No worker bundles to configure", inputError: true,
        explanation: """
            `configure` finds the worker bundles through the stats file the build wrote \
            (STATIC_ROOT/webpack-worker-stats.json, or --stats-file) and reads each at \
            STATIC_ROOT/<bundle dir>/<file>. The stats file is missing or unreadable, names no bundle, or names \
            a bundle that is not there. Pass the STATIC_ROOT the image was built with (and --stats-file or \
            --bundle-dir-name when the settings change them), or run the build first.
            """)
    public static let configureConfigUnreadable = DiagnosticCode(
        "PA624", "Configuration file unreadable", inputError: true,
        explanation: """
            `configure --config FILE` reads the JS_ENV_EXTRA_CONFIG text from FILE, and the file could not be \
            read. Check the path (relative paths are relative to the working directory) and its permissions.
            """)
    public static let configureSourceMapUnreadable = DiagnosticCode(
        "PA625", "Source map cannot follow the new config", inputError: true,
        explanation: """
            The new config object takes a different number of lines than the old one, so the bundle's source \
            map must shift its mappings; but the map next to the bundle is not the JSON the build wrote (or its \
            first lines map to something). Nothing was written. Rebuild the bundles with --source-map, or \
            remove the stale map.
            """)
}

/// The codes of `build --deploy-time-config` and `configure`.
public enum ConfigureCatalog {
    public static let codes: [DiagnosticCode] = [
        .deployTimeConfigNeedsNativeBundler, .configSlotAbsent, .configSlotDamaged, .configureNoBundles,
        .configureConfigUnreadable, .configureSourceMapUnreadable,
    ]
}
