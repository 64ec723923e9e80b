#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics
import FileSystemSupport
import Testing

@testable import BundleManifest

@Suite("Loader version detection and --stats-format")
struct LoaderVersionTests {
    @Test("dist-info and egg-info names give the version; other distributions are ignored")
    func metadataNames() {
        #expect(LoaderVersionDetector.loaderVersionText(inMetadataDirectoryName: "django_webpack_loader-3.2.3.dist-info") == "3.2.3")
        #expect(LoaderVersionDetector.loaderVersionText(inMetadataDirectoryName: "django_webpack_loader-0.7.0-py3.8.egg-info") == "0.7.0")
        #expect(LoaderVersionDetector.loaderVersionText(inMetadataDirectoryName: "Django_Webpack.Loader-1.0.0.dist-info") == "1.0.0")
        #expect(LoaderVersionDetector.loaderVersionText(inMetadataDirectoryName: "django_webpack_loader_extra-1.0.dist-info") == nil)
        #expect(LoaderVersionDetector.loaderVersionText(inMetadataDirectoryName: "webpack_loader") == nil)
    }

    @Test("Finds the first installation on the search path; several give PA220")
    func detection() throws {
        var fileSystem = InMemoryFileSystem()
        fileSystem.addDirectory("/venv/lib/python3.11/site-packages/django_webpack_loader-3.2.3.dist-info")
        fileSystem.addDirectory("/venv/lib/python3.11/site-packages/Django-5.2.dist-info")
        fileSystem.addDirectory("/old/site-packages/django_webpack_loader-0.7.0-py3.8.egg-info")
        let diagnostics = DiagnosticCollector()
        let detector = LoaderVersionDetector(fileSystem: fileSystem)
        let found = try #require(
            detector.detect(in: ["/venv/lib/python3.11/site-packages", "/old/site-packages"], diagnostics: diagnostics))
        #expect(found.version == DjangoWebpackLoaderVersion(major: 3, minor: 2, patch: 3))
        #expect(found.version.semantics == .loader3)
        #expect(diagnostics.diagnostics.map(\.code) == [.loaderInstalledTwice])
        let old = try #require(detector.detect(in: ["/old/site-packages", "/missing"], diagnostics: DiagnosticCollector()))
        #expect(old.version.major == 0)
        #expect(StatsFormat.readBy(old.version) == .tracker04)
        #expect(detector.detect(in: ["/missing"], diagnostics: DiagnosticCollector()) == nil)
    }

    @Test("Finds the real pip --target installs of 0.7.0 and 3.2.4")
    func realInstallations() throws {
        for (variable, expected) in [("PA_TEST_WEBPACK_LOADER_0_7", "0.7.0"), ("PA_TEST_WEBPACK_LOADER_3", "3.2.4")] {
            let directory = try #require(
                ProcessInfoEnvironment.value(variable), "\(variable) is not set: run `eval \"$(scripts/install-test-tools)\"` first")
            let found = LoaderVersionDetector(fileSystem: DiskFileSystem()).detect(in: [directory], diagnostics: DiagnosticCollector())
            #expect(found?.version.text == expected)
        }
    }

    @Test("--stats-format parsing and resolution against the installed loader")
    func statsFormatOption() throws {
        #expect(try StatsFormatOption.parse("0.4").get() == .fixed(.tracker04))
        #expect(try StatsFormatOption.parse("1").get() == .fixed(.tracker1))
        #expect(try StatsFormatOption.parse("auto").get() == .auto)
        guard case .failure(let error) = StatsFormatOption.parse("2.x") else {
            Issue.record("2.x must be refused")
            return
        }
        #expect(error.diagnostics.map(\.code) == [.statsFormatOptionInvalid])
        #expect(error.diagnostics.first?.location == .flag("--stats-format"))

        let old = DjangoWebpackLoaderVersion(major: 0, minor: 7, patch: 0)
        let new = try #require(DjangoWebpackLoaderVersion("3.2.3"))
        #expect(try StatsFormatResolver.resolve(option: .auto, installedLoader: old).get() == .tracker04)
        #expect(try StatsFormatResolver.resolve(option: .auto, installedLoader: new).get() == .tracker1)
        #expect(try StatsFormatResolver.resolve(option: .fixed(.tracker1), installedLoader: nil).get() == .tracker1)
        for (option, loader, code) in [
            (StatsFormatOption.auto, nil, DiagnosticCode.loaderNotInstalled),
            (.fixed(.tracker1), old, .statsFormatOverridesLoader),
            (.fixed(.tracker04), new, .statsFormatOverridesLoader),
        ] as [(StatsFormatOption, DjangoWebpackLoaderVersion?, DiagnosticCode)] {
            guard case .failure(let error) = StatsFormatResolver.resolve(option: option, installedLoader: loader) else {
                Issue.record("expected \(option) with \(String(describing: loader)) to fail")
                continue
            }
            #expect(error.diagnostics.map(\.code) == [code])
        }
    }

    @Test("Version parsing keeps pre-release text and orders by number")
    func versions() throws {
        let candidate = try #require(DjangoWebpackLoaderVersion("1.0.0rc1"))
        #expect(candidate.major == 1 && candidate.minor == 0 && candidate.patch == 0)
        #expect(candidate.text == "1.0.0rc1")
        #expect(try #require(DjangoWebpackLoaderVersion("0.7")) < candidate)
        #expect(DjangoWebpackLoaderVersion("dev") == nil)
    }
}

enum ProcessInfoEnvironment {
    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }
}
