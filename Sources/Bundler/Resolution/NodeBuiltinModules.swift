/// Node's built-in module names (node 20, `require('module').builtinModules` without internals).
/// They exist only in node: a worker bundle that needs one cannot run in the browser.
enum NodeBuiltinModules {
    static let names: Set<String> = [
        "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
        "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs", "fs/promises",
        "http", "http2", "https", "inspector", "module", "net", "os", "path", "path/posix", "path/win32",
        "perf_hooks", "process", "punycode", "querystring", "readline", "readline/promises", "repl", "stream",
        "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers", "timers/promises",
        "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib",
    ]

    /// `fs`, `node:fs`, `node:test`: the name without the scheme when it is a built-in, else nil.
    static func builtinName(_ specifier: String) -> String? {
        if specifier.hasPrefix("node:") { return String(specifier.dropFirst(5)) }
        return names.contains(specifier) ? specifier : nil
    }
}
