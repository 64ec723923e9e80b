import ArgumentParser
import Diagnostics
import ProctoringAssets

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain the pipeline, a topic, or a diagnostic code (e.g. PA051).",
        discussion: """
            Without an argument: the pipeline picture. Topics: pipeline, js1-vs-js2 (two deliveries of the same \
            bundle URL), jsenv (why JS_ENV_EXTRA_CONFIG is a build-time input whose values are code), root-causes \
            (the failure modes, most common first). Every diagnostic proctoring-assets prints has a stable code; \
            `explain CODE` prints what it means, what upstream does silently in that case, and how to fix it.
            """
    )

    @Argument(help: ArgumentHelp("A topic (pipeline, js1-vs-js2, jsenv, root-causes) or a diagnostic code such as PA051.", valueName: "topic-or-code"))
    var code: String?

    @Flag(help: "List every diagnostic code with its title.")
    var list = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report = DiagnosticExplanation.report(code: list ? nil : code, list: list)
        throw ExitCode(output.emit(report))
    }
}
