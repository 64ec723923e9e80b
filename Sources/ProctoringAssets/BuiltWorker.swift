import Bundler

/// One worker bundle ready to be written, whichever bundler made it.
public struct BuiltWorker: Sendable {
    /// The workers.json key (the provider's npm module, e.g. `@edx/mockprock`).
    public var entryName: String
    /// Relative to the bundles folder, e.g. `@edx/mockprock.js`.
    public var fileName: String
    public var bytes: [UInt8]
    public var sourceMap: [UInt8]?
    /// For the progress line, e.g. "506 modules".
    public var detail: String

    init(_ bundle: WorkerBundle) {
        entryName = bundle.entryName
        fileName = bundle.fileName
        bytes = bundle.bytes
        sourceMap = bundle.sourceMap
        detail = "\(bundle.moduleCount) modules"
    }

    init(entryName: String, fileName: String, bytes: [UInt8], tool: String) {
        self.entryName = entryName
        self.fileName = fileName
        self.bytes = bytes
        self.sourceMap = nil
        self.detail = "by \(tool)"
    }
}

/// Which bundler builds the workers (`--bundler`).
public enum BundlerChoice: String, Sendable, CaseIterable {
    /// Our own, in-process: no node, npm or webpack needed.
    case native
    /// webpack with a configuration equivalent to edx-platform's worker config.
    case webpack
    /// esbuild with equivalent defines.
    case esbuild
}
