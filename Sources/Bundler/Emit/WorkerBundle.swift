/// A built worker bundle: the bytes to write, their SRI hash, and what went into them.
public struct WorkerBundle: Sendable {
    public struct ModuleSize: Sendable, Hashable {
        public var id: Int
        /// The module's real path (or `(disabled):…` for an emptied module).
        public var path: String
        /// Bytes of the module's function in the bundle.
        public var outputBytes: Int
    }

    public var entryName: String
    /// `<entry name>.js`, relative to the bundles directory.
    public var fileName: String
    public var bytes: [UInt8]
    /// `sha384-…` of `bytes`.
    public var integrity: String
    public var moduleCount: Int
    /// In module id order.
    public var moduleSizes: [ModuleSize]
    /// `<fileName>.map` text when a source map was asked for; `bytes` then ends with its `sourceMappingURL`.
    public var sourceMap: [UInt8]?

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
