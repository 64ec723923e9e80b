import FileSystemSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes to stdout/stderr without buffering surprises: the report is one `write` (or as many as a pipe
/// takes), straight from the text's UTF-8 bytes. A stream that cannot be written (closed, full disk) is
/// not an error of the command: its exit status stays the report's.
enum StandardStreams {
    static func write(_ text: String) { writeAll(text, to: STDOUT_FILENO) }

    static func writeError(_ text: String) { writeAll(text, to: STDERR_FILENO) }

    static var isStandardOutputTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    static var isStandardErrorTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        _ = text.withUTF8 { DescriptorWriting.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }
}
