import DeploymentSettings
import Diagnostics

extension DiagnosticCode {
    public static let internalError = DiagnosticCode(
        "PA900", "Internal error", inputError: false,
        explanation: """
            proctoring-assets itself failed in a way it did not expect. Nothing was written. \
            Please report the message with the command line you ran.
            """)
    public static let exampleDeploymentNotFound = DiagnosticCode(
        "PA901", "Example deployment not found", inputError: true,
        explanation: """
            `--example` copies the example deployment shipped in the repository (Examples/deployment) to a \
            scratch folder. The folder was not found next to the sources this binary was built from. Run the \
            command from a checkout of proctoring-assets, or set PROCTORING_ASSETS_EXAMPLE to the folder.
            """)
    public static let scratchFolderUnavailable = DiagnosticCode(
        "PA902", "Cannot prepare the scratch folder", inputError: true,
        explanation: """
            `--example` works on a copy of the example deployment so the checkout stays clean. The copy could \
            not be made (the folder exists and is not empty, or it is not writable). Choose another folder \
            with --example-dir, or remove the existing one.
            """)
    public static let unknownDiagnosticCode = DiagnosticCode(
        "PA903", "Unknown diagnostic code or topic", inputError: true,
        explanation: """
            `explain` takes a diagnostic code such as PA041 or a topic name. Run `proctoring-assets explain \
            --list` to see them all.
            """)
    public static let knownBackendTableUsed = DiagnosticCode(
        "PA904", "Built-in provider table used", severity: .note,
        explanation: """
            No --site-packages was given and no python3 is on PATH, so the installed proctoring backends could \
            not be read. The tool then uses its own table of the public providers (proctortrack -> \
            edx-proctoring-proctortrack, mockprock -> @edx/mockprock, and edx-proctoring's built-in backends, \
            which have no worker). Pass --site-packages with the LMS virtualenv's site-packages to read what is \
            really installed, or --backend NAME=NPM_MODULE for a provider the table does not know.
            """)
    public static let noBundleProduced = DiagnosticCode(
        "PA906", "No worker bundle was produced", severity: .error,
        explanation: """
            The build found workers to bundle but produced none of them, so it wrote nothing (workers.json, \
            bundles and the stats file appear together or not at all). The diagnostics before this one say why.
            """)
    public static let statsFileSkipped = DiagnosticCode(
        "PA907", "No stats file written", severity: .warning,
        explanation: """
            `bundle --output-dir` writes the stats file only when it knows its format: django-webpack-loader 0.x \
            reads the webpack-bundle-tracker 0.4 format, 1.0 and later the 1.x format, and each crashes on the \
            other. Without --stats-format and without a loader in --site-packages the bundles were written but no \
            stats file, so the LMS cannot find them yet.
            """)
}

/// Codes of the command-line layer and the facade.
public enum CommandLineCatalog {
    public static let codes: [DiagnosticCode] = [
        .internalError, .exampleDeploymentNotFound, .scratchFolderUnavailable,
        .unknownDiagnosticCode, .knownBackendTableUsed, .staticRootUnset, .noBundleProduced,
        .statsFileSkipped,
    ]
}
