import Diagnostics

/// What the worker build reads from its environment besides the settings, as edx-platform's webpack
/// config does: JS_ENV_EXTRA_CONFIG (the DefinePlugin values) and NODE_ENV (webpack-cli's mode). Read once,
/// each value with where it came from; the define model is parsed from it once for every consumer.
public struct BuildEnvironment: Sendable, Hashable {
    public static let jsEnvExtraConfigName = "JS_ENV_EXTRA_CONFIG"
    public static let nodeEnvName = "NODE_ENV"

    /// The JSON text whose values are JavaScript code; nil when unset.
    public var jsEnvExtraConfig: DeploymentValue<String>?
    public var nodeEnv: DeploymentValue<String>?

    public init(jsEnvExtraConfig: DeploymentValue<String>? = nil, nodeEnv: DeploymentValue<String>? = nil) {
        self.jsEnvExtraConfig = jsEnvExtraConfig
        self.nodeEnv = nodeEnv
    }

    /// The variables of a process environment (an unset variable stays nil; an empty one is a value).
    public init(environment: [String: String]) {
        func variable(_ name: String) -> DeploymentValue<String>? {
            environment[name].map { DeploymentValue($0, provenance: Provenance(kind: .environment, location: .environment(name))) }
        }
        self.init(jsEnvExtraConfig: variable(Self.jsEnvExtraConfigName), nodeEnv: variable(Self.nodeEnvName))
    }

    /// webpack-cli's rule: development only when NODE_ENV says so.
    public var isDevelopment: Bool { nodeEnv?.value == "development" }

    /// Where JS_ENV_EXTRA_CONFIG came from (the environment variable when unset), for messages.
    public var jsEnvExtraConfigLocation: SourceLocation {
        jsEnvExtraConfig?.provenance.location ?? .environment(Self.jsEnvExtraConfigName)
    }
}
