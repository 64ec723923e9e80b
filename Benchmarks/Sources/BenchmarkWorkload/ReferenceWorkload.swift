import Foundation

/// The reference workload of issue 4's benchmark, laid out in a temporary directory the way an Open edX
/// deployment has it: `edx-platform/node_modules` with a `babel-polyfill` stand-in over Debian's
/// `core-js/stable` and `regenerator-runtime/runtime` (symbolic links to /usr/share/nodejs), the
/// `@edx/edx-proctoring` handler wrapper, and a provider worker written like real providers (ESM,
/// `import { handlerWrapper } from "@edx/edx-proctoring"`, `export default handlerWrapper(Handler)`,
/// configuration from `process.env.JS_ENV_EXTRA_CONFIG.<KEY>`, async/await). About 500 modules.
///
/// With `proctortrack`, the provider is the real Proctortrack worker and `@edx/edx-proctoring` the real
/// handler wrapper (the wheels scripts/install-test-tools installs), as issue 15's table measures.
public struct ReferenceWorkload: BundlingWorkload {
    public static let workerName = "bench-proctor-worker"
    /// JS_ENV_EXTRA_CONFIG as a deployment writes it: JSON whose values are JS code.
    public static let extraConfig = #"{"BENCH_PROCTOR_URL": "\"https://proctor.example.com/api\"", "BENCH_PROCTOR_KEY": "\"k-123\""}"#

    public let root: String
    /// The real Proctortrack worker's files, when the workload uses it.
    public let proctortrack: ProctortrackFiles?
    public var title: String { proctortrack == nil ? "reference (bench worker)" : "reference" }
    public var workerName: String { proctortrack == nil ? Self.workerName : ProctortrackFiles.npmName }
    public var extraConfig: String { proctortrack == nil ? Self.extraConfig : ProctortrackFiles.extraConfig }
    public var edxPlatform: String { root + "/edx-platform" }
    public var providerMain: String {
        proctortrack == nil
            ? edxPlatform + "/node_modules/\(Self.workerName)/src/index.js"
            : edxPlatform + "/node_modules/\(ProctortrackFiles.npmName)/\(ProctortrackFiles.workerMain)"
    }
    /// The workers.json entry, in execution order.
    public var entryRequests: [String] { ["babel-polyfill", providerMain] }

    /// Lays the workload out under a new directory in `parent` (default: the temp dir).
    public static func create(
        in parent: String = NSTemporaryDirectory(), coreJS: String = "/usr/share/nodejs/core-js",
        regeneratorRuntime: String = "/usr/share/nodejs/regenerator-runtime", proctortrack: ProctortrackFiles? = nil
    ) throws -> ReferenceWorkload {
        for (name, path) in [("core-js", coreJS), ("regenerator-runtime", regeneratorRuntime)]
        where !FileManager.default.fileExists(atPath: path + "/package.json") {
            throw WorkloadError("\(name) not found at \(path): install Debian's node-\(name) (scripts/install-test-tools does)")
        }
        let base = parent.hasSuffix("/") ? String(parent.dropLast()) : parent
        let root = URL(fileURLWithPath: base + "/pa-reference-workload-\(UUID().uuidString)").resolvingSymlinksInPath().path
        let workload = ReferenceWorkload(root: root, proctortrack: proctortrack)
        let modules = workload.edxPlatform + "/node_modules"
        try FileManager.default.createDirectory(atPath: modules, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: modules + "/core-js", withDestinationPath: coreJS)
        try FileManager.default.createSymbolicLink(atPath: modules + "/regenerator-runtime", withDestinationPath: regeneratorRuntime)
        for (path, text) in Self.files(providerMain: workload.providerMain) {
            try workload.write(path, text)
        }
        if let proctortrack {
            try FileManager.default.removeItem(atPath: modules + "/@edx/edx-proctoring")
            try proctortrack.install(into: modules)
            try workload.write("workers.json", "{\"\(ProctortrackFiles.npmName)\": [\"babel-polyfill\", \"\(workload.providerMain)\"]}")
        }
        return workload
    }

