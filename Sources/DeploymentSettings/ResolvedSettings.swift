import Diagnostics

/// Where a setting's value came from.
public struct Provenance: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// An assignment in a Python settings file.
        case settingsFile = "file"
        /// The process environment (`os.environ`, or the environment layer).
        case environment = "env"
        /// A key of the YAML configuration file.
        case yaml
        /// A command-line flag.
        case flag
        /// A default of edx-platform or edx-proctoring the tool applies when nothing sets the value.
        case upstreamDefault = "default"
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public var description: String { location.description }
}

/// One resolved setting.
public struct SettingValue: Sendable, Hashable {
    public var value: PythonValue
    public var provenance: Provenance
    /// True when the value was assigned inside an `if`/`try` branch, so it depends on something the
    /// tool did not decide.
    public var isConditional: Bool

    public init(value: PythonValue, provenance: Provenance, isConditional: Bool = false) {
        self.value = value
        self.provenance = provenance
        self.isConditional = isConditional
    }
}

/// The settings of a deployment, as Django would see them after import, with provenance.
public struct ResolvedSettings: Sendable {
    /// Every top-level name of the settings module, after all layers.
    public var values: [String: SettingValue]
    /// The settings files read, in import order, as paths (the "import chain searched").
    public var filesRead: [String]
    /// The settings module as the user named it, for messages.
    public var settingsName: String?
    /// Modules of `from X import *` that could not be read (only with
    /// `SettingsRequest.toleratesMissingImports`): any setting may come from them, so a missing name is
    /// undecided rather than absent.
    public var unresolvedStarImports: [String] = []
    /// Where the settings module and YAML file came from when not from flags (`SettingsRequest.inputOrigins`).
    public var inputOrigins: [String] = []

    public init(values: [String: SettingValue] = [:], filesRead: [String] = [], settingsName: String? = nil) {
        self.values = values
        self.filesRead = filesRead
        self.settingsName = settingsName
    }

    public subscript(name: String) -> SettingValue? { values[name] }

    /// The names the `settings` command prints, in this order.
    public static let proctoringNames = [
        "ENV_ROOT", "NODE_MODULES_ROOT", "STATIC_ROOT", "STATIC_URL", "LMS_ROOT_URL", "PROCTORING_BACKENDS",
        "WEBPACK_LOADER",
    ]
}
