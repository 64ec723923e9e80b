import Encodings
import FileSystemSupport
import OrderedJSON

/// Turns parsed Dockerfiles, Earthfiles and shell scripts into `BuildStage`s.
enum BuildGraphBuilder {
    static func stages(ofDockerfile document: Dockerfile, file: String) -> [BuildStage] {
        var stages: [BuildStage] = []
        var globalArguments: [String: ShellWord?] = [:]
        var globalArgumentPoints: [String: TextPosition] = [:]
        var namesToIDs: [String: String] = [:]
        for instruction in document.instructions {
            let words = optionWords(instruction.arguments)
            switch instruction.keyword {
            case "FROM":
                let positional = words.filter { !$0.value.hasPrefix("--") }
                let image = positional.first?.value ?? ""
                var name = String(stages.count)
                if positional.count >= 3, positional[1].value.lowercased() == "as" { name = positional[2].value }
                let id = "\(file)#\(name)"
                if let last = stages.indices.last { stages[last].endLine = instruction.start.line - 1 }
                stages.append(
                    BuildStage(
                        id: id, name: name, file: file, kind: .dockerfile, start: instruction.start,
                        endLine: Int.max, parent: namesToIDs[image.lowercased()], steps: [],
                        globalArguments: globalArguments, inheritsProcessEnvironment: false))
                stages[stages.count - 1].globalArgumentPoints = globalArgumentPoints
                namesToIDs[name.lowercased()] = id
                namesToIDs[String(stages.count - 1)] = id
            case "ARG":
                for (name, value) in argumentDeclarations(words) {
                    if stages.isEmpty {
                        globalArguments[name] = value
                        globalArgumentPoints[name] = instruction.start
                    } else {
                        append(.environment(name: name, value: value, isArgument: true), instruction.start, to: &stages)
                    }
                }
            case "ENV":
                for (name, value) in environmentDeclarations(instruction.arguments) {
                    append(.environment(name: name.0, value: value, isArgument: false), name.1, to: &stages)
                }
            case "RUN":
                append(.run(runScript(instruction.arguments, heredocs: instruction.heredocs)), instruction.start, to: &stages)
            case "COPY", "ADD":
                let from = words.first { $0.value.hasPrefix("--from=") }.map { String($0.value.dropFirst("--from=".count)) }
                let positional = Self.jsonArrayForm(instruction.arguments.string)
                    ?? words.filter { !$0.value.hasPrefix("--") }.map(\.value)
                let sources = Array(positional.dropLast())
                let fromStage = from.flatMap { namesToIDs[$0.lowercased()] }
                let placement = positional.last.map {
                    CopyPlacement(destination: $0, fromExternalImage: from != nil && fromStage == nil)
                }
                guard let last = stages.indices.last else { break }
                stages[last].steps.append(
                    BuildStep(.copy(fromStage: fromStage, sources: sources), at: instruction.start, placement: placement))
            case "WORKDIR":
                if let path = words.first?.value { append(.workdir(path), instruction.start, to: &stages) }
            default:
                break
            }
        }
        return stages
    }

    /// `COPY [--chown=…] ["src", …, "dest"]`: the words of the JSON array, nil for the shell form.
    static func jsonArrayForm(_ arguments: String) -> [String]? {
        guard let bracket = arguments.firstIndex(of: "["),
            arguments[..<bracket].split(separator: " ").allSatisfy({ $0.hasPrefix("--") }),
            case .array(let items)? = try? JSONParser.parse(String(arguments[bracket...]).trimmingBlanks())
        else { return nil }
        let words = items.compactMap(\.stringValue)
        return words.count == items.count ? words : nil
    }

    /// Steps before the first `FROM` have no stage to belong to; Docker rejects them, so they are dropped.
    private static func append(_ kind: BuildStep.Kind, _ start: TextPosition, to stages: inout [BuildStage]) {
        guard let last = stages.indices.last else { return }
        stages[last].steps.append(BuildStep(kind, at: start))
    }

