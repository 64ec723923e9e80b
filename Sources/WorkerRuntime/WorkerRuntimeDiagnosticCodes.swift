import Diagnostics

extension DiagnosticCode {
    public static let nodeNotFound = DiagnosticCode(
        "PA240", "node is not available", severity: .error,
        explanation: """
            The worker smoke run executes the built bundle in node, inside a scope shaped like a browser's \
            dedicated worker. No node executable was found: not the path given explicitly, not PA_TEST_NODE or \
            NODE, and not `node` on PATH. Install node (Debian: `apt-get install nodejs`) or point PA_TEST_NODE \
            at it, or skip the smoke run.
            """)

    public static let workerBundleSyntaxError = DiagnosticCode(
        "PA241", "Worker bundle does not parse", severity: .error,
        explanation: """
            The browser compiles the bundle as a classic script when the worker's blob wrapper calls \
            `importScripts(url)`, and this bundle is not valid JavaScript for that. Upstream nothing notices: \
            the error event fires on the Worker object, which neither the learning MFE nor the legacy \
            courseware listens to, so starting the exam just waits forever. Fix the source or the bundler \
            output (a module bundle with `import`/`export` is not a classic script).
            """)

    public static let workerBundleProcessUndefined = DiagnosticCode(
        "PA242", "Worker bundle uses `process` at load", severity: .error,
        explanation: """
            The bundle's top-level code reads `process` (usually `process.env.JS_ENV_EXTRA_CONFIG`), which \
            exists in node but not in a browser worker, so the script throws `ReferenceError: process is not \
            defined` before it registers its message listener. Upstream this happens when webpack's \
            DefinePlugin did not substitute the expression (the worker config was skipped or the variable \
            was unset) and goes unnoticed. Rebuild with the define applied.
            """)

    public static let workerBundleUndefinedGlobal = DiagnosticCode(
        "PA243", "Worker bundle references an undefined global at load", severity: .error,
        explanation: """
            The bundle's top-level code uses an identifier a dedicated worker does not have, for example \
            `window`, `document`, `require` or `global`, and throws a ReferenceError before it can answer the \
            page. Upstream the error is swallowed by the worker and the exam page waits. Bundle for the \
            `webworker` target and keep page-only code out of the worker.
            """)

    public static let workerBundleThrowsAtLoad = DiagnosticCode(
        "PA244", "Worker bundle throws at load", severity: .error,
        explanation: """
            The bundle's top-level code threw while the worker loaded it, so it may never register its \
            message listener. Upstream the host page ignores worker errors and the learner only sees an \
            exam that does not start. Look at the location and message; a configuration value baked in at \
            build time is a common cause.
            """)

    public static let workerScriptNotLoaded = DiagnosticCode(
        "PA245", "Worker script could not be loaded", severity: .error,
        explanation: """
            `importScripts(url)` in the worker's blob wrapper could not fetch the bundle: the URL is invalid \
            from a blob: worker (it must be absolute) or nothing is served there. In a browser this is a \
            NetworkError inside the worker that the host page never sees. Check the URL the LMS serves and \
            that the file exists under the static root.
            """)

    public static let workerURLBreaksBlobWrapper = DiagnosticCode(
        "PA246", "Worker URL breaks the blob wrapper", severity: .error,
        explanation: """
            Both hosts create the worker from a blob whose only line is `importScripts('<url>');`, pasting \
            the URL between single quotes without escaping. This URL makes that line invalid JavaScript \
            (it contains a quote or a line break), so the worker never loads anything. Serve the bundle \
            from a URL without `'`, `\\` or line breaks.
            """)

    public static let workerNoReply = DiagnosticCode(
        "PA247", "Worker did not reply", severity: .error,
        explanation: """
            The worker got the prompt but sent no message back in time. The learning MFE and the legacy \
            page wait forever for start and submit (the exam never starts, or the submit spinner never \
            stops) and give up on ping only after `ping_interval` seconds, then mark the attempt as errored. \
            Make every handler method settle its promise, and check that the bundle registers a `message` \
            listener (handlerWrapper) when it loads.
            """)

    public static let workerFailureReply = DiagnosticCode(
        "PA248", "Worker replied with a failure", severity: .error,
        explanation: """
            The worker answered the prompt with its failure message (`examAttemptStartFailed`, \
            `examAttemptEndFailed` or `pingFailed`), meaning the provider's handler rejected. The host then \
            shows "Something has gone wrong…" (start, submit) or records an error on the attempt (ping). \
            A smoke run reports this as an error only with `--smoke-expect success` (otherwise the typed \
            failure reply is PA253, a note); then it means the provider's desktop application or its stand-in \
            is not reachable through `--smoke-allow`, or refused. The `error` value the worker sent is in the notes.
            """)

