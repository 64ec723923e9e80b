import Diagnostics
import FileSystemSupport
import Testing

@testable import Bundler

@Suite struct RelativeAndAbsoluteRequestTests {
    let fixture = ResolverFixture([
        "/app/src/main.js": "",
        "/app/src/util.js": "",
        "/app/src/exact": "",
        "/app/src/data.json": "{}",
        "/app/src/esm.mjs": "",
        "/app/src/legacy.cjs": "",
        "/app/src/both.js": "",
        "/app/src/both.mjs": "",
        "/app/src/lib/index.js": "",
        "/app/src/withmain/package.json": #"{"main": "entry.js"}"#,
        "/app/src/withmain/entry.js": "",
        "/app/src/withmain/index.js": "",
        "/app/shared.js": "",
    ])

    @Test func relativeFileWithExtension() {
        #expect(fixture.path("./util.js", from: "/app/src/main.js") == "/app/src/util.js")
    }

    @Test func relativeFileWithoutExtension() {
        #expect(fixture.path("./util", from: "/app/src/main.js") == "/app/src/util.js")
    }

    @Test func exactNameWinsOverExtensions() {
        #expect(fixture.path("./exact", from: "/app/src/main.js") == "/app/src/exact")
    }

    @Test func jsIsTriedBeforeMjs() {
        #expect(fixture.path("./both", from: "/app/src/main.js") == "/app/src/both.js")
    }

    @Test func parentDirectory() {
        #expect(fixture.path("../shared", from: "/app/src/main.js") == "/app/shared.js")
    }

    @Test func absolutePath() {
        #expect(fixture.path("/app/shared.js", from: "/app/src/main.js") == "/app/shared.js")
    }

    @Test func directoryIndex() {
        #expect(fixture.path("./lib", from: "/app/src/main.js") == "/app/src/lib/index.js")
        #expect(fixture.path("./lib/", from: "/app/src/main.js") == "/app/src/lib/index.js")
    }

    @Test func directoryWithPackageMain() {
        #expect(fixture.path("./withmain", from: "/app/src/main.js") == "/app/src/withmain/entry.js")
    }

    @Test func jsonAndMjsExtensionsWarnAboutWebpack() throws {
        let json = try #require(fixture.module("./data", from: "/app/src/main.js"))
        #expect(json.path == "/app/src/data.json")
        #expect(json.format == .json)
        #expect(json.warnings.map(\.code) == [.extensionUnknownToWebpack])
        #expect(
            json.warnings.first?.message
                == "'./data' resolved to /app/src/data.json only by adding '.json', which edx-platform's webpack worker config (resolve.extensions ['.js']) does not try"
        )
        let esm = try #require(fixture.module("./esm", from: "/app/src/main.js"))
        #expect(esm.format == .esm)
        #expect(fixture.module("./util", from: "/app/src/main.js")?.warnings == [])
        #expect(fixture.module("./data.json", from: "/app/src/main.js")?.warnings == [])
    }

    @Test func formatsFromExtension() {
        #expect(fixture.module("./legacy.cjs", from: "/app/src/main.js")?.format == .commonJS)
        #expect(fixture.module("./util.js", from: "/app/src/main.js")?.format == .commonJS)
        #expect(fixture.module("./esm.mjs", from: "/app/src/main.js")?.format == .esm)
    }

    @Test func missingRelativeFileMessage() {
        let diagnostic = fixture.failure("./nope", from: "/app/src/main.js")
        #expect(
            renderedText(diagnostic) == """
                /app/src/main.js:1:9: error[PA140]: cannot find module './nope' imported from /app/src/main.js
                  fix: check the path: no file with that name (or with the extensions .js, .mjs, .cjs, .json) and no directory with package.json or an index file exists
                  note: tried /app/src/nope (as a file, then with .js, .mjs, .cjs, .json)
                """)
    }

    @Test func trailingSlashMeansDirectoryOnly() {
        #expect(fixture.path("./util/", from: "/app/src/main.js").hasPrefix("PA140: cannot find module './util/'"))
    }
}

