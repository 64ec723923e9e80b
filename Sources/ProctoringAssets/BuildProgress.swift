import Diagnostics

/// The human progress of a build: a line per stage, then the summary.
struct BuildProgress {
    var command: String
    var lines: [String] = []
    private var stageNumber = 0

    init(command: String) {
        self.command = command
    }

    mutating func stage(_ name: String, _ detail: String) {
        stageNumber += 1
        lines.append("[\(stageNumber)] \(name): \(detail)")
    }

    func report(_ collector: DiagnosticCollector, stoppedAt stage: String?) -> CommandReport {
        var lines = self.lines
        if let stage, collector.hasErrors {
            lines.append("Stopped at \(stage): nothing was written.")
        }
        return CommandReport(command: command, diagnostics: collector.diagnostics, summaryLines: lines)
    }
}
