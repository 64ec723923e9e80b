import Diagnostics
import Encodings
import OrderedJSON

/// Turns what the modules read of `process.env.JS_ENV_EXTRA_CONFIG` into diagnostics.
///
/// Errors (the bundle would be broken): the variable is unset while a module reads it (PA180); a read key
/// is missing (PA183, it would be `undefined` at run time); a read value is not an expression (PA182,
/// webpack fails to parse). Warnings: unset and unread (PA185, webpack would build nothing), an unread
/// value that does not parse (PA182 as a warning), `process` left in the output (PA186).
enum DefineValidation {
    struct Site {
        var path: String
        var source: [UInt8]
        var read: DefineRead
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
            for leaf in value.invalidLeaves(prefix: path.joined(separator: ".")) {
                result.append(invalidValue(leaf, at: location(site), readHere: describe(path), severity: nil))
            }
        }
        // Values no module reads: a broken one is only a warning.
        for leaf in DefineSet.Value.object(defines.root ?? []).invalidLeaves(prefix: "") {
            let isRead = readPrefixes.contains { prefix in
                let joined = prefix.joined(separator: ".")
                return joined.isEmpty || leaf.path == joined || leaf.path.hasPrefix(joined + ".") || leaf.path.hasPrefix(joined + "[")
            }
            if !isRead { result.append(invalidValue(leaf, at: defines.location, readHere: nil, severity: .warning)) }
        }
        return result
    }

    static func invalidValue(
        _ leaf: (path: String, raw: String, problem: String), at location: SourceLocation?, readHere: String?, severity: Severity?
    ) -> Diagnostic {
        let javaScriptLiteral = JSONWriter.write(.string(leaf.raw), style: .javaScriptCompact)
        let quoted = JSONWriter.write(.string(javaScriptLiteral), style: .javaScriptCompact)
        let lead = "\(DefineSet.variableName) key '\(leaf.path)' has the value \(leaf.raw), which is not a JavaScript expression (\(leaf.problem))"
        let message = readHere.map { "\(lead); \($0) is read here and webpack would fail with a parse error" }
            ?? "\(lead); no module reads it, but webpack would fail if one did"
        return Diagnostic(
            .extraConfigValueNotExpression, message, at: location,
            fix: "values are JavaScript code: quote a string inside the JSON string, \"\(leaf.path.split(separator: ".").last.map(String.init) ?? leaf.path)\": \(quoted)",
            severity: severity)
    }

    static func describe(_ path: [String]) -> String {
        (["process.env.\(DefineSet.variableName)"] + path).joined(separator: ".")
    }

    static func location(_ site: Site) -> SourceLocation {
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
