import Foundation
import Testing
@testable import FileSystemSupport

@Suite struct PathComponentsTests {
    @Test func joinBehavesLikeOsPathJoin() {
        #expect(PathComponents.join("/a/b", "./c.js") == "/a/b/./c.js")
        #expect(PathComponents.join("/a/b/", "c") == "/a/b/c")
        #expect(PathComponents.join("/a", "/abs", "x") == "/abs/x")
    }

    @Test func normalizeAndDirname() {
        #expect(PathComponents.normalize("/a/./b/../c//d/") == "/a/c/d")
        #expect(PathComponents.normalize("../x/./y") == "../x/y")
        #expect(PathComponents.dirname("/openedx/edx-platform/lms/envs/common.py") == "/openedx/edx-platform/lms/envs")
        #expect(PathComponents.dirname("/x") == "/")
        #expect(PathComponents.basename("/a/b.js") == "b.js")
        #expect(PathComponents.relative("/a/b/c/d.js", from: "/a/x") == "../b/c/d.js")
    }

    /// The byte-level fast paths give what the component-by-component rules give, on normal and on
    /// unusual paths (empty, `.`/`..` components, repeated and trailing slashes, non-ASCII names).
    @Test func fastPathsAgreeWithTheComponentRules() {
        let paths = [
            "", "/", "//", "///", ".", "..", "/.", "/..", "a", "a/", "a//b", "a/./b", "a/../b", "../a", "./a", "/a/b/c.js",
            "/a/b/", "/a/b//", "//a", "a/..b/c", ".hidden/x", "/x/.../y", "/ü/ñ/é.js", "/a/b/../../..", "..a/b", "a/b.",
        ]
        for path in paths {
            #expect(PathComponents.normalize(path) == PathComponents.normalizeByComponents(path), "normalize(\"\(path)\")")
            #expect(PathComponents.dirname(path) == Self.componentDirname(path), "dirname(\"\(path)\")")
            #expect(PathComponents.basename(path) == String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""))
        }
    }

    /// The one-pass normaliser against the component rules on every path of up to four pieces drawn from
    /// components and separators that exercise its cases (`.`, `..`, dotted names, empty components, non-ASCII).
    @Test func onePassNormalizeAgreesWithTheComponentRulesOnGeneratedPaths() {
        let pieces = ["/", "//", ".", "..", "a", "bc", "...", ".a", "a.", "ü", "node_modules"]
        var paths = [""]
        var checked = 0
        for _ in 0..<4 {
            paths = paths.flatMap { path in pieces.map { path + ($0 == "/" || $0 == "//" || path.isEmpty || path.hasSuffix("/") ? $0 : "/" + $0) } }
            for path in paths {
                #expect(PathComponents.normalize(path) == PathComponents.normalizeByComponents(path), "normalize(\"\(path)\")")
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    static func componentDirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        var head = String(path[...slash])
        if head.contains(where: { $0 != "/" }) {
            while head.hasSuffix("/") { head.removeLast() }
        }
        return head
    }
}

@Suite struct InMemoryFileSystemTests {
    @Test func followsSymbolicLinks() throws {
        var fileSystem = InMemoryFileSystem(files: ["/real/pkg/index.js": "x"])
        fileSystem.addSymbolicLink("/app/node_modules/pkg", target: "../../real/pkg")
        #expect(try fileSystem.realPath("/app/node_modules/pkg/index.js") == "/real/pkg/index.js")
        #expect(fileSystem.fileExists("/app/node_modules/pkg/index.js"))
        #expect(try fileSystem.listDirectory("/app/node_modules") == ["pkg"])
    }

    @Test func reportsDeniedAndMissing() {
        var fileSystem = InMemoryFileSystem(files: ["/a/b.txt": "x"])
        fileSystem.markUnreadable("/a/b.txt")
        #expect(throws: FileSystemError.permissionDenied(path: "/a/b.txt")) { try fileSystem.readFile("/a/b.txt") }
        #expect(throws: FileSystemError.notFound(path: "/a/c.txt")) { try fileSystem.readFile("/a/c.txt") }
    }

    @Test func rejectsInvalidUTF8() {
        var fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/s.py", bytes: [0x61, 0x3D, 0xFF])
        #expect(throws: FileSystemError.notUTF8(path: "/s.py", byteOffset: 2)) { try fileSystem.readUTF8File("/s.py") }
    }
}

@Suite struct AtomicFileWriterTests {
    @Test func writesWithModeAndLeavesNoTemporaryFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pa-atomic-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/sub dir/é.json"
        try AtomicFileWriter().write("{}", to: path, mode: 0o664, createDirectories: true)
        #expect(try DiskFileSystem().readUTF8File(path) == "{}")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o664)
        #expect(try DiskFileSystem().listDirectory(directory + "/sub dir") == ["é.json"])
    }

    @Test func failsWithoutPartialFileWhenDirectoryMissing() {
        #expect(throws: FileSystemError.notFound(path: "/nonexistent-pa-dir")) {
            try AtomicFileWriter().write("x", to: "/nonexistent-pa-dir/out.json")
        }
    }
}
