import DeploymentSettings
import Diagnostics
import Testing
@testable import Doctor

@Suite struct DoctorRuleTests {
    @Test func correctBuildHasNoFindings() {
        let files = ["Dockerfile": dockerfile("\(goodConfig)\nRUN ./manage.py lms check\nRUN npm run webpack\nRUN ./manage.py lms collectstatic --noinput")]
        #expect(codes(doctorFindings(files, settings: goodSettings())) == [])
    }

    // MARK: PA400

    @Test func webpackBeforeWorkersJSON() {
        let findings = doctorFindings(["Dockerfile": dockerfile("\(goodConfig)\nRUN npm run webpack && ./manage.py lms collectstatic")], settings: goodSettings())
        #expect(codes(findings) == ["PA400"])
        #expect(findings[0].location == .file("Dockerfile", line: 6, column: 5))
        #expect(findings[0].notes.contains { $0.contains("starts Django only after webpack") })
    }

    @Test func microFrontendBuildsAreNotEdxPlatformWebpack() {
        let text = "FROM node:20 AS mfe\nWORKDIR /openedx/frontend-app-learning\nRUN npm ci && npm run build 2>/dev/null\n"
        #expect(codes(doctorFindings(["Dockerfile": text], settings: goodSettings(["null"]))) == [])
        // Without a webpack step the provider's package still has to come from somewhere in the build.
        #expect(codes(doctorFindings(["Dockerfile": text], settings: goodSettings())) == ["PA408"])
    }

    @Test func workersJSONFromProducersAndCopies() {
        for producer in [
            "RUN python manage.py lms shell -c pass", "RUN pip install proctoring-assets && proctoring-assets workers --settings lms.envs.assets",
            "RUN paver update_assets", "RUN django-admin check", "COPY --from=base /openedx/workers.json /openedx/workers.json",
        ] {
            let files = ["Dockerfile": dockerfile("\(goodConfig)\n\(producer)\nRUN npx webpack --config webpack.prod.config.js && ./manage.py lms collectstatic")]
            #expect(codes(doctorFindings(files, settings: goodSettings())) == [], "\(producer)")
        }
    }

    @Test func noWorkerBackendMeansNoWorkerFindings() {
        let findings = doctorFindings(["Dockerfile": dockerfile("RUN npm run webpack", install: "RUN npm ci")], settings: goodSettings(["null"]))
        #expect(codes(findings) == ["PA419"])
        #expect(findings[0].severity == .note)
    }

    @Test func settingsWithoutProctoringBackendsUseTheNullDefault() {
        let settings = settingsInput(["ENV_ROOT": .path("/openedx"), "NODE_MODULES_ROOT": .path("/openedx/edx-platform/node_modules")])
        let findings = doctorFindings([:], settings: settings)
        #expect(codes(findings) == ["PA419"])
        #expect(findings[0].location == .file("settings.py"))
    }

    @Test func unknownConfigurationDowngradesToWarning() {
        let findings = doctorFindings(["build.sh": "#!/bin/sh\nset -e\nnpm run webpack\n"])
        #expect(codes(findings) == ["PA400", "PA403", "PA437"])
        #expect(findings.filter { $0.code != .doctorProviderUnknown }.allSatisfy { $0.severity == .warning })
    }

    // MARK: PA401, PA402

    @Test(arguments: [
        ("npm run build 2> /dev/null", "PA401"), ("npm run build &>/dev/null", "PA401"),
        ("npm run build > /dev/null 2>&1", "PA401"), ("npm run build || true", "PA402"), ("npm run build; true", "PA402"),
        ("npm run build || :", "PA402"), ("npm run build | tee build.log", "PA402"),
        ("set +e\nnpm run build\necho built", "PA402"),
    ])
    func hiddenErrors(step: String, code: String) {
        let script = "#!/bin/bash\nexport JS_ENV_EXTRA_CONFIG='{}'\n./manage.py lms check\n\(step)\n./manage.py lms collectstatic\n"
        #expect(codes(doctorFindings(["build.sh": script], settings: goodSettings(["null", "proctortrack"]), environment: ["STATIC_ROOT_LMS": "/openedx/staticfiles"])).filter { $0 != "PA408" } == [code])
    }

    @Test(arguments: ["npm run build || exit 1", "set -o pipefail\nnpm run build | tee log", "npm run build 2>&1 >/dev/null", "npm run build 2>build.err"])
    func errorsNotHidden(step: String) {
        let script = "#!/bin/bash\nexport JS_ENV_EXTRA_CONFIG='{}'\n./manage.py lms check\n\(step)\n"
        #expect(!codes(doctorFindings(["build.sh": script])).contains { $0 == "PA401" || $0 == "PA402" })
    }

