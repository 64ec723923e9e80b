import Diagnostics
import FileSystemSupport
import Testing
@testable import Doctor

/// `proctoring-assets` in build files, in the shapes real ones write commands: virtualenv paths, `python -m`,
/// `--mount` flags, `&&` chains with line continuations, env prefixes, `uv pip` and Tutor's `$PIP_COMMAND`.
@Suite struct DoctorAssetsToolTests {
    @Test func commandShapes() {
        func tool(_ line: String) -> ProctoringAssetsCommand? {
            let words = BuildCommandClassifier.effectiveWords(ShellScript.parse(line).commands[0]).words
            guard case .proctoringAssets(let tool) = BuildCommandClassifier.classify(words: words) else { return nil }
            return tool
        }
        #expect(tool("proctoring-assets build --settings lms.envs.production")?.verb == .build)
        #expect(tool("/openedx/venv/bin/proctoring-assets verify / --static-root /openedx/staticfiles")?.verb == .verify)
        #expect(tool("JS_ENV_EXTRA_CONFIG='{}' /openedx/venv/bin/proctoring-assets build")?.verb == .build)
        #expect(tool("env JS_ENV_EXTRA_CONFIG={} proctoring-assets build --color never")?.verb == .build)
        #expect(tool("python3 -m proctoring_assets workers --settings x")?.verb == .workers)
        #expect(tool("sudo -E -u app proctoring-assets build --js-from-python")?.takesWorkersFromPython == true)
        #expect(tool("proctoring-assets doctor Dockerfile")?.verb == .other("doctor"))
        #expect(tool("python -m pip install proctoring-assets") == nil)
        #expect(BuildCommandClassifier.classify(ShellScript.parse("proctoring-assets build").commands[0]).writesWorkersJSON)
        #expect(!BuildCommandClassifier.classify(ShellScript.parse("proctoring-assets verify /").commands[0]).writesWorkersJSON)
    }

    @Test func installShapes() {
        func installs(_ line: String) -> Bool {
            ProctoringAssetsInstallation.installs(words: BuildCommandClassifier.effectiveWords(ShellScript.parse(line).commands[0]).words)
        }
        #expect(installs("pip install /tmp/proctoring_assets-0.1.0-py3-none-manylinux_2_35_x86_64.whl"))
        #expect(installs("/openedx/venv/bin/pip install --no-cache-dir ./dist/proctoring_assets-0.1.0-py3-none-manylinux_2_35_x86_64.whl"))
        #expect(installs("python -m pip install 'proctoring-assets==0.1.0'"))
        #expect(installs("uv pip install Proctoring_Assets"))
        #expect(installs("$PIP_COMMAND install --no-index -f /wheels proctoring-assets"))
        #expect(!installs("pip install -f /wheels/proctoring_assets-0.1.0-py3-none-any.whl edx-proctoring"))
        #expect(!installs("pip install edx-proctoring-proctortrack==1.2.1"))
        #expect(!installs("npm install proctoring-assets"))
        #expect(ProctoringAssetsInstallation.copiesBinary(sources: ["proctoring-assets"]))
        #expect(ProctoringAssetsInstallation.copiesBinary(sources: ["/openedx/venv/bin/proctoring-assets"]))
        #expect(!ProctoringAssetsInstallation.copiesBinary(sources: ["proctoring_assets-0.1.0-py3-none-any.whl"]))
    }