    static func files(providerMain: String) -> [(String, String)] {
        let workersJSON = "{\"\(workerName)\": [\"babel-polyfill\", \"\(providerMain)\"]}"
        return [
            ("workers.json", workersJSON),
            ("edx-platform/node_modules/babel-polyfill/package.json", """
                {"name": "babel-polyfill", "version": "6.26.0-bench", "main": "lib/index.js"}

                """),
            ("edx-platform/node_modules/babel-polyfill/lib/index.js", """
                "use strict";
                // Stand-in for babel-polyfill 6.26: the same two runtime packages, then the marker.
                require("core-js/stable");
                require("regenerator-runtime/runtime");
                var root = typeof self !== "undefined" ? self : typeof globalThis !== "undefined" ? globalThis : this;
                if (root._babelPolyfill) {
                  throw new Error("only one instance of babel-polyfill is allowed");
                }
                root._babelPolyfill = true;

                """),
            ("edx-platform/node_modules/@edx/edx-proctoring/package.json", """
                {"name": "@edx/edx-proctoring", "version": "4.18.0-bench", "main": "index.js", "module": "index.js"}

                """),
            ("edx-platform/node_modules/@edx/edx-proctoring/index.js", """
                /* global self */
                // The worker side of the proctoring protocol: the host posts a prompt, the handler's promise
                // decides the reply.
                const REPLIES = {
                  startExamAttempt: ['onStartExamAttempt', 'examAttemptStarted', 'examAttemptStartFailed'],
                  endExamAttempt: ['onEndExamAttempt', 'examAttemptEnded', 'examAttemptEndFailed'],
                  ping: ['onPing', 'echo', 'pingFailed'],
                };

                export function handlerWrapper(Handler) {
                  let handler = new Handler({});
                  self.addEventListener('message', (event) => {
                    const { type } = event.data;
                    if (type === 'config') {
                      handler = new Handler(event.data.options);
                      return;
                    }
                    const reply = REPLIES[type];
                    if (!reply || typeof handler[reply[0]] !== 'function') {
                      return;
                    }
                    const [method, success, failure] = reply;
                    Promise.resolve()
                      .then(() => handler[method](event.data.timeout, event.data.attemptExternalId))
                      .then(() => self.postMessage({ type: success }), () => self.postMessage({ type: failure }));
                  });
                  return handler;
                }

                export default handlerWrapper;

                """),
            ("edx-platform/node_modules/\(workerName)/package.json", """
                {"name": "\(workerName)", "version": "1.0.0", "main": "src/index.js"}

                """),
            ("edx-platform/node_modules/\(workerName)/src/config.js", """
                // Baked in at build time from JS_ENV_EXTRA_CONFIG.
                export const SERVICE_URL = process.env.JS_ENV_EXTRA_CONFIG.BENCH_PROCTOR_URL;
                export const CONFIG_KEY = process.env.JS_ENV_EXTRA_CONFIG.BENCH_PROCTOR_KEY;

                """),
            ("edx-platform/node_modules/\(workerName)/src/session.js", """
                export const SessionState = Object.freeze({ idle: 'idle', running: 'running', ended: 'ended' });

                export class Session {
                  constructor(attemptId) {
                    this.attemptId = attemptId;
                    this.state = SessionState.idle;
                    this.events = new Map();
                  }

                  record(name, detail = {}) {
                    const list = this.events.get(name) ?? [];
                    list.push({ ...detail, at: Date.now() });
                    this.events.set(name, list);
                    return list.length;
                  }

                  *history() {
                    for (const [name, list] of this.events) {
                      yield* list.map((entry) => ({ name, ...entry }));
                    }
                  }
                }

                """),
            ("edx-platform/node_modules/\(workerName)/src/api.js", """
                import { SERVICE_URL, CONFIG_KEY } from './config';

                const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

                export async function notify(path, body, { attempts = 1 } = {}) {
                  for (let attempt = 0; attempt < attempts; attempt += 1) {
                    try {
                      if (typeof fetch !== 'function') return { ok: false };
                      const response = await fetch(`${SERVICE_URL}/${path}`, {
                        method: 'POST',
                        headers: { 'Content-Type': 'application/json', 'X-Proctor-Key': CONFIG_KEY },
                        body: JSON.stringify(body),
                      });
                      return { ok: response.ok };
                    } catch (error) {
                      await delay(10 * (attempt + 1));
                    }
                  }
                  return { ok: false };
                }

                """),
            ("edx-platform/node_modules/\(workerName)/src/index.js", """
                import { handlerWrapper } from '@edx/edx-proctoring';
                import { SERVICE_URL } from './config';
                import { Session, SessionState } from './session';
                import { notify } from './api';

                class BenchProctorHandler {
                  constructor(options) {
                    this.options = options || {};
                    this.session = null;
                  }

                  async onStartExamAttempt(timeout, attemptExternalId) {
                    if (!SERVICE_URL) {
                      throw new Error('BENCH_PROCTOR_URL is not configured');
                    }
                    this.session = new Session(attemptExternalId);
                    this.session.state = SessionState.running;
                    this.session.record('start', { timeout });
                    notify('start', { attemptExternalId }).catch(() => {});
                    return { service: SERVICE_URL };
                  }

                  async onEndExamAttempt(attemptExternalId) {
                    if (this.session) {
                      this.session.state = SessionState.ended;
                      this.session.record('end');
                    }
                    notify('end', { attemptExternalId, events: [...(this.session?.history() ?? [])] }).catch(() => {});
                    return { service: SERVICE_URL };
                  }

                  async onPing(timeout) {
                    this.session?.record('ping', { timeout });
                    return { service: SERVICE_URL, includes: [1, 2, 3].includes(2) };
                  }
                }

                export default handlerWrapper(BenchProctorHandler);

                """),
        ]
    }
}

public struct WorkloadError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
