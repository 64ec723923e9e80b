import Encodings
import OrderedJSON

/// Printed code together with its source map (version 3).
public struct PrintedJavaScript: Sendable, Equatable {
    public var code: String
    /// The source map as JSON text: `version`, `sources`, `sourcesContent` (optional), `names`, `mappings`.
    public var sourceMap: String
}

extension JavaScriptPrinter {
    /// Prints `program` and maps the start of every statement and expression back to `source`.
    /// Lines and columns follow the source map convention: 0-based, columns in UTF-16 code units.
    public static func printWithSourceMap(
        _ program: Program, source: [UInt8], sourceName: String, includesSourceContent: Bool = true, options: Options = .readable
    ) -> PrintedJavaScript {
        var printer = PrinterState(options: options)
        printer.recordsMappings = true
        printer.printProgram(options.minify.map { JavaScriptMinifier.minify(program, options: $0) } ?? program)
        let (mappings, names) = SourceMapWriter.encodeMappings(
            printer.mappings, output: printer.output, source: source, identifierMappings: printer.identifierMappings)
        var json = "{\"version\":3,\"sources\":[" + SourceMapWriter.jsonString(sourceName) + "]"
        if includesSourceContent {
            json += ",\"sourcesContent\":[" + SourceMapWriter.jsonString(String(decoding: source, as: UTF8.self)) + "]"
        }
        json += ",\"names\":[" + names.map(SourceMapWriter.jsonString).joined(separator: ",") + "],\"mappings\":\"" + mappings + "\"}"
        return PrintedJavaScript(code: String(decoding: printer.output, as: UTF8.self), sourceMap: json)
    }
}

enum SourceMapWriter {
    /// 0-based line and UTF-16 column of every byte offset in `offsets` (which must be sorted).
    static func lineColumns(of offsets: [Int], in text: [UInt8]) -> [(line: Int, column: Int)] {
        var result: [(line: Int, column: Int)] = []
        result.reserveCapacity(offsets.count)
        var index = 0
        var line = 0
        var column = 0
        for offset in offsets {
            while index < offset && index < text.count {
                let byte = text[index]
                if byte == 0x0A {
                    line += 1
                    column = 0
                } else if byte == 0x0D {
                    if index + 1 < text.count, text[index + 1] == 0x0A { index += 1 }
                    line += 1
                    column = 0
                } else if byte == 0xE2, index + 2 < text.count, text[index + 1] == 0x80, text[index + 2] == 0xA8 || text[index + 2] == 0xA9 {
                    index += 2
                    line += 1
                    column = 0
                } else if byte & 0xC0 != 0x80 {
                    // A lead byte: one UTF-16 unit, two for 4-byte sequences (astral code points).
                    column += byte >= 0xF0 ? 2 : 1
                }
                index += 1
            }
            result.append((line, column))
        }
        return result
    }

    /// The ASCII identifier starting at `offset` (after spaces), if any.
    static func identifier(at offset: Int, in text: [UInt8]) -> ArraySlice<UInt8>? {
        var start = offset
        while start < text.count, text[start] == 0x20 { start += 1 }
        var end = start
        while end < text.count, Lexer.isASCIIIdentifierPart(text[end]) { end += 1 }
        guard end > start, !(text[start] >= 0x30 && text[start] <= 0x39) else { return nil }
        return text[start..<end]
    }

    /// Mappings as VLQ text, plus `names`: an identifier that was renamed (the minifier) gets its original name as
    /// the mapping's fifth field, read back from the source at the mapped position.
    static func encodeMappings(
        _ mappings: [(generated: Int, source: Int)], output: [UInt8], source: [UInt8], identifierMappings: Set<Int> = []
    ) -> (mappings: String, names: [String]) {
        let generated = lineColumns(of: mappings.map(\.generated), in: output)
        let sourceOrder = mappings.indices.sorted { mappings[$0].source < mappings[$1].source }
        let sortedSourcePositions = lineColumns(of: sourceOrder.map { mappings[$0].source }, in: source)
        var original = [(line: Int, column: Int)](repeating: (0, 0), count: mappings.count)
        for (rank, mappingIndex) in sourceOrder.enumerated() { original[mappingIndex] = sortedSourcePositions[rank] }

        var text: [UInt8] = []
        var currentLine = 0
        var previousGeneratedColumn = 0
        var previousSourceLine = 0
        var previousSourceColumn = 0
        var firstInLine = true
        var names: [String] = []
        var nameIndex: [String: Int] = [:]
        var previousName = 0
        for index in mappings.indices {
            let (line, column) = generated[index]
            while currentLine < line {
                text.append(UInt8(ascii: ";"))
                currentLine += 1
                previousGeneratedColumn = 0
                firstInLine = true
            }
            if !firstInLine { text.append(UInt8(ascii: ",")) }
            firstInLine = false
            Base64VLQ.append(column - previousGeneratedColumn, to: &text)
            Base64VLQ.append(0, to: &text)
            Base64VLQ.append(original[index].line - previousSourceLine, to: &text)
            Base64VLQ.append(original[index].column - previousSourceColumn, to: &text)
            if identifierMappings.contains(index), let originalName = identifier(at: mappings[index].source, in: source),
                let printedName = identifier(at: mappings[index].generated, in: output), originalName != printedName
            {
                let name = String(decoding: originalName, as: UTF8.self)
                let position: Int
                if let known = nameIndex[name] {
                    position = known
                } else {
                    position = names.count
                    nameIndex[name] = position
                    names.append(name)
                }
                Base64VLQ.append(position - previousName, to: &text)
                previousName = position
            }
            previousGeneratedColumn = column
            previousSourceLine = original[index].line
            previousSourceColumn = original[index].column
        }
        return (String(decoding: text, as: UTF8.self), names)
    }

    static func jsonString(_ value: String) -> String {
        JSONWriter.write(.string(value), style: .javaScriptCompact)
    }
}
