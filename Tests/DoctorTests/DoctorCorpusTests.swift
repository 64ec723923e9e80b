import Diagnostics
import FileSystemSupport
import Testing
@testable import Doctor

/// Real, public build files of Open edX deployments (Tests/Fixtures/Doctor/corpus, sources and licences
/// in its README), each with the findings written down by hand: code, severity, file:line, exit status.
@Suite struct DoctorCorpusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var folder: String
        var files: [String]
        var expected: [String]
        var exitStatus: Int
        var testDescription: String { "\(folder): \(files.joined(separator: " "))" }
    }

    static let corpusRoot: String = {
        let testsFolder = PathComponents.dirname(PathComponents.dirname(#filePath))
        return PathComponents.join(testsFolder, "Fixtures/Doctor/corpus")
    }()

    static let cases: [Case] = [
        // MIT Open Learning, Nov 2025: Proctortrack configured, JS_ENV_EXTRA_CONFIG commented out in both
        // asset targets, the npm package installed nowhere (fixed two commits later).
        Case(folder: "mitodl-earthfile-69a606f72", files: ["Earthfile", "settings/lms/assets.not_py"], expected: [
            "PA401 warning Earthfile:178", "PA403 error Earthfile:178", "PA408 error Earthfile:178",
            "PA401 warning Earthfile:202", "PA403 error Earthfile:202",
            "PA008 note settings/lms/assets.not_py:5", "PA418 warning settings/lms/assets.not_py:24",
        ], exitStatus: 1),
        // The same Earthfile without its settings: one note names the module and the file to pass.
        Case(folder: "mitodl-earthfile-69a606f72", files: ["Earthfile"], expected: [
            "PA436 note Earthfile:176", "PA401 warning Earthfile:178", "PA403 warning Earthfile:178",
            "PA401 warning Earthfile:202", "PA403 warning Earthfile:202",
        ], exitStatus: 0),
        // The npm package added (`npm install git+…/edx-proctoring-proctortrack.git#…`); still no JS_ENV_EXTRA_CONFIG.
        Case(folder: "mitodl-earthfile-e8e9f0db4", files: ["Earthfile", "settings/lms/assets.not_py"], expected: [
            "PA401 warning Earthfile:178", "PA403 error Earthfile:178", "PA401 warning Earthfile:199", "PA403 error Earthfile:199",
            "PA008 note settings/lms/assets.not_py:5", "PA418 warning settings/lms/assets.not_py:20",
        ], exitStatus: 1),
        // Fixed: package installed, JS_ENV_EXTRA_CONFIG set, Django started before webpack.
        Case(folder: "mitodl-earthfile-9ad506eb1", files: ["Earthfile", "settings/lms/assets.not_py"], expected: [
            "PA401 warning Earthfile:185", "PA413 note settings/lms/assets.not_py:-", "PA413 note settings/lms/assets.not_py:-",
            "PA008 note settings/lms/assets.not_py:5", "PA418 warning settings/lms/assets.not_py:22",
        ], exitStatus: 0),
        // Their earlier Dockerfile: pip-installs edx-proctoring-proctortrack==1.2.1 (for mitxonline), never the npm package.
        Case(folder: "mitodl-dockerfile-81ea37c19", files: ["Dockerfile", "settings/lms/assets.not_py"], expected: [
            "PA408 error Dockerfile:124", "PA413 note settings/lms/assets.not_py:-", "PA413 note settings/lms/assets.not_py:-",
            "PA008 note settings/lms/assets.not_py:5",
        ], exitStatus: 1),
        Case(folder: "mitodl-dockerfile-81ea37c19", files: ["Dockerfile"], expected: [
            "PA436 note Dockerfile:123", "PA408 error Dockerfile:124",
        ], exitStatus: 1),
        // Tutor 22.0.3 as `tutor config save` renders it: no provider, so warnings and one note.
        Case(folder: "tutor-22.0.3-default", files: ["Dockerfile", "settings/lms/assets.py", "settings/lms/i18n.py"], expected: [
            "PA403 warning Dockerfile:241", "PA437 note Dockerfile:241", "PA416 warning Dockerfile:249",
            "PA403 warning Dockerfile:309", "PA413 note settings/lms/i18n.py:-", "PA413 note settings/lms/i18n.py:-",
            "PA008 note settings/lms/i18n.py:1",
        ], exitStatus: 0),
        Case(folder: "tutor-22.0.3-default", files: ["Dockerfile"], expected: [
            "PA436 note Dockerfile:218", "PA403 warning Dockerfile:241", "PA416 warning Dockerfile:249", "PA403 warning Dockerfile:309",
        ], exitStatus: 0),
        // Tutor 22.0.3 with OPENEDX_EXTRA_PIP_REQUIREMENTS=[edx-proctoring-proctortrack==1.2.1]: the rendered
        // `$PIP_COMMAND install` tells the provider; nothing installs its npm package or sets JS_ENV_EXTRA_CONFIG.
        Case(folder: "tutor-22.0.3-proctortrack-pip", files: ["Dockerfile"], expected: [
            "PA436 note Dockerfile:221", "PA403 error Dockerfile:244", "PA408 error Dockerfile:244",
            "PA416 warning Dockerfile:252", "PA403 error Dockerfile:312",
        ], exitStatus: 1),
        Case(folder: "tutor-22.0.3-proctortrack-pip", files: ["Dockerfile", "config.yml"], expected: [
            "PA436 note Dockerfile:221", "PA403 error Dockerfile:244", "PA408 error Dockerfile:244",
            "PA416 warning Dockerfile:252", "PA403 error Dockerfile:312",
        ], exitStatus: 1),
        // Tutor 17.0.6 (Quince): Tutor's own `openedx-assets webpack` before any collect, the same story.
        Case(folder: "tutor-17.0.6-default", files: ["Dockerfile", "settings/lms/assets.py", "settings/lms/i18n.py"], expected: [
            "PA403 warning Dockerfile:219", "PA437 note Dockerfile:219", "PA416 warning Dockerfile:223",
            "PA403 warning Dockerfile:275", "PA413 note settings/lms/i18n.py:-", "PA413 note settings/lms/i18n.py:-",
            "PA008 note settings/lms/i18n.py:1",
        ], exitStatus: 0),
        Case(folder: "tutor-17.0.6-default", files: ["Dockerfile"], expected: [
            "PA436 note Dockerfile:195", "PA403 warning Dockerfile:219", "PA416 warning Dockerfile:223", "PA403 warning Dockerfile:275",
        ], exitStatus: 0),
        Case(folder: "tutor-17.0.6-proctortrack-pip", files: ["Dockerfile", "config.yml"], expected: [
            "PA436 note Dockerfile:198", "PA403 error Dockerfile:222", "PA408 error Dockerfile:222",
            "PA416 warning Dockerfile:226", "PA403 error Dockerfile:278",
        ], exitStatus: 1),
        // Devstack's update-lms.sh: paver runs the whole asset build inside `docker exec … bash -c`; no rule applies.
        Case(folder: "devstack-update-lms", files: ["update-lms.sh"], expected: [], exitStatus: 0),
        // FUN's images: `COPY ./config /config` then `ln -sf /config/lms …/lms/envs/fun`, paver builds assets.
        Case(folder: "openfun-openedx-docker-ironwood-2-oee", files: ["Dockerfile", "config/lms/docker_build_production.py"], expected: [
            "PA413 note config/lms/docker_build_production.py:-", "PA413 note config/lms/docker_build_production.py:-",
            "PA008 note config/lms/docker_build_production.py:7",
        ], exitStatus: 0),
        Case(folder: "openfun-openedx-docker-ironwood-2-oee", files: ["Dockerfile"], expected: ["PA436 note Dockerfile:146"], exitStatus: 0),
        Case(folder: "openfun-openedx-docker-hawthorn-1-oee", files: ["Dockerfile", "config/lms/docker_build_production.py"], expected: [
            "PA413 note config/lms/docker_build_production.py:-", "PA413 note config/lms/docker_build_production.py:-",
            "PA008 note config/lms/docker_build_production.py:7",
        ], exitStatus: 0),
        Case(folder: "openfun-openedx-docker-eucalyptus-3-wb", files: ["Dockerfile", "config/lms/docker_build_production.py"], expected: [
            "PA413 note config/lms/docker_build_production.py:-", "PA413 note config/lms/docker_build_production.py:-",
            "PA008 note config/lms/docker_build_production.py:3",
        ], exitStatus: 0),
    ]

    @Test(arguments: cases)
    func findingsAreTheOnesWrittenDown(_ corpusCase: Case) {
        let folder = PathComponents.join(Self.corpusRoot, corpusCase.folder)
        let collector = DiagnosticCollector()
        Doctor(fileSystem: DiskFileSystem(), workingDirectory: folder)
            .examine(files: corpusCase.files, settings: nil, environment: [:], diagnostics: collector)
        let found = collector.diagnostics.map { "\($0.code.identifier) \($0.severity.rawValue) \($0.location?.file ?? "-"):\($0.location?.line.map(String.init) ?? "-")" }
        #expect(found == corpusCase.expected)
        let exitStatus = collector.diagnostics.contains { $0.severity == .error } ? 1 : 0
        #expect(exitStatus == corpusCase.exitStatus)
    }

    /// Abstract-Tech/derex.openedx `ironwood/compile_assets.sh` (no licence, so rewritten in its shape):
    /// webpack through `openedx-assets` before anything starts Django, collect only at the end.
    @Test func derexShapedScriptRunsWebpackBeforeDjango() {
        let findings = doctorFindings([
            "compile_assets.sh": """
                #!/bin/sh
                set -e
                cd /openedx/edx-platform
                npm install
                openedx-assets xmodule
                openedx-assets npm
                openedx-assets webpack --env=prod
                openedx-assets common
                openedx-assets themes
                openedx-assets collect --settings=derex.assets

                """
        ])
        let summary = findings.map { "\($0.code.identifier) \($0.severity.rawValue) \($0.location?.file ?? "-"):\($0.location?.line.map(String.init) ?? "-")" }
        #expect(summary == ["PA400 warning compile_assets.sh:7", "PA403 warning compile_assets.sh:7", "PA436 note compile_assets.sh:10"])
    }

    /// eol-uchile/eol-edx `Dockerfile` and `lms-assets.py` (no licence, so rewritten in their shape): the
    /// Dockerfile builds FROM their base image, in whose separate build `lms-assets.py` became
    /// `lms/envs/prod/assets.py` and webpack ran; here only `--settings=prod.assets` starts Django. doctor
    /// cannot follow a copy made in another build: it names the module the build uses, says the given
    /// file was not evaluated, and, with no webpack step here, reports nothing about the worker.
    @Test func eolShapedBuildOverABaseImageNamesItsModule() {
        let findings = doctorFindings([
            "Dockerfile": """
                FROM example/edx-platform:base AS base
                COPY ./requirements/ /openedx/requirements
                RUN touch /openedx/requirements/private.txt \\
                    && pip install --src ../venv/src -r /openedx/requirements/private.txt
                COPY ./themes/ /openedx/themes/
                RUN openedx-assets themes \\
                    && python manage.py lms --settings=prod.assets compilejsi18n \\
                    && python manage.py cms --settings=prod.assets compilejsi18n \\
                    && openedx-assets collect --settings=prod.assets
                FROM example/rclone:1.53 as s3
                COPY --from=base /openedx/staticfiles /data

                """,
            "lms-assets.py": """
                from ..common import *
                STATIC_ROOT_BASE = '/openedx/staticfiles'
                SECRET_KEY = 'secret'

                """,
        ], order: ["Dockerfile", "lms-assets.py"])
        let summary = findings.map { "\($0.code.identifier) \($0.severity.rawValue) \($0.location?.file ?? "-"):\($0.location?.line.map(String.init) ?? "-")" }
        #expect(summary == ["PA436 note Dockerfile:7", "PA435 note lms-assets.py:-"])
        #expect(findings.first?.message.contains("lms.envs.prod.assets") == true)
    }
}
