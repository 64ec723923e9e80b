import Foundation
import Testing
import TestSupport

/// The Tutor plugin in the wheel, under the real Tutor from PyPI (the current major and the one before,
/// installed by scripts/install-test-tools): `tutor config save` renders the openedx image's Dockerfile
/// with our lines in place and the binary in the build context. No Docker engine is needed for that.
@Suite(.serialized) struct TutorPluginTests {
    /// The folders Tutor versions were installed into (`pip install --target`), from PA_TEST_TUTOR_TARGETS.
    static let tutorTargets: [String] =
        (ProcessInfo.processInfo.environment["PA_TEST_TUTOR_TARGETS"] ?? "").split(separator: " ").map(String.init)

    /// Values are JavaScript expressions; one holds a single quote, which the shell quoting must keep.
    static let jsEnvExtraConfig = ["EXAMPLE_PROCTOR_URL": #""https://proctor.example.com/api""#, "GREETING": #""it's""#]
    /// The same mapping as YAML for `tutor config save --set`.
    static let jsEnvExtraConfigYAML = #"{"EXAMPLE_PROCTOR_URL": "\"https://proctor.example.com/api\"", "GREETING": "\"it's\""}"#

    /// One Tutor project: a fresh virtualenv with the wheel, the Tutor version on PYTHONPATH, a TUTOR_ROOT.
    struct TutorProject {
        let venv: Virtualenv
        let tutorTarget: String
        let root: String

        var majorVersion: Int {
            let name = URL(fileURLWithPath: tutorTarget).lastPathComponent  // tutor-22.0.3
            return Int(name.dropFirst("tutor-".count).split(separator: ".")[0]) ?? 0
        }

        func tutor(_ arguments: [String]) throws -> ExternalProcess.Outcome {
            let launcher = "import sys; from tutor.commands.cli import main; sys.argv[0] = 'tutor'; main()"
            return try venv.run("python", ["-c", launcher] + arguments, extraEnvironment: ["PYTHONPATH": tutorTarget, "TUTOR_ROOT": root])
        }

        func rendered(_ path: String) throws -> String {
            try String(contentsOfFile: root + "/env/" + path, encoding: .utf8)
        }
    }

    static func project(_ tutorTarget: String, label: String) throws -> TutorProject {
        let venv = try PackagedWheel.fromEnvironment().installIntoFreshVirtualenv(label: label)
        let project = TutorProject(venv: venv, tutorTarget: tutorTarget, root: venv.root + "/tutor-root")
        let version = try project.tutor(["--version"])
        try #require(version.status == 0, "tutor from \(tutorTarget) does not run: \(version.standardError)")
        return project
    }

    @Test func bothTutorMajorsAreInstalled() throws {
        let majors = Set(Self.tutorTargets.map { URL(fileURLWithPath: $0).lastPathComponent.split(separator: ".")[0] })
        #expect(majors.count >= 2, "PA_TEST_TUTOR_TARGETS must name the current Tutor major and the one before: \(Self.tutorTargets)")
    }

    @Test(arguments: tutorTargets)
    func theEnabledPluginRendersItsLinesAfterCollectstaticAndTheBinaryIntoTheBuildContext(tutorTarget: String) throws {
        let project = try Self.project(tutorTarget, label: "tutor")
        defer { try? FileManager.default.removeItem(atPath: project.venv.root) }

        let enable = try project.tutor(["plugins", "enable", "proctoring-assets"])
        try #require(enable.status == 0, "\(enable.standardOutput)\n\(enable.standardError)")
        let save = try project.tutor([
            "config", "save",
            "--set", "PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG=\(Self.jsEnvExtraConfigYAML)",
            "--set", #"PROCTORING_ASSETS_BACKENDS={"DEFAULT": "example", "example": {"secret": "s"}}"#,
            "--set", #"PROCTORING_ASSETS_NPM_PACKAGES=["example-proctor-worker@1.0.0"]"#,
            "--set", "PROCTORING_ASSETS_SMOKE=true",
        ])
        try #require(save.status == 0, "\(save.standardOutput)\n\(save.standardError)")

        // The Dockerfile: our lines once each, in the production stage, after webpack, collectstatic and
        // rdfind (the last writers of the static root), and before the development stage.
        let dockerfile = try project.rendered("build/openedx/Dockerfile")
        let landmarks = [
            "FROM minimal AS production",
            "RUN npm run webpack",
            "./manage.py lms collectstatic --noinput --settings=tutor.assets",
            "rdfind -makesymlinks true",
            "COPY --chmod=0755 proctoring-assets /usr/local/bin/proctoring-assets\n",
            "RUN npm install --no-save --no-audit --no-fund --registry=$NPM_REGISTRY example-proctor-worker@1.0.0\n",
            "ENV JS_ENV_EXTRA_CONFIG=",
            "RUN proctoring-assets build --settings lms.envs.tutor.assets --python-path /openedx/edx-platform\n",
            "RUN proctoring-assets verify / --env-root /openedx --static-root /openedx/staticfiles --smoke\n",
            "FROM production AS development",
        ]
        var previous = dockerfile.startIndex
        for landmark in landmarks {
            let ranges = dockerfile.ranges(of: landmark)
            try #require(ranges.count == 1, "expected `\(landmark)` once in the Dockerfile, found \(ranges.count):\n\(dockerfile)")
            #expect(ranges[0].lowerBound > previous, "`\(landmark)` is out of order")
            previous = ranges[0].lowerBound
        }

        // The ENV line's quoting (the shell's, which Docker's ENV follows) gives back exactly the configured JSON.
        let line = try #require(dockerfile.split(separator: "\n").first { $0.hasPrefix("ENV JS_ENV_EXTRA_CONFIG=") })
        let assignment = String(line.dropFirst("ENV ".count))
        let shell = try ExternalProcess.run("/bin/sh", ["-c", assignment + "; printf %s \"$JS_ENV_EXTRA_CONFIG\""])
        #expect(shell.status == 0, "\(shell.standardError)")
        let decoded = try JSONSerialization.jsonObject(with: shell.standardOutputData) as? [String: String]
        #expect(decoded == Self.jsEnvExtraConfig)

        // PROCTORING_BACKENDS in the asset settings the build reads, and in the LMS settings.
        let assets = try project.rendered("build/openedx/settings/lms/assets.py")
        let backends = "PROCTORING_BACKENDS = {'DEFAULT': 'example', 'example': {'secret': 's'}}"
        #expect(assets.contains(backends))
        let parse = try project.venv.run("python", ["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", project.root + "/env/build/openedx/settings/lms/assets.py"])
        #expect(parse.status == 0, "\(parse.standardError)")
        #expect(try project.rendered("apps/openedx/settings/lms/production.py").contains(backends))

        // The binary in the build context: the installed one, byte for byte; executable where Tutor lets a
        // plugin act after saving the environment (>= 22; the image gets its mode from COPY --chmod).
        let contextBinary = project.root + "/env/build/openedx/proctoring-assets"
        let installed = try Data(contentsOf: URL(fileURLWithPath: project.venv.bin + "/proctoring-assets"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: contextBinary)) == installed)
        if project.majorVersion >= 22 {
            #expect(FileManager.default.isExecutableFile(atPath: contextBinary))
            let version = try ExternalProcess.run(
                contextBinary, ["--version"], environment: PackagedWheel.cleanEnvironment(path: try PackagedWheel.pathWithoutSwift(prepending: [])))
            #expect(version.status == 0, "\(version.standardError)")
            #expect(version.standardOutput.contains("(commit "))
        }
    }

