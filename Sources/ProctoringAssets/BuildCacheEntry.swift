import Bundler
import Diagnostics
import Encodings

/// What the build cache keeps for one build: the inputs the bundler read with their answers, and what it
/// produced (the bundles and the warnings and notes it emitted, replayed on reuse).
///
/// On disk: a magic line, then length-prefixed fields (little-endian UInt32 lengths and counts), then the
/// SHA-256 of everything before it. A truncated, damaged or foreign file fails to decode; it is never
/// half-read. Each bundle (and source map) is stored with its SHA-384 value, computed once when the entry is
/// made: a reuse reports those values instead of hashing the bundles again, and the checksum covers them.
struct BuildCacheEntry: Sendable {
    /// The build-cache key the entry was stored under; a file whose key differs is foreign.
    var key: String
    var inputs: [(input: BuildInput, answer: String)]
    var bundles: [BuiltWorker]
    var mode: ResolverOptions.Mode
    var minified: Bool
    var diagnostics: [Diagnostic]
    /// The SHA-384 value of each bundle's bytes and of each source map, in bundle order.
    private(set) var integrities: [KnownIntegrity]

    /// Changes whenever the layout below changes, so an older tool's entries read as foreign (the magic is
    /// part of the key too, so an older entry is not even looked up).
    static let magic = Array("proctoring-assets build cache 2\n".utf8)

    /// Whether an input's answer is stored or is `BuildInput.answer(realPath:)` of its own path.
    private static let answerFollows: UInt8 = 0
    private static let answerIsThePath: UInt8 = 1

    init(
        key: String, inputs: [(input: BuildInput, answer: String)], bundles: [BuiltWorker], mode: ResolverOptions.Mode,
        minified: Bool, diagnostics: [Diagnostic]
    ) {
        let integrities = bundles.flatMap { bundle in
            [bundle.bytes] + (bundle.sourceMap.map { [$0] } ?? [])
        }.map { KnownIntegrity(bytes: $0, value: SubresourceIntegrity.sha384($0)) }
        self.init(
            key: key, inputs: inputs, bundles: bundles, mode: mode, minified: minified, diagnostics: diagnostics,
            integrities: integrities)
    }

