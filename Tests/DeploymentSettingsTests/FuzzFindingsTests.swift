import Diagnostics
import FileSystemSupport
import Testing
@testable import DeploymentSettings

/// Inputs the fuzz targets (`scripts/fuzz settings|yaml`) found, kept as regression tests.
@Suite struct FuzzFindingsTests {
    static func readYAML(_ text: String) -> [Diagnostic] {
        var fileSystem = InMemoryFileSystem()
        fileSystem.addFile("/srv/config.yml", text)
        switch ConfigurationYAMLLayer.load(path: "/srv/config.yml", fileSystem: fileSystem) {
        case .success: return []
        case .failure(let error): return error.diagnostics
        }
    }

    /// Duplicate keys, one of them a mapping used as a key: Yams cannot order a mapping against a scalar, so the
    /// names and the place it reported followed hash order and changed from one read to the next.
    @Test(arguments: [
        "? {a: 1}\n: x\n? {a: 1}\n: y\nb: 1\nb: 2\nc: 1\nc: 2\n",
        // As the yaml target found it.
        "TO%Al ! tag:x,2000:\n? _TRXA!!pTS::oct2.1!pTl ! tag:x,2000:\nXTT.nant::\nXTRA_!!pTSSRA_!!pTS:\n- ed0:\nnant::\nXTRA_!!pTSSRA_!!pTS:\n tag:x,2000:\n? _TRXA!!pTS::oct2.1!pTl ! tag:x,2000:\nXTT.nant::\nXTRA_!!pTSSRA_!!pTS:\n- ed0:\nnant::\nXTRA_!!pTSSRA_!!pTS:\n- ed0:\nXTRA_!!pTS:\n-- ed0:\nXTRA_!!pTS:\n- edx-@:oct2.1\n",
    ])
    func duplicateKeysReportTheSameEveryTime(yaml: String) throws {
        let first = Self.readYAML(yaml)
        let diagnostic = try #require(first.first)
        #expect(diagnostic.code == .configYAMLInvalid)
        #expect(diagnostic.message.hasPrefix("duplicate key "))
        for _ in 0..<20 {
            #expect(Self.readYAML(yaml) == first)
        }
    }

    /// Which key's place Yams reports depends on hash order there (under the address sanitizer it changed from
    /// one read to the next; elsewhere it may stay the same within a process): the names are sorted, and the
    /// finding names the file without a line.
    @Test func duplicateKeysNextToAMappingKeyNameTheFile() throws {
        let diagnostic = try #require(Self.readYAML("? {a: 1}\n: x\n? {a: 1}\n: y\nc: 1\nb: 1\nc: 2\nb: 2\n").first)
        #expect(diagnostic.message == "duplicate key '<uncovertable>', 'b', 'c' in one mapping")
        #expect(diagnostic.location == .file("/srv/config.yml"))
    }

    /// Duplicate scalar keys only: Yams's choice is determined, and the place is the first key in name order.
    @Test func duplicateScalarKeysKeepTheirPlace() throws {
        let diagnostic = try #require(Self.readYAML("b: 1\na: 1\nb: 2\na: 2\n").first)
        #expect(diagnostic.message == "duplicate key 'a', 'b' in one mapping")
        #expect(diagnostic.location?.line == 2)
    }
}