    /// Tutor 22's shape: `uv pip` through `$PIP_COMMAND` with a cache mount in the python-requirements stage, the
    /// virtualenv copied into production, the build in one `&&` chain after collectstatic.
    @Test func tutorShapedBuildWithTheToolInstalledInAnotherStageIsClean() {
        let dockerfile = #"""
            FROM docker.io/ubuntu:22.04 AS minimal
            ARG PIP_COMMAND="uv pip"
            FROM minimal AS python-requirements
            RUN --mount=type=cache,target=/openedx/.cache/pip,sharing=shared \
                $PIP_COMMAND install 'edx-proctoring-proctortrack==1.2.1' \
                  /tmp/proctoring_assets-0.1.0-py3-none-manylinux_2_35_x86_64.whl
            FROM minimal AS production
            COPY --link --from=python-requirements /openedx/venv /openedx/venv
            WORKDIR /openedx/edx-platform
            RUN npm clean-install && npm install edx-proctoring-proctortrack
            ENV STATIC_ROOT_LMS=/openedx/staticfiles
            RUN npm run webpack
            RUN ./manage.py lms collectstatic --noinput --settings=tutor.assets && \
                ./manage.py cms collectstatic --noinput --settings=tutor.assets && \
                JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL": "\"https://cdn.example.com/x.js\""}' \
                /openedx/venv/bin/proctoring-assets build --settings lms.envs.tutor.assets && \
                /openedx/venv/bin/proctoring-assets verify / --env-root /openedx --static-root /openedx/staticfiles
            """#
        let findings = doctorFindings(["Dockerfile": dockerfile])
        #expect(findings.map(\.code.identifier) == ["PA436"], "\(findings.map { "\($0.code.identifier) \($0.message)" })")
    }

    @Test func theBuildsJSEnvExtraConfigIsChecked() {
        let dockerfile = dockerfile(#"""
            RUN npm run webpack
            RUN ./manage.py lms collectstatic --noinput
            RUN pip install proctoring-assets && \
                JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL": "https://cdn.example.com/x.js"}' proctoring-assets build && \
                proctoring-assets verify /
            """#)
        let findings = doctorFindings(["Dockerfile": dockerfile], settings: goodSettings())
        // An unquoted URL is not a JavaScript expression: the bundler's own code for it, at the assignment.
        let valueFindings = findings.filter { $0.location?.line == 8 }
        #expect(!valueFindings.isEmpty, "\(findings.map { "\($0.code.identifier) \($0.location.map(String.init(describing:)) ?? "")" })")
        #expect(valueFindings.allSatisfy { Int($0.code.identifier.dropFirst(2)).map { (140...199).contains($0) } == true })
        #expect(!findings.contains { $0.code == .doctorJSEnvExtraConfigNotSet })
    }

    @Test func aBuildThatNoVerifyFollowsIsNoted() {
        let dockerfile = dockerfile(#"""
            RUN npm run webpack && ./manage.py lms collectstatic --noinput
            RUN pip install proctoring-assets
            RUN JS_ENV_EXTRA_CONFIG='{}' proctoring-assets build
            """#)
        let findings = doctorFindings(["Dockerfile": dockerfile], settings: goodSettings())
        #expect(findings.map(\.code.identifier) == ["PA442"], "\(findings.map { "\($0.code.identifier) \($0.message)" })")
        #expect(findings.first?.severity == .note)
    }

    @Test func theNpmPackageIsNeededBeforeTheBuildWhenNoWebpackBuildsTheWorker() {
        let dockerfile = """
            FROM python:3.11 AS base
            WORKDIR /openedx/edx-platform
            RUN pip install proctoring-assets
            RUN proctoring-assets build --settings lms.envs.production && proctoring-assets verify /
            """
        let findings = doctorFindings(["Dockerfile": dockerfile], settings: goodSettings())
        let missing = findings.filter { $0.code == .doctorBackendPackageNotInstalled }
        #expect(missing.count == 1)
        #expect(missing.first?.location?.line == 4)
        #expect(missing.first?.message.contains("`proctoring-assets build` stops with PA051") == true)
        // With the worker taken from the provider's Python distribution, no npm package is needed.
        let fromPython = dockerfile.replacingOccurrences(of: "lms.envs.production &&", with: "lms.envs.production --js-from-python &&")
        #expect(!doctorFindings(["Dockerfile": fromPython], settings: goodSettings()).contains { $0.code == .doctorBackendPackageNotInstalled })
    }

    /// A stage built FROM the one that ran the build and running webpack again (Tutor's `development`) gets a
    /// note, not a warning: that image rebuilds its own assets.
    @Test func webpackInAStageBuiltFromTheBuildsStageIsANote() {
        let dockerfile = #"""
            FROM python:3.11 AS production
            WORKDIR /openedx/edx-platform
            ENV STATIC_ROOT_LMS=/openedx/staticfiles
            RUN npm ci && npm install edx-proctoring-proctortrack
            RUN npm run webpack && ./manage.py lms collectstatic --noinput
            COPY proctoring-assets /usr/local/bin/proctoring-assets
            ENV JS_ENV_EXTRA_CONFIG='{}'
            RUN proctoring-assets build && proctoring-assets verify /
            FROM production AS development
            RUN rm -r /openedx/staticfiles && mkdir /openedx/staticfiles && npm run build-dev
            """#
        let findings = doctorFindings(["Dockerfile": dockerfile], settings: goodSettings())
        #expect(findings.map(\.code.identifier) == ["PA440"], "\(findings.map { "\($0.code.identifier) \($0.message)" })")
        #expect(findings.first?.severity == .note)
        #expect(findings.first?.location?.line == 10)
        #expect(findings.first?.message.contains("bundles the worker again") == true)
    }

    /// Tutor's render without the plugin, a provider installed through OPENEDX_EXTRA_PIP_REQUIREMENTS: the
    /// findings say what is missing and that the plugin fixes it.
    @Test func tutorWithoutThePluginIsToldToEnableIt() throws {
        let folder = PathComponents.join(DoctorCorpusTests.corpusRoot, "tutor-22.0.3-proctortrack-pip")
        let collector = DiagnosticCollector()
        Doctor(fileSystem: DiskFileSystem(), workingDirectory: folder)
            .examine(files: ["Dockerfile"], settings: nil, environment: [:], diagnostics: collector)
        let errors = collector.diagnostics.filter { $0.severity == .error }
        #expect(Set(errors.map(\.code)) == [.doctorJSEnvExtraConfigNotSet, .doctorBackendPackageNotInstalled])
        for error in errors {
            #expect(error.fix?.contains("pip install proctoring_assets-….whl && tutor plugins enable proctoring-assets") == true)
        }
        let package = try #require(errors.first { $0.code == .doctorBackendPackageNotInstalled })
        #expect(package.fix?.contains(#"PROCTORING_ASSETS_NPM_PACKAGES=["edx-proctoring-proctortrack"]"#) == true)
    }
}
