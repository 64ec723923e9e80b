import Diagnostics
import Encodings
import JavaScript
import OrderedJSON
import ThreadSupport

/// The worker script itself: parses as a classic script with our parser, has no `process` left where
/// the JS_ENV_EXTRA_CONFIG substitution should have been, and holds substituted values of the kind the
/// provider reads (a quoted URL where it reads a URL).
struct BundleScriptRule {
    let locator: VerifyLocator

    /// Names a classic worker scope (or the language) provides; a free use of them is not a pasted value.
    static let workerGlobals: Set<String> = [
        "undefined", "NaN", "Infinity", "globalThis", "self", "window", "document", "navigator", "location", "console",
        "Object", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Math", "JSON", "Date", "RegExp", "Error",
        "TypeError", "RangeError", "SyntaxError", "ReferenceError", "Promise", "Map", "Set", "WeakMap", "WeakSet",
        "Proxy", "Reflect", "Function", "Intl", "URL", "URLSearchParams", "fetch", "XMLHttpRequest", "WebSocket",
        "importScripts", "postMessage", "addEventListener", "setTimeout", "setInterval", "clearTimeout",
        "clearInterval", "queueMicrotask", "crypto", "performance", "atob", "btoa", "Blob", "TextEncoder",
        "TextDecoder", "ArrayBuffer", "Uint8Array", "DataView", "eval", "arguments", "require", "module", "exports",
        "global", "process",
    ]

    /// Returns true when the script parsed and no error was found in it.
    func check(path: String, bytes: [UInt8], diagnostics: DiagnosticCollector) -> Bool {
        // Parsing, analysing and freeing the tree recurse as deep as the script nests.
        LargeStackThread.run { checkOnLargeStack(path: path, bytes: bytes, diagnostics: diagnostics) }
    }

    private func checkOnLargeStack(path: String, bytes: [UInt8], diagnostics: DiagnosticCollector) -> Bool {
        let program: Program
        do {
            program = try JavaScriptParser.parse(source: bytes, fileName: path, goal: .script)
        } catch {
            reportSyntaxError(error, path: path, bytes: bytes, diagnostics: diagnostics)
            return false
        }
        let scopes = ScopeAnalysis.analyze(program)
        let facts = BundleScriptFacts.gather(program)
        var sound = checkProcess(scopes: scopes, facts: facts, path: path, bytes: bytes, diagnostics: diagnostics)
        sound = checkSubstitutedValues(scopes: scopes, facts: facts, path: path, bytes: bytes, diagnostics: diagnostics)
            && sound
        return sound
    }

    private func reportSyntaxError(
        _ error: JavaScriptSyntaxError, path: String, bytes: [UInt8], diagnostics: DiagnosticCollector
    ) {
        if let url = unquotedURL(endingBefore: error.offset, in: bytes) {
            let position = TextPosition(of: url.offset, in: bytes)
            diagnostics.emit(
                Diagnostic(
                    .unquotedSubstitutedValue,
                    "the bundle holds the bare URL \(url.text) where a value is expected (line \(position.line), "
                        + "column \(position.column)): a JS_ENV_EXTRA_CONFIG value was pasted in without JS quotes",
                    at: locator.location(of: path, line: position.line, column: position.column),
                    fix: "write the value as a JS string inside the JSON: {\"KEY\": \"\\\"\(url.text)\\\"\"}, and rebuild",
                    notes: ["the bundle does not parse: \(error.message) at \(error.line):\(error.column)"]))
            return
        }
        diagnostics.emit(
            Diagnostic(
                .bundleSyntaxError,
                "the worker bundle does not parse at line \(error.line), column \(error.column): \(error.message)",
                at: locator.location(of: path, line: error.line, column: error.column),
                fix: "rebuild the bundle for the `webworker` target (a classic script) and check the JS_ENV_EXTRA_CONFIG "
                    + "values, which are pasted in as code",
                notes: ["importScripts throws a SyntaxError inside the worker and the exam page never hears of it "
                    + "(\(error.code.identifier))"]))
    }

    /// `https://host/…` pasted as code fails at the `:` after `https`: the error offset points there.
    private func unquotedURL(endingBefore offset: Int, in bytes: [UInt8]) -> (offset: Int, text: String)? {
        guard offset > 0, offset + 2 < bytes.count, bytes[offset] == UInt8(ascii: ":"),
            bytes[offset + 1] == UInt8(ascii: "/"), bytes[offset + 2] == UInt8(ascii: "/")
        else { return nil }
        var start = offset
        while start > 0, SubstitutedValueContext.isIdentifierByte(bytes[start - 1]) { start -= 1 }
        let scheme = String(decoding: bytes[start..<offset], as: UTF8.self).lowercased()
        guard ["http", "https", "ws", "wss"].contains(scheme) else { return nil }
        var end = offset
        let stops: Set<UInt8> = Set(" \t\r\n;,)}]\"'".utf8)
        while end < bytes.count, !stops.contains(bytes[end]) { end += 1 }
        return (start, String(decoding: bytes[start..<end], as: UTF8.self))
    }

