import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import ProctoringBackends

/// `--js-from-python`'s mapping from npm modules to files of installed Python distributions: on the real
/// wheels from PyPI (installed with `pip install --target` by scripts/install-test-tools, so each folder is
/// a site-packages layout), and on small trees for the rules the real wheels do not exercise.
@Suite("distribution module mapper")
struct DistributionModuleMapperTests {
    static func wheel(_ variable: String) throws -> String {
        try #require(
            ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 },
            "\(variable) is not set: run `eval \"$(scripts/install-test-tools)\"` first")
    }

    @Test func theRealWheelsMapEachWorkerAndEdxProctoringToTheirStaticFile() throws {
        let v1 = try Self.wheel("PA_TEST_PROCTORTRACK_V1")
        let v2 = try Self.wheel("PA_TEST_PROCTORTRACK_V2")
        let edx = try Self.wheel("PA_TEST_EDX_PROCTORING")
        for (folder, module, distribution, version) in [
            (v1, "edx-proctoring-proctortrack", "edx-proctoring-proctortrack", "1.2.1"),
            (v2, "edx-proctoring-proctortrack-v2", "edx-proctoring-proctortrack-v2", "2.0.1"),
        ] {
            let mapper = DistributionModuleMapper(fileSystem: DiskFileSystem(), sitePackages: [folder, edx], workingDirectory: "/")
            let map = try mapper.map(workers: [(module, nil)]).get()
            #expect(map.mappings.map(\.module) == [module, "@edx/edx-proctoring"])
            let worker = try #require(map.mapping(for: module))
            #expect(worker.file == folder + "/edx_proctoring_proctortrack/static/proctortrack_custom.js")
            #expect(worker.pathInSitePackages == "edx_proctoring_proctortrack/static/proctortrack_custom.js")
            #expect(worker.distribution?.name == distribution)
            #expect(worker.distribution?.version == version)
            #expect(worker.reason == "npm name '\(module)' is the distribution's name (PEP 503 normalised); its RECORD lists the one JavaScript file in a static/ folder of its package")
            let edxProctoring = try #require(map.mapping(for: "@edx/edx-proctoring"))
            #expect(edxProctoring.file == edx + "/edx_proctoring/static/index.js")
            #expect(edxProctoring.mainPath == "edx_proctoring/static/index.js")
            #expect(edxProctoring.summaryLine == "JavaScript module @edx/edx-proctoring ← edx-proctoring 6.1.4: \(edx)/edx_proctoring/static/index.js (npm name '@edx/edx-proctoring' without its scope is the distribution's name (PEP 503 normalised); its RECORD lists the one JavaScript file in a static/ folder of its package)")
        }
    }

    @Test func aModuleNoDistributionShipsIsAnErrorNamingTheDistributionsSearched() throws {
        let v1 = try Self.wheel("PA_TEST_PROCTORTRACK_V1")
        let edx = try Self.wheel("PA_TEST_EDX_PROCTORING")
        let mapper = DistributionModuleMapper(fileSystem: DiskFileSystem(), sitePackages: [v1, edx], workingDirectory: "/")
        let result = mapper.map(workers: [("@edx/mockprock", nil)])
        guard case .failure(let error) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(error.diagnostics.count == 1)
        #expect(diagnostic.code == .javaScriptModuleNotMapped)
        #expect(diagnostic.message == "npm module '@edx/mockprock' cannot be taken from an installed Python distribution")
        #expect(diagnostic.notes == [
            "searched: no distribution named 'mockprock' (the npm name without its scope, PEP 503 normalised) is installed",
            "site-packages searched: \(v1), \(edx) (2 distribution(s))",
            "distributions that ship JavaScript in a static/ folder: edx-proctoring-proctortrack 1.2.1: edx_proctoring_proctortrack/static/proctortrack_custom.js; edx-proctoring 6.1.4: edx_proctoring/static/index.js",
        ])
        #expect(diagnostic.fix?.contains("--js-module-file @edx/mockprock=PATH") == true)
    }

    /// A distribution named otherwise than the npm package: the one declaring the backend is searched next.
    @Test func theDistributionDeclaringTheBackendIsSearchedWhenNoneHasTheNpmName() throws {
        var fs = InMemoryFileSystem()
        fs.addFile("/sp/acme_proctor-3.0.dist-info/METADATA", "Name: acme-proctor\nVersion: 3.0\n\n")
        fs.addFile("/sp/acme_proctor-3.0.dist-info/RECORD", "acme/__init__.py,,\nacme/static/worker.js,,\nacme/static/css/a.js,,\n")
        fs.addFile("/sp/acme/static/worker.js", "export default 1;\n")
        let backend = DiscoveredBackend(
            name: "acme", distribution: DistributionIdentity(name: "acme-proctor", version: "3.0", metadataPath: "/sp/acme_proctor-3.0.dist-info"),
            objectReference: "acme.backend:Acme", npmModuleDeclaration: .declared("@acme/worker"), origin: .entryPoint)
        let mapper = DistributionModuleMapper(fileSystem: fs, sitePackages: ["/sp"], workingDirectory: "/")
        let mapping = try mapper.map(module: "@acme/worker", declaredBy: backend).get()
        #expect(mapping.file == "/sp/acme/static/worker.js")
        #expect(mapping.reason == "the distribution declares backend 'acme', whose npm_module is '@acme/worker'; its RECORD lists the one JavaScript file in a static/ folder of its package")
    }

    @Test func severalFilesChooseTheOnlyIndexOrAreAmbiguous() throws {
        var fs = InMemoryFileSystem()
        fs.addFile("/sp/two-1.0.dist-info/RECORD", "two/static/a.js,,\n\"two/static/b,c.js\",,\n")
        fs.addFile("/sp/three-1.0.dist-info/RECORD", "three/static/a.js,,\nthree/static/index.js,,\n")
        fs.addFile("/sp/three/static/index.js", "")
        let mapper = DistributionModuleMapper(fileSystem: fs, sitePackages: ["/sp"], workingDirectory: "/")
        let three = try mapper.map(module: "three").get()
        #expect(three.file == "/sp/three/static/index.js")
        #expect(three.reason.hasSuffix("its RECORD lists 2 JavaScript files, of which this is the one index.js, in a static/ folder of its package"))
        guard case .failure(let error) = mapper.map(module: "two") else {
            Issue.record("expected PA601")
            return
        }
        #expect(error.diagnostics.map(\.code) == [.javaScriptModuleAmbiguous])
        #expect(error.diagnostics.first?.notes.prefix(2) == ["candidate: two/static/a.js", "candidate: two/static/b,c.js"])
    }

    @Test func aRecordedFileMissingOnDiskIsPA607() throws {
        var fs = InMemoryFileSystem()
        fs.addFile("/sp/gone-1.0.dist-info/RECORD", "gone/static/w.js,,\n")
        let result = DistributionModuleMapper(fileSystem: fs, sitePackages: ["/sp"], workingDirectory: "/").map(module: "gone")
        guard case .failure(let error) = result else {
            Issue.record("expected PA607")
            return
        }
        #expect(error.diagnostics.map(\.code) == [.distributionFileMissing])
    }

    /// Proctortrack 1.x and 2.x install the same path: the file on disk is the one installed last, and the
    /// sha256 of each RECORD tells whose it is (the real wheels' hashes are checked in the test above).
    @Test func aFileAnotherDistributionInstalledOverIsPA608NamingIt() throws {
        var fs = InMemoryFileSystem()
        let path = "edx_proctoring_proctortrack/static/proctortrack_custom.js"
        fs.addFile("/sp/edx_proctoring_proctortrack-1.2.1.dist-info/METADATA", "Name: edx-proctoring-proctortrack\nVersion: 1.2.1\n\n")
        fs.addFile("/sp/edx_proctoring_proctortrack-1.2.1.dist-info/RECORD", "\(path),sha256=YUt2HhQAaCmC3RYlU_qgY-nNABGlVT-H7JJFcp2O5s8,10\n")
        fs.addFile("/sp/edx_proctoring_proctortrack_v2-2.0.1.dist-info/METADATA", "Name: edx-proctoring-proctortrack-v2\nVersion: 2.0.1\n\n")
        fs.addFile("/sp/edx_proctoring_proctortrack_v2-2.0.1.dist-info/RECORD", "\(path),sha256=ltDVT9bZfxryWRznciWEboxO_qP7AE-heQWcS4aEEy0,10\n")
        fs.addFile("/sp/" + path, "v1 worker\n")
        let mapper = DistributionModuleMapper(fileSystem: fs, sitePackages: ["/sp"], workingDirectory: "/")
        #expect(try mapper.map(module: "edx-proctoring-proctortrack").get().file == "/sp/" + path)
        guard case .failure(let error) = mapper.map(module: "edx-proctoring-proctortrack-v2") else {
            Issue.record("expected PA608")
            return
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.code == .distributionFileReplaced)
        #expect(diagnostic.message == "npm module 'edx-proctoring-proctortrack-v2': \(path) is not the file edx-proctoring-proctortrack-v2 2.0.1 installed (its sha256 differs from the RECORD); it is the one of edx-proctoring-proctortrack 1.2.1")
        #expect(diagnostic.notes == [
            "RECORD: sha256-ltDVT9bZfxryWRznciWEboxO/qP7AE+heQWcS4aEEy0=", "on disk: sha256-YUt2HhQAaCmC3RYlU/qgY+nNABGlVT+H7JJFcp2O5s8=",
        ])
    }

    @Test func withoutRecordTheTopLevelPackagesAreListedOnDisk() throws {
        var fs = InMemoryFileSystem()
        fs.addFile("/sp/old_provider-0.1.egg-info/PKG-INFO", "Name: old-provider\nVersion: 0.1\n\n")
        fs.addFile("/sp/old_provider-0.1.egg-info/top_level.txt", "oldprov\n")
        fs.addFile("/sp/oldprov/static/w.js", "")
        fs.addFile("/sp/oldprov/static/style.css", "")
        let mapping = try DistributionModuleMapper(fileSystem: fs, sitePackages: ["/sp"], workingDirectory: "/").map(module: "old-provider").get()
        #expect(mapping.file == "/sp/oldprov/static/w.js")
        #expect(mapping.reason.contains("it has no RECORD; on disk, the packages of its top_level.txt hold the one JavaScript file"))
    }

    @Test func anOverrideNamesTheFileRelativeToSitePackagesOrAbsolute() throws {
        var fs = InMemoryFileSystem()
        fs.addFile("/sp/mockprock-1.0.dist-info/RECORD", "mockprock/static/index.js,,\nmockprock/static/extra.js,,\n")
        fs.addFile("/sp/mockprock/static/index.js", "")
        fs.addFile("/elsewhere/w.js", "")
        let overrides = [
            try JavaScriptModuleFileOverride.parse("@edx/mockprock = mockprock/static/extra.js"),
            try JavaScriptModuleFileOverride.parse("other=/elsewhere/w.js"),
            try JavaScriptModuleFileOverride.parse("missing=nowhere/x.js"),
        ]
        fs.addFile("/sp/mockprock/static/extra.js", "")
        let mapper = DistributionModuleMapper(fileSystem: fs, sitePackages: ["/sp"], overrides: overrides, workingDirectory: "/work")
        let mockprock = try mapper.map(module: "@edx/mockprock").get()
        #expect(mockprock.file == "/sp/mockprock/static/extra.js")
        #expect(mockprock.pathInSitePackages == "mockprock/static/extra.js")
        #expect(mockprock.reason == "given by --js-module-file; listed by mockprock's file list")
        let other = try mapper.map(module: "other").get()
        #expect(other.mainPath == "w.js")
        #expect(other.reason == "given by --js-module-file; outside site-packages, so workers.json names it by its file name")
        guard case .failure(let error) = mapper.map(module: "missing") else {
            Issue.record("expected PA603")
            return
        }
        #expect(error.diagnostics.map(\.code) == [.javaScriptModuleFileNotFound])
        #expect(error.diagnostics.first?.notes == ["tried /sp/nowhere/x.js", "tried /work/nowhere/x.js"])
        #expect(mapper.supportModules == ["@edx/edx-proctoring", "@edx/mockprock", "other", "missing"])
    }

    @Test(arguments: ["", "no-equals", "=x.js", "module="])
    func aMalformedOverrideIsPA602(text: String) {
        #expect(throws: DiagnosticError.self) { try JavaScriptModuleFileOverride.parse(text) }
        do {
            _ = try JavaScriptModuleFileOverride.parse(text)
        } catch {
            #expect(error.diagnostics.map(\.code) == [.javaScriptModuleFileOverrideSyntax])
        }
    }

    @Test func recordPathsAreTheFirstCSVField() {
        #expect(InstalledDistributionFiles.firstCSVField("a/b.js,sha256=x,1") == "a/b.js")
        #expect(InstalledDistributionFiles.firstCSVField("\"a/b,c.js\",sha256=x,1") == "a/b,c.js")
        #expect(InstalledDistributionFiles.firstCSVField("\"a/\"\"q\"\".js\",,") == "a/\"q\".js")
    }
}
