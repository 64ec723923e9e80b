import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import TestSupport
import Testing

@testable import BundleManifest

@Suite("Django staticfiles.json: hashed names and manifest bytes")
struct StaticFilesManifestTests {
    @Test("Hashed name is <stem>.<md5 first 12 hex><ext>, directory kept, leading dots not an extension")
    func hashedNames() {
        #expect(StaticFilesManifest.fileHash(Array("abc".utf8)) == "900150983cd2")
        #expect(
            StaticFilesManifest.hashedName(of: "bundles/@edx/mockprock.js", content: Array("abc".utf8))
                == "bundles/@edx/mockprock.900150983cd2.js")
        #expect(StaticFilesManifest.hashedName(of: "a.min.js", content: Array("abc".utf8)) == "a.min.900150983cd2.js")
        #expect(StaticFilesManifest.hashedName(of: "dir/.hidden", content: Array("abc".utf8)) == "dir/.hidden.900150983cd2")
    }

    @Test("Manifest text is json.dumps({paths, version 1.1, hash}); entries keep their position when replaced")
    func rendering() throws {
        var manifest = StaticFilesManifest()
        manifest.record("b.js", hashedName: "b.1.js")
        manifest.record("a.js", hashedName: "a.1.js")
        manifest.record("b.js", hashedName: "b.2.js")
        let text = manifest.rendered()
        #expect(text.hasPrefix(#"{"paths": {"b.js": "b.2.js", "a.js": "a.1.js"}, "version": "1.1", "hash": ""#))
        #expect(text.hasSuffix("\"}"))
        // hash = md5(json.dumps(sorted(items)))[:12]
        #expect(manifest.manifestHash == StaticFilesManifest.fileHash(Array(#"[["a.js", "a.1.js"], ["b.js", "b.2.js"]]"#.utf8)))
        let reread = try StaticFilesManifest.parse(bytes: Array(text.utf8), path: "/s/staticfiles.json").get()
        #expect(reread.hashedName(of: "b.js") == "b.2.js")
    }

    @Test("Manifests Django cannot load are PA218 (bad JSON with position, unknown version)")
    func invalidManifests() {
        for (text, line) in [("{\"paths\": {}, \"version\": \"2.0\"}", nil), ("{\n\"paths\": ", 2)] as [(String, Int?)] {
            guard case .failure(let error) = StaticFilesManifest.parse(bytes: Array(text.utf8), path: "/s/staticfiles.json")
            else {
                Issue.record("expected \(text) to be refused")
                continue
            }
            #expect(error.diagnostics.map(\.code) == [.staticFilesManifestInvalid])
            #expect(error.diagnostics.first?.location?.line == line)
        }
    }

    @Test("A sourceMappingURL comment is reported: collectstatic would hash rewritten content")
    func sourceMapWarning() throws {
        let diagnostics = DiagnosticCollector()
        let collector = StaticFilesCollector(fileSystem: InMemoryFileSystem())
        let content = Array("x();\n//# sourceMappingURL=x.js.map\n".utf8)
        _ = try collector.updatedManifest(staticRoot: "/s", name: "bundles/x.js", content: content, diagnostics: diagnostics).get()
        #expect(diagnostics.diagnostics.map(\.code) == [.staticFilesContentRewritten])
    }

    @Test("Our collector writes the same staticfiles.json bytes as Django's collectstatic")
    func parityWithCollectstatic() throws {
        let python = try #require(
            ProcessInfo.processInfo.environment["PA_TEST_PYTHON"],
            "PA_TEST_PYTHON is not set: run `eval \"$(scripts/install-test-tools)\"` (a venv with Django) first")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pa-collectstatic-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = PathComponents.join(root, "source")
        let djangoRoot = PathComponents.join(root, "django-static")
        let ourRoot = PathComponents.join(root, "our-static")
        // Django post-processes deeper paths first; we collect in that order.
        let files: [(String, String)] = [
            ("bundles/@edx/mockprock.js", "self.onmessage = () => postMessage({type: 'echo'});\n"),
            ("bundles/edx-proctoring-proctortrack.js", "/* proctortrack ü */ self.onmessage = function () {};\n"),
        ]
        let writer = AtomicFileWriter()
        let diagnostics = DiagnosticCollector()
        for (name, text) in files {
            try writer.write(text, to: PathComponents.join(source, name), createDirectories: true)
            _ = try StaticFilesCollector(fileSystem: DiskFileSystem())
                .collect(staticRoot: ourRoot, name: name, content: Array(text.utf8), diagnostics: diagnostics).get()
        }
        #expect(diagnostics.diagnostics.isEmpty)

        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DJANGO_SETTINGS_MODULE")
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        let run = try ExternalProcess.run(
            python, [PathComponents.join(Fixtures.directory, "collectstatic_parity.py"), source, djangoRoot], environment: environment)
        let djangoManifest = run.standardOutput
        try #require(run.status == 0, "collectstatic failed: \(run.standardError)")

        let ours = try DiskFileSystem().readUTF8File(PathComponents.join(ourRoot, StaticFilesManifest.fileName))
        #expect(ours == djangoManifest)
        // The hashed copies exist where Django put them.
        let manifest = try StaticFilesManifest.parse(bytes: Array(ours.utf8), path: "staticfiles.json").get()
        for (name, _) in files {
            let hashed = try #require(manifest.hashedName(of: name))
            #expect(DiskFileSystem().fileExists(PathComponents.join(djangoRoot, hashed)))
            #expect(DiskFileSystem().fileExists(PathComponents.join(ourRoot, hashed)))
        }
    }
}
