/// The names and defaults edx-platform and edx-proctoring use for the worker pipeline, written once.
/// (lms/envs/common.py, webpack.common.config.js and edx_proctoring's make_worker_config.)
public enum EdxPlatformConventions {
    /// `WEBPACK_LOADER['WORKERS']['STATS_FILE']` defaults to STATIC_ROOT / this name.
    public static let statsFileName = "webpack-worker-stats.json"
    /// `WEBPACK_LOADER['WORKERS']['BUNDLE_DIR_NAME']`: where the bundles live below STATIC_ROOT and STATIC_URL.
    public static let bundleDirectoryName = "bundles/"
    /// The checkout's folder name below ENV_ROOT (webpack reads `../workers.json` from it).
    public static let platformFolderName = "edx-platform"
    /// Where edx-platform's webpack config writes the worker bundles, below the checkout.
    public static let webpackBundlesSubpath = "common/static/bundles"
    /// make_worker_config writes `$ENV_ROOT/workers.json`.
    public static let workersJSONName = "workers.json"
    /// Django's STATIC_URL when the settings do not set it (lms/envs/common.py).
    public static let defaultStaticURL = "/static/"
    /// webpack.common.config.js falls back to this STATIC_ROOT_LMS when the variable is unset.
    public static let defaultStaticRootLMS = "test_root/staticfiles"
}