    // MARK: PA403–PA407

    @Test func jsEnvExtraConfigFromArgumentInParentStageIsNotSet() {
        let text = """
            FROM python:3.11 AS base
            WORKDIR /openedx/edx-platform
            ARG JS_ENV_EXTRA_CONFIG='{}'
            RUN npm install edx-proctoring-proctortrack
            FROM base AS assets
            ENV STATIC_ROOT_LMS=/openedx/staticfiles
            RUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic
            """
        let findings = doctorFindings(["Dockerfile": text], settings: goodSettings())
        #expect(codes(findings) == ["PA403"])
        #expect(findings[0].notes == ["declared as ARG at Dockerfile:3:1 in stage base; build arguments end with their stage: use ENV"])
    }

    @Test func globalArgumentIsNotSeenByStages() {
        let text = "ARG JS_ENV_EXTRA_CONFIG='{}'\n" + dockerfile("RUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic")
        let findings = doctorFindings(["Dockerfile": text], settings: goodSettings())
        #expect(codes(findings) == ["PA403"])
        #expect(findings[0].notes.first?.hasPrefix("declared as ARG at Dockerfile:1:1 before the first FROM") == true)
        let redeclared = "ARG JS_ENV_EXTRA_CONFIG='{}'\n" + dockerfile("ARG JS_ENV_EXTRA_CONFIG\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic")
        #expect(codes(doctorFindings(["Dockerfile": redeclared], settings: goodSettings())) == [])
    }