@Suite struct BareRequestTests {
    let fixture = ResolverFixture([
        "/app/package.json": #"{"name": "app", "version": "1.0.0"}"#,
        "/app/src/deep/main.js": "",
        "/app/node_modules/plain/package.json": #"{"name": "plain", "version": "2.1.0", "main": "lib/plain"}"#,
        "/app/node_modules/plain/lib/plain.js": "",
        "/app/node_modules/plain/extra/thing.js": "",
        "/app/node_modules/noindex/index.js": "",
        "/app/node_modules/@scope/pkg/package.json": #"{"name": "@scope/pkg", "version": "0.1.0"}"#,
        "/app/node_modules/@scope/pkg/index.js": "",
        "/app/node_modules/@scope/pkg/sub/file.js": "",
        "/app/node_modules/mod/package.json": #"{"name": "mod", "module": "es/index.js", "main": "cjs/index.js"}"#,
        "/app/node_modules/mod/es/index.js": "",
        "/app/node_modules/mod/cjs/index.js": "",
        "/app/node_modules/typed/package.json": #"{"name": "typed", "type": "module", "main": "index.js"}"#,
        "/app/node_modules/typed/index.js": "",
        "/app/node_modules/typed/old.cjs": "",
        "/app/node_modules/outer/package.json": #"{"name": "outer", "version": "1.0.0"}"#,
        "/app/node_modules/outer/index.js": "",
        "/app/node_modules/outer/node_modules/plain/package.json": #"{"name": "plain", "version": "1.0.0"}"#,
        "/app/node_modules/outer/node_modules/plain/index.js": "",
        "/app/node_modules/badmain/package.json": #"{"name": "badmain", "main": "missing.js"}"#,
        "/app/node_modules/badmain/index.js": "",
        "/app/node_modules/filemodule.js": "",
        "/global/lib/globalpkg/index.js": "",
    ])

    @Test func packageMainWithoutExtension() throws {
        let module = try #require(fixture.module("plain", from: "/app/src/deep/main.js"))
        #expect(module.path == "/app/node_modules/plain/lib/plain.js")
        #expect(
            module.package
                == PackageIdentity(name: "plain", version: "2.1.0", manifestPath: "/app/node_modules/plain/package.json"))
        #expect(module.package?.rootDirectory == "/app/node_modules/plain")
    }

    @Test func packageSubpath() {
        #expect(fixture.path("plain/extra/thing", from: "/app/src/deep/main.js") == "/app/node_modules/plain/extra/thing.js")
    }

    @Test func packageWithoutPackageJSONUsesIndex() {
        #expect(fixture.path("noindex", from: "/app/src/deep/main.js") == "/app/node_modules/noindex/index.js")
    }

    @Test func scopedPackageAndSubpath() {
        #expect(fixture.path("@scope/pkg", from: "/app/src/deep/main.js") == "/app/node_modules/@scope/pkg/index.js")
        #expect(fixture.path("@scope/pkg/sub/file", from: "/app/src/deep/main.js") == "/app/node_modules/@scope/pkg/sub/file.js")
    }

    @Test func moduleFieldWinsOverMain() {
        #expect(fixture.path("mod", from: "/app/src/deep/main.js") == "/app/node_modules/mod/es/index.js")
    }

    @Test func typeModuleMakesJsESM() {
        #expect(fixture.module("typed", from: "/app/src/main.js")?.format == .esm)
        #expect(fixture.module("typed/old.cjs", from: "/app/src/main.js")?.format == .commonJS)
    }

    @Test func nearestNodeModulesWins() {
        #expect(
            fixture.path("plain", from: "/app/node_modules/outer/index.js")
                == "/app/node_modules/outer/node_modules/plain/index.js")
        #expect(fixture.module("plain", from: "/app/node_modules/outer/index.js")?.package?.version == "1.0.0")
    }

    @Test func missingMainFallsBackToIndex() {
        #expect(fixture.path("badmain", from: "/app/src/main.js") == "/app/node_modules/badmain/index.js")
    }

    @Test func fileDirectlyInNodeModules() {
        #expect(fixture.path("filemodule", from: "/app/src/main.js") == "/app/node_modules/filemodule.js")
    }

    @Test func extraRootsAreSearchedAfterTheWalk() {
        let options = ResolverOptions.webworker(additionalModuleDirectories: ["/global/lib"])
        #expect(fixture.path("globalpkg", from: "/app/src/main.js", options: options) == "/global/lib/globalpkg/index.js")
        #expect(fixture.path("globalpkg", from: "/app/src/main.js").hasPrefix("PA140"))
    }

    @Test func fileOutsideAnyPackageHasNoPackage() {
        let fixture = ResolverFixture(["/loose/a.js": "", "/loose/b.js": ""])
        #expect(fixture.module("./b", from: "/loose/a.js")?.package == nil)
    }

    @Test func missingPackageMessageNamesInstallDirectory() {
        let diagnostic = fixture.failure("left-pad/lib", from: "/app/src/deep/main.js")
        #expect(diagnostic?.code == .moduleNotFound)
        #expect(diagnostic?.message == "cannot find module 'left-pad/lib' imported from /app/src/deep/main.js")
        #expect(diagnostic?.location == .file("/app/src/deep/main.js", line: 1, column: 9))
        #expect(diagnostic?.fix == "run `npm install left-pad` in /app so that /app/node_modules/left-pad exists")
        #expect(
            diagnostic?.notes == [
                "tried /app/src/deep/node_modules/left-pad (no node_modules directory)",
                "tried /app/src/node_modules/left-pad (no node_modules directory)",
                "tried /app/node_modules/left-pad/lib (as a file, then with .js, .mjs, .cjs, .json)",
                "tried /node_modules/left-pad (no node_modules directory)",
            ])
    }

    @Test func missingScopedPackageFixNamesTheScope() {
        #expect(
            fixture.failure("@edx/mockprock/static/index.js", from: "/app/src/main.js")?.fix
                == "run `npm install @edx/mockprock` in /app so that /app/node_modules/@edx/mockprock exists")
    }

    @Test func splitsBareSpecifiers() {
        #expect(ModuleResolver.splitBareSpecifier("a") == ("a", ""))
        #expect(ModuleResolver.splitBareSpecifier("a/b/c") == ("a", "/b/c"))
        #expect(ModuleResolver.splitBareSpecifier("@s/a") == ("@s/a", ""))
        #expect(ModuleResolver.splitBareSpecifier("@s/a/b") == ("@s/a", "/b"))
    }
}

