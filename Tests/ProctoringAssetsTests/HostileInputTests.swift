import Foundation
import TestSupport
import Testing

/// Issue 11.10: inputs that are not regular files are refused at once, never waited on.
@Suite struct HostileInputTests {
    @Test func aFIFOGivenAsAFileIsRefusedNotWaitedOn() throws {
        let folder = try CommandLineRunner.temporaryFolder("fifo")
        let fifo = folder + "/workers.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let bundled = try CommandLineRunner.run(["bundle", "--workers-json", fifo, "--output-dir", folder + "/out"])
        #expect(bundled.status == 2)
        #expect(bundled.standardError.contains("not a regular file"), "\(bundled.standardError)")
        let settings = try CommandLineRunner.run(["settings", "--settings", fifo])
        #expect(settings.status == 2, "\(settings.standardError)")
    }
}