    @Test func jsEnvExtraConfigInShellScripts() {
        let base = "#!/bin/sh\nnpm install edx-proctoring-proctortrack\n./manage.py lms check\n"
        let unexported = doctorFindings(["b.sh": base + "JS_ENV_EXTRA_CONFIG='{}'\nnpm run webpack\n"], settings: goodSettings())
        #expect(codes(unexported).contains("PA403"))
        #expect(unexported.first { $0.code.identifier == "PA403" }?.notes == ["assigned at b.sh:4:1 without `export`, so webpack does not see it"])
        for good in [
            "JS_ENV_EXTRA_CONFIG='{}' npm run webpack", "export JS_ENV_EXTRA_CONFIG='{}'\nnpm run webpack",
            "JS_ENV_EXTRA_CONFIG='{}'\nexport JS_ENV_EXTRA_CONFIG\nnpm run webpack", "env JS_ENV_EXTRA_CONFIG={} npm run webpack",
        ] {
            #expect(!codes(doctorFindings(["b.sh": base + good + "\n"], settings: goodSettings())).contains("PA403"), "\(good)")
        }
        // An image build does not see the caller's environment, and says so.
        let image = doctorFindings(["Dockerfile": dockerfile("RUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic")],
                                   settings: goodSettings(), environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        #expect(codes(image) == ["PA403"])
        #expect(image[0].notes.contains { $0.contains("image builds do not see the caller's environment") })
        // A script runs in the caller's environment.
        let fromEnvironment = doctorFindings(["b.sh": base + "npm run webpack\n"], settings: goodSettings(), environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        #expect(!codes(fromEnvironment).contains("PA403"))
    }

    @Test(arguments: [
        (#"{"PROCTORTRACK_CDN_URL": "https://cdn.example.com/x.js"}"#, ["PA182"]),
        (#"{"PROCTORTRACK_CDN_URL": abc}"#, ["PA181"]),
        (#"["a"]"#, ["PA184"]),
        (#"{"PROCTORTRACK_CDN_URL": "abc"}"#, ["PA187"]),
        (#"{"PROCTORTRACK_CDN_URL": "\"a\" + \"b\""}"#, []),
        (#"{"A": 1, "B": true, "C": null, "D": "'x'", "E": "42", "F": {"G": ["\"y\""]}, "H": "undefined"}"#, []),
        (#"{"O": {"deep": ["https://x.example"]}}"#, ["PA182"]),
    ])
    func jsEnvExtraConfigValues(value: String, expected: [String]) {
        let script = "#!/bin/sh\nnpm i edx-proctoring-proctortrack\n./manage.py lms check\nnpm run webpack\n"
        let findings = doctorFindings(["b.sh": script], settings: goodSettings(), environment: ["JS_ENV_EXTRA_CONFIG": value, "STATIC_ROOT_LMS": "/openedx/staticfiles"])
        #expect(codes(findings) == expected)
        #expect(findings.allSatisfy { $0.location == .environment("JS_ENV_EXTRA_CONFIG") })
    }

    @Test func valuesFromOtherVariablesAreExpanded() {
        let steps = #"ARG CDN_CONFIG='{"PROCTORTRACK_CDN_URL": "https://cdn.example.com/x.js"}'"# + "\nENV JS_ENV_EXTRA_CONFIG=${CDN_CONFIG}\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic"
        let findings = doctorFindings(["Dockerfile": dockerfile(steps)], settings: goodSettings())
        #expect(codes(findings) == ["PA182"])
        #expect(findings[0].location == .file("Dockerfile", line: 6, column: 5))
        let unknown = doctorFindings(["Dockerfile": dockerfile("ENV JS_ENV_EXTRA_CONFIG=$(cat config.json)\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic")], settings: goodSettings())
        #expect(codes(unknown) == ["PA407"])
    }

    @Test func argumentWithoutDefaultIsUndecidable() {
        let findings = doctorFindings(["Dockerfile": dockerfile("ARG JS_ENV_EXTRA_CONFIG\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic")], settings: goodSettings())
        #expect(codes(findings) == ["PA407"])
        #expect(findings[0].location == .file("Dockerfile", line: 5, column: 1))
    }

    @Test func environmentOnlyMode() {
        #expect(codes(doctorFindings([:], settings: goodSettings(), environment: ["JS_ENV_EXTRA_CONFIG": "{oops"])) == ["PA181"])
        let unset = doctorFindings([:], settings: goodSettings())
        #expect(codes(unset) == ["PA403"])
        #expect(unset[0].location == .environment("JS_ENV_EXTRA_CONFIG"))
    }

    // MARK: PA408, PA409

    @Test(arguments: [
        "RUN npm install edx-proctoring-proctortrack@1.1.1",
        "RUN npm i --no-save https://registry.example.com/edx-proctoring-proctortrack-1.1.1.tgz",
        "RUN npm install git+https://github.com/verificient/edx-proctoring-proctortrack.git#master",
        "RUN npm install github:verificient/edx-proctoring-proctortrack",
        "RUN yarn add edx-proctoring-proctortrack",
        "RUN npm install edx-proctoring-proctortrack-v2",
        "RUN npm ci",
    ])
    func packageInstalled(install: String) {
        let files = [
            "Dockerfile": dockerfile("\(goodConfig)\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic", install: install),
            "package.json": #"{"dependencies": {"edx-proctoring-proctortrack": "1.1.1"}}"#,
        ]
        let order = install == "RUN npm ci" ? ["Dockerfile", "package.json"] : ["Dockerfile"]
        #expect(codes(doctorFindings(files, settings: goodSettings(), order: order)) == [])
    }

    @Test func packageInstalledOnlyInAStageWebpackDoesNotUse() {
        let text = """
            FROM node:20 AS unused
            RUN npm install edx-proctoring-proctortrack
            FROM python:3.11 AS assets
            WORKDIR /openedx/edx-platform
            ENV STATIC_ROOT_LMS=/openedx/staticfiles
            \(goodConfig)
            RUN npm ci
            RUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic
            """
        let findings = doctorFindings(["Dockerfile": text], settings: goodSettings())
        #expect(codes(findings) == ["PA408"])
        #expect(findings[0].location == .file("Dockerfile", line: 8, column: 30))
    }

    @Test func mockprockAndUnknownBackends() {
        let steps = "\(goodConfig)\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic"
        let findings = doctorFindings(["Dockerfile": dockerfile(steps, install: "RUN npm ci")], settings: goodSettings(["mockprock", "acme"]))
        #expect(codes(findings).sorted() == ["PA408", "PA409"])
        #expect(findings.contains { $0.message.contains("@edx/mockprock") })
        // With site-packages the table is not consulted.
        let sitePackages = settingsInput(
            ["ENV_ROOT": .path("/openedx"), "NODE_MODULES_ROOT": .path("/x"), "PROCTORING_BACKENDS": backends("acme", ["acme"])],
            backendNpmModules: ["acme": "acme-worker"])
        #expect(codes(doctorFindings(["Dockerfile": dockerfile(steps, install: "RUN npm install acme-worker")], settings: sitePackages)) == [])
    }

    // MARK: PA410–PA413, PA417, PA418, PA420

    @Test func missingRootsNameTheImportChain() {
        let settings = settingsInput(
            ["PROCTORING_BACKENDS": backends("proctortrack", ["proctortrack"])], filesRead: ["settings.py", "base.py"])
        let findings = doctorFindings([:], settings: settings, environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        #expect(codes(findings) == ["PA410", "PA411"])
        #expect(findings.allSatisfy { $0.notes == ["import chain searched: lms.envs.assets: settings.py -> base.py"] })
        #expect(findings[0].location == .file("settings.py"))
    }

    @Test func envRootMustBeThePlatformParent() {
        let wrong = goodSettings(overriding: ["ENV_ROOT": .path("/openedx/venv"), "REPO_ROOT": .path("/openedx/edx-platform")])
        let findings = doctorFindings([:], settings: wrong, environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        #expect(codes(findings) == ["PA412"])
        #expect(findings[0].fix == "set ENV_ROOT to /openedx")
    }

    @Test func undecidableAndInvalidSettings() {
        let unknown = PythonValue.unknown(UnknownValue(reason: "call of get_env_root()", location: .file("settings.py", line: 3)))
        #expect(codes(doctorFindings([:], settings: goodSettings(overriding: ["ENV_ROOT": unknown]), environment: ["JS_ENV_EXTRA_CONFIG": "{}"])) == ["PA413"])
        #expect(codes(doctorFindings([:], settings: goodSettings(overriding: ["PROCTORING_BACKENDS": .string("proctortrack")]))) == ["PA420"])
        #expect(codes(doctorFindings([:], settings: goodSettings(overriding: ["PROCTORING_BACKENDS": unknown]))) == ["PA413"])
    }

    @Test func defaultBackendAndLMSRootURL() {
        let settings = goodSettings(overriding: [
            "PROCTORING_BACKENDS": backends("software_secure", ["null"]), "LMS_ROOT_URL": .string("lms.example.com"),
        ])
        let findings = doctorFindings([:], settings: settings)
        #expect(codes(findings) == ["PA417", "PA418"])
        #expect(findings[1].severity == .warning)
    }

    // MARK: PA414, PA415, PA416

    @Test func statsFileLocation() {
        let loader: PythonValue = .dict([
            PythonDictEntry(key: .string("WORKERS"), value: .dict([
                PythonDictEntry(key: .string("STATS_FILE"), value: .string("/openedx/staticfiles/lms/webpack-worker-stats.json")),
            ])),
        ])
        let steps = "\(goodConfig)\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic"
        let runtime = settingsInput(
            ["ENV_ROOT": .path("/openedx"), "NODE_MODULES_ROOT": .path("/n"), "PROCTORING_BACKENDS": backends("proctortrack", ["proctortrack"])],
            runtime: ["WEBPACK_LOADER": loader])
        let findings = doctorFindings(["Dockerfile": dockerfile(steps)], settings: runtime)
        #expect(codes(findings) == ["PA414"])
        #expect(findings[0].fix == "build with STATIC_ROOT_LMS=/openedx/staticfiles/lms")
    }

    @Test func statsFormatAgainstLoader() {
        let steps = "\(goodConfig)\nRUN pip install django-webpack-loader==0.7.0\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic"
        let lock = #"{"packages": {"node_modules/webpack-bundle-tracker": {"version": "3.2.1"}}}"#
        let findings = doctorFindings(["Dockerfile": dockerfile(steps), "package-lock.json": lock], settings: goodSettings())
        #expect(codes(findings) == ["PA415"])
        #expect(findings[0].location == .file("Dockerfile", line: 6, column: 5))
        #expect(findings[0].notes == ["tracker version: package-lock.json at package-lock.json:1:29"])
        // Without a package.json the tracker is edx-platform's 0.4.3, which 0.7.0 reads.
        #expect(codes(doctorFindings(["Dockerfile": dockerfile(steps)], settings: goodSettings())) == [])
        let plain = "\(goodConfig)\nRUN ./manage.py lms check && npm run webpack && ./manage.py lms collectstatic"
        let requirements = "django_webpack_loader == 3.2.3  # pinned\n"
        #expect(codes(doctorFindings(["Dockerfile": dockerfile(plain), "requirements.txt": requirements], settings: goodSettings())) == ["PA415"])
    }

    @Test func collectstaticOrderAcrossStages() {
        let text = """
            FROM python:3.11 AS assets
            WORKDIR /openedx/edx-platform
            RUN npm install edx-proctoring-proctortrack
            ENV STATIC_ROOT_LMS=/openedx/staticfiles
            \(goodConfig)
            RUN ./manage.py lms collectstatic --noinput
            RUN npm run webpack
            FROM assets AS final
            RUN ./manage.py lms collectstatic --noinput
            """
        #expect(codes(doctorFindings(["Dockerfile": text], settings: goodSettings())) == [])
        let withoutFinal = text.split(separator: "\n").dropLast(2).joined(separator: "\n")
        let findings = doctorFindings(["Dockerfile": withoutFinal], settings: goodSettings())
        #expect(codes(findings) == ["PA416"])
        #expect(findings[0].location == .file("Dockerfile", line: 6, column: 5))
    }

    // MARK: Inputs (PA430–PA434)

    @Test func badInputs() {
        var findings = doctorFindings(["missing.sh": "x"], order: ["nothere.sh"])
        #expect(codes(findings) == ["PA430"])
        #expect(findings[0].code.isInputError)
        findings = doctorFindings(["tool.sh": "\u{7F}ELF\u{0}\u{0}"])
        #expect(codes(findings) == ["PA431"])
        findings = doctorFindings(["NOTES": "just some words\n"])
        #expect(codes(findings) == ["PA432"])
        findings = doctorFindings(["config.yml": "PROCTORING_BACKENDS: [a, b\n"])
        #expect(codes(findings) == ["PA433"])
        findings = doctorFindings(["build.sh": "#!/bin/sh\necho 'unterminated\n"])
        #expect(codes(findings) == ["PA433"])
        #expect(findings[0].location == .file("build.sh", line: 2, column: 6))
        findings = doctorFindings(["Earthfile": "VERSION 0.8\nimage:\n    FROM +nothere\n    BUILD +also-missing\n"])
        #expect(codes(findings) == ["PA434", "PA434"])
    }

    @Test func settingsFilesOutsideTheEvaluatedSettingsAreNoted() {
        let files = ["settings.py": "ENV_ROOT = '/openedx'\n", "other.not_py": "from lms.envs.common import *\n"]
        let findings = doctorFindings(files, settings: goodSettings(), environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        #expect(codes(findings) == ["PA435"])
        #expect(findings[0].location == .file("other.not_py"))
    }

    @Test func tutorConfigurationProvidesBackends() {
        let config = "LMS_HOST: lms.example.com\nPROCTORING_BACKENDS:\n  DEFAULT: proctortrak\n  proctortrack: {}\n"
        let findings = doctorFindings(["config.yml": config], settings: goodSettings(["null"]), environment: ["JS_ENV_EXTRA_CONFIG": "{}"])
        #expect(codes(findings) == ["PA417"])
        #expect(findings[0].location == .file("config.yml", line: 3, column: 12))
    }

    @Test func findingsAreSortedByLocation() {
        let findings = doctorFindings(["b.sh": "#!/bin/sh\nnpm run build 2>/dev/null || true\n"], settings: goodSettings())
        let keys = findings.map { ($0.location?.line ?? 0) * 1000 + ($0.location?.column ?? 0) }
        #expect(keys.count > 1)
        #expect(keys == keys.sorted())
    }
}

@Suite struct DoctorScriptInvocationTests {
    @Test func scriptRunByADockerfileStepUsesTheStepsEnvironment() {
        let script = "#!/bin/bash\nset -e\n./manage.py lms check\nnpm run webpack 2>/dev/null\n./manage.py lms collectstatic --noinput\n"
        let files = [
            "Dockerfile": dockerfile("\(goodConfig)\nCOPY scripts/build-assets.sh /tmp/\nRUN bash /tmp/build-assets.sh"),
            "scripts/build-assets.sh": script,
        ]
        // Only the step's finding, located in the script; the script alone (current environment) is not examined.
        let findings = doctorFindings(files, settings: goodSettings())
        #expect(codes(findings) == ["PA401"])
        #expect(findings[0].location == .file("scripts/build-assets.sh", line: 4, column: 1))
    }

    @Test func scriptsNotGivenAreNamedInTheNotes() {
        let files = ["Dockerfile": dockerfile("RUN ./scripts/install-provider.sh\nRUN npm run webpack", install: "RUN npm ci")]
        let findings = doctorFindings(files, settings: goodSettings())
        #expect(codes(findings) == ["PA400", "PA403", "PA408"])
        let note = "`./scripts/install-provider.sh` at Dockerfile:5:5 runs a script doctor was not given; pass it to have it checked"
        #expect(findings.allSatisfy { $0.notes.contains(note) })
    }

    @Test func inlineShellCodeIsExamined() {
        let files = ["Dockerfile": dockerfile("RUN sh -c 'export JS_ENV_EXTRA_CONFIG=abc; ./manage.py lms check; npm run build || true'")]
        let findings = doctorFindings(files, settings: goodSettings())
        #expect(codes(findings) == ["PA181", "PA402"])
        #expect(findings.contains { $0.code.identifier == "PA181" && $0.location == .file("Dockerfile", line: 5, column: 19) })
        #expect(findings.contains { $0.code.identifier == "PA402" && $0.location?.line == 5 })
    }
}
