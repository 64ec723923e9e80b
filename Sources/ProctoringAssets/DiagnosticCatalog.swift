import DeploymentSettings
import Diagnostics
import ProctoringBackends

/// Every diagnostic code of every stage, for `explain`, SARIF rules and the uniqueness test.
public enum DiagnosticCatalog {
    public static let all: [DiagnosticCode] = (
        DeploymentSettingsCatalog.codes
            + ProctoringBackendsCatalog.codes
            + CommandLineCatalog.codes
    ).sorted()

    public static func code(_ identifier: String) -> DiagnosticCode? {
        let wanted = identifier.uppercased()
        return all.first { $0.identifier == wanted }
    }
}
