/// One name bound by `import a.b [as c]` or `from [.…]m import x [as y]`.
public struct PythonImportSyntax: Sendable, Hashable {
    /// 0 for absolute imports; for `from .m import x` the number of leading dots.
    public var level: Int
    /// The module written after `import` or between `from` and `import` (empty for `from . import x`).
    public var module: String
    /// The imported name for `from m import name`; nil for `import a.b`.
    public var importedName: String?
    public var alias: String?
    public var line: Int

    public init(level: Int, module: String, importedName: String?, alias: String?, line: Int) {
        self.level = level
        self.module = module
        self.importedName = importedName
        self.alias = alias
        self.line = line
    }

    /// The name the importing module gets: the alias, else the imported name, else the first part of `a.b`.
    public var boundName: String {
        alias ?? importedName ?? String(module.split(separator: ".").first ?? "")
    }

    /// As an absolute dotted name: for `import a.b as c` the module `c` names (`a.b`; `a` without the
    /// alias), for `from m import x` the module `m`. `package` is the package of the importing module (the
    /// module itself for a package's `__init__.py`); nil when a relative import climbs above it.
    public func absoluteModule(package: [String]) -> String? {
        if level == 0 {
            return importedName == nil && alias == nil ? boundName : module
        }
        guard level - 1 <= package.count else { return nil }
        var parts = Array(package.dropLast(level - 1))
        if !module.isEmpty { parts.append(module) }
        return parts.isEmpty ? nil : parts.joined(separator: ".")
    }
}
