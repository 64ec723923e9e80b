import Diagnostics
import FileSystemSupport

/// A command of the build that starts Django, with the settings module it starts with.
struct DjangoStart: Sendable, Hashable {
    var stageID: String
    var location: SourceLocation
    /// The dotted module (`lms.envs.mitol.assets`), nil when the command names none and no
    /// DJANGO_SETTINGS_MODULE is set.
    var module: String?
    /// How the module was named (`--settings=mitol.assets`, `ENV DJANGO_SETTINGS_MODULE at Dockerfile:12`).
    var namedBy: String
    /// The folder at the front of the python path: where manage.py is, else the working directory.
    var pythonRoot: String?
    /// `lms` or `cms` when the command tells.
    var service: String?
}

/// Finds the Django starts of the build (`manage.py lms … --settings=X.Y`, `django-admin --settings=…`,
/// `paver update_assets --settings=…`, `openedx-assets collect --settings=…`, DJANGO_SETTINGS_MODULE in
/// `ENV`, `export` or on the command) and maps a file's place in the image to a module name.
enum SettingsModuleMapping {
    static let variable = "DJANGO_SETTINGS_MODULE"

    static func djangoStarts(in graph: BuildGraph) -> [DjangoStart] {
        var starts: [DjangoStart] = []
        // Each stage's end (WORKDIR, settings module) is kept, so a stage starts from its parent's end
        // instead of walking its whole `FROM` chain again. A chain into a cycle depends on where it was
        // entered, so it is not kept.
        var ends: [String: Session] = [:]
        for listed in graph.stages {
            guard let stage = graph.stage(listed.id) else { continue }
            let walk = graph.unresolvedAncestry(of: stage.id) { $0 != stage.id && ends[$0] != nil }
            var state = walk.ids.last.flatMap { graph.stage($0)?.parent }.flatMap { ends[$0] } ?? Session()
            for ancestorID in walk.ids.dropFirst().reversed() {
                guard let ancestor = graph.stage(ancestorID) else { continue }
                _ = follow(ancestor, from: &state, stageID: stage.id)
                if walk.acyclic { ends[ancestorID] = state }
            }
            starts += follow(stage, from: &state, stageID: stage.id)
            if walk.acyclic { ends[stage.id] = state }
        }
        return starts
    }

    /// Runs `stage`'s steps from `state` (its parent's end) to its own end; the Django starts of its `RUN`s.
    private static func follow(_ stage: BuildStage, from state: inout Session, stageID: String) -> [DjangoStart] {
        var starts: [DjangoStart] = []
        for step in stage.steps {
            let location = SourceLocation.file(stage.file, line: step.start.line, column: step.start.column)
            switch step.kind {
            case .workdir(let path):
                state.workdir = PathComponents.normalize(PathComponents.join(state.workdir ?? "/", path))
            case .environment(let name, let value, _) where name == variable:
                state.module = value.map { ($0.value, "DJANGO_SETTINGS_MODULE at \(location)") }
            case .run(let script):
                var session = state
                starts += scan(script, file: stage.file, stageID: stageID, session: &session)
                if stage.kind == .shellScript { state.workdir = session.workdir }
            default:
                break
            }
        }
        return starts
    }

    private struct Session {
        var workdir: String? = nil
        var module: (value: String, namedBy: String)?
    }

    private static func scan(
        _ script: ShellScript, file: String, stageID: String, session: inout Session
    ) -> [DjangoStart] {
        var starts: [DjangoStart] = []
        for command in script.commands {
            let location = SourceLocation.file(file, line: command.start.line, column: command.start.column)
            if command.words.isEmpty || command.name == "export" {
                for assignment in command.assignments where assignment.name == variable {
                    session.module = (assignment.value.value, "DJANGO_SETTINGS_MODULE at \(location)")
                }
                for word in command.words.dropFirst() where word.value.hasPrefix(variable + "=") {
                    session.module = (String(word.value.dropFirst(variable.count + 1)), "DJANGO_SETTINGS_MODULE at \(location)")
                }
                continue
            }
            if let inner = BuildTimeline.inlineShellCode(command) {
                var child = session
                starts += scan(inner, file: file, stageID: stageID, session: &child)
                continue
            }
            let (words, prefix) = BuildCommandClassifier.effectiveWords(command)
            if words.first == "cd", words.count > 1 {
                session.workdir = PathComponents.absolute(words[1], relativeTo: session.workdir ?? "/")
                continue
            }
            var module = session.module
            for assignment in prefix where assignment.name == variable {
                module = (assignment.value.value, "DJANGO_SETTINGS_MODULE at \(location)")
            }
            guard let start = djangoStart(words, module: module, workdir: session.workdir) else { continue }
            // A module name built from variables (`$SERVICE_VARIANT.envs.$SETTINGS`) is not known here.
            let known = start.module.flatMap { $0.contains("$") || $0.contains("`") ? nil : $0 }
            starts.append(
                DjangoStart(stageID: stageID, location: location, module: known, namedBy: start.namedBy,
                            pythonRoot: start.pythonRoot, service: start.service))
        }
        return starts
    }

