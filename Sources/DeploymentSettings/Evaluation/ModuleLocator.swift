import FileSystemSupport

/// Finds the file of a dotted module name on the python path, the way Python's path finder does for
/// regular modules and packages: `a/b/c/__init__.py`, then `a/b/c.py`, in each folder in order.
struct ModuleLocator: Sendable {
    var searchPath: [String]
    var fileSystem: any FileSystem

    struct Found: Sendable {
        var path: String
        var isPackage: Bool
    }

    /// The file of `name`, and every candidate path tried (for messages).
    func locate(_ name: String) -> (found: Found?, tried: [String]) {
        let relative = name.split(separator: ".").joined(separator: "/")
        var tried: [String] = []
        for folder in searchPath {
            // In one folder a package wins over a module of the same name, as in CPython's FileFinder.
            let packageFile = PathComponents.join(folder, relative, "__init__.py")
            tried.append(packageFile)
            if fileSystem.entryKind(packageFile) == .file { return (Found(path: packageFile, isPackage: true), tried) }
            let moduleFile = PathComponents.join(folder, relative + ".py")
            tried.append(moduleFile)
            if fileSystem.entryKind(moduleFile) == .file { return (Found(path: moduleFile, isPackage: false), tried) }
        }
        return (nil, tried)
    }

    /// A folder on the way to `name` (a search folder or one of its package folders) that exists but
    /// cannot be listed, which would explain why the module was not found.
    func unreadableFolder(on name: String) -> String? {
        let components = name.split(separator: ".").map(String.init)
        for folder in searchPath {
            var current = folder
            for component in [nil] + components.dropLast().map(Optional.some) {
                if let component { current = PathComponents.join(current, component) }
                guard fileSystem.directoryExists(current) else { break }
                do {
                    _ = try fileSystem.listDirectory(current)
                } catch {
                    if case .permissionDenied = error { return current }
                    break
                }
            }
        }
        return nil
    }

    /// The dotted name of a file under one of the search folders (any extension), or nil when it is
    /// outside all of them.
    func moduleName(ofFile path: String) -> (name: String, isPackage: Bool)? {
        for folder in searchPath {
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            guard path.hasPrefix(prefix) else { continue }
            var components = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
            guard let last = components.popLast() else { continue }
            let stem = last.split(separator: ".", maxSplits: 1).first.map(String.init) ?? last
            let isIdentifierPath = (components + [stem]).allSatisfy { Self.isIdentifier($0) }
            guard isIdentifierPath else { continue }
            if stem == "__init__" {
                guard !components.isEmpty else { continue }
                return (components.joined(separator: "."), true)
            }
            return ((components + [stem]).joined(separator: "."), false)
        }
        return nil
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !(first.value >= 0x30 && first.value <= 0x39) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || scalar.value >= 0x80 || (scalar.value >= 0x30 && scalar.value <= 0x39)
                || (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x61 && scalar.value <= 0x7A)
        }
    }
}
