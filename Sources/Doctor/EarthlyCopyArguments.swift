import FileSystemSupport

/// The parts of Earthly's `COPY` and `SAVE ARTIFACT` that tell where files go.
enum EarthlyCopyArguments {
    /// `COPY` options that take a value, which Earthly also accepts as a separate word.
    static let valueOptions: Set<String> = ["--chmod", "--chown", "--platform", "--build-arg", "--from"]

    /// Source and destination words of `COPY`, options (and their separate values) left out.
    static func positional(_ words: [String]) -> [String] {
        var result: [String] = []
        var skipNext = false
        for word in words {
            if skipNext {
                skipNext = false
                continue
            }
            if word.hasPrefix("--") {
                skipNext = valueOptions.contains(word)
                continue
            }
            result.append(word)
        }
        return result
    }

    /// The destination of `COPY [options] <src>... <dest>` (the last word, after any `(+target/… --arg)` group).
    static func placement(_ arguments: String) -> CopyPlacement? {
        let words = arguments.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard let last = words.last, words.count >= 2 else { return nil }
        return CopyPlacement(destination: unquoted(last), copiesFolderItself: words.contains("--dir"))
    }

    /// `SAVE ARTIFACT [options] <src> [<artifact-dest>] [AS LOCAL <path>]`, with the WORKDIR in effect.
    static func savedArtifacts(_ commands: [EarthfileCommand]) -> [SavedArtifact] {
        var workdir: String?
        var saved: [SavedArtifact] = []
        for command in commands {
            let words = command.arguments.string.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { unquoted(String($0)) }
            if command.keyword == "WORKDIR", let path = words.first {
                workdir = PathComponents.normalize(PathComponents.join(workdir ?? "/", path))
            }
            guard command.keyword == "SAVE", words.first == "ARTIFACT" else { continue }
            var rest = words.dropFirst().filter { !$0.hasPrefix("--") }
            if let local = rest.firstIndex(of: "AS") { rest = Array(rest[..<local]) }
            guard let source = rest.first else { continue }
            var sourceName = source
            while sourceName.hasSuffix("/") || sourceName.hasSuffix("/*") {
                sourceName = String(sourceName.dropLast(sourceName.hasSuffix("/*") ? 2 : 1))
            }
            let name = PathComponents.basename(sourceName)
            var artifact = name
            if rest.count > 1 {
                let destination = rest[1]
                artifact = destination.hasSuffix("/") ? destination + name : destination
            }
            while artifact.hasPrefix("/") { artifact.removeFirst() }
            saved.append(SavedArtifact(artifactPath: artifact, sourcePath: sourceName, workdir: workdir))
        }
        return saved
    }

    private static func unquoted(_ word: String) -> String {
        var text = word
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }
}
