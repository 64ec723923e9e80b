import Foundation
import Testing
@testable import WorkerRuntime

/// The harness ships inside the binary; the readable .mjs next to it must be the same text.
@Suite struct WorkerHarnessSourceTests {
    @Test("the embedded harness equals Sources/WorkerRuntime/worker-harness.mjs (run scripts/embed-worker-harness after editing it)")
    func embeddedCopyIsCurrent() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/WorkerRuntime/worker-harness.mjs")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(WorkerHarnessSource.javaScript == text)
        #expect(WorkerHarness.harnessArguments.last == text)
    }
}
