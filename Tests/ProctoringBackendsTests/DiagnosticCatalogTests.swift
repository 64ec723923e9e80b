import Diagnostics
import Testing

@testable import ProctoringBackends

@Suite("ProctoringBackends diagnostic codes")
struct DiagnosticCatalogTests {
    @Test func codesAreUniqueAndInsideTheRange() {
        let identifiers = ProctoringBackendsCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        for identifier in identifiers {
            let number = Int(identifier.dropFirst(2)) ?? 0
            #expect(identifier.hasPrefix("PA") && (40...79).contains(number), "\(identifier)")
        }
        #expect(ProctoringBackendsCatalog.codes.allSatisfy { $0.explanation.count > 80 && !$0.title.isEmpty })
    }
}
