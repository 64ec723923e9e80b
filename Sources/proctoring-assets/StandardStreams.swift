import Foundation

/// Writes to stdout/stderr without buffering surprises (the report is one write).
enum StandardStreams {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var isStandardOutputTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    static var isStandardErrorTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
