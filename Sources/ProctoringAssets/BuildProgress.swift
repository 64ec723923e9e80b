import Diagnostics

/// The human progress of a build: a line per stage, then the summary.
struct BuildProgress {
    var command: String
    var lines: [String] = []
    private var stageNumber = 0
    /// The stage that failed, for the closing line.
    private(set) var stoppedAt: String?

    init(command: String) {
        self.command = command
    }

    mutating func stage(_ name: String, _ detail: String) {
        stageNumber += 1
        lines.append("[\(stageNumber)] \(name): \(detail)")
    }

    mutating func stop(at stage: String) {
        if stoppedAt == nil { stoppedAt = stage }
    }

    func report(_ collector: DiagnosticCollector) -> CommandReport {
        var lines = self.lines
        if let stoppedAt, collector.hasErrors {
            lines.append("Stopped at \(stoppedAt): nothing was written.")
        }
        return CommandReport(command: command, diagnostics: collector.diagnostics, summaryLines: lines)
    }

    /// The report of a run that failed at `stage`.
    func report(_ collector: DiagnosticCollector, stoppedAt stage: String) -> CommandReport {
        var progress = self
        progress.stop(at: stage)
        return progress.report(collector)
    }
}