    private init(
        key: String, inputs: [(input: BuildInput, answer: String)], bundles: [BuiltWorker], mode: ResolverOptions.Mode,
        minified: Bool, diagnostics: [Diagnostic], integrities: [KnownIntegrity]
    ) {
        self.key = key
        self.inputs = inputs
        self.bundles = bundles
        self.mode = mode
        self.minified = minified
        self.diagnostics = diagnostics
        self.integrities = integrities
    }

    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: Self.magic)
        writer.string(key)
        // The inputs come sorted by path: each path is stored as the length of the prefix it shares with the
        // one before and the rest, and an answer that is "the path itself" (most `realPath` answers) as a flag,
        // which halves what a rebuild reads and hashes besides the bundles.
        writer.count(inputs.count)
        var previousPath: [UInt8] = []
        for (input, answer) in inputs {
            let path = Array(input.path.utf8)
            let shared = zip(previousPath, path).prefix { $0 == $1 }.count
            writer.byte(input.query.rawValue)
            writer.count(shared)
            writer.blob(Array(path[shared...]))
            if BuildInput.isRealPathAnswer(answer, resolvingTo: input.path) {
                writer.byte(Self.answerIsThePath)
            } else {
                writer.byte(Self.answerFollows)
                writer.string(answer)
            }
            previousPath = path
        }
        writer.count(bundles.count)
        var integrityValues = integrities.map(\.value).makeIterator()
        for bundle in bundles {
            writer.string(bundle.entryName)
            writer.string(bundle.fileName)
            writer.blob(bundle.bytes)
            writer.string(integrityValues.next() ?? "")
            writer.optionalBlob(bundle.sourceMap)
            writer.optionalString(bundle.sourceMap == nil ? nil : integrityValues.next() ?? "")
            writer.string(bundle.detail)
        }
        writer.string(mode.rawValue)
        writer.byte(minified ? 1 : 0)
        writer.count(diagnostics.count)
        for diagnostic in diagnostics {
            writer.string(diagnostic.code.identifier)
            writer.string(diagnostic.severity.rawValue)
            writer.string(diagnostic.message)
            writer.optionalString(diagnostic.location?.file)
            writer.optionalString(diagnostic.location?.line.map(String.init))
            writer.optionalString(diagnostic.location?.column.map(String.init))
            writer.optionalString(diagnostic.location?.source)
            writer.byte(diagnostic.location == nil ? 0 : 1)
            writer.optionalString(diagnostic.fix)
            writer.count(diagnostic.notes.count)
            for note in diagnostic.notes { writer.string(note) }
        }
        let checksum = Array(SubresourceIntegrity.value(of: writer.bytes, algorithm: .sha256).utf8)
        writer.blob(checksum)
        return writer.bytes
    }

    /// Why an entry file cannot be used.
    struct DecodeError: Error, Sendable {
        var reason: String
    }

    static func decode(_ bytes: [UInt8], codes: (String) -> DiagnosticCode?) -> Result<BuildCacheEntry, DecodeError> {
        decodeBeforeVerifying(bytes, codes: codes).verified()
    }

    /// An entry whose fields are read while its checksum is still being computed on another processor, so
    /// that the caller can check the inputs meanwhile. Nothing from it may be used before `verified()` gives
    /// the entry: a damaged file's inputs can only cost a useless check, never a wrong result.
    struct Unverified {
        fileprivate var fields: Result<BuildCacheEntry, DecodeError>
        fileprivate var checksumMatches: BackgroundResult<Bool>?

        /// The recorded inputs as read, to check before `verified()`; empty when the fields are malformed.
        var inputs: [(input: BuildInput, answer: String)] {
            (try? fields.get())?.inputs ?? []
        }

        /// The entry when its checksum matches (waiting for it); a damaged checksum is reported before
        /// malformed fields.
        func verified() -> Result<BuildCacheEntry, DecodeError> {
            if let checksumMatches, !checksumMatches.value {
                return .failure(DecodeError(reason: "truncated or damaged (checksum mismatch)"))
            }
            return fields
        }
    }

    static func decodeBeforeVerifying(_ bytes: [UInt8], codes: (String) -> DiagnosticCode?) -> Unverified {
        guard bytes.count >= magic.count, bytes.starts(with: magic) else {
            return Unverified(fields: .failure(DecodeError(reason: "not an entry of this version of proctoring-assets")))
        }
        // The checksum is the last field: its length (4 bytes) then the text; everything before it is hashed.
        let checksumLength = Array(SubresourceIntegrity.value(of: [], algorithm: .sha256).utf8).count
        guard bytes.count >= magic.count + 4 + checksumLength else {
            return Unverified(fields: .failure(DecodeError(reason: "truncated")))
        }
        let payloadEnd = bytes.count - 4 - checksumLength
        // The checksum (a third of a cached rebuild's own work on a large bundle) is computed on another
        // processor while the fields are read and the inputs checked.
        let checksumMatches = BackgroundResult { [bytes] in
            let checksum = bytes.withUnsafeBytes { all in
                SubresourceIntegrity.value(of: UnsafeRawBufferPointer(rebasing: all[0..<payloadEnd]), algorithm: .sha256)
            }
            var trailer = ByteReader(bytes: bytes, position: payloadEnd)
            guard let stored = trailer.blob(), trailer.isAtEnd else { return false }
            return stored.elementsEqual(checksum.utf8)
        }
        var reader = ByteReader(bytes: bytes, position: magic.count, end: payloadEnd)
        guard let entry = readFields(&reader, codes: codes), reader.isAtEnd else {
            return Unverified(fields: .failure(DecodeError(reason: "malformed fields")), checksumMatches: checksumMatches)
        }
        return Unverified(fields: .success(entry), checksumMatches: checksumMatches)
    }

    private static func readFields(_ reader: inout ByteReader, codes: (String) -> DiagnosticCode?) -> BuildCacheEntry? {
        guard let key = reader.string(), let inputCount = reader.count() else { return nil }
        var inputs: [(input: BuildInput, answer: String)] = []
        inputs.reserveCapacity(min(inputCount, reader.remaining))
        var path: [UInt8] = []
        for _ in 0..<inputCount {
            guard let raw = reader.byte(), let query = BuildInput.Query(rawValue: raw), let shared = reader.count(),
                shared <= path.count, let rest = reader.field(), let answerKind = reader.byte()
            else { return nil }
            path.removeSubrange(shared...)
            path.append(contentsOf: reader.bytes[rest])
            let text = String(decoding: path, as: UTF8.self)
            let answer: String
            switch answerKind {
            case answerIsThePath: answer = BuildInput.answer(realPath: text)
            case answerFollows:
                guard let stored = reader.string() else { return nil }
                answer = stored
            default: return nil
            }
            inputs.append((BuildInput(query: query, path: text), answer))
        }
        guard let bundleCount = reader.count() else { return nil }
        var bundles: [BuiltWorker] = []
        var integrities: [KnownIntegrity] = []
        for _ in 0..<bundleCount {
            guard let entryName = reader.string(), let fileName = reader.string(), let bytes = reader.blob(),
                let integrity = reader.string(), let sourceMap = reader.optionalBlob(), let sourceMapIntegrity = reader.optionalString(),
                (sourceMap == nil) == (sourceMapIntegrity == nil), let detail = reader.string()
            else { return nil }
            bundles.append(BuiltWorker(entryName: entryName, fileName: fileName, bytes: bytes, sourceMap: sourceMap, detail: detail))
            integrities.append(KnownIntegrity(bytes: bytes, value: integrity))
            if let sourceMap, let sourceMapIntegrity { integrities.append(KnownIntegrity(bytes: sourceMap, value: sourceMapIntegrity)) }
        }
        guard let modeText = reader.string(), let mode = ResolverOptions.Mode(rawValue: modeText), let minified = reader.byte(),
            let diagnosticCount = reader.count()
        else { return nil }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<diagnosticCount {
            guard let identifier = reader.string(), let code = codes(identifier), let severityText = reader.string(),
                let severity = Severity(rawValue: severityText), let message = reader.string(), let file = reader.optionalString(),
                let line = reader.optionalString(), let column = reader.optionalString(), let source = reader.optionalString(),
                let hasLocation = reader.byte(), let fix = reader.optionalString(), let noteCount = reader.count()
            else { return nil }
            var notes: [String] = []
            for _ in 0..<noteCount {
                guard let note = reader.string() else { return nil }
                notes.append(note)
            }
            let location = hasLocation == 1
                ? SourceLocation(file: file, line: line.flatMap { Int($0) }, column: column.flatMap { Int($0) }, source: source) : nil
            diagnostics.append(Diagnostic(code, message, at: location, fix: fix, notes: notes, severity: severity))
        }
        return BuildCacheEntry(
            key: key, inputs: inputs, bundles: bundles, mode: mode, minified: minified == 1, diagnostics: diagnostics,
            integrities: integrities)
    }
}

