import Diagnostics
import FileSystemSupport
import Foundation
import Testing

@testable import Verification

@Suite struct ArchiveReaderTests {
    @Test func readsAStaticRootTarballWithSizesAndHashesMatchingPython() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("static.tar.gz", entries: SampleTrees.staticRoot())
        let diagnostics = DiagnosticCollector()
        let archive = try ArchiveLoader.load(path: made.path, diagnostics: diagnostics)

        #expect(diagnostics.diagnostics.isEmpty)
        #expect(try archive.listDirectory("/") == ["staticfiles"])
        #expect(try archive.listDirectory("/staticfiles") == ["bundles", "webpack-worker-stats.json"])
        #expect(try archive.readUTF8File("/staticfiles/webpack-worker-stats.json") == SampleTrees.statsJSON)
        #expect(archive.directoryExists("/staticfiles/bundles"))
        for (name, hash) in made.sha384 {
            let record = try #require(archive.fileRecord("/" + name))
            #expect(record.sha384 == hash)
            #expect(record.size == made.sizes[name])
        }
        #expect(throws: FileSystemError.notFound(path: "/staticfiles/missing.js")) {
            try archive.readFile("/staticfiles/missing.js")
        }
        #expect(throws: FileSystemError.notAFile(path: "/staticfiles")) { try archive.readFile("/staticfiles") }
    }

    @Test(arguments: ["gnu", "pax", "ustar"])
    func readsEveryTarFormatIncludingPlainTar(format: String) throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        for compression in ["gzip", "none"] {
            let made = try workspace.make("image-\(compression).tar", format: format, compression: compression,
                                          entries: SampleTrees.imageRoot())
            let archive = try ArchiveLoader.load(path: made.path, diagnostics: DiagnosticCollector())
            #expect(try archive.readUTF8File("/openedx/workers.json") == SampleTrees.workersJSON)
            #expect(archive.fileExists("/openedx/staticfiles/bundles/edx-proctoring-proctortrack.js"))
        }
    }

    @Test func readsPaxLongNamesAndGNULongNamesAndLinks() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let deep = (1...12).map { "folder-with-a-long-name-\($0)" }.joined(separator: "/")
        let longFile = "root/" + deep + "/webpack-worker-stats.json"
        #expect(longFile.utf8.count > 256)
        let longTarget = "../" + String(repeating: "x", count: 120) + ".js"
        let entries: [[String: Any]] = [
            ["name": longFile, "text": "long"],
            ["name": "root/" + String(repeating: "x", count: 120) + ".js", "text": "target"],
            ["name": "root/" + deep + "/link.js", "type": "symlink",
             "target": String(repeating: "../", count: 12) + String(repeating: "x", count: 120) + ".js"],
            ["name": "root/short-link.js", "type": "symlink", "target": String(longTarget.dropFirst(3))],
        ]
        for format in ["pax", "gnu"] {
            let made = try workspace.make("long-\(format).tgz", format: format, entries: entries)
            let diagnostics = DiagnosticCollector()
            let archive = try ArchiveLoader.load(path: made.path, diagnostics: diagnostics)
            #expect(diagnostics.diagnostics.isEmpty, "\(format): \(diagnostics.codes)")
            #expect(try archive.readUTF8File("/" + longFile) == "long", "\(format)")
            #expect(try archive.readUTF8File("/root/" + deep + "/link.js") == "target", "\(format)")
            #expect(try archive.readUTF8File("/root/short-link.js") == "target", "\(format)")
        }
    }

    @Test func readsPaxGlobalHeadersAndNonASCIINames() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make(
            "global.tgz", format: "pax", globalPax: ["comment": "6294447 (as git archive writes)"],
            entries: [["name": "staticfiles/bundles/r\u{e9}sum\u{e9}-\u{1F600}.js", "text": "u"]])
        let archive = try ArchiveLoader.load(path: made.path, diagnostics: DiagnosticCollector())
        #expect(try archive.listDirectory("/staticfiles/bundles") == ["r\u{e9}sum\u{e9}-\u{1F600}.js"])
        #expect(try archive.readUTF8File("/staticfiles/bundles/r\u{e9}sum\u{e9}-\u{1F600}.js") == "u")
    }

    @Test func ustarSplitsLongNamesIntoPrefixAndName() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let name = "openedx/" + String(repeating: "p", count: 120) + "/staticfiles/bundles/worker.js"
        #expect(name.utf8.count > 100)
        let made = try workspace.make("prefix.tar", format: "ustar", compression: "none", entries: [["name": name, "text": "w"]])
        let archive = try ArchiveLoader.load(path: made.path, diagnostics: DiagnosticCollector())
        #expect(try archive.readUTF8File("/" + name) == "w")
    }

    @Test func readsMultiMemberGzip() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        var entries = SampleTrees.imageRoot()
        for index in 0..<40 {
            entries.append(["name": "openedx/staticfiles/bundles/chunk-\(index).js", "text": String(repeating: "var a\(index)=1;", count: 200)])
        }
        let made = try workspace.make("multi.tgz", compression: "gzip-multi", entries: entries)
        // Three gzip members: a member header (magic, deflate, no flags) starts the file and two more follow.
        let bytes = try workspace.read(made.path)
        let headers = (0..<(bytes.count - 4)).filter { bytes[$0] == 0x1F && bytes[$0 + 1] == 0x8B && bytes[$0 + 2] == 8 && bytes[$0 + 3] == 0 }
        #expect(headers.first == 0)
        #expect(headers.count >= 3)
        let archive = try ArchiveLoader.load(path: made.path, diagnostics: DiagnosticCollector())
        for index in 0..<40 {
            let path = "/openedx/staticfiles/bundles/chunk-\(index).js"
            #expect(archive.fileRecord(path)?.sha384 == made.sha384[String(path.dropFirst())])
        }
    }

    @Test func streamsThroughTheDecompressorInSmallChunks() throws {
        // The tar reader must give the same entries whatever the chunk boundaries are.
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("small-chunks.tgz", format: "pax", entries: SampleTrees.imageRoot())
        let bytes = try workspace.read(made.path)
        for chunkSize in [1, 7, 511, 4096] {
            var reader = TarReader(source: try GzipChunkSource(base: MemoryChunkSource(bytes, chunkSize: chunkSize)))
            var names: [String] = []
            while let entry = try reader.nextEntry() {
                // Python's tarfile writes directory names with a trailing slash.
                names.append(entry.type == .directory ? String(entry.name.dropLast()) : entry.name)
                if entry.name.hasSuffix("workers.json") {
                    var contents: [UInt8] = []
                    while true {
                        let part = try reader.readContents(upTo: 3)
                        if part.isEmpty { break }
                        contents.append(contentsOf: part)
                    }
                    #expect(String(decoding: contents, as: UTF8.self) == SampleTrees.workersJSON)
                }
            }
            #expect(names == SampleTrees.imageRoot().map { $0["name"] as? String ?? "" }, "chunk size \(chunkSize)")
        }
    }

    @Test func recordsHardLinksAndIgnoresDevicesWithANote() throws {
        let workspace = try ArchiveWorkspace()
        defer { workspace.remove() }
        let made = try workspace.make("links.tgz", entries: [
            ["name": "s/bundles/a.js", "text": "A"],
            ["name": "s/bundles/b.js", "type": "hardlink", "target": "s/bundles/a.js"],
            ["name": "s/bundles/c.js", "type": "hardlink", "target": "s/bundles/nope.js"],
            ["name": "dev/null", "type": "chr"],
            ["name": "dev/fifo", "type": "fifo"],
            ["name": "s/odd", "type": "raw-type", "flag": "Z", "text": "zz"],
        ])
        let diagnostics = DiagnosticCollector()
        let archive = try ArchiveLoader.load(path: made.path, diagnostics: diagnostics)
        #expect(try archive.readUTF8File("/s/bundles/b.js") == "A")
        #expect(!archive.fileExists("/s/bundles/c.js"))
        #expect(!archive.fileExists("/dev/null"))
        #expect(!archive.fileExists("/s/odd"))
        #expect(diagnostics.codes.sorted() == ["PA310", "PA311", "PA316"])
        let note = try #require(diagnostics.diagnostics.first { $0.code == .archiveSpecialFileIgnored })
        #expect(note.severity == .note)
        #expect(note.message.contains("dev/null") && note.message.contains("dev/fifo"))
    }
}
