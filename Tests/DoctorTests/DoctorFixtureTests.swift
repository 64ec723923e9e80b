import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Foundation
import Testing
@testable import Doctor

/// The before/after build fixtures: each "before" yields exactly `expected.txt`, each "after" nothing.
/// Set PA_RECORD_DOCTOR_FIXTURES=1 to rewrite the expected files (then review the diff).
@Suite struct DoctorFixtureTests {
    static let fixturesRoot: String = {
        let testsFolder = PathComponents.dirname(PathComponents.dirname(#filePath))
        return PathComponents.join(testsFolder, "Fixtures/Doctor")
    }()

    @Test(arguments: ["earthfile", "dockerfile", "tutor"])
    func beforeYieldsExactlyTheExpectedFindings(fixture: String) throws {
        let folder = PathComponents.join(Self.fixturesRoot, fixture, "before")
        let lines = try Self.examine(folder: folder, settings: Self.settings(fixture, folder: folder, fixed: false))
        let expectedPath = PathComponents.join(folder, "expected.txt")
        if ProcessInfo.processInfo.environment["PA_RECORD_DOCTOR_FIXTURES"] == "1" {
            try (lines.joined(separator: "\n") + "\n").write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        #expect(lines == expected)
    }

    @Test(arguments: ["earthfile", "dockerfile", "tutor"])
    func afterYieldsNothing(fixture: String) throws {
        let folder = PathComponents.join(Self.fixturesRoot, fixture, "after")
        let lines = try Self.examine(folder: folder, settings: Self.settings(fixture, folder: folder, fixed: true))
        #expect(lines == [])
    }

    static func examine(folder: String, settings: DoctorSettingsInput) throws -> [String] {
        let inputs = try String(contentsOfFile: PathComponents.join(folder, "inputs.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let collector = DiagnosticCollector()
        Doctor(fileSystem: DiskFileSystem(), workingDirectory: folder)
            .examine(files: inputs, settings: settings, environment: [:], diagnostics: collector)
        let renderer = TextReportRenderer(color: false)
        return collector.diagnostics.flatMap { renderer.render($0) }
    }

    /// The settings the settings loader would resolve for each fixture, written out by hand.
    static func settings(_ fixture: String, folder: String, fixed: Bool) -> DoctorSettingsInput {
        var builder = SettingsBuilder(folder: folder)
        switch fixture {
        case "earthfile":
            let file = "settings/assets.not_py"
            builder.set("ENV_ROOT", .path("/openedx"), file: file)
            builder.set("STATIC_ROOT", .path("/openedx/staticfiles"), file: file)
            builder.set("LMS_ROOT_URL", .string("https://courses.example.edu"), file: file)
            builder.set("PROCTORING_BACKENDS", SettingsBuilder.backends(default: "proctortrack", ["proctortrack"]), file: file)
            if fixed {
                builder.set("NODE_MODULES_ROOT", .path("/openedx/edx-platform/node_modules"), file: "lms/envs/common.py")
                builder.filesRead = [file, "lms/envs/common.py"]
            } else {
                // `from .production_base import *` cannot be resolved outside the image.
                builder.filesRead = [file]
            }
            return DoctorSettingsInput(
                buildTime: builder.resolved(name: "lms.envs.assets"), settingsFiles: [file])
        case "dockerfile":
            let file = "settings/production.not_py"
            builder.set("ENV_ROOT", .path(fixed ? "/edx/app/edxapp" : "/edx/app/edxapp/venvs/edxapp"), file: file)
            builder.set("LMS_ROOT_URL", .string(fixed ? "https://courses.example.org" : "courses.example.org"), file: file)
            builder.set(
                "PROCTORING_BACKENDS",
                SettingsBuilder.backends(default: fixed ? "proctortrack" : "proctortrak", ["proctortrack", "null"]), file: file)
            builder.set("NODE_MODULES_ROOT", .path("/edx/app/edxapp/edx-platform/node_modules"), file: "lms/envs/common.py")
            builder.set("STATIC_ROOT", .path("/edx/var/edxapp/staticfiles"), file: "lms/envs/production.py")
            builder.filesRead = [file, "lms/envs/production.py", "lms/envs/common.py"]
            return DoctorSettingsInput(buildTime: builder.resolved(name: "lms.envs.site_production"), settingsFiles: [file])
        default:
            let file = "settings/assets.py"
            builder.set("ENV_ROOT", .path("/openedx"), file: "lms/envs/common.py")
            builder.set("NODE_MODULES_ROOT", .path("/openedx/edx-platform/node_modules"), file: "lms/envs/common.py")
            builder.set("STATIC_ROOT", .string("/openedx/staticfiles"), file: file)
            builder.set("LMS_ROOT_URL", .string("https://learn.example.com"), file: file)
            builder.filesRead = [file, "lms/envs/common.py"]
            return DoctorSettingsInput(buildTime: builder.resolved(name: "lms.envs.tutor.assets"), settingsFiles: [file])
        }
    }
}

/// Builds `ResolvedSettings` whose provenance points at the line of `NAME =` in the fixture's file.
struct SettingsBuilder {
    let folder: String
    var values: [String: SettingValue] = [:]
    var filesRead: [String] = []

    init(folder: String) {
        self.folder = folder
    }

    mutating func set(_ name: String, _ value: PythonValue, file: String) {
        var line: Int?
        var column: Int?
        if let text = try? String(contentsOfFile: PathComponents.join(folder, file), encoding: .utf8) {
            for (offset, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where content.hasPrefix(name + " =") {
                line = offset + 1
                column = 1
            }
        }
        values[name] = SettingValue(
            value: value, provenance: Provenance(kind: .settingsFile, location: .file(file, line: line, column: column)))
    }

    func resolved(name: String) -> ResolvedSettings {
        ResolvedSettings(values: values, filesRead: filesRead, settingsName: name)
    }

    static func backends(default defaultName: String, _ names: [String]) -> PythonValue {
        .dict([PythonDictEntry(key: .string("DEFAULT"), value: .string(defaultName))]
            + names.map { PythonDictEntry(key: .string($0), value: .dict([])) })
    }
}
