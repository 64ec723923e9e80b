import Encodings

/// One Earthfile command (`RUN`, `FROM`, `COPY`, `IF` …) with continuation lines joined.
public struct EarthfileCommand: Sendable, Hashable {
    public var keyword: String
    public var arguments: PositionedText
    public var start: TextPosition
    /// How many `IF`/`FOR`/`WITH`/`TRY` blocks enclose it; their conditions are not evaluated.
    public var blockDepth: Int
}

/// A target (`assets:`) or function (`BUILD_ASSETS:`) and its recipe.
public struct EarthfileTarget: Sendable, Hashable {
    public var name: String
    public var start: TextPosition
    public var commands: [EarthfileCommand]
}

/// A parsed Earthfile: the base recipe (commands before the first target) and the targets.
public struct Earthfile: Sendable, Hashable {
    public var baseRecipe: [EarthfileCommand] = []
    public var targets: [EarthfileTarget] = []
    public var comments: [ShellComment] = []
    public var problems: [ShellSyntaxProblem] = []

    private static let blockOpeners: Set<String> = ["IF", "FOR", "WITH", "TRY", "WAIT"]
    private static let blockMiddles: Set<String> = ["ELSE", "CATCH", "FINALLY"]

    public static func parse(_ text: String) -> Earthfile {
        var document = Earthfile()
        let lines = NumberedLine.split(text)
        var lineIndex = 0
        var depth = 0
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            lineIndex += 1
            let trimmed = line.trimmed
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                var body = trimmed
                body.removeFirst()
                document.comments.append(ShellComment(text: body, start: TextPosition(line: line.number, column: line.indentation + 1)))
                continue
            }
            if line.indentation == 0, trimmed.hasSuffix(":"), !trimmed.contains(" ") {
                let name = String(trimmed.dropLast())
                document.targets.append(
                    EarthfileTarget(name: name, start: TextPosition(line: line.number, column: 1), commands: []))
                depth = 0
                continue
            }
            let scalars = Array(line.text.unicodeScalars)
            var position = line.indentation
            let keywordStart = position
            while position < scalars.count, !scalars[position].isBlank { position += 1 }
            var keyword = ""
            keyword.unicodeScalars.append(contentsOf: scalars[keywordStart..<position])
            while position < scalars.count, scalars[position].isBlank { position += 1 }
            var arguments = PositionedText()
            var segment = Array(scalars[position...])
            var segmentStart = TextPosition(line: line.number, column: position + 1)
            while true {
                var end = segment.count
                while end > 0, segment[end - 1].isBlank { end -= 1 }
                let continues = end > 0 && segment[end - 1] == "\\"
                if continues { segment = Array(segment[..<(end - 1)]) }
                var piece = ""
                piece.unicodeScalars.append(contentsOf: segment)
                arguments.append(piece, start: segmentStart)
                guard continues, lineIndex < lines.count else { break }
                let next = lines[lineIndex]
                lineIndex += 1
                if next.trimmed.hasPrefix("#") {
                    document.comments.append(
                        ShellComment(text: String(next.trimmed.dropFirst()), start: TextPosition(line: next.number, column: next.indentation + 1)))
                    segment = []
                    continue
                }
                arguments.append(" ", at: TextPosition(line: next.number, column: 1))
                segment = Array(next.text.unicodeScalars)
                segmentStart = TextPosition(line: next.number, column: 1)
            }
            let upper = keyword.uppercased()
            if upper == "END" {
                if depth == 0 {
                    document.problems.append(
                        ShellSyntaxProblem(message: "END without an open block", start: TextPosition(line: line.number, column: keywordStart + 1)))
                }
                depth = max(0, depth - 1)
                continue
            }
            if blockMiddles.contains(upper) { continue }
            // File-level declarations, not steps of a recipe.
            if document.targets.isEmpty, ["VERSION", "PROJECT", "IMPORT"].contains(upper) { continue }
            let command = EarthfileCommand(
                keyword: upper, arguments: arguments, start: TextPosition(line: line.number, column: keywordStart + 1),
                blockDepth: depth)
            if blockOpeners.contains(upper) {
                depth += 1
                // `WITH DOCKER` and `TRY` bodies run commands; the opener itself is not one.
                continue
            }
            if document.targets.isEmpty {
                document.baseRecipe.append(command)
            } else {
                document.targets[document.targets.count - 1].commands.append(command)
            }
        }
        if depth > 0 {
            document.problems.append(
                ShellSyntaxProblem(message: "a block (IF/FOR/WITH/TRY) is not closed with END",
                                   start: TextPosition(line: lines.last?.number ?? 1, column: 1)))
        }
        return document
    }
}
