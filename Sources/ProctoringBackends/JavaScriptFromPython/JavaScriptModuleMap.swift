import FileSystemSupport
import OrderedJSON

/// One npm module and the file of an installed Python distribution that stands for it.
public struct JavaScriptModuleMapping: Sendable, Hashable {
    /// The npm module name, as workers.json keys it or a worker imports it (`@edx/edx-proctoring`).
    public var module: String
    /// The file on disk.
    public var file: String
    /// The file relative to its site-packages folder (as RECORD lists it). For the providers whose npm package
    /// is the same repository as the distribution this is the package.json `main`, so workers.json names
    /// `<NODE_MODULES_ROOT>/<module>/<this>`, as upstream writes it when the npm package is installed.
    public var pathInSitePackages: String?
    /// The distribution that ships the file, when known.
    public var distribution: DistributionIdentity?
    /// Why this file: the rule that chose it, in words.
    public var reason: String

    public init(module: String, file: String, pathInSitePackages: String?, distribution: DistributionIdentity?, reason: String) {
        self.module = module
        self.file = file
        self.pathInSitePackages = pathInSitePackages
        self.distribution = distribution
        self.reason = reason
    }

    /// The `main` workers.json joins to the module's folder: the RECORD path, else the file name.
    public var mainPath: String { pathInSitePackages ?? PathComponents.basename(file) }

    public var distributionDescription: String {
        guard let distribution else { return "no distribution" }
        return distribution.version.map { "\(distribution.name) \($0)" } ?? distribution.name
    }

    /// `MODULE ← distribution: file (reason)`.
    public var summaryLine: String {
        "JavaScript module \(module) ← \(distributionDescription): \(file) (\(reason))"
    }

    public var jsonValue: JSONValue {
        .object([
            JSONMember("module", .string(module)),
            JSONMember("distribution", distribution.map { .string($0.name) } ?? .null),
            JSONMember("version", distribution?.version.map(JSONValue.string) ?? .null),
            JSONMember("file", .string(file)),
            JSONMember("pathInSitePackages", pathInSitePackages.map(JSONValue.string) ?? .null),
            JSONMember("reason", .string(reason)),
        ])
    }
}

/// The npm modules a `--js-from-python` build takes from Python distributions, in the order they were mapped.
public struct JavaScriptModuleMap: Sendable, Hashable {
    public var mappings: [JavaScriptModuleMapping]

    public init(mappings: [JavaScriptModuleMapping] = []) {
        self.mappings = mappings
    }

    public func mapping(for module: String) -> JavaScriptModuleMapping? {
        mappings.first { $0.module == module }
    }

    /// Module name → file, for the bundler's resolver (exact requests, as webpack's `resolve.alias` with `name$`).
    public var moduleFiles: [String: String] {
        Dictionary(mappings.map { ($0.module, $0.file) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func add(_ mapping: JavaScriptModuleMapping) {
        if let index = mappings.firstIndex(where: { $0.module == mapping.module }) {
            mappings[index] = mapping
        } else {
            mappings.append(mapping)
        }
    }
}
