import Diagnostics
import JavaScript
import OrderedJSON

/// The one place of a `build --deploy-time-config` bundle that holds the JS_ENV_EXTRA_CONFIG values, so that
/// `configure` can replace them at deploy time without rebuilding.
///
/// The bundle starts with exactly two parts, before the bundle's own code:
///
///     /*proctoring-assets:deploy-time-config {"version":1,"reads":[…],"slotBytes":N}*/\n
///     var __proctoring_assets_config__=function(){return {…}};\n        ← N bytes, ending with "};\n"
///
/// The header is JSON (with every `/` escaped, so it cannot end the comment early) recording the keys the
/// provider reads (each with where in its source) and the exact length of the slot, so the slot is found by
/// position and length, never by searching the text. Each read of `process.env.JS_ENV_EXTRA_CONFIG` in the
/// modules is a call of the function: a fresh object whose values are evaluated at that read, as with
/// DefinePlugin (which pastes the object, or a key's code, at each read).
public struct DeployTimeConfigSlot: Sendable, Hashable {
    /// A place where a module reads the config, with the key path it reads (empty: the whole object).
    public struct Read: Sendable, Hashable {
        public var path: [String]
        /// Relative to the build's context directory, as in the source map.
        public var file: String
        public var line: Int
        public var column: Int

        public init(path: [String], file: String, line: Int, column: Int) {
            self.path = path
            self.file = file
            self.line = line
            self.column = column
        }
    }

    public static let variableName = "__proctoring_assets_config__"
    static let headerPrefix = Array("/*proctoring-assets:deploy-time-config ".utf8)
    static let headerSuffix = Array("*/\n".utf8)
    static let codePrefix = Array("var \(variableName)=function(){return ".utf8)
    static let codeSuffix = Array("};\n".utf8)
    static let version = 1

    public var reads: [Read]
    /// The object literal the function returns (JavaScript, printed from the parsed values).
    public var objectCode: String

    public init(reads: [Read], defines: DefineSet) {
        self.reads = reads
        self.objectCode = Self.objectCode(for: defines)
    }

    init(reads: [Read], objectCode: String) {
        self.reads = reads
        self.objectCode = objectCode
    }

    /// DefinePlugin's `toCode` of the whole object (an unset variable is the empty object).
    static func objectCode(for defines: DefineSet) -> String {
        JavaScriptPrinter.print(DefineExpressions.expression(for: .object(defines.root ?? []), read: 0), options: .minifiedWhitespace)
    }

    /// What the linker puts where a module reads `process.env.JS_ENV_EXTRA_CONFIG`.
    static func readExpression(mark: SourceOffset) -> ExpressionNode {
        ExpressionNode(.call(callee: ExpressionNode(.identifier(variableName)), arguments: [], optionalChain: .none), at: mark)
    }

    /// The header and the slot, as the bundle starts.
    public func rendered() -> [UInt8] {
        let slot = Self.codePrefix + Array(objectCode.utf8) + Self.codeSuffix
        let readsJSON: [JSONValue] = reads.map { read in
            .object([
                JSONMember("path", .array(read.path.map(JSONValue.string))), JSONMember("file", .string(read.file)),
                JSONMember("line", .integer(read.line)), JSONMember("column", .integer(read.column)),
            ])
        }
        let header: JSONValue = .object([
            JSONMember("version", .integer(Self.version)), JSONMember("reads", .array(readsJSON)),
            JSONMember("slotBytes", .integer(slot.count)),
        ])
        // `\/` is JSON for `/`: escaped, no `*/` in a key or a file name can end the comment.
        let headerBytes = JSONWriter.write(header, style: .javaScriptCompact).utf8.flatMap { byte in
            byte == UInt8(ascii: "/") ? [UInt8(ascii: "\\"), byte] : [byte]
        }
        return Self.headerPrefix + headerBytes + Self.headerSuffix + slot
    }

    /// Where a bundle's slot is.
    public struct Located: Sendable {
        public var slot: DeployTimeConfigSlot
        /// Bytes of the header and the slot at the start of the bundle.
        public var length: Int
        public var lineCount: Int
    }

    public enum LocateProblem: Error, Sendable, Equatable {
        /// The bundle does not start with the header: it was built without `--deploy-time-config`.
        case absent
        /// It starts with the header, but the header or the slot is not as written by the build.
        case damaged(String)
    }

