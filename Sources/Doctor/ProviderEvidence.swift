import Diagnostics
import ProctoringBackends
import Yams

/// What the build files say about the proctoring provider when no settings tell it: the provider's
/// Python distribution installed by `pip install`, listed in a requirements file given to doctor, in
/// Tutor's `OPENEDX_EXTRA_PIP_REQUIREMENTS`, or found in the site-packages.
struct ProviderEvidence: Sendable, Hashable {
    /// The entry-point name (the key of PROCTORING_BACKENDS) the distribution registers.
    var backendName: String
    var distribution: String
    var location: SourceLocation
    /// Why a worker is expected, as a sentence part: "`pip install edx-proctoring-proctortrack==1.2.1` at
    /// Dockerfile:12:5 installs backend `proctortrack`".
    var description: String

    /// The public providers with a worker, by normalised distribution name.
    static func knownProvider(distribution: String) -> KnownProctoringBackends.Entry? {
        let name = normalized(distribution)
        return [KnownProctoringBackends.proctortrack, KnownProctoringBackends.proctortrackV2, KnownProctoringBackends.mockprock]
            .first { normalized($0.distribution) == name }
    }

    /// The distribution a pip requirement names: `name[extra]==1.0 ; marker`, `name @ url`,
    /// `git+https://…/name.git@ref#egg=name`, a wheel or sdist file name.
    static func distributionName(ofRequirement requirement: String) -> String? {
        var text = requirement.prefix { $0 != "#" || requirement.contains("#egg=") }.trimmingBlanksSubstring()
        guard !text.isEmpty, !text.hasPrefix("-") else { return nil }
        if let egg = text.range(of: "#egg=") {
            return String(text[egg.upperBound...].prefix { $0 != "&" && $0 != " " })
        }
        if text.contains("://") || text.hasPrefix("git+") {
            var last = text.split(separator: "/").last.map(String.init) ?? text
            if let at = last.firstIndex(of: "@") { last = String(last[..<at]) }
            for suffix in [".git", ".tar.gz", ".zip"] where last.hasSuffix(suffix) { last.removeLast(suffix.count) }
            return last
        }
        if text.hasSuffix(".whl") || text.hasSuffix(".tar.gz") {
            let file = text.split(separator: "/").last.map(String.init) ?? text
            return file.split(separator: "-").first.map(String.init)
        }
        text = String(text.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        return text.isEmpty ? nil : text
    }

    /// PEP 503 normalisation, as distributions are matched everywhere.
    static func normalized(_ name: String) -> String {
        DistributionIdentity.normalize(name)
    }

    static func evidence(requirement: String, location: SourceLocation, how: String) -> ProviderEvidence? {
        guard let name = distributionName(ofRequirement: requirement), let entry = knownProvider(distribution: name) else {
            return nil
        }
        return ProviderEvidence(
            backendName: entry.name, distribution: entry.distribution, location: location,
            description: "\(how) `\(requirement)` at \(location), which installs backend `\(entry.name)`")
    }

    /// Every line of a requirements file that names a provider.
    static func fromRequirements(_ text: String, path: String) -> [ProviderEvidence] {
        NumberedLine.split(text).compactMap { line in
            // pip's comments start with `#` after white space (a URL's `#egg=` is not one).
            var requirement = line.trimmed
            if let comment = requirement.firstMatch(of: /\s#/) { requirement = String(requirement[..<comment.range.lowerBound]).trimmingBlanks() }
            return evidence(requirement: requirement, location: .file(path, line: line.number, column: line.indentation + 1),
                            how: "requirement")
        }
    }

    /// `OPENEDX_EXTRA_PIP_REQUIREMENTS` of Tutor's config.yml.
    static func fromTutorConfiguration(_ text: String, path: String) -> [ProviderEvidence] {
        guard let root = try? Yams.compose(yaml: text), let mapping = root.mapping else { return [] }
        var found: [ProviderEvidence] = []
        for (key, value) in mapping where key.string == "OPENEDX_EXTRA_PIP_REQUIREMENTS" {
            for item in value.sequence ?? [] {
                guard let requirement = item.string else { continue }
                let location = item.mark.map { SourceLocation.file(path, line: $0.line, column: $0.column) } ?? .file(path)
                if let evidence = evidence(requirement: requirement, location: location, how: "OPENEDX_EXTRA_PIP_REQUIREMENTS lists") {
                    found.append(evidence)
                }
            }
        }
        return found
    }

    /// `pip install` steps of the build, whatever runs pip (`pip`, `python -m pip`, `uv pip`, Tutor's
    /// `$PIP_COMMAND`), inside `if`/`sh -c` too.
    static func fromPipInstalls(in graph: BuildGraph) -> [ProviderEvidence] {
        var found: [ProviderEvidence] = []
        for stage in graph.stages {
            for step in stage.steps {
                guard case .run(let script) = step.kind else { continue }
                found += fromPipInstalls(script, file: stage.file)
            }
        }
        return found
    }

    private static func fromPipInstalls(_ script: ShellScript, file: String) -> [ProviderEvidence] {
        var found: [ProviderEvidence] = []
        for command in script.commands {
            if let inner = BuildTimeline.inlineShellCode(command) {
                found += fromPipInstalls(inner, file: file)
                continue
            }
            let words = BuildCommandClassifier.effectiveWords(command).words
            guard let install = words.firstIndex(of: "install"),
                words[..<install].contains(where: { $0.lowercased().contains("pip") })
            else { continue }
            let location = SourceLocation.file(file, line: command.start.line, column: command.start.column)
            for spec in words[(install + 1)...] where !spec.hasPrefix("-") {
                if let evidence = evidence(requirement: spec, location: location, how: "pip install") { found.append(evidence) }
            }
        }
        return found
    }
}

extension ProviderEvidence {
    /// Backends of the site-packages whose npm module is declared: their worker is installed with them.
    static func fromSitePackages(_ backends: [String: String?]?) -> [ProviderEvidence] {
        guard let backends else { return [] }
        return backends.keys.sorted().compactMap { name in
            guard let module = backends[name], let module else { return nil }
            return ProviderEvidence(
                backendName: name, distribution: module, location: .flag("--site-packages"),
                description: "--site-packages holds backend `\(name)` with the npm module \(module)")
        }
    }
}
