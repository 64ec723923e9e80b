import DeploymentSettings
import OrderedJSON

/// How the build environment is shown: the value of JS_ENV_EXTRA_CONFIG and where it came from, so that a
/// newcomer learns from the first run that the variable exists and what it holds.
enum BuildEnvironmentSummary {
    static func line(_ environment: BuildEnvironment) -> String {
        let name = BuildEnvironment.jsEnvExtraConfigName
        guard let value = environment.jsEnvExtraConfig else { return "\(name): not set (\(environment.jsEnvExtraConfigLocation))" }
        return "\(name) = \(value.value)  (from \(value.provenance.location))"
    }

    static func json(_ environment: BuildEnvironment) -> JSONValue {
        func member(_ value: DeploymentValue<String>?) -> JSONValue {
            guard let value else { return .null }
            return .object([
                JSONMember("value", .string(value.value)), JSONMember("origin", .string(value.provenance.location.description)),
            ])
        }
        return .object([
            JSONMember(BuildEnvironment.jsEnvExtraConfigName, member(environment.jsEnvExtraConfig)),
            JSONMember(BuildEnvironment.nodeEnvName, member(environment.nodeEnv)),
        ])
    }
}
