import CZlib

/// Inflates a gzip stream chunk by chunk with zlib (never the whole file at once). Accepts several
/// concatenated gzip members (as `gzip -c a >x; gzip -c b >>x` or pigz produce) and zero padding
/// after the last member; anything else after a member is corruption.
final class GzipChunkSource<Base: ByteChunkSource>: ByteChunkSource {
    static var outputChunkSize: Int { 256 * 1024 }

    private enum State {
        case inMember
        case betweenMembers
        case trailingZeros
        case finished
    }

    private var base: Base
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var compressedBytesBeforeInput = 0
    private var output: [UInt8]
    private var state = State.inMember
    private var outputPending = false

    init(base: Base) throws(ArchiveReadError) {
        self.base = base
        self.output = [UInt8](repeating: 0, count: Self.outputChunkSize)
        self.stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 32: the largest window, with automatic detection of the gzip (or zlib) header.
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .corruptGzip(compressedOffset: 0, reason: "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    private var compressedOffset: Int { compressedBytesBeforeInput + inputOffset }

    func nextChunk() throws(ArchiveReadError) -> [UInt8]? {
        while true {
            if state == .finished { return nil }
            if inputOffset == input.count && !outputPending {
                compressedBytesBeforeInput += input.count
                input = []
                inputOffset = 0
                guard let chunk = try base.nextChunk() else {
                    if state == .inMember { throw .truncatedGzip(compressedOffset: compressedOffset) }
                    state = .finished
                    return nil
                }
                input = chunk
                continue
            }
            switch state {
            case .finished:
                return nil
            case .betweenMembers, .trailingZeros:
                try skipBetweenMembers()
            case .inMember:
                if let produced = try inflateStep(), !produced.isEmpty { return produced }
            }
        }
    }

    /// After a member ends: a new gzip member, zero padding, or corruption.
    private func skipBetweenMembers() throws(ArchiveReadError) {
        let byte = input[inputOffset]
        if state == .betweenMembers && byte == 0x1F {
            inflateReset(stream)
            state = .inMember
            return
        }
        if byte == 0 {
            state = .trailingZeros
            inputOffset += 1
            return
        }
        throw .corruptGzip(
            compressedOffset: compressedOffset,
            reason: state == .trailingZeros
                ? "data after the zero padding that follows the last gzip member"
                : "data after a gzip member that is not another gzip member")
    }

    private func inflateStep() throws(ArchiveReadError) -> [UInt8]? {
        let availableInput = input.count - inputOffset
        let outputCapacity = output.count
        let (status, consumed, produced, message) = input.withUnsafeMutableBufferPointer {
            inputBuffer -> (Int32, Int, Int, String?) in
            output.withUnsafeMutableBufferPointer { outputBuffer -> (Int32, Int, Int, String?) in
                stream.pointee.next_in = inputBuffer.baseAddress.map { $0 + inputOffset }
                stream.pointee.avail_in = UInt32(availableInput)
                stream.pointee.next_out = outputBuffer.baseAddress
                stream.pointee.avail_out = UInt32(outputCapacity)
                let status = inflate(stream, Z_NO_FLUSH)
                let consumed = availableInput - Int(stream.pointee.avail_in)
                let produced = outputCapacity - Int(stream.pointee.avail_out)
                let message = stream.pointee.msg.map { String(cString: $0) }
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
                return (status, consumed, produced, message)
            }
        }
        inputOffset += consumed
        outputPending = produced == outputCapacity
        switch status {
        case Z_OK:
            break
        case Z_BUF_ERROR:
            // No progress possible without more input; the loop fetches it (or reports truncation).
            outputPending = false
        case Z_STREAM_END:
            state = .betweenMembers
            outputPending = false
        default:
            throw .corruptGzip(compressedOffset: compressedOffset, reason: message ?? "zlib status \(status)")
        }
        return Array(output[0..<produced])
    }
}
