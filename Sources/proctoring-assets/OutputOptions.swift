import ArgumentParser
import Diagnostics
import Foundation
import ProctoringAssets


/// How every command prints: format, verbosity, colour.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text, json (one object, schema in the README), sarif (SARIF 2.1.0) or github (workflow annotations).")
    var format: OutputFormat = .text

    @Flag(name: .shortAndLong, help: "Print only errors and warnings (text format).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print notes and every value's origin (text format).")
    var verbose = false

    @Option(help: "Colour in text output: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorMode = .auto

    /// Checked when the command runs, after ArgumentParser has reported unknown options (a check in
    /// `validate()` would hide a mistyped flag behind a message about the flags it did recognise).
    func validateCombination() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be combined") }
    }

    /// Prints the report and returns the exit status it calls for.
    func emit(_ report: CommandReport) -> Int32 {
        var report = report
        if quiet {
            report.summaryLines = []
            report.diagnostics = report.diagnostics.filter { $0.severity != .note }
        } else if !verbose && format == .text {
            report.diagnostics = report.diagnostics.filter { $0.severity != .note || !$0.isVerboseOnly }
        }
        let environment = ProcessInfo.processInfo.environment
        guard format == .text else {
            // The machine formats are one document on standard output.
            let text = ReportRenderer.render(report, format: format, color: false, catalog: DiagnosticCatalog.all)
            if !text.isEmpty { StandardStreams.write(text + "\n") }
            return report.exitStatus
        }
        // Results on standard output, diagnostics on standard error, each coloured for its own stream.
        let results = TextReportRenderer(
            color: color.isEnabled(isTerminal: StandardStreams.isStandardOutputTerminal, environment: environment))
            .renderResults(report)
        let diagnostics = TextReportRenderer(
            color: color.isEnabled(isTerminal: StandardStreams.isStandardErrorTerminal, environment: environment))
            .renderDiagnostics(report)
        if !results.isEmpty { StandardStreams.write(results + "\n") }
        if !diagnostics.isEmpty { StandardStreams.writeError(diagnostics + "\n") }
        return report.exitStatus
    }
}

extension Diagnostic {
    /// Notes without a fix are background detail: shown with --verbose in text output, always in
    /// the machine formats.
    var isVerboseOnly: Bool { severity == .note && fix == nil }
}
