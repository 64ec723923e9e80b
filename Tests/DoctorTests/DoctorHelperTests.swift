import Bundler
import Diagnostics
import OrderedJSON
import Testing
@testable import Doctor

@Suite struct DoctorHelperTests {
    /// The codes the define model (which doctor shares with the build) gives one JS_ENV_EXTRA_CONFIG value.
    func defineCodes(_ code: String) throws -> [String] {
        let text = JSONWriter.write(.object([JSONMember("K", .string(code))]), style: .javaScriptCompact)
        let defines = try DefineSet.parse(jsEnvExtraConfig: text).get()
        return DefineValidation.valueProblems(of: defines).map(\.code.identifier)
    }

    @Test(arguments: [
        "\"https://cdn.example.com/x.js\"", "'single'", "42", "-1.5e3", "0x1F", "true", "null", "{}", "undefined",
        "self.location.origin", "\"a\" + \"b\"", "{\"k\": [1, \"x\"]}",
    ])
    func literals(code: String) throws {
        #expect(try defineCodes(code) == [])
    }

    @Test func nonExpressionsAndFreeNames() throws {
        for code in ["https://cdn.example.com/x.js", "//cdn.example.com/x.js", "", "\"unterminated", "two words"] {
            #expect(try defineCodes(code) == ["PA182"], "`\(code)`")
        }
        for code in ["abc", "config.url", "`a ${b}`", "a + b"] {
            #expect(try defineCodes(code) == ["PA187"], "`\(code)`")
        }
    }

    @Test func npmSpecs() {
        let package = "edx-proctoring-proctortrack"
        for spec in [
            "edx-proctoring-proctortrack", "edx-proctoring-proctortrack@^1.1.0",
            "git+ssh://git@github.com/verificient/edx-proctoring-proctortrack.git#v1.1.1",
            "verificient/edx-proctoring-proctortrack", "./vendor/edx-proctoring-proctortrack",
            "https://example.com/edx-proctoring-proctortrack-1.1.1.tgz", "file:../edx-proctoring-proctortrack",
        ] {
            #expect(NpmPackageSpec.spec(spec, installs: package), "\(spec)")
        }
        for spec in ["edx-proctoring", "edx-proctoring-proctortrack-v2", "proctortrack", "@edx/edx-proctoring-proctortrack-x"] {
            #expect(!NpmPackageSpec.spec(spec, installs: package), "\(spec)")
        }
        #expect(NpmPackageSpec.spec("@edx/mockprock@1.0.2", installs: "@edx/mockprock"))
        #expect(NpmPackageSpec.spec("git+https://github.com/openedx/mockprock.git", installs: "@edx/mockprock"))
        #expect(NpmPackageSpec.registryName("@edx/mockprock@1") == "@edx/mockprock")
    }

    @Test func commandClassification() {
        func kind(_ line: String) -> BuildCommandKind {
            BuildCommandClassifier.classify(ShellScript.parse(line).commands[0])
        }
        for webpack in ["npm run webpack", "npm run build", "npm run-script build-dev", "npx webpack --config x.js",
                        "webpack --config=webpack.prod.config.js", "yarn build", "node_modules/.bin/webpack",
                        "sudo -E -u app npm run webpack", "env NODE_ENV=production npm run webpack"] {
            #expect(kind(webpack) == .webpack, "\(webpack)")
        }
        #expect(kind("npm run compile-sass") == .other)
        #expect(kind("./manage.py lms collectstatic --noinput") == .workersProducer(description: "manage.py lms collectstatic", collectstatic: true))
        #expect(kind("python3 /openedx/edx-platform/manage.py cms shell") == .workersProducer(description: "manage.py cms shell", collectstatic: false))
        #expect(kind("python -m pip install -r req.txt django-webpack-loader==3.2.3") == .pipInstall(specs: ["django-webpack-loader==3.2.3"], requirementFiles: ["req.txt"]))
        #expect(kind("npm ci --no-audit") == .npmInstall(specs: [], installsManifest: true))
        #expect(kind("npm install --save-dev @edx/mockprock") == .npmInstall(specs: ["@edx/mockprock"], installsManifest: false))
        #expect(kind("proctoring-assets build --settings x") == .proctoringAssets(ProctoringAssetsCommand(words: ["proctoring-assets", "build", "--settings", "x"])!))
        #expect(kind("proctoring-assets build --settings x").writesWorkersJSON)
    }

    @Test func backendTable() {
        #expect(ProctoringBackendPackages.npmModule(forBackendNamed: "proctortrack") == .npmModule("edx-proctoring-proctortrack"))
        #expect(ProctoringBackendPackages.npmModule(forBackendNamed: "mockprock") == .npmModule("@edx/mockprock"))
        for name in ["null", "mock", "software_secure", "rpnow4"] {
            #expect(ProctoringBackendPackages.npmModule(forBackendNamed: name) == .noWorker)
        }
        #expect(ProctoringBackendPackages.npmModule(forBackendNamed: "examus") == .unknown)
    }

    @Test func inputKinds() {
        #expect(DoctorInputKind.detect(path: "ci/Earthfile", text: "") == .earthfile)
        #expect(DoctorInputKind.detect(path: "docker/lms.Dockerfile", text: "") == .dockerfile)
        #expect(DoctorInputKind.detect(path: "settings/assets.not_py", text: "") == .pythonSettings)
        #expect(DoctorInputKind.detect(path: "build-assets", text: "#!/usr/bin/env bash\nset -e\n") == .shellScript)
        #expect(DoctorInputKind.detect(path: "build-image", text: "# build\nFROM python:3.11\n") == .dockerfile)
        #expect(DoctorInputKind.detect(path: "requirements/edx/base.txt", text: "") == .pipRequirements)
        #expect(DoctorInputKind.detect(path: "notes", text: "hello") == nil)
    }

    @Test func catalogIsCompleteAndInRange() {
        let identifiers = DoctorCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        for code in DoctorCatalog.codes {
            let number = Int(code.identifier.dropFirst(2)) ?? 0
            #expect((400...449).contains(number), "\(code.identifier)")
            #expect(code.explanation.count > 80, "\(code.identifier)")
            #expect(code.isInputError == (430...433).contains(number), "\(code.identifier)")
        }
        #expect(identifiers.count == 29)
    }
}