    static func stages(ofEarthfile document: Earthfile, file: String) -> [BuildStage] {
        let baseID = "\(file)#base"
        let functions = Dictionary(document.targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var stages: [BuildStage] = []
        if !document.baseRecipe.isEmpty {
            var base = BuildStage(
                id: baseID, name: "base", file: file, kind: .earthfile, start: document.baseRecipe[0].start,
                endLine: (document.targets.first?.start.line ?? Int.max) - 1, parent: nil, steps: [],
                globalArguments: [:], inheritsProcessEnvironment: false)
            base.parent = earthlyParent(of: document.baseRecipe, file: file, fallback: nil)
            base.steps = earthlySteps(document.baseRecipe, file: file, functions: functions, inlining: [])
            base.savedArtifacts = EarthlyCopyArguments.savedArtifacts(document.baseRecipe)
            stages.append(base)
        }
        for (offset, target) in document.targets.enumerated() {
            let endLine = offset + 1 < document.targets.count ? document.targets[offset + 1].start.line - 1 : Int.max
            let fallback = document.baseRecipe.isEmpty ? nil : baseID
            stages.append(
                BuildStage(
                    id: "\(file)#\(target.name)", name: target.name, file: file, kind: .earthfile, start: target.start,
                    endLine: endLine, parent: earthlyParent(of: target.commands, file: file, fallback: fallback),
                    steps: earthlySteps(target.commands, file: file, functions: functions, inlining: [target.name]),
                    globalArguments: [:], inheritsProcessEnvironment: false,
                    savedArtifacts: EarthlyCopyArguments.savedArtifacts(target.commands)))
        }
        return stages
    }

    static func stage(ofShellScript script: ShellScript, file: String) -> BuildStage {
        BuildStage(
            id: "\(file)#script", name: PathComponents.basename(file), file: file, kind: .shellScript,
            start: TextPosition(line: 1, column: 1), endLine: Int.max, parent: nil,
            steps: [BuildStep(.run(script), at: TextPosition(line: 1, column: 1))], globalArguments: [:],
            inheritsProcessEnvironment: true)
    }

    // MARK: - Earthfile

    private static func earthlyParent(of commands: [EarthfileCommand], file: String, fallback: String?) -> String? {
        guard let first = commands.first(where: { $0.keyword != "ARG" && $0.keyword != "LET" }), first.keyword == "FROM"
        else { return fallback }
        let image = optionWords(first.arguments).first { !$0.value.hasPrefix("--") }?.value ?? ""
        return earthlyTargetID(image, file: file)
    }

    /// `+name` (same file) → stage id; `./dir+name` and images → nil.
    private static func earthlyTargetID(_ reference: String, file: String) -> String? {
        guard reference.hasPrefix("+") else { return nil }
        var name = String(reference.dropFirst())
        if let slash = name.firstIndex(of: "/") { name = String(name[..<slash]) }
        return name.isEmpty ? nil : "\(file)#\(name)"
    }

    private static func earthlySteps(
        _ commands: [EarthfileCommand], file: String, functions: [String: EarthfileTarget], inlining: Set<String>
    ) -> [BuildStep] {
        var steps: [BuildStep] = []
        for command in commands {
            let words = optionWords(command.arguments)
            switch command.keyword {
            case "RUN":
                steps.append(BuildStep(.run(runScript(command.arguments, heredocs: [])), at: command.start))
            case "ENV":
                for (name, value) in environmentDeclarations(command.arguments) {
                    steps.append(BuildStep(.environment(name: name.0, value: value, isArgument: false), at: name.1))
                }
            case "ARG":
                for (name, value) in argumentDeclarations(words) {
                    steps.append(BuildStep(.environment(name: name, value: value, isArgument: true), at: command.start))
                }
            case "COPY":
                let text = command.arguments.string
                let placement = EarthlyCopyArguments.placement(text)
                var artifactFound = false
                for match in text.matches(of: /\+([A-Za-z0-9._-]+)\/([^\s)]*)/) {
                    artifactFound = true
                    steps.append(
                        BuildStep(.copy(fromStage: "\(file)#\(match.1)", sources: [String(match.2)]), at: command.start,
                                  placement: placement))
                }
                if !artifactFound {
                    let positional = EarthlyCopyArguments.positional(words.map(\.value))
                    steps.append(
                        BuildStep(.copy(fromStage: nil, sources: Array(positional.dropLast())), at: command.start, placement: placement))
                }
            case "BUILD":
                if let target = words.first(where: { !$0.value.hasPrefix("--") }).flatMap({ earthlyTargetID($0.value, file: file) }) {
                    steps.append(BuildStep(.build(stage: target), at: command.start))
                }
            case "DO":
                guard let reference = words.first(where: { !$0.value.hasPrefix("--") })?.value,
                    let id = earthlyTargetID(reference, file: file)
                else { continue }
                let name = String(id.split(separator: "#").last ?? "")
                if let function = functions[name], !inlining.contains(name) {
                    // A function's commands run in the caller's context, so they are the caller's steps.
                    steps += earthlySteps(function.commands, file: file, functions: functions, inlining: inlining.union([name]))
                } else {
                    steps.append(BuildStep(.build(stage: id), at: command.start))
                }
            case "WORKDIR":
                if let path = words.first?.value { steps.append(BuildStep(.workdir(path), at: command.start)) }
            default:
                break
            }
        }
        return steps
    }

