import Diagnostics
import FileSystemSupport
import Foundation
import OrderedJSON
import TestSupport
import Testing

@testable import Bundler

@Suite struct EntryPointTests {
    @Test func arrayEntryKeepsOrderAndScopedNameBecomesSubfolder() throws {
        let entry = try EntryPoint.fromWorkersConfig(
            name: "@edx/mockprock",
            value: ["babel-polyfill", "/openedx/edx-platform/node_modules/@edx/mockprock/static/index.js"],
            contextDirectory: "/openedx/edx-platform"
        ).get()
        #expect(
            entry.requests.map(\.specifier) == [
                "babel-polyfill", "/openedx/edx-platform/node_modules/@edx/mockprock/static/index.js",
            ])
        #expect(entry.outputRelativePath == "@edx/mockprock.js")
    }

    @Test func stringEntry() throws {
        let entry = try EntryPoint.fromWorkersConfig(name: "w", value: "./w.js", contextDirectory: "/c").get()
        #expect(entry.requests.map(\.specifier) == ["./w.js"])
    }

    @Test(arguments: [
        ("", "worker entry name '' is empty"),
        ("/abs", "worker entry name '/abs' is an absolute path; it would be written outside the bundles directory"),
        ("../up", "worker entry name '../up' contains '.' or '..'; it would be written outside the bundles directory"),
        ("a//b", "worker entry name 'a//b' contains an empty path segment"),
    ])
    func invalidNames(name: String, message: String) {
        let result = EntryPoint.fromWorkersConfig(name: name, value: ["x"], contextDirectory: "/c")
        guard case .failure(let error) = result else {
            Issue.record("expected a failure for \(name)")
            return
        }
        #expect(error.diagnostics.map(\.code) == [.entryPointInvalid])
        #expect(error.diagnostics.first?.message == message)
    }

    @Test func invalidValues() {
        for value: JSONValue in [[], [1], [""], .object([]), .null] {
            let result = EntryPoint.fromWorkersConfig(name: "w", value: value, contextDirectory: "/c")
            guard case .failure(let error) = result else {
                Issue.record("expected a failure for \(value)")
                continue
            }
            #expect(error.diagnostics.first?.code == .entryPointInvalid)
        }
    }

    @Test func resolvesEveryRequestFromTheContextInOrder() throws {
        let fixture = ResolverFixture([
            "/openedx/edx-platform/node_modules/babel-polyfill/package.json":
                #"{"name": "babel-polyfill", "main": "lib/index.js"}"#,
            "/openedx/edx-platform/node_modules/babel-polyfill/lib/index.js": "",
            "/openedx/edx-platform/node_modules/@edx/mockprock/package.json":
                #"{"name": "@edx/mockprock", "version": "1.0.2", "main": "static/index.js"}"#,
            "/openedx/edx-platform/node_modules/@edx/mockprock/static/index.js": "",
        ])
        let entry = try EntryPoint.fromWorkersConfig(
            name: "@edx/mockprock",
            value: ["babel-polyfill", "/openedx/edx-platform/node_modules/@edx/mockprock/./static/index.js"],
            contextDirectory: "/openedx/edx-platform"
        ).get()
        let resolved = try fixture.resolver().resolve(entry).get()
        #expect(
            resolved.modules.map(\.path) == [
                "/openedx/edx-platform/node_modules/babel-polyfill/lib/index.js",
                "/openedx/edx-platform/node_modules/@edx/mockprock/static/index.js",
            ])
        #expect(resolved.modules.last?.package?.name == "@edx/mockprock")
    }

    @Test func reportsEveryFailingRequest() throws {
        let fixture = ResolverFixture(["/c/package.json": "{}"])
        let entry = try EntryPoint.fromWorkersConfig(
            name: "w", value: ["babel-polyfill", "/c/missing.js"], contextDirectory: "/c",
            location: .file("/env/workers.json", line: 1, column: 2)
        ).get()
        guard case .failure(let error) = fixture.resolver().resolve(entry) else {
            Issue.record("expected failures")
            return
        }
        #expect(
            error.diagnostics.map(\.message) == [
                "cannot find module 'babel-polyfill' imported from context /c",
                "cannot find module '/c/missing.js' imported from context /c",
            ])
        #expect(error.diagnostics.allSatisfy { $0.location == .file("/env/workers.json", line: 1, column: 2) })
    }
}

@Suite struct DiskResolutionTests {
    @Test func tutorStyleSymlinkedNodeModulesOnDisk() throws {
        let directory = try TemporaryDirectory("disk-tutor")
        defer { directory.remove() }
        try directory.write(
            "openedx/node_modules/@edx/mockprock/package.json",
            #"{"name": "@edx/mockprock", "version": "1.0.2", "main": "static/index.js"}"#)
        try directory.write("openedx/node_modules/@edx/mockprock/static/index.js", "")
        try directory.write("openedx/edx-platform/package.json", #"{"name": "edx-platform"}"#)
        try directory.link("openedx/edx-platform/node_modules", to: directory.path + "/openedx/node_modules")
        let resolver = ModuleResolver(fileSystem: DiskFileSystem())
        let module = try resolver.resolve(
            "@edx/mockprock", from: .context(directory.path + "/openedx/edx-platform"), kind: .entry
        ).get()
        #expect(module.path == directory.path + "/openedx/node_modules/@edx/mockprock/static/index.js")
        #expect(module.package?.manifestPath == directory.path + "/openedx/node_modules/@edx/mockprock/package.json")
    }

    @Test func relativeSymlinkedFileHasItsRealPathAsIdentity() throws {
        let directory = try TemporaryDirectory("disk-file-link")
        defer { directory.remove() }
        try directory.write("real/impl.js", "")
        try directory.link("app/alias.js", to: "../real/impl.js")
        try directory.write("app/main.js", "")
        let resolver = ModuleResolver(fileSystem: DiskFileSystem())
        let module = try resolver.resolve("./alias", from: .file(directory.path + "/app/main.js")).get()
        #expect(module.path == directory.path + "/real/impl.js")
    }

    @Test func symlinkLoopOnDisk() throws {
        let directory = try TemporaryDirectory("disk-loop")
        defer { directory.remove() }
        try directory.write("app/main.js", "")
        try directory.link("app/node_modules/a", to: "b")
        try directory.link("app/node_modules/b", to: "a")
        let resolver = ModuleResolver(fileSystem: DiskFileSystem())
        let result = resolver.resolve("a", from: .file(directory.path + "/app/main.js", line: 3, column: 1))
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.diagnostic.code == .symlinkLoop)
        #expect(error.diagnostic.location == .file(directory.path + "/app/main.js", line: 3, column: 1))
    }
}
