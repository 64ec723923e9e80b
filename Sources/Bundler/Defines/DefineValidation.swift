import Diagnostics
import Encodings
import OrderedJSON

/// Turns what the modules read of `process.env.JS_ENV_EXTRA_CONFIG` into diagnostics.
///
/// Errors (the bundle would be broken): the variable is unset while a module reads it (PA180); a read key
/// is missing (PA183, it would be `undefined` at run time); a read value is not an expression (PA182,
/// webpack fails to parse). Warnings: unset and unread (PA185, webpack would build nothing), an unread
/// value that does not parse (PA182 as a warning), `process` left in the output (PA186).
public enum DefineValidation {
    struct Site {
        var path: String
        var source: [UInt8]
        var read: DefineRead
        /// Where the read is, when known without the source (a deploy-time config slot's recorded reads).
        var at: SourceLocation? = nil
    }

    static func diagnostics(defines: DefineSet, sites: [Site]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let variable = DefineSet.variableName
        guard defines.root != nil else {
            if sites.isEmpty {
                result.append(
                    Diagnostic(
                        .extraConfigUnsetUnread, "\(variable) is not set; webpack's worker config would build no worker bundle",
                        at: defines.location, fix: "set \(variable)='{}' (or the keys your providers read)"))
            }
            for site in sites {
                let keys = site.read.path
                let example = keys.first.map { "{\"\($0)\": \"\\\"…\\\"\"}" } ?? "{\"KEY\": \"\\\"…\\\"\"}"
                result.append(
                    Diagnostic(
                        .extraConfigUnsetButRead,
                        "\(describe(keys)) is read here but \(variable) is not set",
                        at: location(site),
                        fix: "set \(variable) to a JSON object with the key, its value quoted as JavaScript code: \(variable)='\(example)'"))
            }
            return result
        }
        var readPrefixes: [[String]] = []
        for site in sites {
            let path = site.read.path
            if let missing = site.read.missingFrom {
                let key = path[0...missing].joined(separator: ".")
                result.append(
                    Diagnostic(
                        .extraConfigKeyMissing,
                        "\(describe(path)) is read here but \(variable) has no key '\(key)'; it would be undefined at run time",
                        at: location(site),
                        fix: missing == 0
                            ? "add the key with its value quoted as JavaScript code: \(variable)='{…, \"\(path[missing])\": \"\\\"…\\\"\"}'"
                            : "add \"\(path[missing])\" to the object at '\(path[0..<missing].joined(separator: "."))' in \(variable), its value quoted as JavaScript code"))
                continue
            }
            readPrefixes.append(path)
            guard let value = defines.value(at: path) else { continue }
            result += valueProblems(value, prefix: path.joined(separator: "."), at: location(site), reading: .at(describe(path)), severity: nil)
                .map(\.diagnostic)
        }
        // Values no module reads: a broken one is only a warning.
        let unread = valueProblems(.object(defines.root ?? []), prefix: "", at: defines.location, reading: .none, severity: .warning)
        result += unread.filter { problem in
            !readPrefixes.contains { prefix in
                let joined = prefix.joined(separator: ".")
                return joined.isEmpty || problem.path == joined || problem.path.hasPrefix(joined + ".") || problem.path.hasPrefix(joined + "[")
            }
        }.map(\.diagnostic)
        return result
    }

    /// Whether a module reads the value: at a known place, nowhere, or unknown (no modules were looked at).
    enum Reading {
        case at(String)
        case none
        case unknown
    }

    /// What is wrong with the values of a define set when nothing tells which keys a module reads (doctor,
    /// the external back ends): every value that is not an expression, or that reads a free name.
    public static func valueProblems(of defines: DefineSet, severity: Severity? = nil) -> [Diagnostic] {
        valueProblems(.object(defines.root ?? []), prefix: "", at: defines.location, reading: .unknown, severity: severity).map(\.diagnostic)
    }

    /// The problems of each leaf below `value`, with the leaf's path.
    static func valueProblems(
        _ value: DefineSet.Value, prefix: String, at location: SourceLocation?, reading: Reading, severity: Severity?
    ) -> [(path: String, diagnostic: Diagnostic)] {
        value.invalidLeaves(prefix: prefix).map { ($0.path, invalidValue($0, at: location, reading: reading, severity: severity)) }
            + value.freeNameLeaves(prefix: prefix).map { leaf in
                (leaf.path, freeNameValue(leaf, at: location, reading: reading, severity: severity))
            }
    }

    static func freeNameValue(
        _ leaf: (path: String, raw: String, names: [String]), at location: SourceLocation?, reading: Reading, severity: Severity?
    ) -> Diagnostic {
        let javaScriptLiteral = JSONWriter.write(.string(leaf.raw), style: .javaScriptCompact)
        let quoted = JSONWriter.write(.string(javaScriptLiteral), style: .javaScriptCompact)
        let names = leaf.names.map { "`\($0)`" }.joined(separator: ", ")
        let lead = "\(DefineSet.variableName) key '\(leaf.path)' has the value \(leaf.raw), which webpack pastes in as code reading \(names), a name no browser worker defines"
        let message: String
        switch reading {
        case .at(let read): message = "\(lead); \(read) is read here and throws a ReferenceError unless the worker defines that name"
        case .none, .unknown: message = "\(lead); the worker throws a ReferenceError where it reads the key, unless it defines that name"
        }
        return Diagnostic(
            .extraConfigValueReadsFreeName, message, at: location,
            fix: "values are JavaScript code: quote a string inside the JSON string, \"\(leaf.path.split(separator: ".").last.map(String.init) ?? leaf.path)\": \(quoted)",
            severity: severity)
    }

    static func invalidValue(
        _ leaf: (path: String, raw: String, problem: String), at location: SourceLocation?, reading: Reading, severity: Severity?
    ) -> Diagnostic {
        let javaScriptLiteral = JSONWriter.write(.string(leaf.raw), style: .javaScriptCompact)
        let quoted = JSONWriter.write(.string(javaScriptLiteral), style: .javaScriptCompact)
        let lead = "\(DefineSet.variableName) key '\(leaf.path)' has the value \(leaf.raw), which is not a JavaScript expression (\(leaf.problem))"
        let message: String
        switch reading {
        case .at(let read): message = "\(lead); \(read) is read here and webpack would fail with a parse error"
        case .none: message = "\(lead); no module reads it, but webpack would fail if one did"
        case .unknown: message = "\(lead); webpack fails with a parse error in the module that reads it"
        }
        return Diagnostic(
            .extraConfigValueNotExpression, message, at: location,
            fix: "values are JavaScript code: quote a string inside the JSON string, \"\(leaf.path.split(separator: ".").last.map(String.init) ?? leaf.path)\": \(quoted)",
            severity: severity)
    }

    static func describe(_ path: [String]) -> String {
        (["process.env.\(DefineSet.variableName)"] + path).joined(separator: ".")
    }

    static func location(_ site: Site) -> SourceLocation {
        if let at = site.at { return at }
        let position = TextPosition(of: max(0, site.read.offset), in: site.source)
        return .file(site.path, line: position.line, column: position.column)
    }

    static func leftoverProcess(path: String, source: [UInt8], offsets: [Int]) -> [Diagnostic] {
        offsets.map { offset in
            let position = TextPosition(of: offset, in: source)
            return Diagnostic(
                .processLeftInOutput,
                "`process` is read here and no define replaces it; in a browser worker this throws \"process is not defined\"",
                at: .file(path, line: position.line, column: position.column),
                fix: "guard it with `typeof process !== \"undefined\"`, or pass the value through \(DefineSet.variableName)")
        }
    }
}
