// libFuzzer target: the Python settings tokenizer, parser and evaluator (DeploymentSettings' SettingsLoader).
// Built and run by `scripts/fuzz settings SECONDS` (not part of the package, not part of CI).
//
// The input is /srv/app/settings.py; after a line `#%% common` the rest is /srv/app/common.py (which the
// settings may star-import), after a line `#%% yaml` the rest is the --config-yaml file. For every input:
// loading twice gives the same settings and the same diagnostics (no dependence on hashing or addresses),
// every diagnostic has a PA code and a location inside the file it names, and a UTF-8 byte order mark in
// front of the settings changes nothing (Python's tokenizer drops it).
import DeploymentSettings
import Diagnostics
import FileSystemSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSettingsEvaluation(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkSettings(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

struct SettingsInput {
    var settings: [UInt8]
    var common: [UInt8]?
    var yaml: [UInt8]?

    init(_ bytes: [UInt8]) {
        var parts = split(bytes, at: Array("\n#%% yaml\n".utf8))
        yaml = parts.count > 1 ? parts[1] : nil
        parts = split(parts[0], at: Array("\n#%% common\n".utf8))
        common = parts.count > 1 ? parts[1] : nil
        settings = parts[0]
    }
}

/// The bytes before and after the first `separator`.
func split(_ bytes: [UInt8], at separator: [UInt8]) -> [[UInt8]] {
    guard bytes.count >= separator.count else { return [bytes] }
    for start in 0...(bytes.count - separator.count) where bytes[start..<(start + separator.count)].elementsEqual(separator) {
        return [Array(bytes[..<start]), Array(bytes[(start + separator.count)...])]
    }
    return [bytes]
}

struct Outcome: Equatable {
    var values: [String: SettingValue]?
    var errors: [Diagnostic]
    var emitted: [Diagnostic]
}

func load(_ input: SettingsInput) -> Outcome {
    var fileSystem = InMemoryFileSystem()
    fileSystem.addFile("/srv/app/__init__.py", "")
    fileSystem.addFile("/srv/app/settings.py", bytes: input.settings)
    if let common = input.common { fileSystem.addFile("/srv/app/common.py", bytes: common) }
    if let yaml = input.yaml { fileSystem.addFile("/srv/config.yml", bytes: yaml) }
    let request = SettingsRequest(
        settings: "app.settings", pythonPath: ["/srv"], configYAML: input.yaml == nil ? nil : "/srv/config.yml",
        environment: ["SERVICE_VARIANT": "lms", "LMS_CFG": "/srv/config.yml"], workingDirectory: "/srv")
    let collector = DiagnosticCollector()
    do {
        let resolved = try SettingsLoader(fileSystem: fileSystem).load(request, diagnostics: collector)
        return Outcome(values: resolved.values, errors: [], emitted: collector.diagnostics)
    } catch {
        return Outcome(values: nil, errors: error.diagnostics, emitted: collector.diagnostics)
    }
}

func checkSettings(_ bytes: [UInt8]) {
    let input = SettingsInput(bytes)
    let first = load(input)
    if first.values == nil && first.errors.isEmpty { finding("a failed load without a diagnostic") }
    for (file, text) in [("/srv/app/settings.py", input.settings), ("/srv/app/common.py", input.common ?? []), ("/srv/config.yml", input.yaml ?? [])] {
        checkDiagnostics(first.errors + first.emitted, file: file, lineCount: lineCount(of: text), context: "settings")
    }
    let second = load(input)
    guard second == first else { finding("loading the same settings twice gives different results") }

    let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    guard !input.settings.starts(with: byteOrderMark) else { return }
    var marked = input
    marked.settings = byteOrderMark + input.settings
    let withMark = load(marked)
    guard withMark.values?.mapValues(\.value) == first.values?.mapValues(\.value) else {
        finding("a byte order mark in front of the settings changes the values")
    }
    guard Set(withMark.errors.map(\.code)) == Set(first.errors.map(\.code)) else {
        finding("a byte order mark in front of the settings changes the errors: \(first.errors.map(\.code)) → \(withMark.errors.map(\.code))")
    }
}
