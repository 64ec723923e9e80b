import Diagnostics

/// One `name = module:attr [extras]` line of an entry_points.txt.
public struct EntryPoint: Sendable, Hashable {
    public var group: String
    public var name: String
    /// `package.module`
    public var module: String
    /// `Class` (may be dotted, `Outer.Inner`).
    public var attribute: String
    public var extras: [String]
    /// Where the line is, for messages.
    public var location: SourceLocation

    /// `package.module:Class`, as the entry point's value is usually quoted.
    public var objectReference: String { "\(module):\(attribute)" }
}

/// Reads entry_points.txt the way importlib.metadata does (`Sectioned`): lines are stripped, empty lines
/// and lines starting with `#` are skipped, `[group]` opens a section, every other line is `name = value`
/// split at the first `=`; lines before the first section are ignored.
public struct EntryPointsFileParser: Sendable {
    public init() {}

    /// The entry points of `group` in file order. Malformed lines of that group are reported (with their
    /// line number) and left out; malformed lines of other groups only matter to Python as a whole,
    /// so they are reported too, as importlib.metadata fails on them for every group.
    public func parse(_ text: String, path: String, group: String) -> (entryPoints: [EntryPoint], problems: [Diagnostic]) {
        var entryPoints: [EntryPoint] = []
        var problems: [Diagnostic] = []
        var section: String?
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            let line = rawLine.trimmingPythonWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let column = leadingWhitespaceCount(rawLine) + 1
            let location = SourceLocation.file(path, line: lineNumber, column: column)
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.drop(while: { $0 == "[" }).reversed().drop(while: { $0 == "]" }).reversed())
                continue
            }
            guard let currentSection = section else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(Diagnostic(
                    .entryPointSyntax, "entry point line has no '=': \(line)", at: location,
                    fix: "write it as `name = package.module:Class` or remove it; importlib.metadata raises on this line",
                    notes: currentSection == group ? [] : ["in group [\(currentSection)]"]))
                continue
            }
            guard currentSection == group else { continue }
            let name = line[..<equals].trimmingPythonWhitespace()
            let value = line[line.index(after: equals)...].trimmingPythonWhitespace()
            switch Self.parseValue(value) {
            case .success(let parsed):
                guard !name.isEmpty else {
                    problems.append(Diagnostic(
                        .entryPointSyntax, "entry point has an empty name", at: location,
                        fix: "write it as `name = \(value)`; the name is the key used in PROCTORING_BACKENDS"))
                    continue
                }
                entryPoints.append(EntryPoint(
                    group: group, name: name, module: parsed.module, attribute: parsed.attribute, extras: parsed.extras,
                    location: location))
            case .failure(let reason):
                problems.append(Diagnostic(
                    .entryPointSyntax, "entry point '\(name)' has a malformed value '\(value)': \(reason.reason)", at: location,
                    fix: "write it as `\(name.isEmpty ? "name" : name) = package.module:Class`; stevedore cannot load it and skips the backend"))
            }
        }
        return (entryPoints, problems)
    }

    struct ParsedValue {
        var module: String
        var attribute: String
        var extras: [String]
    }

    struct ValueError: Error {
        var reason: String
    }

    /// `module[:attr] [extras]` with the character classes of importlib.metadata's EntryPoint pattern
    /// (`[\w.]+`). A value without `:attr` names a module, which edx_proctoring cannot instantiate.
    static func parseValue(_ value: String) -> Result<ParsedValue, ValueError> {
        var rest = Substring(value)
        var extras: [String] = []
        if let open = rest.firstIndex(of: "[") {
            guard rest.hasSuffix("]") else { return .failure(ValueError(reason: "the extras '[' is not closed at the end")) }
            let inside = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            extras = inside.split(separator: ",").map { $0.trimmingPythonWhitespace() }.filter { !$0.isEmpty }
            rest = rest[..<open]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(ValueError(reason: parts.count == 1
                ? "no ':Class' after the module (an entry point must name the backend class)"
                : "more than one ':'"))
        }
        let module = parts[0].trimmingPythonWhitespace()
        let attribute = parts[1].trimmingPythonWhitespace()
        guard isDottedWord(module) else { return .failure(ValueError(reason: "'\(module)' is not a dotted module name")) }
        guard isDottedWord(attribute) else { return .failure(ValueError(reason: "'\(attribute)' is not a class name")) }
        return .success(ParsedValue(module: module, attribute: attribute, extras: extras))
    }

    private static func isDottedWord(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0 == "." || $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    private func leadingWhitespaceCount(_ line: Substring) -> Int {
        line.prefix(while: { $0 == " " || $0 == "\t" }).count
    }
}

extension StringProtocol {
    /// `str.strip()` for the whitespace that occurs in metadata files.
    func trimmingPythonWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{0B}" || $0 == "\u{0C}" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
