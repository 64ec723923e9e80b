import Encodings

/// A `<<EOF` body attached to a Dockerfile instruction.
public struct DockerfileHeredoc: Sendable, Hashable {
    public var delimiter: String
    public var body: PositionedText
}

/// One instruction (`RUN`, `ENV`, `FROM` …) with its arguments joined across continuation lines.
public struct DockerfileInstruction: Sendable, Hashable {
    /// Upper-cased keyword.
    public var keyword: String
    /// Everything after the keyword, continuation escapes removed, positions kept.
    public var arguments: PositionedText
    public var heredocs: [DockerfileHeredoc]
    public var start: TextPosition
}

/// A parsed Dockerfile: instructions in order plus the comment lines (a commented-out `ENV` is a finding).
public struct Dockerfile: Sendable, Hashable {
    public var instructions: [DockerfileInstruction] = []
    public var comments: [ShellComment] = []
    public var problems: [ShellSyntaxProblem] = []

    public static func parse(_ text: String) -> Dockerfile {
        var document = Dockerfile()
        let lines = NumberedLine.split(text)
        let escape = escapeCharacter(lines)
        var lineIndex = 0
        var directivesAllowed = true
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            lineIndex += 1
            let trimmed = line.trimmed
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                let isDirective = directivesAllowed && trimmed.firstMatch(of: /^#\s*[a-zA-Z]+\s*=/) != nil
                if !isDirective { document.comments.append(comment(line)) }
                continue
            }
            directivesAllowed = false
            // Jinja lines of templated Dockerfiles (Tutor: `{{ patch("openedx-dockerfile-pre-assets") }}`).
            if trimmed.hasPrefix("{{") || trimmed.hasPrefix("{%") || trimmed.hasPrefix("{#") { continue }

            let scalars = Array(line.text.unicodeScalars)
            var position = line.indentation
            let keywordStart = position
            while position < scalars.count, !scalars[position].isBlank { position += 1 }
            var keyword = ""
            keyword.unicodeScalars.append(contentsOf: scalars[keywordStart..<position])
            while position < scalars.count, scalars[position].isBlank { position += 1 }
            let start = TextPosition(line: line.number, column: keywordStart + 1)
            var arguments = PositionedText()
            var segment = Array(scalars[position...])
            var segmentStart = TextPosition(line: line.number, column: position + 1)
            while true {
                let continues = endsWithEscape(segment, escape: escape)
                if continues {
                    while let last = segment.last, last.isBlank { segment.removeLast() }
                    segment.removeLast()
                }
                var piece = ""
                piece.unicodeScalars.append(contentsOf: segment)
                arguments.append(piece, start: segmentStart)
                guard continues else { break }
                // Docker drops empty and comment lines inside a continued instruction.
                var next: NumberedLine?
                while lineIndex < lines.count {
                    let candidate = lines[lineIndex]
                    lineIndex += 1
                    if candidate.trimmed.isEmpty { continue }
                    if candidate.trimmed.hasPrefix("#") {
                        document.comments.append(comment(candidate))
                        continue
                    }
                    next = candidate
                    break
                }
                guard let next else { break }
                segment = Array(next.text.unicodeScalars)
                segmentStart = TextPosition(line: next.number, column: 1)
            }
            var heredocs: [DockerfileHeredoc] = []
            for marker in heredocMarkers(in: arguments.string) {
                var body = PositionedText()
                var terminated = false
                while lineIndex < lines.count {
                    let bodyLine = lines[lineIndex]
                    lineIndex += 1
                    var content = bodyLine.text
                    if marker.stripTabs { while content.hasPrefix("\t") { content.removeFirst() } }
                    if content == marker.delimiter {
                        terminated = true
                        break
                    }
                    body.append(bodyLine.text + "\n", start: TextPosition(line: bodyLine.number, column: 1))
                }
                if !terminated {
                    document.problems.append(
                        ShellSyntaxProblem(message: "heredoc `<<\(marker.delimiter)` has no terminating line", start: start))
                }
                heredocs.append(DockerfileHeredoc(delimiter: marker.delimiter, body: body))
            }
            document.instructions.append(
                DockerfileInstruction(keyword: keyword.uppercased(), arguments: arguments, heredocs: heredocs, start: start))
        }
        return document
    }

    private static func comment(_ line: NumberedLine) -> ShellComment {
        var text = line.trimmed
        text.removeFirst()
        return ShellComment(text: text, start: TextPosition(line: line.number, column: line.indentation + 1))
    }

    private static func escapeCharacter(_ lines: [NumberedLine]) -> Unicode.Scalar {
        for line in lines {
            let trimmed = line.trimmed
            guard trimmed.hasPrefix("#") else { break }
            let body = String(trimmed.dropFirst().filter { $0 != " " }).lowercased()
            if body.hasPrefix("escape="), let value = body.dropFirst("escape=".count).unicodeScalars.first {
                return value
            }
        }
        return "\\"
    }

    private static func endsWithEscape(_ scalars: [Unicode.Scalar], escape: Unicode.Scalar) -> Bool {
        var end = scalars.count
        while end > 0, scalars[end - 1].isBlank { end -= 1 }
        return end > 0 && scalars[end - 1] == escape
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` markers, in order.
    static func heredocMarkers(in text: String) -> [(delimiter: String, stripTabs: Bool)] {
        var markers: [(String, Bool)] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
                index += 1
                continue
            }
            if scalar == "'" || scalar == "\"" {
                quote = scalar
                index += 1
                continue
            }
            if scalar == "<", index + 1 < scalars.count, scalars[index + 1] == "<",
                index + 2 >= scalars.count || scalars[index + 2] != "<"
            {
                var position = index + 2
                var stripTabs = false
                if position < scalars.count, scalars[position] == "-" {
                    stripTabs = true
                    position += 1
                }
                var quoteChar: Unicode.Scalar?
                if position < scalars.count, scalars[position] == "\"" || scalars[position] == "'" {
                    quoteChar = scalars[position]
                    position += 1
                }
                var name = ""
                while position < scalars.count,
                    scalars[position] == "_" || scalars[position] == "-" || scalars[position].properties.isAlphabetic
                        || ("0"..."9").contains(scalars[position])
                {
                    name.unicodeScalars.append(scalars[position])
                    position += 1
                }
                if let quoteChar, position < scalars.count, scalars[position] == quoteChar { position += 1 }
                if !name.isEmpty { markers.append((name, stripTabs)) }
                index = position
                continue
            }
            index += 1
        }
        return markers
    }
}
