/// How to build a bundle.
public struct BundleOptions: Sendable {
    /// webpack's `mode`: production unless NODE_ENV=development (webpack-cli); decides `process.env.NODE_ENV`.
    public var mode: ResolverOptions.Mode
    /// Whitespace-minified output (the printer's); readable otherwise.
    public var minify: Bool
    /// Also produce `<name>.js.map` and end the bundle with `//# sourceMappingURL=<name>.js.map`.
    public var sourceMap: Bool
    /// Include the modules' text in the source map (`sourcesContent`).
    public var sourceMapIncludesContent: Bool
    /// `process.env.JS_ENV_EXTRA_CONFIG`.
    public var defines: DefineSet
    /// `build --deploy-time-config`: every JS_ENV_EXTRA_CONFIG value comes from one config object at the start of
    /// the bundle (`DeployTimeConfigSlot`), which `configure` rewrites; `defines` is its initial content.
    public var deployTimeConfig: Bool

    public init(
        mode: ResolverOptions.Mode = .production, minify: Bool? = nil, sourceMap: Bool = false, sourceMapIncludesContent: Bool = true,
        defines: DefineSet = .unset(), deployTimeConfig: Bool = false
    ) {
        self.deployTimeConfig = deployTimeConfig
        self.mode = mode
        self.minify = minify ?? (mode == .production)
        self.sourceMap = sourceMap
        self.sourceMapIncludesContent = sourceMapIncludesContent
        self.defines = defines
    }
}
