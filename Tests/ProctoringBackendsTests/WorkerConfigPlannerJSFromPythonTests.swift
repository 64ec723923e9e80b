import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Testing

@testable import ProctoringBackends

/// The planner with `--js-from-python`: no node_modules, workers.json as upstream writes it with the npm
/// package installed, and the distribution files in the plan.
@Suite("workers.json planner, --js-from-python")
struct WorkerConfigPlannerJSFromPythonTests {
    let settings = makeSettings([
        ("ENV_ROOT", .path("/srv")), ("NODE_MODULES_ROOT", .path("/srv/edx-platform/node_modules")),
        ("PROCTORING_BACKENDS", backendsDict(["proctortrack"], defaultName: "proctortrack")),
    ])

    func sitePackages(workerFile: Bool = true) -> InMemoryFileSystem {
        var fs = InMemoryFileSystem()
        fs.addDirectory("/srv")
        fs.addFile("/sp/edx_proctoring_proctortrack-1.2.1.dist-info/METADATA", "Name: edx-proctoring-proctortrack\nVersion: 1.2.1\n\n")
        fs.addFile("/sp/edx_proctoring_proctortrack-1.2.1.dist-info/RECORD",
            (workerFile ? "edx_proctoring_proctortrack/static/proctortrack_custom.js,,\n" : "")
                + "edx_proctoring_proctortrack/backends/proctortrack_rest.py,,\n")
        fs.addFile("/sp/edx_proctoring_proctortrack/static/proctortrack_custom.js", "")
        fs.addFile("/sp/edx_proctoring-6.1.4.dist-info/METADATA", "Name: edx-proctoring\nVersion: 6.1.4\n\n")
        fs.addFile("/sp/edx_proctoring-6.1.4.dist-info/RECORD", "edx_proctoring/static/index.js,,\n")
        fs.addFile("/sp/edx_proctoring/static/index.js", "")
        return fs
    }

    var proctortrack: DiscoveredBackend {
        var backend = backend("proctortrack", npm: "edx-proctoring-proctortrack")
        backend.distribution = DistributionIdentity(
            name: "edx-proctoring-proctortrack", version: "1.2.1", metadataPath: "/sp/edx_proctoring_proctortrack-1.2.1.dist-info")
        return backend
    }

    var options: WorkerConfigOptions {
        var options = WorkerConfigOptions(workingDirectory: "/")
        options.searchedSitePackages = (["/sp"], "--site-packages")
        options.javaScriptFromPython = JavaScriptFromPythonRequest()
        return options
    }

    @Test func workersJSONNamesTheNodeModulesPathUpstreamWritesAndThePlanHoldsTheFiles() throws {
        let diagnostics = DiagnosticCollector()
        let plan = try WorkerConfigPlanner(fileSystem: sitePackages()).plan(
            settings: settings, backends: [proctortrack], options: options, diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.isEmpty, "\(rendered(diagnostics.diagnostics))")
        #expect(String(decoding: plan.pythonJSONBytes, as: UTF8.self)
            == #"{"edx-proctoring-proctortrack": ["babel-polyfill", "/srv/edx-platform/node_modules/edx-proctoring-proctortrack/edx_proctoring_proctortrack/static/proctortrack_custom.js"]}"#)
        #expect(plan.javaScriptModules?.moduleFiles == [
            "edx-proctoring-proctortrack": "/sp/edx_proctoring_proctortrack/static/proctortrack_custom.js",
            "@edx/edx-proctoring": "/sp/edx_proctoring/static/index.js",
        ])
    }

    @Test func aWorkerNoDistributionShipsIsPA600WhereTheBackendDeclaresIt() {
        let diagnostics = DiagnosticCollector()
        #expect(throws: DiagnosticError.self) {
            try WorkerConfigPlanner(fileSystem: sitePackages(workerFile: false)).plan(
                settings: settings, backends: [proctortrack], options: options, diagnostics: diagnostics)
        }
        #expect(codes(diagnostics.diagnostics) == ["PA600"])
        let diagnostic = diagnostics.diagnostics.first
        #expect(diagnostic?.location == .file("/site/proctortrack_pkg/backend.py", line: 3, column: 5))
        #expect(diagnostic?.notes.first
            == "searched: edx-proctoring-proctortrack 1.2.1 (/sp/edx_proctoring_proctortrack-1.2.1.dist-info): its RECORD lists no JavaScript file in a static/ folder of its package")
    }

    /// Without the flag, a missing npm package stays PA051, with a note that the distribution has the worker.
    @Test func withoutTheFlagAMissingNpmPackageGetsTheNote() {
        var plain = options
        plain.javaScriptFromPython = nil
        let diagnostics = DiagnosticCollector()
        #expect(throws: DiagnosticError.self) {
            try WorkerConfigPlanner(fileSystem: sitePackages()).plan(
                settings: settings, backends: [proctortrack], options: plain, diagnostics: diagnostics)
        }
        #expect(codes(diagnostics.diagnostics) == ["PA051", "PA605"])
        #expect(diagnostics.diagnostics.last?.location == .file("/sp/edx_proctoring_proctortrack/static/proctortrack_custom.js"))
    }
}
