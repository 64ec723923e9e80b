import BenchmarkWorkload
import Foundation

/// The reference workload as an Open edX deployment, for ours' whole `build` (settings -> workers.json ->
/// bundle -> stats file -> URL check) as operators run it: the example deployment (copied by
/// `proctoring-assets settings --example`) with Proctortrack as the default backend, its wheel's files in
/// site-packages, and the reference workload's node_modules (babel-polyfill over core-js, the Proctortrack
/// worker, edx-proctoring's handler wrapper) as NODE_MODULES_ROOT.
struct ReferenceDeployment {
    let scratch: String
    var envRoot: String { scratch + "/openedx" }
    var bundle: String { envRoot + "/staticfiles/bundles/\(ProctortrackFiles.npmName).js" }

    init(ours: String, workload: ReferenceWorkload, handler: ProctortrackFiles, in folder: String) throws {
        scratch = folder + "/deployment"
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: ours)
        copy.arguments = ["settings", "--example", "--example-dir", scratch, "--quiet"]
        copy.standardOutput = FileHandle.nullDevice
        try copy.run()
        copy.waitUntilExit()
        guard copy.terminationStatus == 0 else { throw WorkloadRunError("`\(ours) settings --example` failed") }

        let files = FileManager.default
        let lmsYAML = envRoot + "/config/lms.yml"
        let yaml = try String(contentsOfFile: lmsYAML, encoding: .utf8)
            .replacingOccurrences(of: "DEFAULT: example_proctor", with: "DEFAULT: proctortrack")
            .replacingOccurrences(of: "  example_proctor:", with: "  proctortrack:")
        try yaml.write(toFile: lmsYAML, atomically: true, encoding: .utf8)
        let sitePackages = envRoot + "/venv/lib/python3.11/site-packages"
        for entry in try files.contentsOfDirectory(atPath: handler.proctortrackWheel) where entry.hasPrefix("edx_proctoring_proctortrack") {
            try files.copyItem(atPath: handler.proctortrackWheel + "/" + entry, toPath: sitePackages + "/" + entry)
        }
        let modules = envRoot + "/edx-platform/node_modules"
        try files.removeItem(atPath: modules)
        try files.copyItem(atPath: workload.edxPlatform + "/node_modules", toPath: modules)
    }

    /// `build` with the deployment's settings, as a Dockerfile step runs it.
    func contender(ours: String, cache: String?) -> Contender {
        var environment = ProcessInfo.processInfo.environment
        environment["LMS_CFG"] = envRoot + "/config/lms.yml"
        environment["JS_ENV_EXTRA_CONFIG"] = ProctortrackFiles.extraConfig
        environment["NODE_ENV"] = "production"
        return Contender(
            name: cache == nil ? "ours build" : "ours build --cache", executable: ours,
            arguments: [
                "build", "--settings", "example_site.assets", "--python-path", envRoot + "/site-settings", "--python-path",
                envRoot + "/edx-platform", "--config-yaml", envRoot + "/config/lms.yml", "--site-packages",
                envRoot + "/venv/lib/python3.11/site-packages",
            ] + (cache.map { ["--cache", $0] } ?? []),
            environment: environment, workingDirectory: scratch, standardInputFile: nil, outputFile: bundle,
            outputDirectory: envRoot + "/staticfiles/bundles")
    }
}
