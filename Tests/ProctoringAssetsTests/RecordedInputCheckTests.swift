import FileSystemSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@testable import ProctoringAssets

/// The parallel check of a cache entry's recorded inputs: on a real folder it finds a changed file, a
/// changed symbolic link and a file that appeared, always the first change in the entry's order whatever the
/// scheduling, and gives the same answers as asking the file system one question at a time.
struct RecordedInputCheckTests {
    /// A folder of modules (some behind a linked folder, as Debian's node_modules link to /usr/share/nodejs)
    /// and the inputs a build reading all of them records.
    struct Tree {
        let root: String
        let fileCount = 120

        init() throws {
            root = try DiskFileSystem().realPath(try CommandLineRunner.temporaryFolder("input-check"))
            let manager = FileManager.default
            try manager.createDirectory(atPath: root + "/shared/core/modules", withIntermediateDirectories: true)
            try manager.createDirectory(atPath: root + "/app/node_modules", withIntermediateDirectories: true)
            try manager.createSymbolicLink(atPath: root + "/app/node_modules/core", withDestinationPath: root + "/shared/core")
            for index in 0..<fileCount {
                try Data("module.exports = \(index);\n".utf8).write(to: URL(fileURLWithPath: modulePath(index)))
            }
        }

        func modulePath(_ index: Int) -> String { root + "/shared/core/modules/m\(index).js" }

        /// What the bundler asks: each module through the linked folder (realpath, then reading the real
        /// file), a probe for a file that is not there, and the folder listing.
        func record() throws -> [(input: BuildInput, answer: String)] {
            let recording = RecordingFileSystem(base: DiskFileSystem())
            for index in 0..<fileCount {
                let real = try recording.realPath(root + "/app/node_modules/core/modules/m\(index).js")
                _ = try recording.readFile(real)
                _ = try recording.realPath(real)
                _ = recording.entryKind(real + ".map")
            }
            _ = try recording.listDirectory(root + "/shared/core/modules")
            return recording.recordedInputs
        }

        func check(_ inputs: [(input: BuildInput, answer: String)], workers: Int = 2) -> RecordedInputCheck.Change? {
            var check = RecordedInputCheck(fileSystem: DiskFileSystem())
            check.workerCount = workers
            check.chunkSize = 4
            return check.firstChange(inputs)
        }

        /// The first change a one-question-at-a-time check finds.
        func sequentialFirstChange(_ inputs: [(input: BuildInput, answer: String)]) -> Int? {
            inputs.firstIndex { $0.input.answer(in: DiskFileSystem()) != $0.answer }
        }
    }

