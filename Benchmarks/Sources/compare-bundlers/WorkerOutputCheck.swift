import Foundation

/// Runs a worker bundle in node the way a browser runs a dedicated worker (a classic script whose global
/// is `self`), sends it the host's prompts (ping, startExamAttempt, endExamAttempt) and returns every
/// message it posted, as JSON: the bundles of different bundlers must post the same.
struct WorkerOutputCheck {
    var node: String
    var scratch: String

    static let runner = """
        import { readFileSync } from 'node:fs';
        import vm from 'node:vm';

        const bundle = process.argv[2];
        const listeners = [];
        const posted = [];
        globalThis.self = globalThis;
        globalThis.addEventListener = (type, listener) => { if (type === 'message') listeners.push(listener); };
        // Errors carry their text (JSON.stringify gives {} for an Error).
        globalThis.postMessage = (data) => posted.push(JSON.parse(JSON.stringify(data, (key, value) => (value instanceof Error ? String(value) : value))));
        // No proctoring application listens: every request fails, as in a browser without one.
        globalThis.XMLHttpRequest = class {
          open(method, url) { this.url = url; }
          setRequestHeader() {}
          send() {
            setTimeout(() => {
              this.readyState = 4;
              this.status = 0;
              if (this.onerror) this.onerror(new Error('no proctoring application at ' + this.url));
              if (this.onreadystatechange) this.onreadystatechange();
            }, 0);
          }
        };
        vm.runInThisContext(readFileSync(bundle, 'utf8'), { filename: bundle });
        const prompts = [
          { type: 'ping', timeout: 30 },
          { type: 'startExamAttempt', timeout: 30, attemptExternalId: 'bench-attempt' },
          { type: 'endExamAttempt', attemptExternalId: 'bench-attempt' },
        ];
        for (const prompt of prompts) {
          for (const listener of listeners) listener({ data: prompt });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        // Until the worker has been quiet for 300 ms (at most 5 s); replies are compared in sorted order, as
        // their order across prompts depends on timing.
        for (let waited = 0, seen = -1; waited < 5000 && seen !== posted.length; waited += 300) {
          seen = posted.length;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        process.stdout.write(JSON.stringify(posted.map((message) => JSON.stringify(message)).sort()));
        process.exit(0);

        """

    /// The messages the bundle posted, or the reason it could not be run.
    func messages(of bundle: String) -> Result<String, WorkloadRunError> {
        let script = scratch + "/run-worker.mjs"
        do {
            try Self.runner.write(toFile: script, atomically: true, encoding: .utf8)
        } catch {
            return .failure(WorkloadRunError("cannot write \(script): \(error)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [script, bundle]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(WorkloadRunError("cannot run node: \(error)"))
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, !text.isEmpty else {
            return .failure(WorkloadRunError("node \(bundle) failed (exit \(process.terminationStatus)): \(problems.suffix(800))"))
        }
        return .success(text)
    }
}
