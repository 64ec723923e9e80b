import DeploymentSettings
import Diagnostics
import FileSystemSupport
import Testing

@testable import ProctoringBackends

@Suite("workers.json planner")
struct WorkerConfigPlannerTests {
    static let settingsFile = "/srv/edx-platform/lms/envs/assets.py"

    func standardSettings(backends: PythonValue = backendsDict(["proctortrack"], defaultName: "proctortrack")) -> ResolvedSettings {
        makeSettings([
            ("ENV_ROOT", .path("/srv")), ("NODE_MODULES_ROOT", .path("/srv/edx-platform/node_modules")),
            ("PROCTORING_BACKENDS", backends),
        ])
    }

    func fileSystem(_ extra: [String: String] = [:]) -> InMemoryFileSystem {
        var fs = InMemoryFileSystem(files: [
            "/srv/edx-platform/node_modules/edx-proctoring-proctortrack/package.json":
                #"{"name": "edx-proctoring-proctortrack", "main": "edx_proctoring_proctortrack/static/proctortrack_custom.js"}"#,
            "/srv/edx-platform/node_modules/edx-proctoring-proctortrack/edx_proctoring_proctortrack/static/proctortrack_custom.js": "",
            "/srv/edx-platform/node_modules/@edx/mockprock/package.json": "{\n  \"main\": \"./static/index\"\n}",
            "/srv/edx-platform/node_modules/@edx/mockprock/static/index.js": "",
        ])
        for (path, text) in extra { fs.addFile(path, text) }
        return fs
    }

    func plan(
        _ settings: ResolvedSettings, _ backends: [DiscoveredBackend], fs: InMemoryFileSystem? = nil,
        options: WorkerConfigOptions = WorkerConfigOptions()
    ) -> (WorkerConfigPlan?, [Diagnostic], DiagnosticError?) {
        let diagnostics = DiagnosticCollector()
        do {
            let plan = try WorkerConfigPlanner(fileSystem: fs ?? fileSystem()).plan(
                settings: settings, backends: backends, options: options, diagnostics: diagnostics)
            return (plan, diagnostics.diagnostics, nil)
        } catch {
            return (nil, diagnostics.diagnostics, error)
        }
    }

    @Test func tutorLayoutGivesUpstreamBytes() throws {
        let (plan, diagnostics, error) = plan(standardSettings(), [backend("proctortrack", npm: "edx-proctoring-proctortrack")])
        #expect(error == nil)
        #expect(diagnostics.isEmpty)
        let bytes = try #require(plan).pythonJSONBytes
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"{"edx-proctoring-proctortrack": ["babel-polyfill", "/srv/edx-platform/node_modules/edx-proctoring-proctortrack/edx_proctoring_proctortrack/static/proctortrack_custom.js"]}"#)
        #expect(plan?.outputPath == "/srv/workers.json")
    }

