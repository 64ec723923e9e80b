import Encodings

/// Text cut out of a file (e.g. the body of a Dockerfile `RUN` spread over continuation lines) that
/// still knows where each of its scalars came from, so findings inside it point at the real file:line:col.
public struct PositionedText: Sendable, Hashable {
    public private(set) var scalars: [Unicode.Scalar] = []
    public private(set) var points: [TextPosition] = []

    public init() {}

    /// The whole text of a file starting at line 1, column 1 (or at `start`).
    public init(_ text: String, start: TextPosition = TextPosition(line: 1, column: 1)) {
        append(text, start: start)
    }

    public mutating func append(_ text: String, start: TextPosition) {
        var point = start
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            points.append(point)
            if scalar == "\n" {
                point = TextPosition(line: point.line + 1, column: 1)
            } else {
                point.column += 1
            }
        }
    }

    public mutating func append(_ scalar: Unicode.Scalar, at point: TextPosition) {
        scalars.append(scalar)
        points.append(point)
    }

    public var count: Int { scalars.count }
    public var isEmpty: Bool { scalars.isEmpty }

    public var string: String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// Position of the scalar at `index`; past the end, the position after the last scalar.
    public func point(at index: Int) -> TextPosition {
        if index < points.count { return points[index] }
        guard let last = points.last else { return TextPosition(line: 1, column: 1) }
        return TextPosition(line: last.line, column: last.column + 1)
    }

    public func slice(_ range: Range<Int>) -> PositionedText {
        var result = PositionedText()
        result.scalars = Array(scalars[range])
        result.points = Array(points[range])
        return result
    }

    public func substring(_ range: Range<Int>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[range])
        return text
    }
}

/// Splits a file into lines keeping their 1-based numbers; `\r\n` endings lose their `\r`.
struct NumberedLine: Sendable, Hashable {
    var number: Int
    var text: String

    static func split(_ text: String) -> [NumberedLine] {
        var lines: [NumberedLine] = []
        var number = 1
        // Split on scalars: in a Swift String "\r\n" is one Character and would not match "\n".
        for raw in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(String.UnicodeScalarView(raw))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            lines.append(NumberedLine(number: number, text: line))
            number += 1
        }
        if let last = lines.last, last.text.isEmpty, text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    /// Number of leading blanks (spaces or tabs).
    var indentation: Int {
        text.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
    }

    var trimmed: String {
        text.trimmingBlanks()
    }
}

extension String {
    func trimmingBlanks() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].isBlankOrNewline { start += 1 }
        while end > start, scalars[end - 1].isBlankOrNewline { end -= 1 }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<end])
        return text
    }
}

extension Unicode.Scalar {
    var isBlank: Bool { self == " " || self == "\t" }
    var isBlankOrNewline: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" }
}
