import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import Verification

@Suite struct DeploymentLayoutTests {
    func writeTree(_ entries: [[String: Any]], into workspace: ArchiveWorkspace, under folder: String) throws -> String {
        for entry in entries {
            let name = entry["name"] as? String ?? ""
            if entry["type"] as? String == "dir" {
                try FileManager.default.createDirectory(atPath: workspace.folder + "/\(folder)/\(name)", withIntermediateDirectories: true)
            } else {
                _ = try workspace.write("\(folder)/\(name)", entry["text"] as? String ?? "")
            }
        }
        return workspace.folder + "/" + folder
    }

    @Test func imageRootTarball() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tgz", entries: SampleTrees.imageRoot())
        let diagnostics = DiagnosticCollector()
        let input = try VerificationInput.open(path: made.path, diagnostics: diagnostics)
        let layout = input.layout
        #expect(input.source == .archive(path: made.path))
        #expect(layout.kind == .imageRoot)
        #expect(layout.inputRoot == "/")
        #expect(layout.staticRoot == "/openedx/staticfiles")
        #expect(layout.statsFile == "/openedx/staticfiles/webpack-worker-stats.json")
        #expect(layout.bundlesDirectory == "/openedx/staticfiles/bundles")
        #expect(layout.chunkFilePath("edx-proctoring-proctortrack.js") == "/openedx/staticfiles/bundles/edx-proctoring-proctortrack.js")
        #expect(layout.chunkFilePath("@edx/mockprock.js") == "/openedx/staticfiles/bundles/@edx/mockprock.js")
        #expect(layout.chunkFilePath("../../../etc/passwd") == nil)
        #expect(layout.envRoot == "/openedx")
        #expect(layout.workersConfigFile == "/openedx/workers.json")
        #expect(layout.platformRoot == "/openedx/edx-platform")
        #expect(layout.sitePackages == ["/openedx/venv/lib/python3.11/site-packages"])
        #expect(layout.webpackLoader?.version == "3.2.3")
        #expect(diagnostics.diagnostics.isEmpty, "\(diagnostics.codes)")
        #expect(input.describe("/openedx/workers.json") == "/openedx/workers.json in \(made.path)")
        #expect(input.location(of: "/openedx/workers.json").source == "entry openedx/workers.json")
    }

    @Test func staticRootTarballSaysWorkersJSONIsNotPartOfIt() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("static.tar", compression: "none", entries: SampleTrees.staticRoot())
        let diagnostics = DiagnosticCollector()
        let layout = try VerificationInput.open(path: made.path, diagnostics: diagnostics).layout
        #expect(layout.kind == .staticRoot)
        #expect(layout.staticRoot == "/staticfiles")
        #expect(layout.bundlesDirectory == "/staticfiles/bundles")
        #expect(layout.envRoot == nil)
        #expect(layout.workersConfigFile == nil)
        #expect(layout.webpackLoader == nil)
        #expect(diagnostics.codes == ["PA322"])
        #expect(diagnostics.diagnostics.first?.severity == .note)
    }

    @Test func foldersGiveTheSameLayoutWithHostPaths() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let image = try writeTree(SampleTrees.imageRoot(), into: workspace, under: "image")
        let diagnostics = DiagnosticCollector()
        let input = try VerificationInput.open(path: image, diagnostics: diagnostics)
        let root = try DiskFileSystem().realPath(image)
        #expect(input.source == .folder(path: root))
        #expect(input.archive == nil)
        #expect(input.layout.kind == .imageRoot)
        #expect(input.layout.staticRoot == root + "/openedx/staticfiles")
        #expect(input.layout.envRoot == root + "/openedx")
        #expect(input.layout.workersConfigFile == root + "/openedx/workers.json")
        #expect(input.layout.webpackLoader?.version == "3.2.3")
        #expect(try input.fileSystem.readUTF8File(input.layout.statsFile ?? "") == SampleTrees.statsJSON)
        #expect(diagnostics.diagnostics.isEmpty)

        // The same digest from a folder as from the archive of it.
        let made = try workspace.make("image.tgz", entries: SampleTrees.imageRoot())
        let archived = try VerificationInput.open(path: made.path, diagnostics: DiagnosticCollector())
        let bundle = "openedx/staticfiles/bundles/edx-proctoring-proctortrack.js"
        let fromFolder = try input.fileDigest(root + "/" + bundle)
        #expect(fromFolder == FileDigest(size: SampleTrees.bundle.utf8.count, sha384: made.sha384[bundle] ?? ""))
        #expect(try archived.fileDigest("/" + bundle) == fromFolder)
        #expect(throws: FileSystemError.notFound(path: "/nope.js")) { try archived.fileDigest("/nope.js") }
        #expect(throws: FileSystemError.notAFile(path: root + "/openedx")) { try input.fileDigest(root + "/openedx") }

        // The static root folder itself: the stats file at the input's root.
        let staticRoot = root + "/openedx/staticfiles"
        let staticDiagnostics = DiagnosticCollector()
        let staticInput = try VerificationInput.open(path: staticRoot, diagnostics: staticDiagnostics)
        #expect(staticInput.layout.kind == .staticRoot)
        #expect(staticInput.layout.staticRoot == staticRoot)
        #expect(staticDiagnostics.codes == ["PA322"])
    }

    @Test func worksOverAnInMemoryTreeWithAnOldLoader() throws {
        var tree = InMemoryFileSystem(files: [
            "/srv/env/workers.json": "{}",
            "/srv/env/edx-platform/README": "",
            "/srv/static/lms/webpack-worker-stats.json": "{}",
            "/usr/lib/python3.8/site-packages/django_webpack_loader-0.7.0-py3.8.egg-info/PKG-INFO": "",
        ])
        tree.addDirectory("/srv/static/lms/bundles")
        let diagnostics = DiagnosticCollector()
        let detector = DeploymentLayoutDetector(options: DeploymentLayoutOptions(), inputLocation: .file("tree"))
        let layout = try detector.detect(in: tree, root: "/", diagnostics: diagnostics)
        // STATIC_ROOT_LMS outside ENV_ROOT: ENV_ROOT is found by its workers.json next to edx-platform.
        #expect(layout.staticRoot == "/srv/static/lms")
        #expect(layout.envRoot == "/srv/env")
        #expect(layout.kind == .imageRoot)
        #expect(layout.webpackLoader?.version == "0.7.0")
        #expect(diagnostics.diagnostics.isEmpty)
    }

    @Test func severalStatsFilesAreAmbiguousUnlessSTATS_FILEDecides() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("two.tgz", entries: SampleTrees.imageRoot() + [
            ["name": "openedx/staticfiles/studio/webpack-worker-stats.json", "text": "{}"],
        ])
        let error = expectDiagnosticError { () throws(DiagnosticError) in
            _ = try VerificationInput.open(path: made.path, diagnostics: DiagnosticCollector())
        }
        #expect(error?.codes == ["PA321"])
        #expect(error?.diagnostics.first?.message.contains("/openedx/staticfiles/studio/webpack-worker-stats.json") == true)

        var options = VerificationInputOptions()
        options.layout.statsFileSetting = "/openedx/staticfiles/studio/webpack-worker-stats.json"
        let studio = try VerificationInput.open(path: made.path, options: options, diagnostics: DiagnosticCollector())
        #expect(studio.layout.staticRoot == "/openedx/staticfiles/studio")
        // ENV_ROOT is still found above the static root.
        #expect(studio.layout.envRoot == "/openedx")
    }

    @Test func statsFileSettingThatMatchesNothingIsAWarning() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("image.tgz", entries: SampleTrees.imageRoot())
        var options = VerificationInputOptions()
        options.layout.statsFileSetting = "/edx/var/edxapp/staticfiles/other/webpack-worker-stats.json"
        let diagnostics = DiagnosticCollector()
        let input = try VerificationInput.open(path: made.path, options: options, diagnostics: diagnostics)
        #expect(input.layout.staticRoot == "/openedx/staticfiles")
        #expect(diagnostics.codes == ["PA325"])
    }

    @Test func overridesMapIntoTheArchive() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("static.tgz", entries: SampleTrees.staticRoot())
        var options = VerificationInputOptions()
        // An image path: only its trailing `staticfiles` exists in a tarball of the static root.
        options.layout.staticRootOverride = "/openedx/staticfiles"
        let input = try VerificationInput.open(path: made.path, options: options, diagnostics: DiagnosticCollector())
        #expect(input.layout.staticRoot == "/staticfiles")
        #expect(input.layout.statsFile == "/staticfiles/webpack-worker-stats.json")

        options.layout.staticRootOverride = "/openedx/nothing-like-it"
        let error = expectDiagnosticError { () throws(DiagnosticError) in
            _ = try VerificationInput.open(path: made.path, options: options, diagnostics: DiagnosticCollector())
        }
        #expect(error?.codes == ["PA323"])
        #expect(error?.diagnostics.first?.location?.source == "flag --static-root")

        let image = try workspace.make("image.tgz", entries: SampleTrees.imageRoot(prefix: "edx/app/edxapp"))
        var envOptions = VerificationInputOptions()
        envOptions.layout.envRootOverride = "edx/app/edxapp"
        let imageInput = try VerificationInput.open(path: image.path, options: envOptions, diagnostics: DiagnosticCollector())
        #expect(imageInput.layout.envRoot == "/edx/app/edxapp")
        #expect(imageInput.layout.workersConfigFile == "/edx/app/edxapp/workers.json")
    }

    @Test func noStatsFileIsReportedAndTheRestIsStillFound() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let entries = SampleTrees.imageRoot().filter { ($0["name"] as? String)?.hasSuffix("stats.json") == false }
        let made = try workspace.make("nostats.tgz", entries: entries)
        let diagnostics = DiagnosticCollector()
        let layout = try VerificationInput.open(path: made.path, diagnostics: diagnostics).layout
        #expect(layout.staticRoot == nil)
        #expect(layout.statsFile == nil)
        #expect(layout.envRoot == "/openedx")
        #expect(layout.kind == .imageRoot)
        #expect(diagnostics.codes == ["PA320"])
        #expect(diagnostics.diagnostics.first?.severity == .error)
    }

    @Test func deepStatsFilesAreFoundWithinTheBoundAndTheBoundIsReported() throws {
        let deep = "/a/b/c/d/e/f/staticfiles/webpack-worker-stats.json"
        let tree = InMemoryFileSystem(files: [deep: "{}"])
        let found = try DeploymentLayoutDetector(options: DeploymentLayoutOptions(), inputLocation: .file("t"))
            .detect(in: tree, root: "/", diagnostics: DiagnosticCollector())
        #expect(found.statsFile == deep)

        let diagnostics = DiagnosticCollector()
        let shallow = try DeploymentLayoutDetector(
            options: DeploymentLayoutOptions(maximumSearchDepth: 3), inputLocation: .file("t")
        ).detect(in: tree, root: "/", diagnostics: diagnostics)
        #expect(shallow.statsFile == nil)
        #expect(diagnostics.codes == ["PA326", "PA320"])
    }

    @Test func imageWithoutWorkersJSONStillFindsENV_ROOTFromEdxPlatform() throws {
        let tree = InMemoryFileSystem(files: [
            "/openedx/edx-platform/package.json": "{}",
            "/openedx/staticfiles/webpack-worker-stats.json": "{}",
        ])
        let diagnostics = DiagnosticCollector()
        let layout = try DeploymentLayoutDetector(options: DeploymentLayoutOptions(), inputLocation: .file("t"))
            .detect(in: tree, root: "/", diagnostics: diagnostics)
        #expect(layout.kind == .imageRoot)
        #expect(layout.envRoot == "/openedx")
        #expect(layout.platformRoot == "/openedx/edx-platform")
        // Missing workers.json in an image is for the verify rules to report, with their own code.
        #expect(layout.workersConfigFile == nil)
        #expect(diagnostics.diagnostics.isEmpty)
    }

    @Test func severalLoaderVersionsAreAWarning() throws {
        let tree = InMemoryFileSystem(files: [
            "/openedx/staticfiles/webpack-worker-stats.json": "{}",
            "/openedx/workers.json": "{}",
            "/openedx/venv/lib/python3.11/site-packages/django_webpack_loader-3.2.3.dist-info/METADATA": "",
            "/usr/local/lib/python3.11/site-packages/django_webpack_loader-0.7.0.dist-info/METADATA": "",
        ])
        let diagnostics = DiagnosticCollector()
        let layout = try DeploymentLayoutDetector(options: DeploymentLayoutOptions(), inputLocation: .file("t"))
            .detect(in: tree, root: "/", diagnostics: diagnostics)
        // The one inside ENV_ROOT (the LMS's virtualenv) wins.
        #expect(layout.webpackLoader?.version == "3.2.3")
        #expect(diagnostics.codes == ["PA324"])
    }
}
