import Diagnostics
import FileSystemSupport
import Testing

@testable import ProctoringBackends

@Suite("backend discovery")
struct BackendDiscoveryTests {
    static let edxProctoringEntryPoints = """
        [openedx.proctoring]
        mock = edx_proctoring.backends.mock:MockProctoringBackendProvider
        null = edx_proctoring.backends.null:NullBackendProvider
        software_secure = edx_proctoring.backends.software_secure:SoftwareSecureBackendProvider
        """

    func tree() -> InMemoryFileSystem {
        var fs = InMemoryFileSystem()
        fs.addFile("/sp/edx_proctoring-6.1.4.dist-info/METADATA", "Metadata-Version: 2.1\nName: edx-proctoring\nVersion: 6.1.4\n\nName: not-a-header\n")
        fs.addFile("/sp/edx_proctoring-6.1.4.dist-info/entry_points.txt", Self.edxProctoringEntryPoints)
        fs.addFile("/sp/edx_proctoring/backends/null.py", "class NullBackendProvider(ProctoringBackendProvider):\n    pass\n")
        fs.addFile("/sp/edx_proctoring/backends/mock.py", "class MockProctoringBackendProvider:\n    pass\n")
        fs.addFile("/sp/edx_proctoring/backends/software_secure.py", "class SoftwareSecureBackendProvider:\n    pass\n")
        fs.addFile("/sp/Edx_Proctoring_Proctortrack-1.2.0.egg-info/PKG-INFO", "Name: edx-proctoring-proctortrack\nVersion: 1.2.0\n")
        fs.addFile("/sp/Edx_Proctoring_Proctortrack-1.2.0.egg-info/entry_points.txt",
            "[openedx.proctoring]\nproctortrack = edx_proctoring_proctortrack.backends.proctortrack_rest:ProctortrackBackendProvider\n")
        fs.addFile("/sp/edx_proctoring_proctortrack/backends/proctortrack_rest.py",
            "from edx_proctoring.backends.rest import BaseRestProctoringProvider\nclass ProctortrackBackendProvider(BaseRestProctoringProvider):\n    npm_module = 'edx-proctoring-proctortrack'\n")
        return fs
    }

    @Test func discoversInNameOrderWithDistInfoAndEggInfo() throws {
        let diagnostics = DiagnosticCollector()
        let backends = try BackendDiscovery(fileSystem: tree()).discover(sitePackages: ["/sp"], overrides: [], diagnostics: diagnostics)
        #expect(backends.map(\.name) == ["mock", "null", "software_secure", "proctortrack"])
        #expect(backends.map(\.npmModule) == [nil, nil, nil, "edx-proctoring-proctortrack"])
        #expect(backends[0].distribution == DistributionIdentity(name: "edx-proctoring", version: "6.1.4", metadataPath: "/sp/edx_proctoring-6.1.4.dist-info"))
        #expect(backends[3].distribution?.name == "edx-proctoring-proctortrack")
        #expect(backends[3].moduleFile == "/sp/edx_proctoring_proctortrack/backends/proctortrack_rest.py")
        #expect(backends[3].npmModuleLocation == .file("/sp/edx_proctoring_proctortrack/backends/proctortrack_rest.py", line: 3, column: 5))
        #expect(backends[3].location == .file("/sp/Edx_Proctoring_Proctortrack-1.2.0.egg-info/entry_points.txt", line: 2, column: 1))
        #expect(diagnostics.diagnostics.isEmpty)
    }

    @Test func firstSitePackagesWinsForTheSameDistribution() throws {
        var fs = tree()
        fs.addFile("/first/edx_proctoring_proctortrack-9.0.dist-info/entry_points.txt",
            "[openedx.proctoring]\nproctortrack = other.mod:Other\n")
        fs.addFile("/first/other/mod.py", "class Other:\n    npm_module = 'shadowing'\n")
        let backends = try BackendDiscovery(fileSystem: fs).discover(sitePackages: ["/first", "/sp"], overrides: [], diagnostics: DiagnosticCollector())
        #expect(backends.map(\.name) == ["proctortrack", "mock", "null", "software_secure"])
        #expect(backends[0].npmModule == "shadowing")
    }

