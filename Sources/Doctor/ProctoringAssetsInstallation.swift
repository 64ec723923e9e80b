import FileSystemSupport

/// The steps that make the `proctoring-assets` command available in an image: a `pip install` of its wheel
/// or of the distribution (whatever runs pip: `pip`, `python -m pip`, `uv pip`, Tutor's `$PIP_COMMAND`), or a
/// `COPY` of the binary itself (the Tutor plugin copies it from the build context).
enum ProctoringAssetsInstallation {
    /// pip options whose value is the next word.
    private static let optionsWithValue: Set<String> = [
        "-r", "--requirement", "-c", "--constraint", "-f", "--find-links", "-i", "--index-url", "--extra-index-url",
        "-t", "--target", "--prefix", "--root", "--python", "-e", "--editable", "--cache-dir",
    ]

    /// Whether the command's words install the wheel or the distribution.
    static func installs(words: [String]) -> Bool {
        guard let install = words.firstIndex(of: "install"),
            words[..<install].contains(where: { $0.lowercased().contains("pip") })
        else { return false }
        var index = install + 1
        while index < words.count {
            let word = words[index]
            index += optionsWithValue.contains(word) ? 2 : 1
            guard !word.hasPrefix("-") else { continue }
            if let name = ProviderEvidence.distributionName(ofRequirement: word),
                ProviderEvidence.normalized(name) == ProctoringAssetsCommand.distribution
            {
                return true
            }
        }
        return false
    }

    /// Whether a `COPY`/`ADD` brings the binary itself (`COPY proctoring-assets /usr/local/bin/`).
    static func copiesBinary(sources: [String]) -> Bool {
        sources.contains { PathComponents.basename($0) == ProctoringAssetsCommand.executableName }
    }
}