    private static func djangoStart(
        _ words: [String], module: (value: String, namedBy: String)?, workdir: String?
    ) -> (module: String?, namedBy: String, pythonRoot: String?, service: String?)? {
        guard let first = words.first else { return nil }
        let name = PathComponents.basename(first)
        let settingsFlag = settingsOption(words)
        let environmentModule = module.map { ($0.value, $0.namedBy) }
        if let managePy = words.firstIndex(where: { PathComponents.basename($0) == "manage.py" }),
            name == "manage.py" || name.hasPrefix("python")
        {
            let path = words[managePy]
            let root = path.contains("/")
                ? PathComponents.dirname(PathComponents.absolute(path, relativeTo: workdir ?? "/")) : workdir
            let service = words[(managePy + 1)...].first { !$0.hasPrefix("-") }.flatMap { ["lms", "cms"].contains($0) ? $0 : nil }
            if let settingsFlag, let service {
                return ("\(service).envs.\(settingsFlag)", "--settings=\(settingsFlag)", root, service)
            }
            return (settingsFlag ?? environmentModule?.0, settingsFlag.map { "--settings=\($0)" } ?? environmentModule?.1 ?? "", root, service)
        }
        if name == "django-admin" || name == "django-admin.py" || (name.hasPrefix("python") && words.contains("django")) {
            return (settingsFlag ?? environmentModule?.0, settingsFlag.map { "--settings=\($0)" } ?? environmentModule?.1 ?? "", workdir, nil)
        }
        if name == "paver" || (name == "openedx-assets" && words.dropFirst().first == "collect") {
            guard let settingsFlag else { return environmentModule.map { ($0.0, $0.1, workdir, nil) } }
            let service = words.contains("cms") && !words.contains("lms") ? "cms" : "lms"
            return ("\(service).envs.\(settingsFlag)", "--settings=\(settingsFlag)", workdir, service)
        }
        return nil
    }

    /// `--settings=X` or `--settings X`.
    static func settingsOption(_ words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word.hasPrefix("--settings=") { return String(word.dropFirst("--settings=".count)) }
            if word == "--settings", index + 1 < words.count { return words[index + 1] }
        }
        return nil
    }

    /// The module a file at `imagePath` is under the python path `root` (`lms/envs/X/Y.py` → `lms.envs.X.Y`).
    static func moduleName(ofImagePath imagePath: String, pythonRoot root: String) -> String? {
        let root = PathComponents.normalize(root)
        let prefix = root == "/" ? "/" : root + "/"
        guard imagePath.hasPrefix(prefix), imagePath.hasSuffix(".py") else { return nil }
        var relative = String(imagePath.dropFirst(prefix.count).dropLast(3))
        if relative.hasSuffix("/__init__") { relative.removeLast("/__init__".count) }
        let parts = relative.split(separator: "/").map(String.init)
        guard !parts.isEmpty, parts.allSatisfy(isIdentifier) else { return nil }
        return parts.joined(separator: ".")
    }

    /// The python root of a file under an edx-platform tree when no command tells it: the folder above `lms/envs` or `cms/envs`.
    static func platformRoot(ofImagePath imagePath: String) -> String? {
        for marker in ["/lms/envs/", "/cms/envs/"] {
            if let range = imagePath.range(of: marker) { return String(imagePath[..<range.lowerBound]) }
        }
        return nil
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
