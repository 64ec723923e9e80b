import ArgumentParser
import ProctoringAssets


/// `verify`'s options for the smoke run, besides `--smoke` and `--node`.
struct SmokeRunOptionGroup: ParsableArguments {
    @Option(
        name: .customLong("smoke-expect"),
        help: ArgumentHelp(
            "What each prompt's reply must be: typed-reply (success or the protocol's failure reply; the default, for a "
                + "hermetic run) or success (next to the desktop application or a stand-in).",
            valueName: "typed-reply|success"))
    var expectation: SmokeRunOptions.Expectation = .typedReply

    @Option(
        name: .customLong("smoke-allow"),
        help: ArgumentHelp(
            "A loopback ADDRESS:PORT the worker may reach (repeatable), e.g. 127.0.0.1:54545; `localhost` in the worker's "
                + "URLs goes there. Every other request fails at once, as offline.",
            valueName: "address:port"))
    var allow: [String] = []

    var isDefault: Bool { expectation == .typedReply && allow.isEmpty }

    var options: SmokeRunOptions { SmokeRunOptions(expectation: expectation, allow: allow) }
}
