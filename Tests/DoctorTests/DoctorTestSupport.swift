import DeploymentSettings
import Diagnostics
import FileSystemSupport
@testable import Doctor

/// Runs the doctor over an in-memory tree rooted at /work.
func doctorFindings(
    _ files: [String: String], settings: DoctorSettingsInput? = nil, environment: [String: String] = [:],
    order: [String]? = nil
) -> [Diagnostic] {
    var fileSystem = InMemoryFileSystem()
    for (path, text) in files { fileSystem.addFile("/work/" + path, text) }
    let collector = DiagnosticCollector()
    Doctor(fileSystem: fileSystem, workingDirectory: "/work")
        .examine(files: order ?? files.keys.sorted(), settings: settings, environment: environment, diagnostics: collector)
    return collector.diagnostics
}

func codes(_ findings: [Diagnostic]) -> [String] {
    findings.map(\.code.identifier)
}

/// Settings with the given values, each from `settings.py` line 1 unless a line is given.
func settingsInput(
    _ values: [String: PythonValue], lines: [String: Int] = [:], filesRead: [String] = ["settings.py"],
    runtime: [String: PythonValue]? = nil, backendNpmModules: [String: String?]? = nil
) -> DoctorSettingsInput {
    func resolved(_ values: [String: PythonValue]) -> ResolvedSettings {
        ResolvedSettings(
            values: values.mapValues { _ in SettingValue(value: .none, provenance: Provenance(kind: .settingsFile, location: .file("settings.py"))) }
                .merging(values.map { name, value in
                    (name, SettingValue(value: value, provenance: Provenance(kind: .settingsFile, location: .file("settings.py", line: lines[name] ?? 1, column: 1))))
                }, uniquingKeysWith: { $1 }),
            filesRead: filesRead, settingsName: "lms.envs.assets")
    }
    return DoctorSettingsInput(
        buildTime: resolved(values), runtime: runtime.map(resolved), settingsFiles: ["settings.py"],
        backendNpmModules: backendNpmModules)
}

func backends(_ defaultName: String, _ names: [String]) -> PythonValue {
    .dict([PythonDictEntry(key: .string("DEFAULT"), value: .string(defaultName))]
        + names.map { PythonDictEntry(key: .string($0), value: .dict([])) })
}

/// A complete, correct set of settings for an image with edx-platform at /openedx/edx-platform.
func goodSettings(_ backendNames: [String] = ["proctortrack"], overriding: [String: PythonValue] = [:]) -> DoctorSettingsInput {
    var values: [String: PythonValue] = [
        "ENV_ROOT": .path("/openedx"),
        "NODE_MODULES_ROOT": .path("/openedx/edx-platform/node_modules"),
        "STATIC_ROOT": .path("/openedx/staticfiles"),
        "LMS_ROOT_URL": .string("https://lms.example.com"),
        "PROCTORING_BACKENDS": backends(backendNames.first ?? "null", backendNames),
    ]
    values.merge(overriding, uniquingKeysWith: { $1 })
    return settingsInput(values)
}

/// A correct Dockerfile around `assetSteps` (which run in /openedx/edx-platform).
func dockerfile(_ assetSteps: String, install: String = "RUN npm ci && npm install edx-proctoring-proctortrack") -> String {
    """
    FROM python:3.11 AS base
    WORKDIR /openedx/edx-platform
    \(install)
    ENV STATIC_ROOT_LMS=/openedx/staticfiles
    \(assetSteps)
    """
}

let goodConfig = #"ENV JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL": "\"https://cdn.example.com/x.js\""}'"#
