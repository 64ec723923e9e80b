import FileSystemSupport

/// An installed Python distribution and the files it installed, read from its metadata folder:
/// `RECORD` (dist-info), else `installed-files.txt` (egg-info written by pip), else the packages of
/// `top_level.txt` as found on disk.
public struct InstalledDistribution: Sendable, Hashable {
    public var identity: DistributionIdentity
    /// The site-packages folder that holds the metadata folder; RECORD paths are relative to it.
    public var sitePackages: String
    public var metadataPath: String { identity.metadataPath ?? sitePackages }
}

/// How a distribution's file list was read, for the reason printed with a mapping.
public enum DistributionFileListSource: Sendable, Hashable {
    case record
    case installedFiles
    /// No file list: the `static/` folders of the `top_level.txt` packages, listed on disk.
    case topLevelOnDisk

    var description: String {
        switch self {
        case .record: return "its RECORD lists"
        case .installedFiles: return "its installed-files.txt lists"
        case .topLevelOnDisk: return "it has no RECORD; on disk, the packages of its top_level.txt hold"
        }
    }
}

/// Lists the distributions installed in site-packages folders and reads their file lists.
public struct InstalledDistributionFiles: Sendable {
    public let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// Every distribution in `sitePackages`, the first of a normalised name winning (as importlib.metadata),
    /// sorted by normalised name inside a folder. Unreadable folders are skipped (discovery reports them).
    public func distributions(in sitePackages: [String]) -> [InstalledDistribution] {
        var seen = Set<String>()
        var result: [InstalledDistribution] = []
        for folder in sitePackages {
            guard let names = try? fileSystem.listDirectory(folder) else { continue }
            var found: [InstalledDistribution] = []
            for name in names.sorted() {
                let isDistInfo = name.hasSuffix(".dist-info")
                guard isDistInfo || name.hasSuffix(".egg-info") else { continue }
                let path = PathComponents.join(folder, name)
                guard fileSystem.directoryExists(path) else { continue }
                found.append(InstalledDistribution(identity: identity(of: path, folderName: name, isDistInfo: isDistInfo), sitePackages: folder))
            }
            // A .dist-info before an .egg-info of the same name.
            found.sort {
                ($0.identity.normalizedName, $0.metadataPath.hasSuffix(".egg-info") ? 1 : 0)
                    < ($1.identity.normalizedName, $1.metadataPath.hasSuffix(".egg-info") ? 1 : 0)
            }
            for distribution in found where seen.insert(distribution.identity.normalizedName).inserted {
                result.append(distribution)
            }
        }
        return result
    }

    /// The distribution's files relative to its site-packages folder (normalised; files outside it, such as
    /// `../../bin/x`, left out), and where the list came from.
    public func files(of distribution: InstalledDistribution) -> (files: [String], source: DistributionFileListSource) {
        let record = PathComponents.join(distribution.metadataPath, "RECORD")
        if let text = try? fileSystem.readUTF8File(record) {
            return (text.split(whereSeparator: \.isNewline).compactMap { line in
                inside(distribution, Self.firstCSVField(String(line)), relativeTo: distribution.sitePackages)
            }, .record)
        }
        let installedFiles = PathComponents.join(distribution.metadataPath, "installed-files.txt")
        if let text = try? fileSystem.readUTF8File(installedFiles) {
            return (text.split(whereSeparator: \.isNewline).compactMap { line in
                inside(distribution, String(line), relativeTo: distribution.metadataPath)
            }, .installedFiles)
        }
        var files: [String] = []
        for package in topLevelPackages(of: distribution) {
            let staticFolder = PathComponents.join(distribution.sitePackages, package, "static")
            for name in ((try? fileSystem.listDirectory(staticFolder)) ?? []).sorted()
            where fileSystem.fileExists(PathComponents.join(staticFolder, name)) {
                files.append(PathComponents.join(package, "static", name))
            }
        }
        return (files, .topLevelOnDisk)
    }

    /// The sha256 RECORD gives for `path` (relative to site-packages), as an SRI value (`sha256-<base64>`), or
    /// nil when RECORD has no hash for it.
    public func recordedSHA256(of distribution: InstalledDistribution, path: String) -> String? {
        let record = PathComponents.join(distribution.metadataPath, "RECORD")
        guard let text = try? fileSystem.readUTF8File(record) else { return nil }
        for line in text.split(whereSeparator: \.isNewline).map(String.init) {
            let entry = Self.firstCSVField(line)
            guard inside(distribution, entry, relativeTo: distribution.sitePackages) == path else { continue }
            // `path,sha256=<urlsafe base64 without padding>,size`; the hash and size hold no comma.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[fields.count - 2].hasPrefix("sha256=") else { return nil }
            var digest = fields[fields.count - 2].dropFirst(7)
                .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while digest.count % 4 != 0 { digest += "=" }
            return "sha256-" + digest
        }
        return nil
    }

    /// The import packages of `top_level.txt`.
    public func topLevelPackages(of distribution: InstalledDistribution) -> [String] {
        let path = PathComponents.join(distribution.metadataPath, "top_level.txt")
        guard let text = try? fileSystem.readUTF8File(path) else { return [] }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingPythonWhitespace() }.filter { !$0.isEmpty }
    }

    private func inside(_ distribution: InstalledDistribution, _ entry: String, relativeTo base: String) -> String? {
        guard !entry.isEmpty else { return nil }
        let absolute = PathComponents.absolute(entry, relativeTo: base)
        let prefix = PathComponents.normalize(distribution.sitePackages) + "/"
        guard absolute.hasPrefix(prefix) else { return nil }
        return String(absolute.dropFirst(prefix.count))
    }

    /// The path column of a RECORD line (CSV: a field with a comma is double-quoted, `""` inside is `"`).
    static func firstCSVField(_ line: String) -> String {
        guard line.hasPrefix("\"") else { return String(line.prefix { $0 != "," }) }
        var field = ""
        var index = line.index(after: line.startIndex)
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if character == "\"" {
                if next < line.endIndex, line[next] == "\"" {
                    field.append("\"")
                    index = line.index(after: next)
                    continue
                }
                break
            }
            field.append(character)
            index = next
        }
        return field
    }

    /// `Name:` and `Version:` of METADATA (PKG-INFO for egg-info), else the folder name's parts.
    private func identity(of path: String, folderName: String, isDistInfo: Bool) -> DistributionIdentity {
        let stem = String(folderName.dropLast(isDistInfo ? 10 : 9))
        let parts = stem.split(separator: "-", maxSplits: 1).map(String.init)
        var name = parts.first ?? stem
        var version = parts.count > 1 ? parts[1] : nil
        if let text = try? fileSystem.readUTF8File(PathComponents.join(path, isDistInfo ? "METADATA" : "PKG-INFO")) {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.trimmingPythonWhitespace().isEmpty { break }
                if line.hasPrefix("Name:") { name = line.dropFirst(5).trimmingPythonWhitespace() }
                if line.hasPrefix("Version:") { version = line.dropFirst(8).trimmingPythonWhitespace() }
            }
        }
        return DistributionIdentity(name: name, version: version, metadataPath: path)
    }
}
