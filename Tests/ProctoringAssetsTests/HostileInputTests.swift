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

    @Test("a decompression bomb stops at once with PA318 and extracts nothing; the limits can be raised")
    func decompressionBomb() throws {
        let folder = try CommandLineRunner.temporaryFolder("bomb")
        let bomb = folder + "/bomb.tgz"
        // 160 MiB of zeros in one tar entry, gzip'd to a few hundred KiB.
        let script = """
            import gzip, sys, tarfile
            with gzip.open(sys.argv[1], 'wb', compresslevel=9) as out:
                with tarfile.open(fileobj=out, mode='w|') as tar:
                    info = tarfile.TarInfo('bomb.bin'); info.size = 160 * 1024 * 1024
                    class Zeros:
                        left = info.size
                        def read(self, n):
                            n = min(n, self.left); self.left -= n; return bytes(n)
                    tar.addfile(info, Zeros())
            """
        let made = try ExternalProcess.run("/usr/bin/env", ["python3", "-c", script, bomb])
        #expect(made.status == 0, "\(made.standardError)")
        let stopped = try CommandLineRunner.run(["verify", bomb, "--extract-to", folder + "/out"])
        #expect(stopped.status == 2)
        #expect(stopped.standardError.contains("error[PA318]"), "\(stopped.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        let raised = try CommandLineRunner.run(["verify", bomb, "--max-compression-ratio", "100000"])
        #expect(!raised.standardError.contains("PA318"), "\(raised.standardError)")
        let small = try CommandLineRunner.run(["verify", bomb, "--max-expanded-size", "1000000"])
        #expect(small.standardError.contains("--max-expanded-size"), "\(small.standardError)")
    }
}
