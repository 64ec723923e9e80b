import Foundation
import Diagnostics
import Testing
@testable import Doctor

/// doctor follows the settings file the build copies into place, and the provider the build installs.
@Suite struct DoctorBuildSettingsTests {
    static let settingsFile = """
        from ..common import *
        ENV_ROOT = "/openedx"
        NODE_MODULES_ROOT = "/openedx/edx-platform/node_modules"
        PROCTORING_BACKENDS = {"DEFAULT": "proctortrack", "proctortrack": {"client_id": "", "client_secret": "", "base_url": ""}}

        """

    static func earthfile(fixed: Bool) -> String {
        """
        VERSION 0.7
        FROM python:3.11-bookworm

        assets:
          WORKDIR /openedx/edx-platform
          COPY --chown app:app settings/lms/assets.not_py /openedx/edx-platform/lms/envs/site/assets.py
          RUN npm clean-install\(fixed ? " && npm install edx-proctoring-proctortrack" : "")
          \(fixed ? #"ENV JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL": "\"https://cdn.example.com/x.js\"", "PROCTORTRACK_CONFIG_KEY": "\"k\""}'"# : "ENV NODE_ENV=prod")
          RUN ./manage.py lms collectstatic --noinput --settings=site.assets && npm run webpack && ./manage.py lms collectstatic --noinput --settings=site.assets

        """
    }