    // MARK: - Shared argument forms

    /// Words of an instruction's arguments (shell quoting rules), without running anything.
    static func optionWords(_ arguments: PositionedText) -> [ShellWord] {
        let script = ShellScript.parse(arguments)
        return script.commands.flatMap { command in
            command.assignments.map { ShellWord(raw: $0.name + "=" + $0.value.raw, value: $0.name + "=" + $0.value.value, hasExpansion: $0.value.hasExpansion, start: $0.start) }
                + command.words
        }
    }

    /// `ARG name`, `ARG name=default`, `ARG --required name` (several names allowed in a Dockerfile).
    private static func argumentDeclarations(_ words: [ShellWord]) -> [(String, ShellWord?)] {
        words.filter { !$0.value.hasPrefix("--") }.map { word in
            guard let equals = word.value.firstIndex(of: "=") else { return (word.value, nil) }
            let name = String(word.value[..<equals])
            var start = word.start
            start.column += name.unicodeScalars.count + 1
            let rawValue = word.raw.firstIndex(of: "=").map { String(word.raw[word.raw.index(after: $0)...]) } ?? ""
            return (name, ShellWord(raw: rawValue, value: String(word.value[word.value.index(after: equals)...]),
                                    hasExpansion: word.hasExpansion, start: start))
        }
    }

    /// `ENV a=b c=d` or the legacy `ENV name value with spaces`.
    private static func environmentDeclarations(_ arguments: PositionedText) -> [((String, TextPosition), ShellWord)] {
        let script = ShellScript.parse(arguments)
        guard let command = script.commands.first else { return [] }
        if !command.assignments.isEmpty {
            return command.assignments.map { (($0.name, $0.start), $0.value) }
        }
        guard let nameWord = command.words.first else { return [] }
        let rest = command.words.dropFirst()
        let value = ShellWord(
            raw: rest.map(\.raw).joined(separator: " "), value: rest.map(\.value).joined(separator: " "),
            hasExpansion: rest.contains { $0.hasExpansion }, start: rest.first?.start ?? nameWord.start)
        return [((nameWord.value, nameWord.start), value)]
    }

    /// The shell script a `RUN` runs: exec form (`["npm", "run", "build"]`), shell form with leading
    /// `--mount=…` style flags dropped, or a heredoc body when the command is just `<<EOF` (or `bash <<EOF`).
    static func runScript(_ arguments: PositionedText, heredocs: [DockerfileHeredoc]) -> ShellScript {
        var skip = 0
        while skip < arguments.count {
            while skip < arguments.count, arguments.scalars[skip].isBlank { skip += 1 }
            guard skip + 1 < arguments.count, arguments.scalars[skip] == "-", arguments.scalars[skip + 1] == "-" else { break }
            while skip < arguments.count, !arguments.scalars[skip].isBlank { skip += 1 }
        }
        let body = arguments.slice(skip..<arguments.count)
        let text = body.string.trimmingBlanks()
        if text.hasPrefix("["), let value = try? JSONParser.parse(text), case .array(let items) = value {
            var command = ShellCommand(start: body.point(at: 0))
            for item in items {
                guard case .string(let word) = item else { continue }
                command.words.append(ShellWord(raw: word, value: word, hasExpansion: false, start: body.point(at: 0)))
            }
            var script = ShellScript()
            script.commands = [command]
            return script
        }
        var script = ShellScript.parse(body)
        script.problems.removeAll { $0.message.hasPrefix("heredoc") }
        if let heredoc = heredocs.first, let command = script.commands.first, script.commands.count == 1,
            command.words.isEmpty || ["sh", "bash", "/bin/sh", "/bin/bash"].contains(command.name ?? "")
        {
            var inner = ShellScript.parse(heredoc.body)
            inner.comments = script.comments + inner.comments
            return inner
        }
        return script
    }
}
