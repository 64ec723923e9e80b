import Diagnostics
import FileSystemSupport
import Testing

@testable import Bundler

/// `ResolverOptions.moduleFiles` (what `--js-from-python` gives the resolver): an exact bare request is the
/// file given, before node_modules; anything else resolves as before.
@Suite struct ModuleFilesResolutionTests {
    let fixture = ResolverFixture([
        "/sp/edx_proctoring/static/index.js": "export const handlerWrapper = 1;",
        "/app/src/worker.js": "",
        "/app/node_modules/@edx/edx-proctoring/package.json": #"{"name": "@edx/edx-proctoring", "main": "index.js"}"#,
        "/app/node_modules/@edx/edx-proctoring/index.js": "",
        "/app/node_modules/@edx/edx-proctoring/sub.js": "",
    ])
    let options = ResolverOptions.webworker(moduleFiles: ["@edx/edx-proctoring": "/sp/edx_proctoring/static/index.js"])

    @Test func anExactRequestIsTheFileGivenEvenWhenNodeModulesHoldsThePackage() {
        #expect(fixture.path("@edx/edx-proctoring", from: "/app/src/worker.js", kind: .importStatement, options: options)
            == "/sp/edx_proctoring/static/index.js")
        #expect(fixture.path("@edx/edx-proctoring", from: "/app/src/worker.js", kind: .importStatement)
            == "/app/node_modules/@edx/edx-proctoring/index.js")
    }

    @Test func aSubpathIsNotMapped() {
        #expect(fixture.path("@edx/edx-proctoring/sub", from: "/app/src/worker.js", options: options)
            == "/app/node_modules/@edx/edx-proctoring/sub.js")
    }

    @Test func aMissingFileIsNotFoundNamingIt() {
        let missing = ResolverOptions.webworker(moduleFiles: ["gone": "/sp/gone.js"])
        let text = fixture.path("gone", from: "/app/src/worker.js", options: missing)
        #expect(text.hasPrefix("PA140"), "\(text)")
        guard case .failure(let error) = fixture.resolve("gone", from: "/app/src/worker.js", options: missing) else { return }
        #expect(error.diagnostic.notes.contains { $0.contains("/sp/gone.js (the file given for 'gone')") }, "\(error.diagnostic.notes)")
    }
}