    @Test(arguments: tutorTargets)
    func withoutThePluginNothingOfItIsRendered(tutorTarget: String) throws {
        let project = try Self.project(tutorTarget, label: "tutor-off")
        defer { try? FileManager.default.removeItem(atPath: project.venv.root) }
        let save = try project.tutor(["config", "save"])
        try #require(save.status == 0, "\(save.standardOutput)\n\(save.standardError)")
        #expect(!(try project.rendered("build/openedx/Dockerfile")).contains("proctoring-assets"))
        #expect(!FileManager.default.fileExists(atPath: project.root + "/env/build/openedx/proctoring-assets"))
    }

    @Test(arguments: tutorTargets)
    func aJSEnvExtraConfigThatIsNotAMappingStopsTheRender(tutorTarget: String) throws {
        let project = try Self.project(tutorTarget, label: "tutor-bad")
        defer { try? FileManager.default.removeItem(atPath: project.venv.root) }
        let enable = try project.tutor(["plugins", "enable", "proctoring-assets"])
        try #require(enable.status == 0, "\(enable.standardError)")
        let save = try project.tutor(["config", "save", "--set", "PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG=https://proctor.example.com"])
        #expect(save.status != 0)
        #expect((save.standardOutput + save.standardError).contains("PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG must be a mapping"))
    }
}
