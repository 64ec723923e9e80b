import Diagnostics
import FileSystemSupport
import Testing

@testable import Bundler

/// One resolver answers a repeated request (same real directory, request text and kind) from its memo; these
/// tests compare that against a fresh resolver per request, which runs the whole algorithm every time.
@Suite struct ResolutionMemoTests {
    static let fixture = ResolverFixture(
        [
            "/app/package.json": #"{"name": "app", "version": "1.0.0"}"#,
            "/app/src/main.mjs": "",
            "/app/src/plain.js": "",
            "/app/src/other.js": "",
            "/app/src/util.js": "",
            "/app/src/data.json": "{}",
            "/app/src/lib/index.js": "",
            "/app/src/linked/x.js": "",
            "/app/esm-pkg/package.json": #"{"name": "esm-pkg", "type": "module"}"#,
            "/app/esm-pkg/index.js": "",
            "/app/esm-pkg/helper.js": "",
            "/app/node_modules/plain/package.json": #"{"name": "plain", "version": "2.1.0", "main": "lib/plain"}"#,
            "/app/node_modules/plain/lib/plain.js": "",
            "/app/node_modules/plain/extra/thing.js": "",
            "/app/node_modules/typed/package.json": #"{"name": "typed", "type": "module", "main": "index.js"}"#,
            "/app/node_modules/typed/index.js": "",
            "/app/node_modules/cond/package.json": #"""
            {"name": "cond", "exports": {".": {"worker": "./worker.js", "default": "./default.js"},
              "./feature": {"import": "./feature.mjs", "require": "./feature.cjs"}, "./lib/private/*": null}}
            """#,
            "/app/node_modules/cond/worker.js": "",
            "/app/node_modules/cond/feature.mjs": "",
            "/app/node_modules/cond/feature.cjs": "",
            "/app/node_modules/objbrowser/package.json": #"""
            {"name": "objbrowser", "main": "./lib/node.js",
             "browser": {"./lib/node.js": "./lib/browser.js", "./lib/server": false, "fs": false}}
            """#,
            "/app/node_modules/objbrowser/lib/node.js": "",
            "/app/node_modules/objbrowser/lib/browser.js": "",
            "/app/node_modules/objbrowser/lib/server.js": "",
            "/app/node_modules/objbrowser/lib/uses-fs.js": "",
            "/app/node_modules/pkg/package.json": ##"{"name": "pkg", "imports": {"#dep": "./dep.js", "#ext": "plain"}}"##,
            "/app/node_modules/pkg/index.js": "",
            "/app/node_modules/pkg/dep.js": "",
            "/real/shared/index.js": "",
            "/real/shared/package.json": #"{"name": "shared", "version": "4.0.0"}"#,
        ],
        links: ["/app/node_modules/shared": "/real/shared", "/app/src/alias": "/app/src/lib"])

    static let importers = [
        "/app/src/main.mjs", "/app/src/plain.js", "/app/src/other.js", "/app/src/lib/index.js", "/app/src/alias/index.js",
        "/app/esm-pkg/index.js", "/app/esm-pkg/helper.js", "/app/node_modules/objbrowser/lib/uses-fs.js",
        "/app/node_modules/pkg/index.js", "/real/shared/index.js", "/app/node_modules/shared/index.js",
    ]

    static let specifiers = [
        "./util", "./util.js", "../src/util", "./data", "./lib", "./lib/", "./alias", "../util", "./missing", "./helper",
        "./helper.js", "../index", "./index", "/app/src/util", "plain", "plain/extra/thing", "typed", "cond",
        "cond/feature", "cond/lib/private/x", "objbrowser", "objbrowser/lib/server", "fs", "node:path", "#dep", "#ext",
        "#nope", "shared", "missing-package", "./node.js", ".", "..",
    ]

    /// Every request of every importer, each line at its own position, in an order that mixes importers.
    static var requests: [(specifier: String, importer: ImporterLocation, kind: RequestKind)] {
        var requests: [(specifier: String, importer: ImporterLocation, kind: RequestKind)] = []
        for (line, specifier) in specifiers.enumerated() {
            for (column, file) in importers.enumerated() {
                for kind in [RequestKind.importStatement, .require, .entry] {
                    requests.append((specifier, .file(file, line: line + 1, column: column + 1), kind))
                }
            }
        }
        return requests
    }

    @Test func memoizedAnswersEqualFreshResolutions() {
        let shared = Self.fixture.resolver()
        var warned = 0
        var failed = 0
        // Twice over: the second pass is answered from the memo only.
        for pass in 1...2 {
            for request in Self.requests {
                let fresh = Self.fixture.resolver().resolve(request.specifier, from: request.importer, kind: request.kind)
                let memoized = shared.resolve(request.specifier, from: request.importer, kind: request.kind)
                #expect(memoized == fresh, "pass \(pass): '\(request.specifier)' from \(request.importer) as \(request.kind)")
                if pass == 1, case .success(let module) = fresh, !module.warnings.isEmpty { warned += 1 }
                if pass == 1, case .failure = fresh { failed += 1 }
            }
        }
        // The comparison covers warnings (which depend on the importer) and failures, not only plain successes.
        #expect(warned > 10)
        #expect(failed > 10)
    }
}
