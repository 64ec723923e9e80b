import Diagnostics

/// Imports: settings modules on the python path are run (star imports always, named imports when the
/// module looks like settings); a few standard-library and third-party modules are modelled; every
/// other import binds unknown names without a diagnostic (Django, xmodule, … are not on the path).
extension ModuleEvaluator {
    static let modelledModules: Set<String> = [
        "os", "os.path", "sys", "json", "yaml", "codecs", "io", "path", "pathlib", "copy", "django.utils.translation",
    ]

    /// A member of a modelled module, or nil when the evaluator does not know it.
    static func member(of module: String, named name: String) -> RuntimeValue? {
        switch (module, name) {
        case ("os", "path"): return .module("os.path")
        case ("os", "environ"): return .environment
        case ("os", "getenv"): return .function("os.getenv")
        case ("os", "sep"), ("os.path", "sep"): return .data(.string("/"))
        case ("os", "pathsep"): return .data(.string(":"))
        case ("os.path", let function)
        where ["join", "dirname", "basename", "abspath", "normpath", "realpath", "exists", "isdir", "isfile", "expanduser", "split"].contains(function):
            return .function("os.path.\(function)")
        case ("json", "load"), ("json", "loads"), ("json", "dumps"): return .function("json.\(name)")
        case ("yaml", let function) where ["safe_load", "load", "full_load", "unsafe_load"].contains(function):
            return .function("yaml.load")
        case ("codecs", "open"), ("io", "open"): return .function("open")
        case ("path", "Path"), ("path", "path"): return .function("path.Path")
        case ("pathlib", let type) where ["Path", "PurePath", "PosixPath", "PurePosixPath"].contains(type):
            return .function("pathlib.Path")
        case ("copy", "copy"), ("copy", "deepcopy"): return .function("copy")
        case ("django.utils.translation", let function)
        where ["gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "gettext_noop", "ugettext_noop"].contains(function):
            return .function("gettext")
        default: return nil
        }
    }

    func importModules(_ modules: [(module: String, alias: String?)], at point: SourcePoint) {
        for (module, alias) in modules {
            if let alias {
                let value: RuntimeValue =
                    Self.modelledModules.contains(module)
                    ? .module(module) : .data(unknown("module \(module) is not evaluated", at: point))
                bind(alias, Evaluated(value), at: point)
            } else {
                let top = String(module.split(separator: ".")[0])
                let value: RuntimeValue =
                    Self.modelledModules.contains(top)
                    ? .module(top) : .data(unknown("module \(top) is not evaluated", at: point))
                bind(top, Evaluated(value), at: point)
            }
        }
    }

    func importFrom(level: Int, module: String, names: [(name: String, alias: String?)]?, at point: SourcePoint)
        -> StatementFlow
    {
        let written = String(repeating: ".", count: level) + module
        let absolute: String
        if level == 0 {
            absolute = module
        } else {
            switch resolveRelative(level: level, module: module) {
            case .success(let name):
                absolute = name
            case .failure(let message):
                session.fail(
                    Diagnostic(
                        .relativeImportBeyondTopLevel, "ImportError: \(message) (`from \(written) import …`)",
                        at: location(point),
                        fix: "add the folder above the top-level package to --python-path and name the settings as a dotted module, or use an absolute import",
                        notes: ["this module is \(moduleName ?? "not inside a package on the python path")"]))
                bindUnknown((names ?? []).map { $0.alias ?? $0.name }, reason: message.description, at: point)
                if names == nil {
                    namespaceIsOpen = true
                    session.recordUnresolvedStarImport(written)
                }
                return .normal
            }
        }
        if Self.modelledModules.contains(absolute) {
            if names == nil { namespaceIsOpen = true }
            for (name, alias) in names ?? [] {
                let value =
                    Self.member(of: absolute, named: name)
                    ?? .data(unknown("\(absolute).\(name) is not modelled", at: point))
                bind(alias ?? name, Evaluated(value), at: point)
            }
            return .normal
        }
        let (found, tried) = session.locator.locate(absolute)
        guard let names else {
            guard let found else {
                namespaceIsOpen = true
                if isCaught("ModuleNotFoundError") { return .raised("ModuleNotFoundError") }
                if let folder = session.locator.unreadableFolder(on: absolute) {
                    session.fail(
                        Diagnostic(
                            .settingsFileUnreadable,
                            "module \(absolute) of `from \(written) import *` cannot be searched: folder \(folder) cannot be read (permission denied)",
                            at: location(point),
                            fix: "make the folder readable and searchable by the user running the tool (for example `chmod a+rx \(folder)`)"))
                    return .normal
                }
                session.recordUnresolvedStarImport(absolute)
                session.fail(
                    Diagnostic(
                        .starImportNotFound,
                        "module \(absolute) of `from \(written) import *` is not on the python path",
                        at: location(point),
                        fix: "add the folder containing the package \(absolute.split(separator: ".")[0]) to --python-path, or fix the module name",
                        notes: tried.isEmpty ? ["the python path is empty"] : tried.map { "tried \($0)" }))
                return .normal
            }
            guard let imported = session.evaluateModule(
                path: found.path, name: absolute, isPackage: found.isPackage, importedAt: location(point))
            else {
                namespaceIsOpen = true
                return .normal
            }
            if session.isOpen(found.path) { namespaceIsOpen = true }
            importAll(from: imported)
            return .normal
        }
        guard let found else {
            bindUnknown(
                names.map { $0.alias ?? $0.name }, reason: "imported from \(absolute), which is not on the python path",
                at: point)
            return .normal
        }
        guard level > 0 || Self.looksLikeSettings(absolute) else {
            bindUnknown(
                names.map { $0.alias ?? $0.name }, reason: "imported from \(absolute), which is not a settings module",
                at: point)
            return .normal
        }
        let imported = session.evaluateModule(
            path: found.path, name: absolute, isPackage: found.isPackage, importedAt: location(point))
        for (name, alias) in names {
            if var binding = imported?[name] {
                binding.isConditional = binding.isConditional || conditionalDepth > 0
                namespace[alias ?? name] = binding
            } else {
                bind(alias ?? name, .data(unknown("cannot import name \(name) from \(absolute)", at: point)), at: point)
            }
        }
        return .normal
    }

    /// Named imports run the module only when it is part of the settings (an `envs` or `settings`
    /// package): application modules would pull in Django itself.
    static func looksLikeSettings(_ module: String) -> Bool {
        module.split(separator: ".").contains { $0 == "envs" || $0.contains("settings") }
    }

    private func importAll(from imported: [String: Binding]) {
        var names: [String]
        if let exported = imported["__all__"]?.value.data, let listed = Self.stringItems(exported) {
            names = listed
        } else {
            names = imported.keys.filter { !$0.hasPrefix("_") }
        }
        names.sort()
        for name in names {
            guard var binding = imported[name] else { continue }
            binding.isConditional = binding.isConditional || conditionalDepth > 0
            namespace[name] = binding
        }
    }

    private static func stringItems(_ value: PythonValue) -> [String]? {
        switch value {
        case .list(let items), .tuple(let items):
            let strings = items.compactMap(\.stringValue)
            return strings.count == items.count ? strings : nil
        default:
            return nil
        }
    }

    private func resolveRelative(level: Int, module: String) -> Result<String, RelativeImportFailure> {
        guard let package, !package.isEmpty else {
            return .failure(RelativeImportFailure("attempted relative import with no known parent package"))
        }
        var components = package.split(separator: ".").map(String.init)
        guard level - 1 < components.count else {
            return .failure(RelativeImportFailure("attempted relative import beyond top-level package"))
        }
        components.removeLast(level - 1)
        if !module.isEmpty { components.append(module) }
        return .success(components.joined(separator: "."))
    }
}

struct RelativeImportFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