@Suite struct PackageExportsTests {
    let fixture = ResolverFixture([
        "/app/main.js": "",
        "/app/node_modules/str/package.json": #"{"name": "str", "exports": "./dist/str.js", "main": "ignored.js"}"#,
        "/app/node_modules/str/dist/str.js": "",
        "/app/node_modules/str/ignored.js": "",
        "/app/node_modules/str/other.js": "",
        "/app/node_modules/cond/package.json": #"""
        {"name": "cond", "exports": {
          ".": {"node": "./node.js", "worker": "./worker.js", "browser": "./browser.js", "default": "./default.js"},
          "./feature": {"import": "./feature.mjs", "require": "./feature.cjs"},
          "./nested": {"browser": {"import": "./nested-browser.mjs", "default": "./nested-browser.js"}, "default": "./nested.js"},
          "./lib/*": "./src/*.js",
          "./lib/private/*": null,
          "./lib/*.css": "./styles/*.css",
          "./fallback": ["./missing-is-fine-in-arrays.js", "./fallback.js"],
          "./bad": "../outside.js",
          "./bad-node-modules": "./node_modules/x.js",
          "./gone": "./gone.js",
          "./package.json": "./package.json"
        }}
        """#,
        "/app/node_modules/cond/worker.js": "",
        "/app/node_modules/cond/browser.js": "",
        "/app/node_modules/cond/feature.mjs": "",
        "/app/node_modules/cond/feature.cjs": "",
        "/app/node_modules/cond/nested-browser.mjs": "",
        "/app/node_modules/cond/nested-browser.js": "",
        "/app/node_modules/cond/src/a.js": "",
        "/app/node_modules/cond/src/deep/b.js": "",
        "/app/node_modules/cond/src/private/secret.js": "",
        "/app/node_modules/cond/styles/x.css": "",
        "/app/node_modules/cond/fallback.js": "",
        "/app/node_modules/browserfirst/package.json":
            #"{"name": "browserfirst", "exports": {"browser": "./b.js", "worker": "./w.js"}}"#,
        "/app/node_modules/browserfirst/b.js": "",
        "/app/node_modules/browserfirst/w.js": "",
        "/app/node_modules/mixed/package.json": #"{"name": "mixed", "exports": {".": "./a.js", "default": "./b.js"}}"#,
        "/app/node_modules/self/package.json": #"{"name": "self", "exports": {".": "./main.js", "./util": "./util.js"}}"#,
        "/app/node_modules/self/main.js": "",
        "/app/node_modules/self/util.js": "",
    ])

    @Test func stringExportsReplaceMain() {
        #expect(fixture.path("str", from: "/app/main.js") == "/app/node_modules/str/dist/str.js")
    }

    @Test func subpathNotInStringExports() {
        let diagnostic = fixture.failure("str/other.js", from: "/app/main.js")
        #expect(diagnostic?.code == .subpathNotExported)
        #expect(
            diagnostic?.message
                == "cannot import 'str/other.js' from /app/main.js: the \"exports\" of /app/node_modules/str/package.json does not export the subpath './other.js' for the conditions webpack, production, worker, browser, module, require, default"
        )
        #expect(
            diagnostic?.fix
                == "import a subpath listed in the package's \"exports\" field, or install a version of the package that exports './other.js'"
        )
    }

    @Test func objectKeyOrderDecidesAmongActiveConditions() {
        // "node" is not active; "worker" comes before "browser" in the object.
        #expect(fixture.path("cond", from: "/app/main.js") == "/app/node_modules/cond/worker.js")
        // Here "browser" is written first, so it wins although "worker" is active too.
        #expect(fixture.path("browserfirst", from: "/app/main.js") == "/app/node_modules/browserfirst/b.js")
    }

    @Test func importAndRequireConditionsFollowTheRequestKind() {
        #expect(
            fixture.path("cond/feature", from: "/app/main.js", kind: .importStatement) == "/app/node_modules/cond/feature.mjs")
        #expect(fixture.path("cond/feature", from: "/app/main.js", kind: .require) == "/app/node_modules/cond/feature.cjs")
        #expect(fixture.path("cond/feature", from: "/app/main.js", kind: .entry) == "/app/node_modules/cond/feature.mjs")
    }

    @Test func nestedConditions() {
        #expect(
            fixture.path("cond/nested", from: "/app/main.js", kind: .importStatement)
                == "/app/node_modules/cond/nested-browser.mjs")
        #expect(fixture.path("cond/nested", from: "/app/main.js", kind: .require) == "/app/node_modules/cond/nested-browser.js")
    }

    @Test func patterns() {
        #expect(fixture.path("cond/lib/a", from: "/app/main.js") == "/app/node_modules/cond/src/a.js")
        #expect(fixture.path("cond/lib/deep/b", from: "/app/main.js") == "/app/node_modules/cond/src/deep/b.js")
        #expect(fixture.path("cond/lib/x.css", from: "/app/main.js") == "/app/node_modules/cond/styles/x.css")
    }

    @Test func nullTargetExcludesAndLongerPrefixWins() {
        let diagnostic = fixture.failure("cond/lib/private/secret", from: "/app/main.js")
        #expect(
            diagnostic?.message
                == "cannot import 'cond/lib/private/secret' from /app/main.js: the \"exports\" of /app/node_modules/cond/package.json maps the subpath './lib/private/secret' to null"
        )
    }

    @Test func arrayFallbacks() {
        // Node takes the first valid target without checking the file exists; the first one is valid
        // here, so it is chosen and reported missing, as node would.
        #expect(fixture.failure("cond/fallback", from: "/app/main.js")?.code == .moduleNotFound)
    }

    @Test func exportsTargetsAreExactFiles() {
        let diagnostic = fixture.failure("cond/gone", from: "/app/main.js")
        #expect(diagnostic?.code == .moduleNotFound)
        #expect(
            diagnostic?.notes == [
                #"tried /app/node_modules/cond/gone.js ("exports" target of /app/node_modules/cond/package.json)"#
            ])
    }

    @Test func invalidTargets() {
        let outside = fixture.failure("cond/bad", from: "/app/main.js")
        #expect(outside?.code == .exportsTargetInvalid)
        #expect(
            outside?.message
                == #"invalid "exports" target in /app/node_modules/cond/package.json for 'cond/bad': target "../outside.js" must start with "./""#
        )
        #expect(
            fixture.failure("cond/bad-node-modules", from: "/app/main.js")?.message
                == #"invalid "exports" target in /app/node_modules/cond/package.json for 'cond/bad-node-modules': target "./node_modules/x.js" contains the segment "node_modules""#
        )
    }

    @Test func mixedKeysAreAnInvalidField() {
        let diagnostic = fixture.failure("mixed", from: "/app/main.js")
        #expect(diagnostic?.code == .packageFieldInvalid)
        #expect(
            diagnostic?.message
                == #"/app/node_modules/mixed/package.json: "exports" mixes subpath keys (starting with ".") and condition keys in one object"#
        )
    }

    @Test func selfReferenceThroughExports() {
        #expect(fixture.path("self/util", from: "/app/node_modules/self/main.js") == "/app/node_modules/self/util.js")
    }

    @Test func packageJSONCanBeExported() {
        #expect(fixture.module("cond/package.json", from: "/app/main.js")?.format == .json)
    }
}

@Suite struct PackageImportsTests {
    let fixture = ResolverFixture([
        "/app/node_modules/pkg/package.json": #"""
        {"name": "pkg", "imports": {"#dep": {"browser": "./dep-browser.js", "default": "./dep.js"},
                                    "#ext": "plain", "#internal/*": "./internal/*.js", "#bad": "/etc/passwd"}}
        """#,
        "/app/node_modules/pkg/index.js": "",
        "/app/node_modules/pkg/dep-browser.js": "",
        "/app/node_modules/pkg/internal/x.js": "",
        "/app/node_modules/plain/index.js": "",
        "/app/main.js": "",
    ])

    @Test func conditionalImport() {
        #expect(fixture.path("#dep", from: "/app/node_modules/pkg/index.js") == "/app/node_modules/pkg/dep-browser.js")
    }

    @Test func importToAnotherPackage() {
        #expect(fixture.path("#ext", from: "/app/node_modules/pkg/index.js") == "/app/node_modules/plain/index.js")
    }

    @Test func importPattern() {
        #expect(fixture.path("#internal/x", from: "/app/node_modules/pkg/index.js") == "/app/node_modules/pkg/internal/x.js")
    }

    @Test func undefinedImport() {
        let diagnostic = fixture.failure("#nope", from: "/app/node_modules/pkg/index.js")
        #expect(diagnostic?.code == .packageImportNotDefined)
        #expect(
            diagnostic?.message
                == "cannot resolve '#nope' imported from /app/node_modules/pkg/index.js: it is not defined in the \"imports\" field of /app/node_modules/pkg/package.json"
        )
        #expect(
            fixture.failure("#dep", from: "/app/main.js")?.message
                == "cannot resolve '#dep' imported from /app/main.js: it is not defined in any package.json above /app")
    }

    @Test func absoluteImportTargetIsInvalid() {
        #expect(fixture.failure("#bad", from: "/app/node_modules/pkg/index.js")?.code == .exportsTargetInvalid)
    }
}

@Suite struct BrowserFieldTests {
    let fixture = ResolverFixture([
        "/app/main.js": "",
        "/app/node_modules/strbrowser/package.json":
            #"{"name": "strbrowser", "browser": "browser.js", "module": "esm.js", "main": "main.js"}"#,
        "/app/node_modules/strbrowser/browser.js": "",
        "/app/node_modules/strbrowser/esm.js": "",
        "/app/node_modules/strbrowser/main.js": "",
        "/app/node_modules/objbrowser/package.json": #"""
        {"name": "objbrowser", "main": "./lib/node.js",
         "browser": {"./lib/node.js": "./lib/browser.js", "./lib/server": false, "fs": false,
                     "crypto": "crypto-browserify", "./lib/alias.js": "other-pkg", "net": 3}}
        """#,
        "/app/node_modules/objbrowser/lib/node.js": "",
        "/app/node_modules/objbrowser/lib/browser.js": "",
        "/app/node_modules/objbrowser/lib/server.js": "",
        "/app/node_modules/objbrowser/lib/alias.js": "",
        "/app/node_modules/objbrowser/lib/uses-fs.js": "",
        "/app/node_modules/crypto-browserify/index.js": "",
        "/app/node_modules/other-pkg/index.js": "",
        "/app/node_modules/needsfs/package.json": #"{"name": "needsfs", "version": "3.0.0"}"#,
        "/app/node_modules/needsfs/index.js": "",
        "/app/node_modules/events/package.json": #"{"name": "events", "version": "3.3.0", "main": "events.js"}"#,
        "/app/node_modules/events/events.js": "",
    ])

    @Test func stringBrowserFieldReplacesMainAndModule() {
        #expect(fixture.path("strbrowser", from: "/app/main.js") == "/app/node_modules/strbrowser/browser.js")
    }

    @Test func browserFieldIgnoredWhenDisabled() {
        var options = ResolverOptions.webworker()
        options.mainFields = ["module", "main"]
        options.usesBrowserFieldMap = false
        #expect(fixture.path("strbrowser", from: "/app/main.js", options: options) == "/app/node_modules/strbrowser/esm.js")
        #expect(fixture.path("objbrowser", from: "/app/main.js", options: options) == "/app/node_modules/objbrowser/lib/node.js")
    }

    @Test func objectRemapsTheMainFile() {
        #expect(fixture.path("objbrowser", from: "/app/main.js") == "/app/node_modules/objbrowser/lib/browser.js")
    }

    @Test func objectFalseGivesAnEmptyModule() throws {
        let module = try #require(fixture.module("./server", from: "/app/node_modules/objbrowser/lib/node.js"))
        #expect(module.format == .empty)
        #expect(module.isEmpty)
        #expect(module.path == "(disabled):/app/node_modules/objbrowser/lib/server.js")
    }

    @Test func objectMapsBareModulesForImportsInsideThePackage() {
        #expect(fixture.module("fs", from: "/app/node_modules/objbrowser/lib/uses-fs.js")?.path == "(disabled):fs")
        #expect(
            fixture.path("crypto", from: "/app/node_modules/objbrowser/lib/uses-fs.js")
                == "/app/node_modules/crypto-browserify/index.js")
    }

    @Test func fileMappedToAnotherPackage() {
        #expect(
            fixture.path("./alias", from: "/app/node_modules/objbrowser/lib/node.js") == "/app/node_modules/other-pkg/index.js")
    }

    @Test func invalidBrowserValue() {
        let diagnostic = fixture.failure("net", from: "/app/node_modules/objbrowser/lib/uses-fs.js")
        #expect(diagnostic?.code == .packageFieldInvalid)
        #expect(
            diagnostic?.message
                == #"/app/node_modules/objbrowser/package.json: "browser" maps "net" to a number; only a string or false is allowed"#
        )
    }

    @Test func nodeBuiltinFromWorkerCode() {
        let diagnostic = fixture.failure("fs", from: "/app/node_modules/needsfs/index.js")
        #expect(
            renderedText(diagnostic) == """
                /app/node_modules/needsfs/index.js:1:9: error[PA146]: 'fs' is a Node built-in module and does not exist in a web worker (imported from /app/node_modules/needsfs/index.js)
                  fix: add "browser": { "fs": false } to /app/node_modules/needsfs/package.json if the code never calls it in the browser, install a browser implementation with `npm install fs`, or remove the import
                """)
        #expect(fixture.failure("node:path", from: "/app/main.js")?.code == .nodeBuiltinInWorker)
    }

    @Test func builtinNameInstalledAsPackageIsUsed() {
        // webpack 5 resolves `events` like any package when one is installed (the npm polyfill).
        #expect(fixture.path("events", from: "/app/node_modules/needsfs/index.js") == "/app/node_modules/events/events.js")
    }
}

@Suite struct SymlinkAndFailureTests {
    @Test func tutorLayoutResolvesToRealPaths() throws {
        let fixture = ResolverFixture(
            [
                "/openedx/edx-platform/package.json": #"{"name": "edx", "version": "0.1.0"}"#,
                "/openedx/node_modules/babel-polyfill/package.json":
                    #"{"name": "babel-polyfill", "version": "6.26.0", "main": "lib/index.js"}"#,
                "/openedx/node_modules/babel-polyfill/lib/index.js": "",
                "/openedx/node_modules/core-js/package.json": #"{"name": "core-js", "version": "2.6.12"}"#,
                "/openedx/node_modules/core-js/shim.js": "",
            ],
            links: ["/openedx/edx-platform/node_modules": "/openedx/node_modules"])
        let resolver = fixture.resolver()
        let polyfill = try resolver.resolve("babel-polyfill", from: .context("/openedx/edx-platform"), kind: .entry).get()
        #expect(polyfill.path == "/openedx/node_modules/babel-polyfill/lib/index.js")
        #expect(polyfill.package?.manifestPath == "/openedx/node_modules/babel-polyfill/package.json")
        // Its own requests walk up from the real directory.
        #expect(fixture.path("core-js/shim", from: polyfill.path) == "/openedx/node_modules/core-js/shim.js")
        // The same file reached through the link has the same identity.
        #expect(
            fixture.path("/openedx/edx-platform/node_modules/babel-polyfill/lib/index.js", from: "/openedx/edx-platform/x.js")
                == polyfill.path)
    }

    @Test func symlinkLoop() {
        let fixture = ResolverFixture(
            ["/app/main.js": ""],
            links: ["/app/node_modules/loop": "/app/node_modules/loop2", "/app/node_modules/loop2": "/app/node_modules/loop"])
        let diagnostic = fixture.failure("loop", from: "/app/main.js")
        #expect(diagnostic?.code == .symlinkLoop)
        #expect(
            diagnostic?.message
                == "cannot resolve 'loop' imported from /app/main.js: /app/node_modules/loop is a loop of symbolic links")
    }

    @Test func invalidPackageJSONPointsAtTheError() {
        let fixture = ResolverFixture([
            "/app/main.js": "",
            "/app/node_modules/broken/package.json": "{\n  \"name\": \"broken\",\n  \"main\": index.js\n}",
            "/app/node_modules/broken/index.js": "",
        ])
        let diagnostic = fixture.failure("broken", from: "/app/main.js")
        #expect(diagnostic?.code == .packageJSONInvalid)
        #expect(diagnostic?.location == .file("/app/node_modules/broken/package.json", line: 3, column: 11))
        #expect(diagnostic?.message.hasPrefix("package.json is not valid JSON: ") == true)
    }

    @Test func unreadablePackageJSON() {
        var fixture = ResolverFixture([
            "/app/main.js": "", "/app/node_modules/locked/package.json": "{}", "/app/node_modules/locked/index.js": "",
        ])
        fixture.fileSystem.markUnreadable("/app/node_modules/locked/package.json")
        let diagnostic = fixture.failure("locked", from: "/app/main.js")
        #expect(diagnostic?.code == .pathUnreadable)
        #expect(diagnostic?.message == "cannot read package.json /app/node_modules/locked/package.json: permission denied")
    }

    @Test func unreadableDirectoryExplainsAMiss() {
        var fixture = ResolverFixture(["/app/main.js": "", "/app/node_modules/other/index.js": ""])
        fixture.fileSystem.markUnreadable("/app/node_modules")
        let diagnostic = fixture.failure("hidden", from: "/app/main.js")
        #expect(diagnostic?.code == .pathUnreadable)
        #expect(
            diagnostic?.message
                == "cannot resolve 'hidden' imported from /app/main.js: the directory /app/node_modules: permission denied")
    }

    @Test func entryContextInMessages() {
        let fixture = ResolverFixture(["/openedx/edx-platform/package.json": "{}"])
        let result = fixture.resolver().resolve(
            "babel-polyfill",
            from: .context("/openedx/edx-platform", declaredAt: .file("/openedx/workers.json", line: 1, column: 2)),
            kind: .entry)
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            renderedText(error.diagnostic).split(separator: "\n").prefix(2).joined(separator: "\n") == """
                /openedx/workers.json:1:2: error[PA140]: cannot find module 'babel-polyfill' imported from context /openedx/edx-platform
                  fix: run `npm install babel-polyfill` in /openedx/edx-platform so that /openedx/edx-platform/node_modules/babel-polyfill exists
                """)
    }
}

@Suite struct WebpackParityWarningTests {
    let fixture = ResolverFixture([
        "/app/src/main.mjs": "",
        "/app/src/util.js": "",
        "/app/src/lib/index.js": "",
        "/app/src/plain.js": "",
        "/app/esm-pkg/package.json": #"{"name": "esm-pkg", "type": "module"}"#,
        "/app/esm-pkg/index.js": "",
        "/app/esm-pkg/helper.js": "",
    ])

    @Test func guessedExtensionInAnESModuleWarns() throws {
        let module = try #require(fixture.module("./util", from: "/app/src/main.mjs", kind: .importStatement))
        #expect(module.path == "/app/src/util.js")
        #expect(module.warnings.map(\.code) == [.requestNotFullySpecified])
        #expect(
            module.warnings.first?.message
                == "'./util' in the ES module /app/src/main.mjs resolved to /app/src/util.js by guessing; webpack 5 and node require the full file name in ES modules"
        )
        #expect(
            fixture.module("./lib", from: "/app/src/main.mjs", kind: .importStatement)?.warnings.map(\.code) == [
                .requestNotFullySpecified
            ])
        #expect(
            fixture.module("./helper", from: "/app/esm-pkg/index.js", kind: .importStatement)?.warnings.map(\.code) == [
                .requestNotFullySpecified
            ])
    }

    @Test func noWarningWhenFullySpecifiedOrNotESM() {
        #expect(fixture.module("./util.js", from: "/app/src/main.mjs", kind: .importStatement)?.warnings == [])
        #expect(fixture.module("./util", from: "/app/src/plain.js", kind: .importStatement)?.warnings == [])
        #expect(fixture.module("./util", from: "/app/src/main.mjs", kind: .require)?.warnings == [])
    }
}

@Suite struct ResolverSupportTests {
    @Test func importerLocationFromByteOffset() {
        let source = Array("// é\nimport x from './x';\n".utf8)
        let location = ImporterLocation.file("/a/main.js", byteOffset: 20, in: source)
        #expect(location.requestLocation == .file("/a/main.js", line: 2, column: 15))
        #expect(location.directory == "/a")
    }

    @Test func readSourceOfModules() throws {
        var fixture = ResolverFixture(["/a/main.js": "", "/a/x.js": "x()", "/a/locked.js": ""])
        fixture.fileSystem.markUnreadable("/a/locked.js")
        let resolver = fixture.resolver()
        let module = try resolver.resolve("./x", from: .file("/a/main.js")).get()
        #expect(try resolver.readSource(of: module).get() == Array("x()".utf8))
        let empty = ResolvedModule(path: "(disabled):fs", format: .empty, package: nil)
        #expect(try resolver.readSource(of: empty).get() == [])
        let locked = try resolver.resolve("./locked", from: .file("/a/main.js", line: 2, column: 3)).get()
        guard case .failure(let error) = resolver.readSource(of: locked, requestedAt: .file("/a/main.js", line: 2, column: 3))
        else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            renderedText(error.diagnostic) == """
                /a/main.js:2:3: error[PA148]: cannot read module /a/locked.js: permission denied
                  fix: give the build user read access to /a/locked.js (and execute access to its directories)
                  note: module file: /a/locked.js
                """)
    }

    @Test func catalogCodesAreUniqueAndInRange() {
        let identifiers = BundlerCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        for identifier in identifiers {
            let number = Int(identifier.dropFirst(2)) ?? 0
            #expect(identifier.hasPrefix("PA") && (140...179).contains(number), "\(identifier)")
        }
        #expect(BundlerCatalog.codes.allSatisfy { !$0.explanation.isEmpty && !$0.title.isEmpty })
    }
}

@Suite struct NotFoundFixTests {
    @Test func installedPackageWithoutTheSubpath() {
        let fixture = ResolverFixture(["/app/main.js": "", "/app/node_modules/pkg/index.js": ""])
        let diagnostic = fixture.failure("pkg/missing", from: "/app/main.js")
        #expect(diagnostic?.code == .moduleNotFound)
        #expect(
            diagnostic?.fix
                == "pkg is installed at /app/node_modules/pkg but has no such file; check the path after the package name, or install the version of pkg that has it"
        )
        #expect(
            diagnostic?.notes == [
                "tried /app/node_modules/pkg/missing (as a file, then with .js, .mjs, .cjs, .json)",
                "tried /node_modules/pkg (no node_modules directory)",
            ])
    }

    @Test func fixListsTheConfiguredExtensions() {
        let fixture = ResolverFixture(["/app/main.js": ""])
        var options = ResolverOptions.webworker()
        options.extensions = [".js"]
        guard case .failure(let error) = fixture.resolve("./x", from: "/app/main.js", options: options) else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            error.diagnostic.fix
                == "check the path: no file with that name (or with the extensions .js) and no directory with package.json or an index file exists"
        )
        #expect(error.diagnostic.notes == ["tried /app/x (as a file, then with .js)"])
    }
}

@Suite struct BrowserReplacementNoteTests {
    @Test func failedReplacementIsExplained() {
        let fixture = ResolverFixture([
            "/app/main.js": "",
            "/app/node_modules/nodot/package.json":
                #"{"name": "nodot", "main": "lib/a.js", "browser": {"lib/a.js": "lib/b.js"}}"#,
            "/app/node_modules/nodot/lib/a.js": "",
            "/app/node_modules/nodot/lib/b.js": "",
        ])
        let diagnostic = fixture.failure("nodot", from: "/app/main.js")
        #expect(diagnostic?.code == .moduleNotFound)
        #expect(
            diagnostic?.notes.first
                == #"/app/node_modules/nodot/lib/a.js is replaced by 'lib/b.js' through the "browser" field of /app/node_modules/nodot/package.json"#
        )
    }
}

@Suite struct ResolverOptionsTests {
    @Test func webworkerDefaultsMatchWebpackForTheEdxConfig() {
        let options = ResolverOptions.webworker()
        #expect(options.conditionNames == ["webpack", "production", "worker", "browser", "module"])
        #expect(options.mainFields == ["browser", "module", "main"])
        #expect(options.extensions == [".js", ".mjs", ".cjs", ".json"])
        #expect(options.webpackExtensions == [".js"])
        #expect(ResolverOptions.webworker(mode: .development).conditionNames.contains("development"))
    }

    @Test func nodePath() {
        #expect(ResolverOptions.nodePathDirectories("/usr/share/nodejs::/opt/lib:") == ["/usr/share/nodejs", "/opt/lib"])
        #expect(ResolverOptions.nodePathDirectories("") == [])
    }
}
