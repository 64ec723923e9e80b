import ArgumentParser
import Diagnostics
import ProctoringAssets

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic code (e.g. PA041), or list them all.",
        discussion: "Every diagnostic proctoring-assets prints has a stable code; this prints what it means, what upstream does silently in that case, and how to fix it."
    )

    @Argument(help: ArgumentHelp("A diagnostic code such as PA041.", valueName: "code"))
    var code: String?

    @Flag(help: "List every diagnostic code with its title.")
    var list = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report = DiagnosticExplanation.report(code: list ? nil : code)
        throw ExitCode(output.emit(report))
    }
}
