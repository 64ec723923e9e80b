import Diagnostics

/// A syntax error with the byte offset where it was found and, once the parser knows the file, its line and column.
public struct JavaScriptSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: DiagnosticCode
    public var message: String
    /// Byte offset in the UTF-8 source.
    public var offset: Int
    public var fileName: String
    /// 1-based line, counting every ECMAScript line terminator.
    public var line: Int
    /// 1-based column in Unicode scalars.
    public var column: Int

    init(_ code: DiagnosticCode, _ message: String, at offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
        self.fileName = ""
        self.line = 0
        self.column = 0
    }

    public var description: String { "\(fileName):\(line):\(column): \(code.identifier) \(message)" }

    /// The error as a diagnostic located at file:line:col.
    public var diagnostic: Diagnostic {
        Diagnostic(
            code, message, at: .file(fileName, line: line, column: column),
            fix: "Fix the JavaScript syntax at this position, or check that the file is parsed as the right kind (script or module)."
        )
    }
}

/// 1-based line and column (Unicode scalars) of a byte offset, counting LF, CR, CRLF, U+2028 and U+2029 as line breaks.
public struct JavaScriptSourcePosition: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public init(offset: Int, in source: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, source.count)
        while index < end {
            let byte = source[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                if index + 1 < source.count, source[index + 1] == 0x0A {
                    index += 1
                }
                line += 1
                column = 1
            } else if byte == 0xE2, index + 2 < source.count, source[index + 1] == 0x80,
                source[index + 2] == 0xA8 || source[index + 2] == 0xA9
            {
                index += 2
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        self.init(line: line, column: column)
    }

    public init(offset: Int, in source: [UInt8]) {
        self = source.withUnsafeBufferPointer { JavaScriptSourcePosition(offset: offset, in: $0) }
    }
}
