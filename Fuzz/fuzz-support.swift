// Shared by the fuzz targets other than javascript (compiled into each of them by scripts/fuzz).
import Diagnostics

/// Stops the run with a message libFuzzer shows next to the crashing input.
func finding(_ message: String) -> Never {
    fatalError("fuzz finding: " + message)
}

/// Every diagnostic the tool reports has a stable code (`PA` and three digits) and a message; a location
/// with a line points into the text it names (1-based, at most one past the last line).
func checkDiagnostics(_ diagnostics: [Diagnostic], file: String? = nil, lineCount: Int? = nil, context: String) {
    for diagnostic in diagnostics {
        let identifier = Array(diagnostic.code.identifier.utf8)
        guard identifier.count == 5, identifier[0] == UInt8(ascii: "P"), identifier[1] == UInt8(ascii: "A"),
            identifier[2...].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { finding("\(context): diagnostic without a PA code: \(diagnostic)") }
        guard !diagnostic.message.isEmpty else { finding("\(context): diagnostic \(diagnostic.code) without a message") }
        if let file, let lineCount, let location = diagnostic.location, location.file == file, let line = location.line {
            guard line >= 1, line <= lineCount + 1 else {
                finding("\(context): \(diagnostic.code) points at line \(line) of \(file), which has \(lineCount) lines: \(diagnostic.message)")
            }
            if let column = location.column, column < 1 {
                finding("\(context): \(diagnostic.code) points at column \(column): \(diagnostic.message)")
            }
        }
    }
}

/// Lines as Python and YAML count them: `\n`, `\r\n` and a lone `\r` end a line, and so do YAML 1.1's NEL, LS
/// and PS (U+0085, U+2028, U+2029) — an upper bound for both (a final line without a line break counts).
func lineCount(of bytes: [UInt8]) -> Int {
    var count = 1
    var index = 0
    while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "\n"): count += 1
        case UInt8(ascii: "\r"): if index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n") { count += 1 }
        case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: count += 1
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
            count += 1
        default: break
        }
        index += 1
    }
    return count
}
