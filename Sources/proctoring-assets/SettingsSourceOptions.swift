import ArgumentParser

/// Where the Django settings are read from (shared by every command that reads settings).
struct SettingsSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The Django settings module: a dotted name on the python path (lms.envs.production) or a file path with any extension (assets.not_py).", valueName: "module-or-file"))
    var settings: String?

    @Option(name: .customLong("python-path"), help: ArgumentHelp("A folder imports resolve against, like PYTHONPATH (repeatable, in order).", valueName: "dir"))
    var pythonPath: [String] = []

    @Option(name: .customLong("config-yaml"), help: ArgumentHelp("The LMS_CFG / Tutor YAML file the production settings load.", valueName: "file"))
    var configYAML: String?

    func validate() throws {
        if settings == nil && (!pythonPath.isEmpty || configYAML != nil) {
            throw ValidationError("--python-path and --config-yaml go with --settings")
        }
    }
}