    public static let workerWrongReplyType = DiagnosticCode(
        "PA249", "Worker replied with an unexpected message", severity: .error,
        explanation: """
            The first message the worker sent is neither the success nor the failure reply of the prompt. \
            The hosts resolve only on the exact success type and treat any other message, including a \
            misspelled type or a log message posted at load, as a failure. Reply exactly with \
            examAttemptStarted, examAttemptEnded or echo, and post nothing else to the page.
            """)

    public static let workerUncaughtError = DiagnosticCode(
        "PA250", "Worker raised an uncaught error", severity: .warning,
        explanation: """
            While handling a prompt the worker threw from a timer or listener, or left a promise rejection \
            unhandled. Browsers report these to the console of the worker and go on; nothing reaches the \
            host page. It often hides a reply that was never sent, so fix the handler even when the \
            exchange succeeded.
            """)

    public static let workerHarnessFailed = DiagnosticCode(
        "PA251", "Worker smoke run failed to run", severity: .error,
        explanation: """
            The node harness that runs the worker did not complete: it could not be started, exited with \
            an error, or printed output that is not the expected JSON lines. This is a problem of the smoke \
            run itself (a node older than 20, which has no permission model, or a broken node), not of the \
            bundle. The notes carry node's error output.
            """)

    public static let workerRunTimedOut = DiagnosticCode(
        "PA252", "Worker smoke run exceeded its time limit", severity: .error,
        explanation: """
            The whole smoke run took longer than the time it was given, so node was killed. Each exchange \
            already has its own reply deadline, so this means the limit is smaller than the exchanges \
            need, or node is stuck. Give the run more time than the sum of the exchanges' reply waits.
            """)

    public static let workerFailureReplyAccepted = DiagnosticCode(
        "PA253", "Worker answered with its failure reply", severity: .note,
        explanation: """
            The worker answered the prompt with its typed failure message (`examAttemptStartFailed`, \
            `examAttemptEndFailed` or `pingFailed`). A smoke run is hermetic by default: the provider's desktop \
            application or service is not reachable, so a correct worker refuses, and that typed refusal still \
            proves the bundle, its define and its message handler are wired. The note carries the error text the \
            worker sent. Run with `--smoke-expect success` next to the application (or a stand-in, reachable \
            through `--smoke-allow`) to require success replies instead (PA248).
            """)

    public static let workerSandboxDenied = DiagnosticCode(
        "PA254", "Worker tried to leave its sandbox", severity: .error,
        explanation: """
            Each smoke-run worker is a node process under node's permission model: it may read no file, write \
            none, start no process or thread, load no native addon, send no signal, and open no socket except \
            to the loopback endpoints given with `--smoke-allow`. This bundle did one of those things (typically \
            by reaching node's `process` through the constructor of a function it was given) and was refused. \
            No browser worker can do this; a bundle that tries is broken or hostile. Do not deploy it.
            """)

    public static let workerNetworkBlocked = DiagnosticCode(
        "PA255", "Worker requests were blocked", severity: .note,
        explanation: """
            The worker made network requests (fetch, XMLHttpRequest, WebSocket, importScripts of another \
            script) during a hermetic smoke run. They failed at once, as in a browser that is offline, and \
            nothing left the machine. The note lists them, so you can see which service or desktop \
            application the provider talks to; allow a loopback endpoint with `--smoke-allow` to let the \
            worker reach a local application or stand-in.
            """)

    public static let smokeAllowNotLoopback = DiagnosticCode(
        "PA256", "Smoke allow endpoint is not a loopback address", severity: .error, inputError: true,
        explanation: """
            `--smoke-allow` names an address and port a smoke-run worker may reach, and only addresses on this \
            machine are accepted: an IPv4 address in 127.0.0.0/8 or `[::1]`, with a port (for example \
            `127.0.0.1:54545`). Host names and other addresses are refused, so a smoke run never reaches \
            another machine.
            """)
}

public enum WorkerRuntimeCatalog {
    public static let codes: [DiagnosticCode] = [
        .nodeNotFound,
        .workerBundleSyntaxError,
        .workerBundleProcessUndefined,
        .workerBundleUndefinedGlobal,
        .workerBundleThrowsAtLoad,
        .workerScriptNotLoaded,
        .workerURLBreaksBlobWrapper,
        .workerNoReply,
        .workerFailureReply,
        .workerWrongReplyType,
        .workerUncaughtError,
        .workerHarnessFailed,
        .workerRunTimedOut,
        .workerFailureReplyAccepted,
        .workerSandboxDenied,
        .workerNetworkBlocked,
        .smokeAllowNotLoopback,
    ]
}
