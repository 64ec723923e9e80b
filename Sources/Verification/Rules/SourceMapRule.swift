import Diagnostics
import Encodings
import FileSystemSupport
import OrderedJSON

/// `//# sourceMappingURL=` at the end of a bundle: the map exists next to it and is a version 3 source
/// map with `mappings` and `sources`. Inline (`data:`) and absolute URLs are not followed.
struct SourceMapRule {
    let input: VerificationInput
    let locator: VerifyLocator

    func check(bundlePath: String, bytes: [UInt8], diagnostics: DiagnosticCollector) {
        guard let reference = Self.sourceMappingURL(in: bytes) else { return }
        let url = reference.url
        if url.hasPrefix("data:") || url.contains("://") || url.hasPrefix("/") { return }
        let position = TextPosition(of: reference.offset, in: bytes)
        let at = locator.location(of: bundlePath, line: position.line, column: position.column)
        let relative = String(url.prefix { $0 != "?" && $0 != "#" })
        let mapPath = PathComponents.normalize(PathComponents.join(PathComponents.dirname(bundlePath), relative))
        func report(_ problem: String) {
            diagnostics.emit(
                Diagnostic(
                    .sourceMapInvalid, "the bundle's source map \(url): \(problem)", at: at,
                    fix: "copy the .map file next to the bundle (collectstatic does when it is in the bundles folder), "
                        + "or build without source maps"))
        }
        let mapBytes: [UInt8]
        do {
            mapBytes = try input.fileSystem.readFile(mapPath)
        } catch {
            if case .notFound = error {
                report("\(locator.describe(mapPath)) does not exist")
            } else {
                report("cannot read \(locator.describe(mapPath)): \(error)")
            }
            return
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: mapBytes)
        } catch {
            report("not JSON (\(error.message) at \(error.line):\(error.column))")
            return
        }
        guard case .object = document else { return report("not a JSON object") }
        if document["version"] != .number("3") { report("\"version\" is not 3") }
        if document["mappings"]?.stringValue == nil { report("no string \"mappings\"") }
        if document["sources"]?.arrayValue == nil { report("no \"sources\" list") }
    }

    /// The last `//# sourceMappingURL=` (or legacy `//@`) comment, with the byte offset of its `//`.
    static func sourceMappingURL(in bytes: [UInt8]) -> (url: String, offset: Int)? {
        let markers = ["//# sourceMappingURL=", "//@ sourceMappingURL="].map { Array($0.utf8) }
        let tailStart = max(0, bytes.count - 4096)
        var found: (url: String, offset: Int)?
        for marker in markers {
            var index = tailStart
            while index + marker.count <= bytes.count {
                if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                    var end = index + marker.count
                    while end < bytes.count, ![UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " ")].contains(bytes[end]) {
                        end += 1
                    }
                    let url = String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self)
                    if !url.isEmpty, found.map({ $0.offset < index }) ?? true { found = (url, index) }
                    index = end
                } else {
                    index += 1
                }
            }
        }
        return found
    }
}
