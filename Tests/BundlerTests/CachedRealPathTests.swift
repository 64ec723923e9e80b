import Foundation
import FileSystemSupport
import Testing

@testable import Bundler

/// The resolver's cached `realPath` resolves a path from its directory's remembered real path plus one `lstat` of
/// the last component; these tests compare it with `realpath(3)` on a real tree of links of every kind.
@Suite struct CachedRealPathTests {
    @Test func agreesWithRealpathOnGeneratedPathsThroughLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pa-realpath-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/a/sub", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/a/f.js"))
        try Data("y".utf8).write(to: URL(fileURLWithPath: root + "/a/sub/g.js"))
        let links = [
            "linkdir": "a", "abslink": root + "/a/sub", "linkfile": "a/f.js", "linkfile2": "linkfile", "dangling": "missing",
            "loop1": "loop2", "loop2": "loop1", "a/sub/parentlink": "..", "a/sub/uplink": "../../a/sub/g.js",
        ]
        for (path, target) in links { try manager.createSymbolicLink(atPath: root + "/" + path, withDestinationPath: target) }

        let names = ["a", "f.js", "sub", "g.js", "linkdir", "abslink", "linkfile", "linkfile2", "dangling", "loop1", "parentlink", "uplink", "missing"]
        var paths = [root]
        var level = [root]
        for _ in 0..<3 {
            level = level.flatMap { base in names.map { base + "/" + $0 } }
            paths += level
        }
        // Not normal: these go to realpath whole.
        paths += [root + "/a/../a/f.js", root + "//a/f.js", root + "/a/./sub", root + "/a/", "/"]

        let disk = DiskFileSystem()
        let cached = CachedFileLookups.wrapping(disk)
        var resolvedThroughLinks = 0
        var failureReasons: Set<String> = []
        for path in paths.shuffled() {
            let expected = Result { () throws(FileSystemError) -> String in try disk.realPath(path) }
            let answer = Result { () throws(FileSystemError) -> String in try cached.realPath(path) }
            #expect(answer == expected, "realPath(\"\(path)\")")
            switch expected {
            case .success(let real): if real != path { resolvedThroughLinks += 1 }
            case .failure(let error): failureReasons.insert(error.reason)
            }
        }
        #expect(paths.count > 2_000)
        // Links to files and directories, chained, absolute, relative and through `..`; missing entries, a file
        // used as a directory, and a loop.
        #expect(resolvedThroughLinks >= 20)
        #expect(failureReasons.count >= 3, "\(failureReasons)")
    }
}
