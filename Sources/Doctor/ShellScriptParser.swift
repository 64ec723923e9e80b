import Encodings

/// A hand-written scanner for the POSIX shell subset build scripts use: words with quoting and
/// substitutions, operators (`&&`, `||`, `;`, `|`, `&`), redirections with heredocs, comments and
/// line continuations. Control structures are not interpreted: their keywords are dropped so the
/// commands inside them are still seen.
struct ShellScriptParser {
    private let text: PositionedText
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var script = ShellScript()
    private var current: ShellCommand?
    private var pendingHeredocs: [(delimiter: String, stripTabs: Bool, start: TextPosition)] = []

    private static let reservedWords: Set<String> = [
        "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "case", "esac", "{", "}", "!", "in",
    ]

    init(text: PositionedText) {
        self.text = text
        self.scalars = text.scalars
    }

    mutating func parse() -> ShellScript {
        while index < scalars.count {
            let scalar = scalars[index]
            // `\r` of CRLF files is taken as a blank, as most people expect (a real shell would keep it).
            if scalar.isBlank || scalar == "\r" {
                index += 1
            } else if scalar == "\\", peek(1) == "\n" {
                index += 2
            } else if scalar == "\n" {
                finishCommand(.newline)
                index += 1
                readPendingHeredocs()
            } else if scalar == "#" {
                readComment()
            } else if let redirection = readRedirectionOperator() {
                readRedirectionTarget(redirection)
            } else if let connector = readConnector() {
                finishCommand(connector)
            } else {
                let before = index
                let word = readWord()
                if index == before {
                    // Defensive: a scalar no branch consumes must not stall the scanner.
                    index += 1
                    continue
                }
                add(word)
            }
        }
        finishCommand(.end)
        for heredoc in pendingHeredocs {
            script.problems.append(
                ShellSyntaxProblem(message: "heredoc `<<\(heredoc.delimiter)` has no terminating line", start: heredoc.start))
        }
        return script
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        let position = index + offset
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func add(_ word: ShellWord) {
        var command = current ?? ShellCommand(start: word.start)
        if command.words.isEmpty {
            if let assignment = Self.assignment(from: word) {
                command.assignments.append(assignment)
                current = command
                return
            }
            if !word.hasExpansion, word.raw == word.value, Self.reservedWords.contains(word.value) {
                current = command.assignments.isEmpty && command.redirections.isEmpty ? nil : command
                return
            }
            if command.assignments.isEmpty && command.redirections.isEmpty { command.start = word.start }
        }
        command.words.append(word)
        current = command
    }

    private static func assignment(from word: ShellWord) -> ShellAssignment? {
        guard let equals = word.raw.firstIndex(of: "=") else { return nil }
        let name = word.raw[..<equals]
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic && first.isASCII,
            name.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) })
        else { return nil }
        // The value is the part of the unquoted word after the first `=` (the name has no quotes).
        let valueStart = word.value.index(word.value.startIndex, offsetBy: name.count + 1)
        let rawValue = String(word.raw[word.raw.index(after: equals)...])
        var valuePoint = word.start
        valuePoint.column += name.unicodeScalars.count + 1
        let value = ShellWord(
            raw: rawValue, value: String(word.value[valueStart...]), hasExpansion: word.hasExpansion, start: valuePoint)
        return ShellAssignment(name: String(name), value: value, start: word.start)
    }

    private mutating func finishCommand(_ connector: ShellConnector) {
        guard var command = current else {
            // A connector after nothing (e.g. `; ;` or a leading newline) still ends the previous command's chain.
            if connector != .newline, connector != .end, var last = script.commands.last, last.connector == .newline {
                last.connector = connector
                script.commands[script.commands.count - 1] = last
            }
            return
        }
        command.connector = connector
        script.commands.append(command)
        current = nil
    }

    private mutating func readComment() {
        let start = text.point(at: index)
        var end = index
        while end < scalars.count, scalars[end] != "\n" { end += 1 }
        script.comments.append(ShellComment(text: text.substring((index + 1)..<end), start: start))
        index = end
    }

    private mutating func readConnector() -> ShellConnector? {
        let scalar = scalars[index]
        let next = peek(1)
        switch scalar {
        case "&" where next == "&":
            index += 2
            return .and
        case "|" where next == "|":
            index += 2
            return .or
        case "|":
            index += next == "&" ? 2 : 1
            return .pipe
        case ";":
            index += next == ";" ? 2 : 1
            return .sequence
        case "&":
            index += 1
            return .background
        case "(", ")":
            index += 1
            return .sequence
        default:
            return nil
        }
    }

    /// Reads `[n]op` when the scanner stands on a redirection; leaves the index alone otherwise.
    private mutating func readRedirectionOperator() -> ShellRedirection? {
        let start = text.point(at: index)
        var position = index
        var digits = ""
        while position < scalars.count, ("0"..."9").contains(scalars[position]) {
            digits.unicodeScalars.append(scalars[position])
            position += 1
        }
        guard position < scalars.count else { return nil }
        let operators = ["&>>", "&>", "<<<", "<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">"]
        for candidate in operators {
            let candidateScalars = Array(candidate.unicodeScalars)
            guard position + candidateScalars.count <= scalars.count,
                Array(scalars[position..<(position + candidateScalars.count)]) == candidateScalars
            else { continue }
            if candidate.hasPrefix("&"), !digits.isEmpty { return nil }
            index = position + candidateScalars.count
            return ShellRedirection(descriptor: Int(digits), operation: candidate, target: "", start: start)
        }
        return nil
    }

    private mutating func readRedirectionTarget(_ redirection: ShellRedirection) {
        var redirection = redirection
        while index < scalars.count, scalars[index].isBlank { index += 1 }
        if index < scalars.count, scalars[index] != "\n" {
            let word = readWord()
            redirection.target = word.value
            if redirection.operation == "<<" || redirection.operation == "<<-" {
                pendingHeredocs.append((word.value, redirection.operation == "<<-", redirection.start))
            }
        } else {
            script.problems.append(
                ShellSyntaxProblem(message: "redirection `\(redirection.operation)` has no target", start: redirection.start))
        }
        var command = current ?? ShellCommand(start: redirection.start)
        command.redirections.append(redirection)
        current = command
    }

    /// Skips heredoc bodies that start after the newline just read.
    private mutating func readPendingHeredocs() {
        while !pendingHeredocs.isEmpty {
            let heredoc = pendingHeredocs.removeFirst()
            var found = false
            while index < scalars.count {
                var end = index
                while end < scalars.count, scalars[end] != "\n" { end += 1 }
                var line = text.substring(index..<end)
                if heredoc.stripTabs { while line.hasPrefix("\t") { line.removeFirst() } }
                index = min(end + 1, scalars.count)
                if line == heredoc.delimiter {
                    found = true
                    break
                }
            }
            if !found {
                script.problems.append(
                    ShellSyntaxProblem(message: "heredoc `<<\(heredoc.delimiter)` has no terminating line", start: heredoc.start))
            }
        }
    }

    private static func endsWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isBlankOrNewline || ";&|<>()".unicodeScalars.contains(scalar)
    }

    private mutating func readWord() -> ShellWord {
        let startIndex = index
        let start = text.point(at: index)
        var value = ""
        var hasExpansion = false
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.endsWord(scalar) { break }
            switch scalar {
            case "\\":
                if peek(1) == "\n" {
                    index += 2
                } else if let next = peek(1) {
                    value.unicodeScalars.append(next)
                    index += 2
                } else {
                    index += 1
                }
            case "'":
                let content = readUntil("'", from: index + 1, problem: "unterminated single quote", start: text.point(at: index))
                value += content
            case "\"":
                let (content, expanded) = readDoubleQuoted()
                value += content
                hasExpansion = hasExpansion || expanded
            case "$":
                if peek(1) == "'" {
                    index += 1
                    value += readUntil("'", from: index + 1, problem: "unterminated $' quote", start: text.point(at: index))
                } else {
                    value += readDollar()
                    hasExpansion = true
                }
            case "`":
                value += readBackquoted()
                hasExpansion = true
            default:
                value.unicodeScalars.append(scalar)
                index += 1
            }
        }
        return ShellWord(raw: text.substring(startIndex..<index), value: value, hasExpansion: hasExpansion, start: start)
    }

    /// Reads up to the closing `terminator` (no escapes), leaves the index after it.
    private mutating func readUntil(
        _ terminator: Unicode.Scalar, from position: Int, problem: String, start: TextPosition
    ) -> String {
        var end = position
        while end < scalars.count, scalars[end] != terminator { end += 1 }
        let content = text.substring(position..<min(end, scalars.count))
        if end >= scalars.count {
            script.problems.append(ShellSyntaxProblem(message: problem, start: start))
            index = scalars.count
        } else {
            index = end + 1
        }
        return content
    }

    private mutating func readDoubleQuoted() -> (String, Bool) {
        let start = text.point(at: index)
        index += 1
        var value = ""
        var expanded = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" {
                index += 1
                return (value, expanded)
            }
            if scalar == "\\", let next = peek(1) {
                if next == "\n" {
                    index += 2
                    continue
                }
                if "$`\"\\".unicodeScalars.contains(next) {
                    value.unicodeScalars.append(next)
                } else {
                    value.unicodeScalars.append(scalar)
                    value.unicodeScalars.append(next)
                }
                index += 2
            } else if scalar == "$" {
                value += readDollar()
                expanded = true
            } else if scalar == "`" {
                value += readBackquoted()
                expanded = true
            } else {
                value.unicodeScalars.append(scalar)
                index += 1
            }
        }
        script.problems.append(ShellSyntaxProblem(message: "unterminated double quote", start: start))
        return (value, expanded)
    }

    /// `$name`, `${…}`, `$(…)`, `$((…))`: returned as written.
    private mutating func readDollar() -> String {
        let begin = index
        index += 1
        guard index < scalars.count else { return "$" }
        let next = scalars[index]
        if next == "(" || next == "{" {
            let closing: Unicode.Scalar = next == "(" ? ")" : "}"
            var depth = 0
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\\" {
                    index += 2
                    continue
                }
                if scalar == "'" && next == "(" {
                    index += 1
                    while index < scalars.count, scalars[index] != "'" { index += 1 }
                } else if scalar == next {
                    depth += 1
                } else if scalar == closing {
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return text.substring(begin..<index)
                    }
                }
                index += 1
            }
            script.problems.append(ShellSyntaxProblem(message: "unterminated `$\(next)`", start: text.point(at: begin)))
            index = scalars.count
            return text.substring(begin..<index)
        }
        if "@*#?$!-0123456789".unicodeScalars.contains(next) {
            index += 1
        } else {
            while index < scalars.count,
                scalars[index] == "_" || (scalars[index].isASCII && scalars[index].properties.isAlphabetic)
                    || ("0"..."9").contains(scalars[index])
            {
                index += 1
            }
        }
        return text.substring(begin..<index)
    }

    private mutating func readBackquoted() -> String {
        let begin = index
        index += 1
        while index < scalars.count, scalars[index] != "`" {
            index += scalars[index] == "\\" ? 2 : 1
        }
        if index >= scalars.count {
            script.problems.append(ShellSyntaxProblem(message: "unterminated backquote", start: text.point(at: begin)))
            index = scalars.count
            return text.substring(begin..<index)
        }
        index += 1
        return text.substring(begin..<index)
    }
}
