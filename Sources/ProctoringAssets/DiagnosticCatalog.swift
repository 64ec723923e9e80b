import BundleManifest
import Bundler
import DeploymentSettings
import Diagnostics
import Doctor
import FileSystemSupport
import JavaScript
import PreviewServer
import ProctoringBackends
import Verification
import WorkerRuntime

/// Every diagnostic code of every stage, for `explain`, SARIF rules and the uniqueness test.
public enum DiagnosticCatalog {
    public static let all: [DiagnosticCode] = (
        DeploymentSettingsCatalog.codes
            + ProctoringBackendsCatalog.codes
            + JavaScriptFromPythonCatalog.codes
            + JavaScriptCatalog.codes
            + FileSystemSupportCatalog.codes
            + BundlerCatalog.codes
            + DefineCatalog.codes
            + BundleManifestCatalog.codes
            + WorkerRuntimeCatalog.codes
            + ArchiveCatalog.codes
            + VerifyCatalog.codes
            + DoctorCatalog.codes
            + PreviewServerCatalog.codes
            + CommandLineCatalog.codes
            + ConfigureCatalog.codes
            + BuildCacheCatalog.codes
    ).sorted()

    public static func code(_ identifier: String) -> DiagnosticCode? {
        let wanted = identifier.uppercased()
        return all.first { $0.identifier == wanted }
    }
}
