import Bundler
import DeploymentSettings
import Diagnostics

/// The build environment parsed once into what every back end and check uses: the DefinePlugin values
/// of JS_ENV_EXTRA_CONFIG and webpack's mode from NODE_ENV (esbuild processes its defines once per
/// compilation and passes the processed value on, `internal/config/globals.go`; so does this).
struct BuildDefines: Sendable {
    var defines: DefineSet
    var mode: ResolverOptions.Mode

    /// Fails only for problems of the whole variable (not JSON, not an object): PA181, PA184.
    static func parse(_ environment: BuildEnvironment) -> Result<BuildDefines, DiagnosticError> {
        DefineSet.parse(jsEnvExtraConfig: environment.jsEnvExtraConfig?.value, location: environment.jsEnvExtraConfigLocation)
            .map { BuildDefines(defines: $0, mode: environment.isDevelopment ? .development : .production) }
    }
}