    @Test func sameEntryPointNameTwiceLaterWinsWithAWarning() throws {
        var fs = tree()
        fs.addFile("/sp/edx_proctoring_proctortrack_v2-2.0.dist-info/METADATA", "Name: edx-proctoring-proctortrack-v2\nVersion: 2.0\n")
        fs.addFile("/sp/edx_proctoring_proctortrack_v2-2.0.dist-info/entry_points.txt",
            "[openedx.proctoring]\nproctortrack = proctortrack_v2.backend:Provider\n")
        fs.addFile("/sp/proctortrack_v2/backend.py", "class Provider:\n    npm_module = 'edx-proctoring-proctortrack-v2'\n")
        let diagnostics = DiagnosticCollector()
        let backends = try BackendDiscovery(fileSystem: fs).discover(sitePackages: ["/sp"], overrides: [], diagnostics: diagnostics)
        #expect(backends.map(\.name) == ["mock", "null", "software_secure", "proctortrack"])
        #expect(backends[3].npmModule == "edx-proctoring-proctortrack-v2")
        #expect(rendered(diagnostics.diagnostics) == [
            "/sp/edx_proctoring_proctortrack_v2-2.0.dist-info/entry_points.txt:2:1: warning[PA042]: backend 'proctortrack' is declared by edx-proctoring-proctortrack 1.2.0 (edx_proctoring_proctortrack.backends.proctortrack_rest:ProctortrackBackendProvider) and by edx-proctoring-proctortrack-v2 2.0 (proctortrack_v2.backend:Provider); the later one is used",
            "  fix: uninstall one of the two distributions (pip uninstall edx-proctoring-proctortrack)",
            "  note: first declared at /sp/Edx_Proctoring_Proctortrack-1.2.0.egg-info/entry_points.txt:2:1",
        ])
    }

    @Test func overridesReplaceAndAdd() throws {
        let overrides = try [
            BackendOverride.parse("proctortrack=edx-proctoring-proctortrack-v2"),
            BackendOverride.parse("mockprock=@edx/mockprock"),
            BackendOverride.parse("null="),
        ]
        let backends = try BackendDiscovery(fileSystem: tree()).discover(sitePackages: ["/sp"], overrides: overrides, diagnostics: DiagnosticCollector())
        #expect(backends.map(\.name) == ["mock", "null", "software_secure", "proctortrack", "mockprock"])
        #expect(backends.map(\.npmModule) == [nil, nil, nil, "edx-proctoring-proctortrack-v2", "@edx/mockprock"])
        #expect(backends[3].origin == .override)
        #expect(backends[3].distribution?.name == "edx-proctoring-proctortrack")
    }

    @Test func malformedOverride() {
        #expect(throws: DiagnosticError.self) { try BackendOverride.parse("proctortrack") }
        do {
            _ = try BackendOverride.parse("=x")
            Issue.record("expected an error")
        } catch {
            #expect(rendered(error.diagnostics) == [
                "flag --backend: error[PA045]: '=x' has an empty backend NAME",
                "  fix: write --backend NAME=x with NAME the key of PROCTORING_BACKENDS, e.g. proctortrack",
            ])
        }
    }

    @Test func unknownNpmModuleAndMissingSourceAreWarnings() throws {
        var fs = InMemoryFileSystem()
        fs.addFile("/sp/prov-1.0.dist-info/entry_points.txt", "[openedx.proctoring]\ndyn = prov.b:Dyn\ngone = prov.missing:Gone\n")
        fs.addFile("/sp/prov/b.py", "import os\nclass Dyn:\n    npm_module = os.environ['NPM']\n")
        let diagnostics = DiagnosticCollector()
        let backends = try BackendDiscovery(fileSystem: fs).discover(sitePackages: ["/sp"], overrides: [], diagnostics: diagnostics)
        #expect(backends.map(\.name) == ["dyn", "gone"])
        #expect(codes(diagnostics.diagnostics) == ["PA043", "PA044"])
        #expect(diagnostics.diagnostics[0].location == .file("/sp/prov/b.py", line: 3, column: 5))
        #expect(diagnostics.diagnostics[0].severity == .warning)
    }

    @Test func missingSitePackagesAndMalformedEntryPointsThrow() {
        var fs = InMemoryFileSystem()
        fs.addFile("/sp/prov-1.0.dist-info/entry_points.txt", "[openedx.proctoring]\nbroken\n")
        let diagnostics = DiagnosticCollector()
        do {
            _ = try BackendDiscovery(fileSystem: fs).discover(sitePackages: ["/nope", "/sp"], overrides: [], diagnostics: diagnostics)
            Issue.record("expected an error")
        } catch {
            #expect(codes(error.diagnostics) == ["PA069", "PA040"])
            #expect(codes(diagnostics.diagnostics) == ["PA069", "PA040"])
        }
    }

    @Test func knownTable() {
        let table = KnownProctoringBackends.backends()
        #expect(table.map(\.name) == ["null", "mock", "software_secure", "rpnow4", "proctortrack", "mockprock"])
        #expect(table.compactMap(\.npmModule) == ["edx-proctoring-proctortrack", "@edx/mockprock"])
        let v2 = KnownProctoringBackends.backends(proctortrackV2: true)
        #expect(v2.first { $0.name == "proctortrack" }?.npmModule == "edx-proctoring-proctortrack-v2")
        #expect(v2.first { $0.name == "proctortrack" }?.distribution?.name == "edx-proctoring-proctortrack-v2")
    }

    @Test func realEdxProctoringInstallHasFourBuiltInsWithoutWorker() throws {
        guard let python = Environment.python else {
            Issue.record("PA_TEST_PYTHON is not set; run eval \"$(scripts/install-test-tools)\"")
            return
        }
        let sitePackages = try #require(PythonSitePackagesLocator(executableName: python).locate())
        let diagnostics = DiagnosticCollector()
        let backends = try BackendDiscovery(fileSystem: DiskFileSystem()).discover(
            sitePackages: sitePackages, overrides: [], diagnostics: diagnostics)
        #expect(backends.map(\.name) == ["mock", "null", "rpnow4", "software_secure"])
        #expect(backends.allSatisfy { $0.npmModuleDeclaration == .notDeclared })
        #expect(backends.allSatisfy { $0.distribution?.name == "edx-proctoring" && $0.distribution?.version == "6.1.4" })
        #expect(backends[1].moduleFile?.hasSuffix("/edx_proctoring/backends/null.py") == true)
        #expect(rendered(diagnostics.diagnostics) == [])
    }

    @Test func locatorFindsTheSitePackagesOfPython() throws {
        guard let python = Environment.python else {
            Issue.record("PA_TEST_PYTHON is not set; run eval \"$(scripts/install-test-tools)\"")
            return
        }
        let folders = PythonSitePackagesLocator(executableName: python).locate()
        #expect(folders?.contains { $0.hasSuffix("site-packages") } == true, "\(folders ?? [])")
        #expect(PythonSitePackagesLocator(environment: ["PATH": "/nonexistent"]).locate() == nil)
    }
}