    @Test func copiedProctortrackSettingsMakeBothFindingsErrors() {
        let findings = doctorFindings(["Earthfile": Self.earthfile(fixed: false), "settings/lms/assets.not_py": Self.settingsFile])
        let errors = findings.filter { $0.severity == .error }.map(\.code.identifier)
        #expect(errors == ["PA403", "PA408"])
        #expect(!codes(findings).contains("PA435"))
        let notes = findings.first { $0.code == .doctorBackendPackageNotInstalled }?.notes ?? []
        #expect(notes.contains("backend `proctortrack` is configured at settings/lms/assets.not_py:4:1"))
        #expect(notes.contains(
            "settings/lms/assets.not_py is lms.envs.site.assets in the image (COPY at Earthfile:6:3), which `--settings=site.assets` at Earthfile:9:7 starts Django with"),
            "\(notes)")
    }

    @Test func theSameBuildFixedHasNeither() {
        let findings = doctorFindings(["Earthfile": Self.earthfile(fixed: true), "settings/lms/assets.not_py": Self.settingsFile])
        #expect(findings.filter { $0.severity == .error }.isEmpty)
        #expect(!codes(findings).contains("PA403") && !codes(findings).contains("PA408"))
    }

    @Test func settingsReachTheModuleThroughAnArtifactAndAFolderCopy() {
        let earthfile = """
            VERSION 0.7
            settings:
              FROM alpine
              COPY --dir settings /src
              SAVE ARTIFACT /src/settings
            assets:
              FROM python:3.11
              COPY +settings/settings/lms /openedx/edx-platform/lms/envs/site/
              WORKDIR /openedx/edx-platform
              RUN DJANGO_SETTINGS_MODULE=lms.envs.site.assets django-admin collectstatic --noinput && npm run webpack

            """
        let findings = doctorFindings(["Earthfile": earthfile, "settings/lms/assets.not_py": Self.settingsFile])
        // The file is `assets.not_py` in the folder: at lms/envs/site/assets.not_py it is no module, so it is not the one used.
        #expect(codes(findings).contains("PA436"))
        let renamed = doctorFindings(["Earthfile": earthfile, "settings/lms/assets.py": Self.settingsFile])
        #expect(renamed.filter { $0.severity == .error }.map(\.code.identifier) == ["PA403", "PA408"])
    }

    @Test func pipInstalledProviderMakesTheWorkerFindingsErrors() {
        let dockerfile = """
            FROM python:3.11
            WORKDIR /openedx/edx-platform
            RUN pip install edx-proctoring-proctortrack==1.2.1
            RUN npm clean-install
            RUN npm run webpack 2> /dev/null || true
            RUN ./manage.py lms collectstatic --noinput

            """
        let findings = doctorFindings(["Dockerfile": dockerfile])
        let summary = findings.map { "\($0.code.identifier) \($0.severity.rawValue)" }
        #expect(summary == ["PA400 error", "PA401 warning", "PA403 error", "PA408 error", "PA402 warning"])
    }

    @Test func aRequirementsFileOrTutorsExtraRequirementsTellTheProviderToo() {
        let dockerfile = """
            FROM python:3.11
            WORKDIR /openedx/edx-platform
            COPY requirements/private.txt /openedx/requirements/private.txt
            RUN pip install -r /openedx/requirements/private.txt
            RUN npm clean-install && ./manage.py lms collectstatic --noinput && npm run webpack

            """
        let withRequirements = doctorFindings([
            "Dockerfile": dockerfile, "requirements/private.txt": "xblock-foo==1.0\nedx_proctoring_proctortrack >= 1.2  # proctoring\n",
        ])
        #expect(withRequirements.filter { $0.severity == .error }.map(\.code.identifier) == ["PA403", "PA408"])
        #expect(withRequirements.first { $0.code == .doctorBackendPackageNotInstalled }?.notes.contains(
            "backend `proctortrack` is expected: requirement `edx_proctoring_proctortrack >= 1.2` at requirements/private.txt:2:1, which installs backend `proctortrack`"
        ) == true)
        #expect(withRequirements.first { $0.code == .doctorJSEnvExtraConfigNotSet }?.notes.contains {
            $0.hasPrefix("a worker is expected: requirement `edx_proctoring_proctortrack >= 1.2` at requirements/private.txt:2:1")
        } == true)
        let withTutorConfig = doctorFindings([
            "Dockerfile": dockerfile, "config.yml": "OPENEDX_EXTRA_PIP_REQUIREMENTS:\n- edx-proctoring-proctortrack-v2==2.0.1\n",
        ])
        #expect(withTutorConfig.filter { $0.severity == .error }.map(\.code.identifier) == ["PA403", "PA408"])
        let unrelated = doctorFindings(["Dockerfile": dockerfile, "requirements/private.txt": "xblock-foo==1.0\n"])
        #expect(unrelated.allSatisfy { $0.severity != .error })
        #expect(codes(unrelated).contains("PA437"))
    }

    @Test func notExportedIsAnErrorWhenTheProviderIsKnown() {
        let script = """
            #!/bin/sh
            set -e
            cd /openedx/edx-platform
            pip install edx-proctoring-proctortrack==1.2.1
            npm clean-install && npm install edx-proctoring-proctortrack
            ./manage.py lms collectstatic --noinput
            JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL": "\\"https://cdn.example.com/x.js\\"", "PROCTORTRACK_CONFIG_KEY": "\\"k\\""}'
            npm run webpack
            ./manage.py lms collectstatic --noinput

            """
        let findings = doctorFindings(["build.sh": script])
        let notSet = findings.filter { $0.code == .doctorJSEnvExtraConfigNotSet }
        #expect(notSet.map(\.severity) == [.error])
        #expect(notSet.first?.notes.contains("assigned at build.sh:7:1 without `export`, so webpack does not see it") == true, "\(notSet)")
        #expect(findings.filter { $0.severity == .error }.map(\.code.identifier) == ["PA403"])
        let exported = doctorFindings(["build.sh": script.replacingOccurrences(of: "\nJS_ENV_EXTRA_CONFIG=", with: "\nexport JS_ENV_EXTRA_CONFIG=")])
        #expect(exported.allSatisfy { $0.severity != .error }, "\(exported)")
    }

    @Test func nothingTellingTheProviderIsOneNote() {
        let dockerfile = """
            FROM python:3.11
            WORKDIR /openedx/edx-platform
            RUN npm clean-install && npm run webpack

            """
        let findings = doctorFindings(["Dockerfile": dockerfile])
        #expect(codes(findings).filter { $0 == "PA437" }.count == 1)
        #expect(findings.allSatisfy { $0.severity != .error })
        #expect(findings.first { $0.code == .doctorProviderUnknown }?.fix?.contains("--site-packages") == true)
    }

    /// Errors of a Dockerfile whose settings reach `lms.envs.site.assets` through `copySteps`.
    static func errors(copySteps: String, start: String = "./manage.py lms collectstatic --noinput --settings=site.assets", files: [String: String]) -> [String] {
        let dockerfile = """
            FROM python:3.11 AS settings
            COPY settings /staged
            FROM python:3.11
            WORKDIR /openedx/edx-platform
            \(copySteps)
            RUN npm clean-install
            RUN \(start) && npm run webpack

            """
        let findings = doctorFindings(files.merging(["Dockerfile": dockerfile], uniquingKeysWith: { $1 }))
        return findings.filter { $0.severity == .error }.map(\.code.identifier)
    }

    @Test func copyFormsReachTheModule() {
        let files = ["settings/assets.py": Self.settingsFile, "settings/other.py": "X = 1\n"]
        let expected = ["PA403", "PA408"]
        // Several sources into a folder, --chown/--chmod.
        #expect(Self.errors(copySteps: "COPY --chown=app:app --chmod=644 settings/other.py settings/assets.py lms/envs/site/", files: files) == expected)
        // The JSON form, ADD.
        #expect(Self.errors(copySteps: #"COPY ["settings/assets.py", "/openedx/edx-platform/lms/envs/site/assets.py"]"#, files: files) == expected)
        #expect(Self.errors(copySteps: "ADD settings/assets.py ./lms/envs/site/assets.py", files: files) == expected)
        // A whole folder, then from another stage.
        #expect(Self.errors(copySteps: "COPY settings/ lms/envs/site", files: files) == expected)
        #expect(Self.errors(copySteps: "COPY --from=settings /staged/assets.py lms/envs/site/assets.py", files: files) == expected)
        // A glob, and a symbolic link made in RUN.
        #expect(Self.errors(copySteps: "COPY settings/*.py ./lms/envs/site/", files: files) == expected)
        #expect(Self.errors(copySteps: "COPY settings /config\nRUN ln -sf /config /openedx/edx-platform/lms/envs/site", files: files) == expected)
        // An image that is not a stage here cannot hold the given file.
        #expect(Self.errors(copySteps: "COPY --from=example/image /assets.py lms/envs/site/assets.py", files: files) == [])
    }

    @Test func theModuleNameComesFromEveryWayDjangoIsStarted() {
        let files = ["settings/assets.py": Self.settingsFile]
        let copy = "COPY settings/assets.py lms/envs/site/assets.py"
        for start in [
            "python manage.py lms --settings site.assets collectstatic --noinput",
            "DJANGO_SETTINGS_MODULE=lms.envs.site.assets django-admin collectstatic --noinput",
            "django-admin collectstatic --settings=lms.envs.site.assets",
            "python /openedx/edx-platform/manage.py lms collectstatic --settings=site.assets",
            "export DJANGO_SETTINGS_MODULE=lms.envs.site.assets && ./manage.py lms collectstatic",
            "openedx-assets collect --settings=site.assets",
            "paver update_assets lms --settings=site.assets",
        ] {
            #expect(Self.errors(copySteps: copy, start: start, files: files) == ["PA403", "PA408"], "\(start)")
        }
        #expect(Self.errors(copySteps: copy + "\nENV DJANGO_SETTINGS_MODULE=lms.envs.site.assets", start: "./manage.py lms collectstatic", files: files)
            == ["PA403", "PA408"])
        // A module name made of variables is not known: the only settings file under lms/envs is the one used.
        #expect(Self.errors(
            copySteps: copy + "\nARG SERVICE_VARIANT=lms\nENV DJANGO_SETTINGS_MODULE=${SERVICE_VARIANT}.envs.site.assets",
            start: "./manage.py lms collectstatic", files: files) == ["PA403", "PA408"])
        // Another module than the one copied: the settings stay unknown, nothing is an error.
        #expect(Self.errors(copySteps: copy, start: "./manage.py lms collectstatic --settings=site.other", files: files) == [])
    }

    @Test func relativeImportsResolveAgainstTheDestination() {
        let files = [
            "settings/assets.py": "from .base import *\nNODE_MODULES_ROOT = '/openedx/edx-platform/node_modules'\n",
            "settings/base.py": "from ..common import *\n" + "PROCTORING_BACKENDS = {'DEFAULT': 'proctortrack', 'proctortrack': {}}\nENV_ROOT = '/openedx'\n",
        ]
        #expect(Self.errors(copySteps: "COPY settings/ lms/envs/site/", files: files) == ["PA403", "PA408"])
    }

    @Test func moduleNamesFollowThePythonRoot() {
        #expect(SettingsModuleMapping.moduleName(ofImagePath: "/openedx/edx-platform/lms/envs/X/Y.py", pythonRoot: "/openedx/edx-platform") == "lms.envs.X.Y")
        #expect(SettingsModuleMapping.moduleName(ofImagePath: "/openedx/edx-platform/lms/envs/x.not_py", pythonRoot: "/openedx/edx-platform") == nil)
        #expect(ProviderEvidence.distributionName(ofRequirement: "git+https://github.com/verificient/edx-proctoring-proctortrack.git@f0fa#egg=edx_proctoring_proctortrack") == "edx_proctoring_proctortrack")
        #expect(ProviderEvidence.knownProvider(distribution: "edx_proctoring_proctortrack")?.name == "proctortrack")
    }
}