    private func checkProcess(
        scopes: ScopeAnalysis, facts: BundleScriptFacts, path: String, bytes: [UInt8], diagnostics: DiagnosticCollector
    ) -> Bool {
        var sound = true
        var reportedChains: Set<String> = []
        var otherUses: [Int] = []
        for reference in scopes.references where reference.declaration == nil && reference.name == "process" {
            if facts.typeofOperands.contains(reference.offset) { continue }
            let chain = facts.chains[reference.offset] ?? []
            guard chain.count >= 2, chain[0] == "env", chain[1] == "JS_ENV_EXTRA_CONFIG" else {
                otherUses.append(reference.offset)
                continue
            }
            sound = false
            let text = (["process"] + chain).joined(separator: ".")
            guard reportedChains.insert(text).inserted else { continue }
            let position = TextPosition(of: reference.offset, in: bytes)
            diagnostics.emit(
                Diagnostic(
                    .extraConfigNotSubstituted,
                    "`\(text)` is left in the bundle (line \(position.line), column \(position.column)): the "
                        + "JS_ENV_EXTRA_CONFIG define was not applied, and a worker has no `process`",
                    at: locator.location(of: path, line: position.line, column: position.column),
                    fix: "set JS_ENV_EXTRA_CONFIG to a JSON object (values quoted as JS code, e.g. "
                        + "{\"KEY\": \"\\\"https://…\\\"\"}) when bundling, and rebuild",
                    notes: ["in a browser the worker throws `ReferenceError: process is not defined` and never answers"]))
        }
        if let first = otherUses.first {
            let position = TextPosition(of: first, in: bytes)
            diagnostics.emit(
                Diagnostic(
                    .freeProcessReference,
                    "the bundle reads `process` \(otherUses.count) time\(otherUses.count == 1 ? "" : "s"), first at line "
                        + "\(position.line), column \(position.column); a worker has no `process`",
                    at: locator.location(of: path, line: position.line, column: position.column),
                    fix: "define the values at build time (e.g. process.env.NODE_ENV) or guard the reads with "
                        + "`typeof process !== 'undefined'`"))
        }
        return sound
    }

    private func checkSubstitutedValues(
        scopes: ScopeAnalysis, facts: BundleScriptFacts, path: String, bytes: [UInt8], diagnostics: DiagnosticCollector
    ) -> Bool {
        let context = SubstitutedValueContext(bytes: bytes)
        var sound = true
        var seen: Set<Int> = []
        for reference in scopes.references where reference.declaration == nil && !reference.isWrite {
            guard !Self.workerGlobals.contains(reference.name), !facts.typeofOperands.contains(reference.offset),
                facts.chains[reference.offset]?.isEmpty ?? true, seen.insert(reference.offset).inserted,
                context.valueEnds(at: reference.offset + reference.name.utf8.count),
                let name = context.boundName(ofValueAt: reference.offset), SubstitutedValueContext.expectsString(name)
            else { continue }
            sound = false
            let position = TextPosition(of: reference.offset, in: bytes)
            diagnostics.emit(
                Diagnostic(
                    .unquotedSubstitutedValue,
                    "`\(name)` is set to the bare identifier `\(reference.name)` (line \(position.line), column "
                        + "\(position.column)): that is an unquoted value, and the worker throws ReferenceError there",
                    at: locator.location(of: path, line: position.line, column: position.column),
                    fix: "quote the value as JS code inside JS_ENV_EXTRA_CONFIG ({\"KEY\": \"\\\"value\\\"\"}) and rebuild"))
        }
        for literal in facts.strings {
            guard let end = context.stringLiteralEnd(from: literal.offset), context.valueEnds(at: end),
                let name = context.boundName(ofValueAt: literal.offset), SubstitutedValueContext.expectsURL(name),
                !SubstitutedValueContext.looksLikeURL(literal.value)
            else { continue }
            let position = TextPosition(of: literal.offset, in: bytes)
            diagnostics.emit(
                Diagnostic(
                    .substitutedValueNotURL,
                    literal.value.isEmpty
                        ? "`\(name)` is an empty string (line \(position.line), column \(position.column)); the provider reads a URL there"
                        : "`\(name)` is \"\(literal.value)\" (line \(position.line), column \(position.column)), which does not look like a URL",
                    at: locator.location(of: path, line: position.line, column: position.column),
                    fix: "set the JS_ENV_EXTRA_CONFIG value to the absolute URL, quoted as JS code, and rebuild"))
        }
        return sound
    }
}
