import FileSystemSupport

/// A run of this tool in a build step: `proctoring-assets <verb> …`, by name or by path
/// (`/openedx/venv/bin/proctoring-assets`), or `python -m proctoring_assets <verb> …` (the wheel's module).
struct ProctoringAssetsCommand: Sendable, Hashable {
    enum Verb: Sendable, Hashable {
        /// settings → workers.json → bundles → stats file → checks: writes everything the worker needs.
        case build
        /// workers.json only.
        case workers
        /// checks a static root (or an image) without writing.
        case verify
        case other(String)
    }

    var verb: Verb
    /// The arguments after the verb.
    var arguments: [String]

    /// The distribution name of the wheel (PEP 503 normalised) and the module it installs.
    static let distribution = "proctoring-assets"
    static let executableName = "proctoring-assets"
    static let moduleName = "proctoring_assets"

    init?(words: [String]) {
        guard let first = words.first else { return nil }
        let rest: ArraySlice<String>
        if PathComponents.basename(first) == Self.executableName {
            rest = words.dropFirst()
        } else if PathComponents.basename(first).hasPrefix("python"), let module = words.firstIndex(of: "-m"),
            module + 1 < words.count, words[module + 1] == Self.moduleName
        {
            rest = words[(module + 2)...]
        } else {
            return nil
        }
        // The verb comes first (`--version` or `--help` alone are other runs).
        guard let verb = rest.first else { return nil }
        switch verb {
        case "build": self.verb = .build
        case "workers": self.verb = .workers
        case "verify": self.verb = .verify
        default: self.verb = .other(verb)
        }
        arguments = Array(rest.dropFirst())
    }

    /// `build` and `workers` write workers.json, as Django's start-up would.
    var writesWorkersJSON: Bool { verb == .build || verb == .workers }

    /// `build --js-from-python` takes the worker sources from the providers' Python distributions, so no
    /// npm package is needed.
    var takesWorkersFromPython: Bool { arguments.contains("--js-from-python") }

    /// How a finding names the run: `proctoring-assets build`.
    var description: String {
        switch verb {
        case .build: return "proctoring-assets build"
        case .workers: return "proctoring-assets workers"
        case .verify: return "proctoring-assets verify"
        case .other(let name): return "proctoring-assets \(name)"
        }
    }
}