extension BuiltWorker {
    init(entryName: String, fileName: String, bytes: [UInt8], sourceMap: [UInt8]?, detail: String) {
        self.entryName = entryName
        self.fileName = fileName
        self.bytes = bytes
        self.sourceMap = sourceMap
        self.detail = detail
    }
}

/// Appends the length-prefixed fields of a cache entry.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func count(_ value: Int) {
        let value = UInt32(truncatingIfNeeded: value)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func blob(_ value: [UInt8]) {
        count(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func string(_ value: String) { blob(Array(value.utf8)) }

    mutating func optionalBlob(_ value: [UInt8]?) {
        byte(value == nil ? 0 : 1)
        if let value { blob(value) }
    }

    mutating func optionalString(_ value: String?) { optionalBlob(value.map { Array($0.utf8) }) }
}

/// Reads the fields `ByteWriter` wrote from `bytes[position..<end]`; nil (never a trap) when the bytes end
/// early or a field is malformed.
private struct ByteReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    init(bytes: [UInt8], position: Int, end: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = end ?? bytes.count
    }

    var isAtEnd: Bool { position == end }

    /// How many bytes are left (a bound for counts read from the file).
    var remaining: Int { end - position }

    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func count() -> Int? {
        guard end - position >= 4 else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << UInt32(8 * index) }
        position += 4
        return Int(value)
    }

    /// The range of the next length-prefixed field.
    mutating func field() -> Range<Int>? {
        guard let length = count(), end - position >= length else { return nil }
        defer { position += length }
        return position..<(position + length)
    }

    mutating func blob() -> [UInt8]? {
        field().map { Array(bytes[$0]) }
    }

    /// The text of a field. Decoded without a separate validation pass: the entry is used only when its
    /// checksum matches, and then these are the bytes `ByteWriter` wrote from a `String`, valid UTF-8 (and
    /// the generic validating initialiser costs a runtime metadata look-up per call — thousands per entry).
    mutating func string() -> String? {
        guard let range = field() else { return nil }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    mutating func optionalBlob() -> [UInt8]?? {
        guard let flag = byte(), flag <= 1 else { return nil }
        if flag == 0 { return .some(nil) }
        guard let value = blob() else { return nil }
        return .some(value)
    }

    mutating func optionalString() -> String?? {
        guard let raw = optionalBlob() else { return nil }
        guard let value = raw else { return .some(nil) }
        guard let text = String(validating: value, as: UTF8.self) else { return nil }
        return .some(text)
    }
}
