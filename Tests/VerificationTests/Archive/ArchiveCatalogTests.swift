import Diagnostics
import Testing

@testable import Verification

@Suite struct ArchiveCatalogTests {
    @Test func codesAreUniqueInRangeAndExplained() {
        let identifiers = ArchiveCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        for code in ArchiveCatalog.codes {
            let number = Int(code.identifier.dropFirst(2)) ?? 0
            #expect(code.identifier.hasPrefix("PA") && (300...329).contains(number), "\(code.identifier)")
            #expect(code.explanation.count > 80, "\(code.identifier) needs an explanation")
            #expect(!code.title.isEmpty)
        }
    }

    @Test func unreadableInputsExitWithTwo() {
        let inputErrors: [DiagnosticCode] = [
            .inputPathNotFound, .inputPathUnreadable, .inputNotAnArchive, .corruptGzip, .truncatedGzip,
            .tarChecksumMismatch, .truncatedTar, .malformedTarHeader, .unsafeArchiveEntry, .emptyArchive,
        ]
        #expect(inputErrors.allSatisfy { $0.isInputError })
        #expect(!DiagnosticCode.workerStatsFileNotFound.isInputError)
        #expect(DiagnosticCode.workersConfigOutsideStaticRoot.severity == .note)
    }
}
