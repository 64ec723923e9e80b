import Diagnostics

/// Says, on the findings that are errors only because a worker is expected, why it is: the build
/// installs the provider (when no settings configure it). PA408 says it in its own note.
enum ProviderEvidenceNotes {
    static let workerFindings: Set<DiagnosticCode> = [
        .doctorWebpackBeforeWorkersConfig, .doctorJSEnvExtraConfigNotSet,
        .doctorNodeModulesRootMissing, .doctorStaticRootMismatch,
    ]

    static func annotate(_ findings: inout [Diagnostic], _ context: DoctorContext) {
        guard context.tutorConfiguration == nil, context.settings?.buildTime["PROCTORING_BACKENDS"] == nil,
            let evidence = context.providerEvidence.first
        else { return }
        let note = "a worker is expected: \(evidence.description), and no settings given configure PROCTORING_BACKENDS"
        for index in findings.indices where workerFindings.contains(findings[index].code) && findings[index].severity == .error {
            findings[index].notes.append(note)
        }
    }
}