    /// Reads the header at the start of `bytes` and checks the slot it describes.
    public static func locate(in bytes: [UInt8]) -> Result<Located, LocateProblem> {
        guard bytes.starts(with: headerPrefix) else { return .failure(.absent) }
        var end = headerPrefix.count
        while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) { end += 1 }
        guard end + headerSuffix.count <= bytes.count, bytes[end...].starts(with: headerSuffix) else {
            return .failure(.damaged("the header comment does not end on its first line"))
        }
        guard let header = try? JSONParser.parse(bytes: Array(bytes[headerPrefix.count..<end])),
            integer(header["version"]) == version,
            let slotBytes = integer(header["slotBytes"]), slotBytes >= codePrefix.count + codeSuffix.count,
            case .array(let readValues)? = header["reads"]
        else { return .failure(.damaged("the header is not the JSON the build writes (version \(version))")) }
        var reads: [Read] = []
        for value in readValues {
            guard case .array(let pathValues)? = value["path"], let file = value["file"]?.stringValue,
                let line = integer(value["line"]), let column = integer(value["column"])
            else { return .failure(.damaged("a read in the header lacks its path, file, line or column")) }
            let path = pathValues.compactMap(\.stringValue)
            guard path.count == pathValues.count else { return .failure(.damaged("a read's key path holds a non-string")) }
            reads.append(Read(path: path, file: file, line: line, column: column))
        }
        let slotStart = end + headerSuffix.count
        let slotEnd = slotStart + slotBytes
        guard slotEnd <= bytes.count else { return .failure(.damaged("the slot is shorter than its header says")) }
        let slot = bytes[slotStart..<slotEnd]
        guard slot.starts(with: codePrefix), slot.reversed().starts(with: codeSuffix.reversed()) else {
            return .failure(.damaged("the \(slotBytes) bytes after the header are not the config function"))
        }
        let code = String(decoding: slot.dropFirst(codePrefix.count).dropLast(codeSuffix.count), as: UTF8.self)
        let located = DeployTimeConfigSlot(reads: reads, objectCode: code)
        return .success(Located(slot: located, length: slotEnd, lineCount: bytes[..<slotEnd].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }))
    }

    private static func integer(_ value: JSONValue?) -> Int? {
        if case .number(let text)? = value { return Int(text) }
        return nil
    }

    /// `bundle` with its slot replaced by one holding `defines` (the recorded reads stay).
    public static func replacing(in bundle: [UInt8], located: Located, with defines: DefineSet) -> [UInt8] {
        DeployTimeConfigSlot(reads: located.slot.reads, defines: defines).rendered() + bundle[located.length...]
    }

    /// The diagnostics `build` gives for `defines` and these reads, with the values stricter than a direct
    /// build: every value is in the slot and evaluated at each read, so one that is not an expression (PA182)
    /// or reads a name a worker lacks (PA187) is an error even when no module reads its key.
    public static func diagnostics(defines: DefineSet, reads: [Read]) -> [Diagnostic] {
        let sites = reads.map { read in
            var missingFrom: Int?
            if defines.root != nil {
                for index in read.path.indices where defines.value(at: Array(read.path[...index])) == nil {
                    missingFrom = index
                    break
                }
            }
            return DefineValidation.Site(
                path: read.file, source: [], read: DefineRead(offset: 0, path: read.path, missingFrom: missingFrom),
                at: .file(read.file, line: read.line, column: read.column))
        }
        return strict(DefineValidation.diagnostics(defines: defines, sites: sites))
    }

    static func strict(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            guard diagnostic.severity == .warning,
                diagnostic.code == .extraConfigValueNotExpression || diagnostic.code == .extraConfigValueReadsFreeName
            else { return diagnostic }
            var strict = diagnostic
            strict.severity = .error
            strict.notes.append(
                "with a deploy-time config every value is in the bundle's config object, evaluated wherever a module reads the config")
            return strict
        }
    }

    /// A source map of the bundle with the slot's lines changed from `oldLines` to `newLines`: the mappings
    /// start with one empty line (`;`) per line of the slot, which never maps to a source.
    public static func shiftedSourceMap(_ map: [UInt8], from oldLines: Int, to newLines: Int) -> [UInt8]? {
        guard oldLines != newLines else { return map }
        guard case .object(var members) = try? JSONParser.parse(bytes: map),
            let index = members.firstIndex(where: { $0.key == "mappings" }),
            let mappings = members[index].value.stringValue,
            mappings.utf8.prefix(oldLines).allSatisfy({ $0 == UInt8(ascii: ";") }), mappings.utf8.count >= oldLines
        else { return nil }
        members[index].value = .string(String(repeating: ";", count: newLines) + String(mappings.dropFirst(oldLines)))
        return Array(JSONWriter.write(.object(members), style: .javaScriptCompact).utf8)
    }
}
