import Foundation
import Testing
import TestSupport

extension TutorPluginTests {
    /// PROCTORING_ASSETS_CONFIGURE_AT_START: the image is built with --deploy-time-config, every openedx container
    /// starts through `configure` with the JSON Tutor renders per environment into apps/openedx/config (mounted
    /// at /openedx/config), and the rendered entrypoint, run for real on a deploy-time build of the example
    /// deployment, configures it and then runs the container's command.
    /// On the current Tutor major only (the first of PA_TEST_TUTOR_TARGETS): the patch points are the same in both.
    @Test(arguments: tutorTargets.prefix(1))
    func configureAtStartPutsTheEnvironmentsConfigIntoTheBundlesAtContainerStart(tutorTarget: String) throws {
        let project = try Self.project(tutorTarget, label: "tutor-configure")
        defer { try? FileManager.default.removeItem(atPath: project.venv.root) }
        let enable = try project.tutor(["plugins", "enable", "proctoring-assets"])
        try #require(enable.status == 0, "\(enable.standardOutput)\n\(enable.standardError)")
        let save = try project.tutor([
            "config", "save", "--set", "PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG=\(Self.jsEnvExtraConfigYAML)",
            "--set", "PROCTORING_ASSETS_CONFIGURE_AT_START=true",
        ])
        try #require(save.status == 0, "\(save.standardOutput)\n\(save.standardError)")

        let dockerfile = try project.rendered("build/openedx/Dockerfile")
        #expect(dockerfile.contains("--python-path /openedx/edx-platform --deploy-time-config\n"), "\(dockerfile)")
        let final = try #require(dockerfile.range(of: "FROM production AS final"))
        let entrypointLine = try #require(dockerfile.split(separator: "\n").first { $0.hasPrefix("ENTRYPOINT ") }, "\(dockerfile)")
        #expect(try #require(dockerfile.range(of: String(entrypointLine))).lowerBound > final.lowerBound)
        // Per environment: the JSON in Tutor's config folder, listed in the openedx-config ConfigMap for k8s too.
        let rendered = try project.rendered("apps/openedx/config/proctoring-assets.json")
        #expect(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: String] == Self.jsEnvExtraConfig)
        #expect(try project.rendered("kustomization.yml").contains("apps/openedx/config/proctoring-assets.json"))

        // The entrypoint as the container runs it, on a deploy-time build made with the installed binary.
        let scratch = project.venv.root + "/example"
        let built = try project.venv.run(
            "proctoring-assets", ["build", "--example", "--example-dir", scratch, "--deploy-time-config"])
        try #require(built.status == 0, "\(built.standardOutput)\n\(built.standardError)")
        let staticRoot = scratch + "/openedx/staticfiles"
        let entrypoint = try #require(
            try JSONSerialization.jsonObject(with: Data(entrypointLine.dropFirst("ENTRYPOINT ".count).utf8)) as? [String])
        let arguments = entrypoint.dropFirst().map {
            $0.replacingOccurrences(of: "/openedx/staticfiles", with: staticRoot)
                .replacingOccurrences(of: "/openedx/config/", with: project.root + "/env/apps/openedx/config/")
        }
        #expect(entrypoint.first == "sh")
        let started = try ExternalProcess.run(
            "/bin/sh", arguments + ["echo", "container command ran"],
            environment: PackagedWheel.cleanEnvironment(path: try PackagedWheel.pathWithoutSwift(prepending: [project.venv.bin])))
        #expect(started.status == 0, "\(started.standardOutput)\n\(started.standardError)")
        #expect(started.standardOutput.hasSuffix("container command ran\n"), "\(started.standardOutput)")
        let bundle = try String(contentsOfFile: staticRoot + "/bundles/example-proctor-worker.js", encoding: .utf8)
        #expect(bundle.contains(#"return {"EXAMPLE_PROCTOR_URL":"https://proctor.example.com/api","GREETING":"it's"}"#), "\(bundle.prefix(400))")

        // Off (the default): neither the flag nor the entrypoint.
        let off = try project.tutor(["config", "save", "--set", "PROCTORING_ASSETS_CONFIGURE_AT_START=false"])
        try #require(off.status == 0, "\(off.standardError)")
        let plain = try project.rendered("build/openedx/Dockerfile")
        #expect(!plain.contains("--deploy-time-config") && !plain.contains("ENTRYPOINT ["))
    }
}