    @Test func anUnchangedTreeHasNoChange() throws {
        let tree = try Tree()
        let inputs = try tree.record()
        #expect(inputs.contains { $0.input.query == .realPath && $0.answer == "path " + $0.input.path })
        #expect(inputs.contains { $0.input.query == .realPath && $0.answer != "path " + $0.input.path })
        for workers in [1, 2, 4] { #expect(tree.check(inputs, workers: workers) == nil) }
    }

    @Test func oneChangedByteOfOneFileIsFoundWhateverTheScheduling() throws {
        let tree = try Tree()
        let inputs = try tree.record()
        // Same size, one byte different: only the content hash can tell.
        let path = tree.modulePath(97)
        try Data("module.exports = 98;\n".utf8).write(to: URL(fileURLWithPath: path))
        let expected = try #require(tree.sequentialFirstChange(inputs))
        #expect(inputs[expected].input == BuildInput(query: .readFile, path: path))
        for _ in 0..<20 {
            let change = try #require(tree.check(inputs))
            #expect(change.index == expected)
            #expect(change.input.path == path)
            #expect(change.was != change.now)
        }
    }

    @Test func theFirstOfSeveralChangesIsReported() throws {
        let tree = try Tree()
        let inputs = try tree.record()
        for index in [110, 3, 57] {
            try Data("module.exports = 'changed';\n".utf8).write(to: URL(fileURLWithPath: tree.modulePath(index)))
        }
        let expected = try #require(tree.sequentialFirstChange(inputs))
        for _ in 0..<20 { #expect(tree.check(inputs)?.index == expected) }
    }

    @Test func aFolderReplacedByALinkToTheSameFilesIsAChange() throws {
        let tree = try Tree()
        let inputs = try tree.record()
        // The files' bytes stay the same; only where the paths lead changes.
        let manager = FileManager.default
        try manager.moveItem(atPath: tree.root + "/shared/core/modules", toPath: tree.root + "/shared/core/moved")
        try manager.createSymbolicLink(atPath: tree.root + "/shared/core/modules", withDestinationPath: tree.root + "/shared/core/moved")
        let expected = try #require(tree.sequentialFirstChange(inputs))
        let change = try #require(tree.check(inputs))
        #expect(change.index == expected)
        #expect(change.input.query == .realPath, "\(change)")
        #expect(change.now == "path " + tree.root + "/shared/core/moved/" + PathComponents.basename(change.input.path))
        // The paths that resolved to themselves are checked component by component: the link is found too.
        let selfResolving = inputs.filter { $0.input.query == .realPath && $0.answer == "path " + $0.input.path }
        #expect(!selfResolving.isEmpty)
        #expect(tree.check(selfResolving)?.index == 0)
    }

    @Test func aRelinkedFolderIsAChange() throws {
        let tree = try Tree()
        let inputs = try tree.record()
        let manager = FileManager.default
        try manager.copyItem(atPath: tree.root + "/shared/core", toPath: tree.root + "/shared/core-copy")
        try manager.removeItem(atPath: tree.root + "/app/node_modules/core")
        try manager.createSymbolicLink(atPath: tree.root + "/app/node_modules/core", withDestinationPath: tree.root + "/shared/core-copy")
        let change = try #require(tree.check(inputs))
        #expect(change.index == tree.sequentialFirstChange(inputs))
        #expect(change.now.hasPrefix("path " + tree.root + "/shared/core-copy/"), "\(change)")
    }

    @Test func aProbedFileThatAppearedIsAChange() throws {
        let tree = try Tree()
        let inputs = try tree.record()
        try Data("{}".utf8).write(to: URL(fileURLWithPath: tree.modulePath(64) + ".map"))
        let change = try #require(tree.check(inputs))
        #expect(change.index == tree.sequentialFirstChange(inputs))
        #expect(change.input == BuildInput(query: .entryKind, path: tree.modulePath(64) + ".map"))
        #expect(change.was == "none" && change.now == "file")
    }

    @Test func aProbeInAFolderThatAppearedIsAChange() throws {
        let tree = try Tree()
        let recording = RecordingFileSystem(base: DiskFileSystem())
        _ = recording.entryKind(tree.root + "/app/node_modules/later/index.js")
        _ = recording.entryKind(tree.root + "/app/node_modules/later")
        let inputs = recording.recordedInputs
        #expect(tree.check(inputs) == nil)
        try FileManager.default.createDirectory(atPath: tree.root + "/app/node_modules/later", withIntermediateDirectories: true)
        try Data("module.exports = 1;\n".utf8).write(to: URL(fileURLWithPath: tree.root + "/app/node_modules/later/index.js"))
        let change = try #require(tree.check(inputs))
        #expect(change.index == tree.sequentialFirstChange(inputs))
        #expect(change.was == "none" && change.now == "directory", "\(change)")
        // The probe inside the folder, on its own: its folder was missing when the entry was recorded.
        let inner = try #require(tree.check(inputs.filter { $0.input.path.hasSuffix("/index.js") }))
        #expect(inner.was == "none" && inner.now == "file", "\(inner)")
    }

    /// More folders than a worker keeps open: the rest are asked by their whole path, with the same answers.
    @Test func manyFoldersAreCheckedToo() throws {
        let tree = try Tree()
        let recording = RecordingFileSystem(base: DiskFileSystem())
        for index in 0..<160 {
            let folder = tree.root + "/many/f\(index)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("module.exports = \(index);\n".utf8).write(to: URL(fileURLWithPath: folder + "/index.js"))
            _ = try recording.readFile(try recording.realPath(folder + "/index.js"))
            _ = recording.entryKind(folder + "/index.json")
        }
        let inputs = recording.recordedInputs
        #expect(tree.check(inputs, workers: 1) == nil)
        try Data("module.exports = 'x';\n".utf8).write(to: URL(fileURLWithPath: tree.root + "/many/f159/index.js"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: tree.root + "/many/f158/index.json"))
        for workers in [1, 2] {
            let change = try #require(tree.check(inputs, workers: workers))
            #expect(change.index == tree.sequentialFirstChange(inputs))
        }
    }

    @Test func anUnreadableFileIsAChange() throws {
        let tree = try Tree()
        let inputs = try tree.record()
        try FileManager.default.removeItem(atPath: tree.modulePath(5))
        try FileManager.default.createDirectory(atPath: tree.modulePath(5), withIntermediateDirectories: false)
        let change = try #require(tree.check(inputs))
        #expect(change.index == tree.sequentialFirstChange(inputs))
        #expect(change.now.hasPrefix("error "), "\(change)")
    }

    /// The shortcuts (a folder's listing for its names' kinds and links, reads that end without the empty
    /// read) give the generic answer for every kind of entry: each recorded answer is found unchanged, and each
    /// one replaced by a wrong answer is found changed, at its own index.
    @Test func theShortcutsGiveTheGenericAnswerForEveryKindOfEntry() throws {
        let tree = try Tree()
        let folder = tree.root + "/kinds"
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        var files: [String] = []
        // Enough names for the folder to be listed; sizes around the read buffer's and a page's.
        for (index, size) in [0, 1, 2, 4095, 4096, 4097, 65_535, 65_536, 65_537, 200_000, 5, 6, 7, 8].enumerated() {
            let path = folder + "/m\(index).js"
            try Data(repeating: UInt8(ascii: "a") + UInt8(index), count: size).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        try Data("module.exports = 'upper';\n".utf8).write(to: URL(fileURLWithPath: folder + "/Upper.js"))
        try manager.createSymbolicLink(atPath: folder + "/link.js", withDestinationPath: folder + "/m3.js")
        try manager.createSymbolicLink(atPath: folder + "/linked-folder", withDestinationPath: folder + "/sub")
        try manager.createSymbolicLink(atPath: folder + "/dangling.js", withDestinationPath: folder + "/nowhere.js")
        try Data("module.exports = 'inner';\n".utf8).write(to: URL(fileURLWithPath: folder + "/sub/inner.js"))
        #expect(mkfifo(folder + "/fifo", 0o644) == 0)

        let recording = RecordingFileSystem(base: DiskFileSystem())
        for path in files + [folder + "/Upper.js", folder + "/link.js", folder + "/linked-folder/inner.js", "/proc/self/cmdline"] {
            _ = try recording.readFile(path)
        }
        let names = [
            "m0.js", "m3.js", "Upper.js", "upper.js", "UPPER.JS", "M3.js", "m3", "m3.JS", "sub", "Sub", "link.js", "linked-folder",
            "dangling.js", "fifo", "missing.js", "missing", "linked-folder/inner.js", "missing-folder/index.js",
        ]
        for name in names {
            _ = recording.entryKind(folder + "/" + name)
            _ = try? recording.realPath(folder + "/" + name)
        }
        let inputs = recording.recordedInputs
        #expect(inputs.contains { $0.input.query == .entryKind && $0.answer == "none" })
        #expect(inputs.contains { $0.input.query == .entryKind && $0.answer == "directory" })
        #expect(inputs.contains { $0.input.query == .realPath && $0.answer.hasPrefix("error ") })
        for workers in [1, 2] { #expect(tree.check(inputs, workers: workers) == nil) }
        for index in inputs.indices {
            var changed = inputs
            changed[index].answer = changed[index].answer == "none" ? "file" : "none"
            #expect(tree.check(changed, workers: 1)?.index == index, "\(inputs[index])")
        }
    }

    @Test func anotherFileSystemIsCheckedThroughItsOwnAnswers() throws {
        var files = InMemoryFileSystem()
        for index in 0..<40 { files.addFile("/tree/m\(index).js", "module.exports = \(index);") }
        let recording = RecordingFileSystem(base: files)
        for index in 0..<40 { _ = try recording.readFile(try recording.realPath("/tree/m\(index).js")) }
        let inputs = recording.recordedInputs
        #expect(RecordedInputCheck(fileSystem: files).firstChange(inputs) == nil)
        files.addFile("/tree/m17.js", "module.exports = 71;")
        let change = try #require(RecordedInputCheck(fileSystem: files).firstChange(inputs))
        #expect(change.input == BuildInput(query: .readFile, path: "/tree/m17.js"))
    }
}