    @Test func onlyConfiguredBackendsCountInDiscoveryOrderAndMainIsNotNormalised() throws {
        let backends = [
            backend("null", npm: nil, distribution: "edx-proctoring"),
            backend("mockprock", npm: "@edx/mockprock"),
            backend("unconfigured", npm: "not-installed"),
            backend("proctortrack", npm: "edx-proctoring-proctortrack"),
        ]
        let settings = standardSettings(backends: backendsDict(["proctortrack", "null", "mockprock"], defaultName: "null"))
        let (plan, diagnostics, _) = plan(settings, backends)
        #expect(diagnostics.isEmpty)
        let config = try #require(plan).config
        #expect(config.entries == [
            WorkerEntry(name: "@edx/mockprock", requests: ["babel-polyfill", "/srv/edx-platform/node_modules/@edx/mockprock/./static/index"]),
            WorkerEntry(name: "edx-proctoring-proctortrack", requests: ["babel-polyfill", "/srv/edx-platform/node_modules/edx-proctoring-proctortrack/edx_proctoring_proctortrack/static/proctortrack_custom.js"]),
        ])
    }

    @Test func absoluteMainReplacesThePrefix() throws {
        let fs = fileSystem([
            "/srv/edx-platform/node_modules/abs/package.json": #"{"main": "/opt/worker.js"}"#, "/opt/worker.js": "",
        ])
        let (plan, _, _) = plan(standardSettings(backends: backendsDict(["a"])), [backend("a", npm: "abs")], fs: fs)
        #expect(plan?.config.entries.first?.requests == ["babel-polyfill", "/opt/worker.js"])
    }

    @Test func nodeModulesRootUnsetNamesTheSettingAndTheImportChain() {
        var settings = makeSettings([("ENV_ROOT", .path("/srv")), ("PROCTORING_BACKENDS", backendsDict(["proctortrack"]))])
        settings.filesRead = ["/srv/edx-platform/lms/envs/assets.py", "/srv/edx-platform/lms/envs/base.py"]
        let (_, diagnostics, error) = plan(settings, [backend("proctortrack", npm: "edx-proctoring-proctortrack")])
        #expect(codes(error?.diagnostics ?? []) == ["PA046"])
        #expect(rendered(diagnostics) == [
            "/srv/edx-platform/lms/envs/assets.py: error[PA046]: NODE_MODULES_ROOT is not set, so edx_proctoring writes no workers.json and webpack builds no worker",
            "  fix: set NODE_MODULES_ROOT = REPO_ROOT / 'node_modules' (as lms.envs.common does) or pass --node-modules-root",
            "  note: searched /srv/edx-platform/lms/envs/assets.py -> /srv/edx-platform/lms/envs/base.py",
        ])
    }

    @Test func falsyNodeModulesRootIsUnset() {
        for value in [PythonValue.string(""), .none, .bool(false)] {
            let settings = makeSettings([("ENV_ROOT", .path("/srv")), ("NODE_MODULES_ROOT", value), ("PROCTORING_BACKENDS", backendsDict(["p"]))])
            let (_, _, error) = plan(settings, [backend("p", npm: "x")])
            #expect(codes(error?.diagnostics ?? []) == ["PA046"])
        }
    }

    @Test func envRootUnsetUnlessAnOutputPathIsGiven() {
        let settings = makeSettings([("NODE_MODULES_ROOT", .path("/srv/edx-platform/node_modules")), ("PROCTORING_BACKENDS", backendsDict(["proctortrack"]))])
        let backends = [backend("proctortrack", npm: "edx-proctoring-proctortrack")]
        #expect(codes(plan(settings, backends).2?.diagnostics ?? []) == ["PA047"])
        let (explicit, _, error) = plan(settings, backends, options: WorkerConfigOptions(outputPath: "/srv/custom.json"))
        #expect(error == nil)
        #expect(explicit?.outputPath == "/srv/custom.json")
    }

    @Test func proctoringBackendsUnsetOrNotADict() {
        let base: [(String, PythonValue)] = [("ENV_ROOT", .path("/srv")), ("NODE_MODULES_ROOT", .path("/srv/edx-platform/node_modules"))]
        #expect(codes(plan(makeSettings(base), []).2?.diagnostics ?? []) == ["PA048"])
        #expect(codes(plan(makeSettings(base + [("PROCTORING_BACKENDS", .list([]))]), []).2?.diagnostics ?? []) == ["PA048"])
        let notDictOptions = PythonValue.dict([PythonDictEntry(key: .string("proctortrack"), value: .string("oops"))])
        let (_, _, error) = plan(makeSettings(base + [("PROCTORING_BACKENDS", notDictOptions)]), [backend("proctortrack", npm: "edx-proctoring-proctortrack")])
        #expect(codes(error?.diagnostics ?? []) == ["PA048"])
    }

    @Test func unknownAndConditionalSettings() {
        var settings = standardSettings()
        settings.values["NODE_MODULES_ROOT"] = SettingValue(
            value: .unknown(UnknownValue(reason: "calls os.environ.get", location: .file(Self.settingsFile, line: 9, column: 20))),
            provenance: Provenance(kind: .settingsFile, location: .file(Self.settingsFile, line: 9, column: 1)))
        settings.values["ENV_ROOT"]?.isConditional = true
        let (_, diagnostics, error) = plan(settings, [backend("proctortrack", npm: "edx-proctoring-proctortrack")])
        #expect(codes(diagnostics) == ["PA061", "PA062"])
        #expect(codes(error?.diagnostics ?? []) == ["PA061"])
        #expect(rendered(diagnostics)[0] == "\(Self.settingsFile):9:20: error[PA061]: NODE_MODULES_ROOT could not be evaluated: calls os.environ.get")
        #expect(diagnostics[1].severity == .warning)
    }

    @Test func defaultNamingAnUnconfiguredBackendWarns() {
        let (plan, diagnostics, _) = plan(standardSettings(backends: backendsDict(["proctortrack"], defaultName: "software_secure")),
            [backend("proctortrack", npm: "edx-proctoring-proctortrack")])
        #expect(plan != nil)
        #expect(codes(diagnostics) == ["PA049"])
    }

    @Test func configuredBackendNotInstalledButBuiltInsAreANote() {
        let settings = standardSettings(backends: backendsDict(["null", "proctortrack", "ghost"], defaultName: "null"))
        let (_, diagnostics, error) = plan(settings, [backend("proctortrack", npm: "edx-proctoring-proctortrack")])
        #expect(codes(diagnostics) == ["PA072", "PA050"])
        #expect(codes(error?.diagnostics ?? []) == ["PA050"])
        #expect(diagnostics[1].notes == ["installed backends: proctortrack"])
        // With edx-proctoring installed, a missing built-in is a real error.
        let (_, withEdx, _) = plan(settings, [backend("mock", npm: nil, distribution: "edx_proctoring"), backend("proctortrack", npm: "edx-proctoring-proctortrack")])
        #expect(codes(withEdx) == ["PA050", "PA050"])
    }

    @Test func npmPackageNotInstalled() {
        let (_, diagnostics, _) = plan(standardSettings(backends: backendsDict(["p"])), [backend("p", npm: "edx-proctoring-proctortrack-v2")])
        #expect(rendered(diagnostics) == [
            "/srv/edx-platform/node_modules/edx-proctoring-proctortrack-v2/package.json: error[PA051]: backend 'p' needs npm package 'edx-proctoring-proctortrack-v2', which is not installed; edx_proctoring only warns and the worker goes missing",
            "  fix: run `npm install edx-proctoring-proctortrack-v2` in /srv/edx-platform (edx-platform no longer ships provider packages)",
            "  note: looked for /srv/edx-platform/node_modules/edx-proctoring-proctortrack-v2/package.json",
            "  note: npm_module declared at /site/p_pkg/backend.py:3:5",
        ])
    }

    @Test func packageJSONProblems() {
        let root = "/srv/edx-platform/node_modules"
        let cases: [(String, String, String)] = [
            ("{\"main\": \"x.js\",\n}", "PA053", "\(root)/pkg/package.json:2:1"),
            ("[1]", "PA054", "\(root)/pkg/package.json:1:1"),
            ("{\"name\": \"pkg\"}", "PA055", "\(root)/pkg/package.json"),
            ("{\n  \"main\": [\"x.js\"]\n}", "PA056", "\(root)/pkg/package.json:2:3"),
            ("{\n  \"main\": \"gone.js\"\n}", "PA057", "\(root)/pkg/package.json:2:3"),
            ("\u{FEFF}{\"main\": \"x.js\"}", "PA053", "\(root)/pkg/package.json:1:1"),
        ]
        for (text, code, location) in cases {
            let fs = fileSystem(["\(root)/pkg/package.json": text, "\(root)/pkg/x.js": ""])
            let (_, diagnostics, error) = plan(standardSettings(backends: backendsDict(["p"])), [backend("p", npm: "pkg")], fs: fs)
            #expect(codes(error?.diagnostics ?? []) == [code], "\(text)")
            #expect(diagnostics.first?.location?.description == location, "\(text)")
        }
    }

    @Test func mainResolvesLikeWebpack() {
        let root = "/srv/edx-platform/node_modules"
        for (main, file) in [("w", "w.js"), ("dir", "dir/index.js"), ("w.js", "w.js")] {
            let fs = fileSystem(["\(root)/pkg/package.json": "{\"main\": \"\(main)\"}", "\(root)/pkg/\(file)": ""])
            let (plan, _, error) = plan(standardSettings(backends: backendsDict(["p"])), [backend("p", npm: "pkg")], fs: fs)
            #expect(error == nil)
            #expect(plan?.config.entries.first?.requests.last == "\(root)/pkg/\(main)")
        }
    }

    @Test func noJavaScriptBackendIsAnErrorUnlessAllowed() {
        let settings = standardSettings(backends: backendsDict(["null"], defaultName: "null"))
        let backends = [backend("null", npm: nil, distribution: "edx-proctoring")]
        let (_, diagnostics, error) = plan(settings, backends)
        #expect(codes(error?.diagnostics ?? []) == ["PA058"])
        #expect(diagnostics.first?.notes == ["backend 'null' (null_pkg.backend:Backend) defines no npm_module"])
        let (allowed, allowedDiagnostics, allowedError) = plan(settings, backends, options: WorkerConfigOptions(allowEmpty: true))
        #expect(allowedError == nil)
        #expect(allowed?.writesFile == false)
        #expect(allowedDiagnostics.map(\.severity) == [.note])
    }

    @Test func staleFile() {
        let settings = standardSettings(backends: backendsDict(["null"], defaultName: "null"))
        let fs = fileSystem(["/srv/workers.json": #"{"edx-proctoring-proctortrack": ["babel-polyfill", "/gone/main.js"]}"#])
        let backends = [backend("null", npm: nil, distribution: "edx-proctoring")]
        let (_, diagnostics, _) = plan(settings, backends, fs: fs, options: WorkerConfigOptions(allowEmpty: true))
        #expect(codes(diagnostics) == ["PA058", "PA063"])
        #expect(diagnostics[1].severity == .error)
        #expect(diagnostics[1].notes == ["'edx-proctoring-proctortrack' is no longer configured"])
        // When we overwrite it, it is only a note.
        let (plan, overwriting, _) = plan(standardSettings(), [backend("proctortrack", npm: "edx-proctoring-proctortrack")], fs: fileSystem([
            "/srv/workers.json": #"{"edx-proctoring-proctortrack": ["babel-polyfill", "/gone/main.js"]}"#,
        ]))
        #expect(plan != nil)
        #expect(overwriting.map(\.severity) == [.note])
        #expect(overwriting.first?.notes == ["the worker of 'edx-proctoring-proctortrack' is gone: /gone/main.js"])
    }

    @Test func outputDirectoryMustExist() {
        let settings = makeSettings([
            ("ENV_ROOT", .path("/nowhere")), ("NODE_MODULES_ROOT", .path("/srv/edx-platform/node_modules")),
            ("PROCTORING_BACKENDS", backendsDict(["proctortrack"])),
        ])
        let (_, _, error) = plan(settings, [backend("proctortrack", npm: "edx-proctoring-proctortrack")])
        #expect(codes(error?.diagnostics ?? []) == ["PA059"])
    }

    @Test func unknownNpmModuleOfAConfiguredBackendIsAnError() {
        var dynamic = backend("p", npm: nil)
        dynamic.npmModuleDeclaration = .unknown(reason: "it is not a string literal")
        let (_, _, error) = plan(standardSettings(backends: backendsDict(["p"])), [dynamic])
        #expect(codes(error?.diagnostics ?? []) == ["PA070"])
    }

    @Test func sharedNpmModuleKeepsTheFirstPositionAndTheLastValue() throws {
        let (plan, diagnostics, _) = plan(standardSettings(backends: backendsDict(["a", "m", "b"])), [
            backend("a", npm: "edx-proctoring-proctortrack"), backend("m", npm: "@edx/mockprock"), backend("b", npm: "edx-proctoring-proctortrack"),
        ])
        #expect(try #require(plan).config.entries.map(\.name) == ["edx-proctoring-proctortrack", "@edx/mockprock"])
        #expect(codes(diagnostics) == ["PA071"])
    }
}
