import FileSystemSupport

/// What a simple command does for the worker build, recognised from its words.
enum BuildCommandKind: Sendable, Hashable {
    /// webpack through npm/yarn scripts, `npx webpack`, or the webpack binary.
    case webpack
    /// Starts Django (manage.py, django-admin, paver): workers.json is written as a side effect.
    /// `collectstatic` tells that command apart.
    case workersProducer(description: String, collectstatic: Bool)
    /// This tool (`build` and `workers` write workers.json).
    case proctoringAssets(ProctoringAssetsCommand)
    /// `npm install <specs>`, `yarn add`, … ; `installsManifest` when it installs package.json's dependencies.
    case npmInstall(specs: [String], installsManifest: Bool)
    /// `pip install <specs>` and `-r <files>`.
    case pipInstall(specs: [String], requirementFiles: [String])
    case other
}

extension BuildCommandKind {
    /// Whether the command writes workers.json (Django's start-up, `proctoring-assets build|workers`).
    var writesWorkersJSON: Bool {
        switch self {
        case .workersProducer: return true
        case .proctoringAssets(let tool): return tool.writesWorkersJSON
        default: return false
        }
    }
}

enum BuildCommandClassifier {
    /// The npm scripts of edx-platform's package.json that run webpack (build.md §3.4).
    static let webpackScripts: Set<String> = ["webpack", "build", "webpack-dev", "build-dev", "watch-webpack"]

    /// The words of the command to classify, with wrappers (`env A=b`, `sudo -E`, `exec`, `time`) removed.
    static func effectiveWords(_ command: ShellCommand) -> (words: [String], prefix: [ShellAssignment]) {
        var words = command.words
        var prefix = command.assignments
        var changed = true
        while changed, let first = words.first {
            changed = false
            switch basename(first.value) {
            case "env":
                words.removeFirst()
                while let word = words.first, word.value.hasPrefix("-") { words.removeFirst() }
                while let word = words.first, let equals = word.value.firstIndex(of: "="), word.value.first != "-" {
                    let name = String(word.value[..<equals])
                    let value = ShellWord(raw: String(word.raw.drop { $0 != "=" }.dropFirst()),
                                          value: String(word.value[word.value.index(after: equals)...]),
                                          hasExpansion: word.hasExpansion, start: word.start)
                    prefix.append(ShellAssignment(name: name, value: value, start: word.start))
                    words.removeFirst()
                }
                changed = true
            case "sudo":
                words.removeFirst()
                while let word = words.first, word.value.hasPrefix("-") {
                    words.removeFirst()
                    if word.value == "-u" || word.value == "-g" { _ = words.isEmpty ? nil : words.removeFirst() }
                }
                changed = true
            case "exec", "time", "nice", "nohup", "command":
                words.removeFirst()
                changed = true
            default:
                break
            }
        }
        return (words.map(\.value), prefix)
    }

    static func classify(_ command: ShellCommand) -> BuildCommandKind {
        classify(words: effectiveWords(command).words)
    }

    static func classify(words: [String]) -> BuildCommandKind {
        guard let first = words.first else { return .other }
        if let tool = ProctoringAssetsCommand(words: words) { return .proctoringAssets(tool) }
        let name = basename(first)
        let arguments = Array(words.dropFirst())
        let positional = arguments.filter { !$0.hasPrefix("-") }
        switch name {
        case "npm", "pnpm":
            guard let verb = positional.first else { return .other }
            if verb == "run" || verb == "run-script" {
                return positional.count > 1 && webpackScripts.contains(positional[1]) ? .webpack : .other
            }
            if ["install", "i", "in", "isntall", "add", "ci", "clean-install", "install-clean", "ic"].contains(verb) {
                let specs = Array(positional.dropFirst())
                let manifest = specs.isEmpty || ["ci", "clean-install", "install-clean", "ic"].contains(verb)
                return .npmInstall(specs: specs, installsManifest: manifest)
            }
            return .other
        case "yarn":
            guard let verb = positional.first else { return .npmInstall(specs: [], installsManifest: true) }
            if verb == "add" { return .npmInstall(specs: Array(positional.dropFirst()), installsManifest: false) }
            if verb == "install" { return .npmInstall(specs: [], installsManifest: true) }
            if verb == "run", positional.count > 1, webpackScripts.contains(positional[1]) { return .webpack }
            if webpackScripts.contains(verb) { return .webpack }
            return .other
        case "npx":
            return positional.first.map { basename($0) == "webpack" || basename($0) == "webpack-cli" } == true ? .webpack : .other
        case "webpack", "webpack-cli":
            return .webpack
        case "node":
            if let script = positional.first, ["webpack", "webpack-cli", "webpack.js", "cli.js"].contains(basename(script)),
                script.contains("webpack")
            {
                return .webpack
            }
            return .other
        case "manage.py":
            return djangoCommand(arguments)
        case "django-admin", "django-admin.py":
            return djangoCommand(arguments)
        case "openedx-assets":
            // Tutor's asset script (until Redwood): `webpack` and `build` run webpack, `collect` runs collectstatic.
            switch positional.first {
            case "webpack", "build": return .webpack
            case "collect": return .workersProducer(description: "openedx-assets collect", collectstatic: true)
            default: return .other
            }
        case "paver":
            return .workersProducer(description: "paver " + (positional.first ?? ""), collectstatic: positional.contains("update_assets"))
        case "pip", "pip3":
            return pipInstall(arguments)
        default:
            if name.hasPrefix("python") {
                if let script = positional.first, basename(script) == "manage.py" {
                    return djangoCommand(Array(arguments.drop { basename($0) != "manage.py" }.dropFirst()))
                }
                if let module = arguments.firstIndex(of: "-m"), module + 1 < arguments.count {
                    let rest = Array(arguments[(module + 2)...])
                    switch arguments[module + 1] {
                    case "pip": return pipInstall(rest)
                    case "django": return djangoCommand(rest)
                    default: return .other
                    }
                }
            }
            return .other
        }
    }

    private static func djangoCommand(_ arguments: [String]) -> BuildCommandKind {
        let positional = arguments.filter { !$0.hasPrefix("-") }
        let collect = positional.contains("collectstatic")
        let description = (["manage.py"] + positional.prefix(2)).joined(separator: " ")
        return .workersProducer(description: description, collectstatic: collect)
    }

    private static func pipInstall(_ arguments: [String]) -> BuildCommandKind {
        guard arguments.first(where: { !$0.hasPrefix("-") }) == "install" else { return .other }
        var specs: [String] = []
        var files: [String] = []
        var index = arguments.firstIndex(of: "install").map { $0 + 1 } ?? arguments.count
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-r" || argument == "--requirement" || argument == "-c" || argument == "--constraint" {
                if index + 1 < arguments.count { files.append(arguments[index + 1]) }
                index += 2
                continue
            }
            if argument.hasPrefix("-r"), argument.count > 2 {
                files.append(String(argument.dropFirst(2)))
            } else if argument.hasPrefix("--requirement=") {
                files.append(String(argument.dropFirst("--requirement=".count)))
            } else if !argument.hasPrefix("-") {
                specs.append(argument)
            }
            index += 1
        }
        return .pipInstall(specs: specs, requirementFiles: files)
    }

    static func basename(_ path: String) -> String {
        PathComponents.basename(path)
    }
}
