import Diagnostics
import OrderedJSON

/// A version pin or requirement found in a file, with its place.
struct PinnedVersion: Sendable, Hashable {
    var version: String
    var location: SourceLocation
    var source: String
}

/// What the non-script inputs tell: package.json dependencies, locked and required versions.
struct ProjectFacts: Sendable {
    /// package.json files given, with the dependency names they list.
    var manifests: [(path: String, dependencies: Set<String>)] = []
    var trackerVersion: PinnedVersion?
    var trackerVersionFromLock: PinnedVersion?
    var loaderVersions: [PinnedVersion] = []

    static let dependencySections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]

    mutating func readManifest(_ text: String, path: String) throws(JSONSyntaxError) {
        let value = try JSONParser.parse(text)
        var names: Set<String> = []
        for section in Self.dependencySections {
            for member in value[section]?.objectMembers ?? [] {
                names.insert(member.key)
                if member.key == "webpack-bundle-tracker", let spec = member.value.stringValue {
                    trackerVersion = PinnedVersion(
                        version: spec, location: Self.location(of: "\"webpack-bundle-tracker\"", in: text, path: path),
                        source: "package.json")
                }
            }
        }
        manifests.append((path, names))
    }

    mutating func readLock(_ text: String, path: String) throws(JSONSyntaxError) {
        let value = try JSONParser.parse(text)
        let version = value["packages"]?["node_modules/webpack-bundle-tracker"]?["version"]?.stringValue
            ?? value["dependencies"]?["webpack-bundle-tracker"]?["version"]?.stringValue
        if let version {
            trackerVersionFromLock = PinnedVersion(
                version: version, location: Self.location(of: "webpack-bundle-tracker\"", in: text, path: path),
                source: "package-lock.json")
        }
    }

    mutating func readRequirements(_ text: String, path: String) {
        for line in NumberedLine.split(text) {
            if let pin = Self.loaderPin(line.trimmed) {
                loaderVersions.append(
                    PinnedVersion(version: pin, location: .file(path, line: line.number, column: line.indentation + 1), source: path))
            }
        }
    }

    /// `django-webpack-loader==3.2.3` (any spelling of the name, `==`/`===`/`~=`/`>=`).
    static func loaderPin(_ requirement: String) -> String? {
        let text = requirement.prefix { $0 != "#" && $0 != ";" }.trimmingBlanksSubstring().lowercased()
        guard let match = text.wholeMatch(of: /django[-_.]webpack[-_.]loader\s*(==|===|~=|>=)\s*([0-9][0-9A-Za-z.]*)/) else {
            return nil
        }
        return String(match.2)
    }

    /// The version the tracker writes: the lock file wins over package.json's range; 0.4.3 when neither is given.
    var effectiveTracker: PinnedVersion? {
        trackerVersionFromLock ?? trackerVersion
    }

    private static func location(of needle: String, in text: String, path: String) -> SourceLocation {
        for line in NumberedLine.split(text) {
            if let range = line.text.range(of: needle) {
                let column = line.text.unicodeScalars.distance(
                    from: line.text.unicodeScalars.startIndex, to: range.lowerBound.samePosition(in: line.text.unicodeScalars) ?? line.text.unicodeScalars.startIndex)
                return .file(path, line: line.number, column: column + 1)
            }
        }
        return .file(path)
    }

    /// The major version of a version or npm range (`^3.2.1` → 3, `0.4.3` → 0).
    static func majorVersion(_ spec: String) -> Int? {
        let digits = spec.drop { !$0.isNumber }.prefix { $0.isNumber }
        return Int(digits)
    }
}

extension Substring {
    func trimmingBlanksSubstring() -> String { String(self).trimmingBlanks() }
}
