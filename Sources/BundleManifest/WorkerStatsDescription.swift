/// One webpack entry of the worker build: the entry name (the provider's npm module, e.g. `@edx/mockprock`)
/// and the files it produced, relative to the bundle output directory (e.g. `@edx/mockprock.js`).
public struct StatsBundle: Sendable, Hashable {
    public var name: String
    public var files: [String]

    public init(name: String, files: [String]) {
        self.name = name
        self.files = files
    }
}

/// The tracker's `publicPath` option after webpack's defaults.
public enum PublicPathOption: Sendable, Hashable {
    /// No publicPath: nothing is written. (Real webpack 5 would report "auto" here under tracker 0.4, which
    /// makes loader 0.7 serve `auto<name>.js`; this writer never reproduces that defect.)
    case unset
    /// A publicPath; "" behaves like `.unset` (both trackers test it for truthiness).
    case value(String)

    /// The value the trackers write, or nil when they write none (JavaScript truthiness).
    var truthyValue: String? {
        if case .value(let text) = self, !text.isEmpty { return text }
        return nil
    }
}

/// Everything the stats writer needs to describe a finished worker build.
public struct WorkerStatsDescription: Sendable, Hashable {
    /// In webpack entry order (the order of workers.json).
    public var bundles: [StatsBundle]
    /// Absolute directory the bundles were written to, e.g. `/openedx/edx-platform/common/static/bundles`;
    /// the trackers write `<outputDirectory>/<file>` as each file's `path`.
    public var outputDirectory: String
    public var publicPath: PublicPathOption
    /// SRI value per file name (see `StatsIntegrity`); written only in the 1.x format, and only for files
    /// listed here (the tracker's `integrity: true`).
    public var integrity: [String: String]

    public init(
        bundles: [StatsBundle], outputDirectory: String, publicPath: PublicPathOption = .value(""),
        integrity: [String: String] = [:]
    ) {
        self.bundles = bundles
        self.outputDirectory = outputDirectory
        self.publicPath = publicPath
        self.integrity = integrity
    }
}
