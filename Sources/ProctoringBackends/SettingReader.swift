import DeploymentSettings
import Diagnostics

/// PROCTORING_BACKENDS reduced to what workers.json depends on.
struct ConfiguredBackends {
    /// The backend names (keys other than 'DEFAULT'), in dict order.
    var names: [String]
    /// Each backend's options value.
    var options: [String: PythonValue]
    var location: SourceLocation?
}

/// Reads the settings make_worker_config uses, reporting unset, unknown and conditional values.
struct SettingReader {
    let settings: ResolvedSettings
    let report: Reporter

    func location(of name: String) -> SourceLocation? {
        if let value = settings[name] { return value.provenance.location }
        return settings.filesRead.first.map { .file($0) }
    }

    private var searchedNote: String {
        settings.filesRead.isEmpty
            ? "no settings file was read"
            : "searched \(settings.filesRead.joined(separator: " -> "))"
    }

    /// The value, or nil after reporting why it cannot be used (unknown). Conditional values are used with a warning.
    private func known(_ name: String, fix: String) -> SettingValue? {
        guard let setting = settings[name] else { return nil }
        if case .unknown(let unknown) = setting.value {
            report.emit(Diagnostic(
                .settingNotEvaluated, "\(name) could not be evaluated: \(unknown.reason)", at: unknown.location, fix: fix,
                notes: unknown.location == setting.provenance.location ? [] : ["assigned at \(setting.provenance.location)"]))
            return nil
        }
        if setting.isConditional {
            report.emit(Diagnostic(
                .settingConditional,
                "\(name) is assigned inside an if/try block; assuming the value assigned here", at: setting.provenance.location,
                fix: "check that this branch is the one taken, or pass the value explicitly"))
        }
        return setting
    }

    /// A str or path setting that is set and truthy.
    func nonEmptyString(
        _ name: String, unsetMessage: String, falsyMessage: (String) -> String, fix: String, code: DiagnosticCode
    ) -> String? {
        guard settings[name] != nil else {
            report.emit(Diagnostic(code, unsetMessage, at: settings.filesRead.first.map { .file($0) }, fix: fix, notes: [searchedNote]))
            return nil
        }
        guard let setting = known(name, fix: fix) else { return nil }
        if setting.value.truth == false {
            let shown: String
            switch setting.value {
            case .string, .path: shown = "empty"
            default: shown = setting.value.typeDescription == "None" ? "None" : "false (\(setting.value.typeDescription))"
            }
            report.emit(Diagnostic(code, falsyMessage(shown), at: setting.provenance.location, fix: fix))
            return nil
        }
        guard let text = setting.value.stringValue else {
            report.emit(Diagnostic(
                code, "\(name) is \(setting.value.typeDescription), not a path", at: setting.provenance.location, fix: fix))
            return nil
        }
        return text
    }

    func configuredBackends() -> ConfiguredBackends? {
        let fix = "set PROCTORING_BACKENDS = {'DEFAULT': 'proctortrack', 'proctortrack': {...}} in the settings or the YAML configuration"
        guard settings["PROCTORING_BACKENDS"] != nil else {
            report.emit(Diagnostic(
                .proctoringBackendsInvalid,
                "PROCTORING_BACKENDS is not set; edx-proctoring's default {'DEFAULT': 'null', 'null': {}} has no worker",
                at: settings.filesRead.first.map { .file($0) }, fix: fix, notes: [searchedNote]))
            return nil
        }
        guard let setting = known("PROCTORING_BACKENDS", fix: fix) else { return nil }
        guard case .dict(let entries) = setting.value else {
            report.emit(Diagnostic(
                .proctoringBackendsInvalid, "PROCTORING_BACKENDS is \(setting.value.typeDescription), not a dict",
                at: setting.provenance.location, fix: fix))
            return nil
        }
        var names: [String] = []
        var options: [String: PythonValue] = [:]
        var defaultValue: PythonValue?
        for entry in entries {
            guard let key = entry.key.stringValue else { continue }
            if key == "DEFAULT" {
                defaultValue = entry.value
                continue
            }
            if !names.contains(key) { names.append(key) }
            options[key] = entry.value
        }
        if let defaultValue {
            if let defaultName = defaultValue.stringValue {
                if !names.contains(defaultName) {
                    report.emit(Diagnostic(
                        .defaultBackendNotConfigured,
                        "PROCTORING_BACKENDS['DEFAULT'] is '\(defaultName)', which is not a configured backend",
                        at: setting.provenance.location,
                        fix: "add '\(defaultName)': {...} to PROCTORING_BACKENDS, or set DEFAULT to one of: \(names.joined(separator: ", "))"))
                }
            } else if case .unknown = defaultValue {
            } else {
                report.emit(Diagnostic(
                    .defaultBackendNotConfigured,
                    "PROCTORING_BACKENDS['DEFAULT'] is \(defaultValue.typeDescription), not the name of a backend",
                    at: setting.provenance.location, fix: "set DEFAULT to the name of a configured backend"))
            }
        }
        return ConfiguredBackends(names: names, options: options, location: setting.provenance.location)
    }
}
