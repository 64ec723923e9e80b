/// The topics `explain` prints besides the diagnostic codes.
public struct ExplainTopic: Sendable {
    public let name: String
    public let title: String
    public let text: String

    public static let all: [ExplainTopic] = [pipeline, jsVersions, jsEnvironment, rootCauses]

    public static func named(_ name: String) -> ExplainTopic? {
        all.first { $0.name == name.lowercased() }
    }

    public static let pipeline = ExplainTopic(
        name: "pipeline", title: "How a proctoring worker reaches the learner's browser",
        text: """
            Django settings: ENV_ROOT, NODE_MODULES_ROOT, PROCTORING_BACKENDS
              |  edx_proctoring AppConfig.ready() -> make_worker_config()   (warns, never fails)
              v
            $ENV_ROOT/workers.json  {"<npm_module>": ["babel-polyfill", "<NODE_MODULES_ROOT>/<pkg>/<main>"]}
              |  edx-platform's webpack worker config                     (try/catch -> silently no config)
              |  DefinePlugin 'process.env.JS_ENV_EXTRA_CONFIG' = JSON.parse($JS_ENV_EXTRA_CONFIG)
              v
            <edx-platform>/common/static/bundles/<npm_module>.js  -> collectstatic -> STATIC_ROOT/bundles/
            STATIC_ROOT/webpack-worker-stats.json                     (webpack-bundle-tracker)
              |  django-webpack-loader get_files(<npm_module>, config="WORKERS")   (lookup errors only warn)
              v
            worker URL --JS 1.0--> Django template context -> exam_action_handler.js -> new Worker(blob)
                       --JS 2.0--> REST desktop_application_js_url -> frontend-lib-special-exams -> new Worker
              v
            the worker: startExamAttempt | endExamAttempt | ping
                        -> examAttemptStarted | examAttemptStartFailed | examAttemptEnded | examAttemptEndFailed
                           | echo | pingFailed

            Every arrow fails silently upstream: a provider package that is not installed, a workers.json that
            nothing wrote before webpack ran, a JS_ENV_EXTRA_CONFIG that was not set, a stats file in the wrong
            place or format. The image builds, and the learner gets LMS_ROOT_URL as the worker URL. `build` runs
            the whole chain and stops with a PA code wherever upstream would go on; `verify` checks a built
            image; `doctor` reads the build files to find which arrow is broken.
            """)

    public static let jsVersions = ExplainTopic(
        name: "js1-vs-js2", title: "JS 1.0 and JS 2.0: two deliveries of the same bundle",
        text: """
            JS 1.0 is the legacy courseware: the LMS renders a Django template whose context holds
            `backend_js_bundle`, and exam_action_handler.js starts the worker from it. JS 2.0 is the learning MFE
            (frontend-lib-special-exams): it reads `desktop_application_js_url` from the proctored exam REST API.
            Both values come from the same call, BaseRestProctoringProvider.get_javascript(), which looks the
            bundle up in the WORKERS stats file and puts LMS_ROOT_URL in front of a relative URL.

            So JS 1.0 and 2.0 are not two builds and need no separate bundles: one worker bundle, one stats
            file, one URL, delivered two ways. If the bundle is missing, both get LMS_ROOT_URL itself and both
            fail the same way: starting the exam hangs and pings time out into an error status.
            `proctoring-assets resolve` prints the URL both will receive.
            """)

    public static let jsEnvironment = ExplainTopic(
        name: "jsenv", title: "JS_ENV_EXTRA_CONFIG: a build-time input whose values are code",
        text: """
            A provider's worker reads its configuration (a CDN URL, a key) as
            `process.env.JS_ENV_EXTRA_CONFIG.<KEY>`. There is no `process` in a browser worker: webpack's
            DefinePlugin replaces the expression when the bundle is BUILT, from the JS_ENV_EXTRA_CONFIG
            environment variable of the build. Changing it later, in the running LMS, changes nothing; operators
            who need different values (pre-production and production CDNs) build different images.

            edx-platform's worker config does JSON.parse(process.env.JS_ENV_EXTRA_CONFIG) and gives each value to
            DefinePlugin, which pastes strings into the bundle as JavaScript CODE, not as strings. A URL must
            therefore be a JSON string that contains a JavaScript string literal:
                JS_ENV_EXTRA_CONFIG='{"PROCTORTRACK_CDN_URL": "\\"https://cdn.example.com/x.js\\""}'
            Without the inner quotes the build fails (an unquoted URL is not an expression) or, for a bare word,
            the worker throws a ReferenceError when it runs. When the variable is unset or not JSON, upstream
            silently builds no worker at all. `build` checks all of this first and names the key and the line
            of the provider that reads it.
            """)

    public static let rootCauses = ExplainTopic(
        name: "root-causes", title: "Why worker bundles go missing, most common first",
        text: """
            1. The provider's npm package is not installed (edx-platform no longer lists provider packages):
               make_worker_config only warns, writes no workers.json, and webpack builds no worker. PA051, PA408.
            2. JS_ENV_EXTRA_CONFIG unset or not JSON when webpack runs: the worker config's JSON.parse throws
               inside a try/catch and no worker is built, with exit status 0. PA403, PA180, PA181, PA184.
            3. JS_ENV_EXTRA_CONFIG values that are not JavaScript code (an unquoted URL). PA182, PA187.
            4. workers.json never generated before webpack: nothing started Django with the proctoring settings
               before `npm run webpack`. PA400.
            5. The settings module used for the asset build lacks NODE_MODULES_ROOT (silent) or ENV_ROOT
               (crash), because it does not import lms.envs.common. PA046, PA410, PA411.
            6. ENV_ROOT is not the parent of edx-platform: webpack reads ../workers.json, edx_proctoring writes
               $ENV_ROOT/workers.json, and they are different files. PA412.
            7. The stats file is not where WEBPACK_LOADER['WORKERS']['STATS_FILE'] points, or in the format the
               other loader version reads (both crash). PA414, PA415, PA211.
            8. The bundle was built but not collected (collectstatic ran before webpack). PA416.
            9. Errors hidden by the build script (2> /dev/null, || true): this hides real webpack errors, but
               not causes 1-4, which print nothing anyway. PA401, PA402.
            """)
}
