import Encodings
import JavaScript
import OrderedJSON

/// Builds one source map (v3) for the bundle from the per-module maps the printer makes: each module's
/// segments move to where its code sits in the bundle and point at that module's entry in `sources`.
struct SourceMapCombiner {
    struct Segment {
        var generatedLine: Int
        var generatedColumn: Int
        /// -1: generated code that comes from no module (the runtime), so tools do not attribute it to the previous one.
        var source: Int
        var sourceLine: Int
        var sourceColumn: Int
    }

    private var segments: [Segment] = []
    private(set) var sources: [String] = []
    private(set) var sourcesContent: [String] = []

    /// Adds a module's map; its code starts at 0-based `line`:`column` (UTF-16) of the bundle.
    mutating func add(moduleMap: String, sourceName: String, content: String, line: Int, column: Int) {
        guard case .object(let members)? = try? JSONParser.parse(moduleMap),
            let mappings = members.first(where: { $0.key == "mappings" })?.value.stringValue
        else { return }
        let sourceIndex = sources.count
        sources.append(sourceName)
        sourcesContent.append(content)
        for segment in Self.decode(mappings) {
            segments.append(
                Segment(
                    generatedLine: line + segment.generatedLine,
                    generatedColumn: segment.generatedLine == 0 ? column + segment.generatedColumn : segment.generatedColumn,
                    source: sourceIndex, sourceLine: segment.sourceLine, sourceColumn: segment.sourceColumn))
        }
    }

    /// Ends the previous module's mapping at 0-based `line`:`column` of the bundle.
    mutating func addUnmapped(line: Int, column: Int) {
        segments.append(Segment(generatedLine: line, generatedColumn: column, source: -1, sourceLine: 0, sourceColumn: 0))
    }

    func json(file: String, includesSourcesContent: Bool) -> String {
        var text = "{\"version\":3,\"file\":" + JSONWriter.write(.string(file), style: .javaScriptCompact)
        text += ",\"sources\":" + JSONWriter.write(.array(sources.map(JSONValue.string)), style: .javaScriptCompact)
        if includesSourcesContent {
            text += ",\"sourcesContent\":" + JSONWriter.write(.array(sourcesContent.map(JSONValue.string)), style: .javaScriptCompact)
        }
        text += ",\"names\":[],\"mappings\":\"" + encode() + "\"}"
        return text
    }

    func encode() -> String {
        var output: [UInt8] = []
        var line = 0
        var previousColumn = 0
        var previousSource = 0
        var previousSourceLine = 0
        var previousSourceColumn = 0
        var firstOnLine = true
        for segment in segments {
            while line < segment.generatedLine {
                output.append(UInt8(ascii: ";"))
                line += 1
                previousColumn = 0
                firstOnLine = true
            }
            if !firstOnLine { output.append(UInt8(ascii: ",")) }
            firstOnLine = false
            Base64VLQ.append(segment.generatedColumn - previousColumn, to: &output)
            previousColumn = segment.generatedColumn
            if segment.source < 0 { continue }
            Base64VLQ.append(segment.source - previousSource, to: &output)
            Base64VLQ.append(segment.sourceLine - previousSourceLine, to: &output)
            Base64VLQ.append(segment.sourceColumn - previousSourceColumn, to: &output)
            previousColumn = segment.generatedColumn
            previousSource = segment.source
            previousSourceLine = segment.sourceLine
            previousSourceColumn = segment.sourceColumn
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Absolute positions of every 4-field segment of a mappings string (single-source maps).
    static func decode(_ mappings: String) -> [Segment] {
        var result: [Segment] = []
        var line = 0
        var column = 0
        var source = 0
        var sourceLine = 0
        var sourceColumn = 0
        var fields: [Int] = []
        var decoder = Base64VLQ.Decoder()
        func finishSegment() {
            if fields.count >= 4 {
                column += fields[0]
                source += fields[1]
                sourceLine += fields[2]
                sourceColumn += fields[3]
                result.append(Segment(generatedLine: line, generatedColumn: column, source: source, sourceLine: sourceLine, sourceColumn: sourceColumn))
            } else if fields.count >= 1 {
                column += fields[0]
            }
            fields.removeAll(keepingCapacity: true)
        }
        for byte in mappings.utf8 {
            if byte == UInt8(ascii: ";") {
                finishSegment()
                line += 1
                column = 0
                continue
            }
            if byte == UInt8(ascii: ",") {
                finishSegment()
                continue
            }
            if let value = decoder.feed(byte) { fields.append(value) }
        }
        finishSegment()
        return result
    }
}
