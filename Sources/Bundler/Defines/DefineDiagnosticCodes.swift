import Diagnostics

extension DiagnosticCode {
    public static let extraConfigUnsetButRead = DiagnosticCode(
        "PA180", "JS_ENV_EXTRA_CONFIG is not set but the worker reads it", severity: .error,
        explanation: """
            A worker module reads `process.env.JS_ENV_EXTRA_CONFIG` but the variable is not set. edx-platform's \
            worker config calls `JSON.parse(process.env.JS_ENV_EXTRA_CONFIG)` inside a try/catch, so webpack \
            silently builds no worker bundle at all (the documented `{}` default applies to the web bundles only). \
            Set JS_ENV_EXTRA_CONFIG to a JSON object whose values are JavaScript code, e.g. \
            `{"KEY": "\\"https://…\\""}`.
            """)

    public static let extraConfigInvalidJSON = DiagnosticCode(
        "PA181", "JS_ENV_EXTRA_CONFIG is not valid JSON", severity: .error,
        explanation: """
            The value of JS_ENV_EXTRA_CONFIG could not be parsed as JSON. Upstream, `JSON.parse` throws inside \
            the worker config's try/catch and webpack silently builds no worker bundle. The message gives the \
            position of the first offending character; quote keys and string values with double quotes.
            """)

    public static let extraConfigTooDeep = DiagnosticCode(
        "PA188", "JS_ENV_EXTRA_CONFIG nested too deeply", severity: .error,
        explanation: """
            JS_ENV_EXTRA_CONFIG nests arrays and objects deeper than 512 levels, the limit of proctoring-assets' \
            JSON reader. The text may well be valid JSON (`JSON.parse` in node reads deeper), but no provider \
            reads a configuration shaped like that: flatten it. (A value's JavaScript code is limited separately, \
            see PA137.)
            """)

    public static let extraConfigValueNotExpression = DiagnosticCode(
        "PA182", "JS_ENV_EXTRA_CONFIG value is not a JavaScript expression", severity: .error,
        explanation: """
            DefinePlugin inserts each value of JS_ENV_EXTRA_CONFIG as raw JavaScript *code*, so a string value \
            must itself contain a quoted JavaScript string: `"\\"https://proctor.example.com\\""`, not \
            `"https://proctor.example.com"`. webpack fails with "Module parse failed: Unexpected token" where \
            the worker reads such a key. An error where a module reads the key (or the whole object); a warning \
            when no module reads it.
            """)

    public static let extraConfigKeyMissing = DiagnosticCode(
        "PA183", "The worker reads a JS_ENV_EXTRA_CONFIG key the config does not have", severity: .error,
        explanation: """
            A worker module reads `process.env.JS_ENV_EXTRA_CONFIG.<KEY>` and the configured object has no such \
            key. webpack replaces the read with `({…}).KEY`, which is `undefined` at run time: the worker loads \
            but talks to no proctoring service. Add the key to JS_ENV_EXTRA_CONFIG with its value quoted as \
            JavaScript code.
            """)

    public static let extraConfigNotObject = DiagnosticCode(
        "PA184", "JS_ENV_EXTRA_CONFIG is not a JSON object", severity: .error,
        explanation: """
            The top-level JSON value of JS_ENV_EXTRA_CONFIG must be an object. webpack inserts any other value as \
            code (the JSON string "{}" becomes the code `{}`, null becomes `null.KEY` and throws at run time). \
            Write an object: `{"KEY": "\\"value\\""}`.
            """)

    public static let extraConfigUnsetUnread = DiagnosticCode(
        "PA185", "JS_ENV_EXTRA_CONFIG is not set", severity: .warning,
        explanation: """
            JS_ENV_EXTRA_CONFIG is not set. No worker module reads it, so the bundle is complete, but \
            edx-platform's webpack worker config would throw on `JSON.parse(undefined)` and silently build no \
            worker bundle. Set it (to `{}` if the providers need nothing) so both builds agree.
            """)

    public static let processLeftInOutput = DiagnosticCode(
        "PA186", "`process` is left in the worker bundle", severity: .warning,
        explanation: """
            A module reads the global `process` in a way no define replaces (e.g. `process.env.OTHER`). webpack 5 \
            does not polyfill `process`, so in a browser worker this throws `ReferenceError: process is not \
            defined` when it runs. Guard the read with `typeof process !== "undefined"`, or provide the value \
            through JS_ENV_EXTRA_CONFIG.
            """)

    public static let extraConfigValueReadsFreeName = DiagnosticCode(
        "PA187", "JS_ENV_EXTRA_CONFIG value reads a name the worker does not have", severity: .warning,
        explanation: """
            A JS_ENV_EXTRA_CONFIG value is pasted into the worker as code and reads a name that no browser worker \
            defines: `{"URL": "abc"}` becomes the identifier `abc`, which throws `ReferenceError: abc is not \
            defined` when the worker reads the key. The build itself succeeds, so upstream ships the broken \
            worker. A string needs quotes inside the JSON string: `{"URL": "\\"abc\\""}`. A warning, not an \
            error: a worker may define such a global itself before it reads the key.
            """)
}

/// Every code the define stage emits (PA180–PA199).
public enum DefineCatalog {
    public static let codes: [DiagnosticCode] = [
        .extraConfigUnsetButRead, .extraConfigInvalidJSON, .extraConfigTooDeep, .extraConfigValueNotExpression, .extraConfigKeyMissing,
        .extraConfigValueReadsFreeName,
        .extraConfigNotObject, .extraConfigUnsetUnread, .processLeftInOutput,
    ]
}
