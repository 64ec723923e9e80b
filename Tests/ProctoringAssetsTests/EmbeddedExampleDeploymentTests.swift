import Foundation
import Testing

@testable import ProctoringAssets

/// The example compiled into the binary (for `build --example` without a checkout) is Examples/deployment,
/// byte for byte; scripts/embed-example-deployment regenerates it.
@Suite struct EmbeddedExampleDeploymentTests {
    static let example = CommandLineRunner.packageRoot + "/Examples/deployment"

    static func filesOnDisk() throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: example))
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: example + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    @Test func holdsExactlyTheFilesOfTheExample() throws {
        let embedded = EmbeddedExampleDeployment.files.map(\.path)
        #expect(embedded == (try Self.filesOnDisk()), "run scripts/embed-example-deployment")
    }

    @Test func everyFileMatchesByteForByte() throws {
        for file in EmbeddedExampleDeployment.files {
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: Self.example + "/" + file.path))
            #expect(Data(file.contents.utf8) == onDisk, "\(file.path) differs: run scripts/embed-example-deployment")
        }
    }

    @Test func aPackagedBinaryUsesTheEmbeddedCopyAndACheckoutBuildTheCheckout() throws {
        #expect(try ExampleDeployment.locateSource(environment: [:], packaged: true) == .embedded)
        #expect(try ExampleDeployment.locateSource(environment: [:], packaged: false) == .folder(Self.example))
        let configured = try CommandLineRunner.temporaryFolder("example-source")
        #expect(
            try ExampleDeployment.locateSource(environment: ["PROCTORING_ASSETS_EXAMPLE": configured], packaged: true)
                == .folder(configured))
    }

    @Test func theEmbeddedCopyIsWrittenOutAsTheExample() throws {
        let scratch = try CommandLineRunner.temporaryFolder("embedded-example") + "/copy"
        let deployment = try ExampleDeployment.prepare(scratchFolder: scratch, environment: [:], source: .embedded)
        for file in EmbeddedExampleDeployment.files {
            let written = try Data(contentsOf: URL(fileURLWithPath: deployment.root + "/" + file.path))
            let original = try Data(contentsOf: URL(fileURLWithPath: Self.example + "/" + file.path))
            #expect(written == original, "\(file.path)")
        }
    }
}
