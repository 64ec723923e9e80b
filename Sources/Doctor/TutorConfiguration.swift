import Diagnostics
import Yams

/// A backend named in PROCTORING_BACKENDS, with where it was configured.
struct ConfiguredBackend: Sendable, Hashable {
    var name: String
    var location: SourceLocation?
    /// Set when no settings configure it and the build installs its provider (`ProviderEvidence`): why it is expected.
    var evidence: String?
}

/// The proctoring part of the deployment's configuration: from a Tutor `config.yml` when it has
/// PROCTORING_BACKENDS (a plugin renders it into the settings), otherwise from the resolved settings.
struct ProctoringConfiguration: Sendable {
    var backends: [ConfiguredBackend] = []
    var defaultName: String?
    var defaultLocation: SourceLocation?
    var location: SourceLocation?
}

enum TutorConfigurationReader {
    enum Failure: Error {
        case invalidYAML(message: String, line: Int?, column: Int?)
    }

    /// Nil when the file has no PROCTORING_BACKENDS key.
    static func read(_ text: String, path: String) throws(Failure) -> ProctoringConfiguration? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
                throw .invalidYAML(message: problem, line: mark.line, column: mark.column)
            default:
                throw .invalidYAML(message: "\(error)", line: nil, column: nil)
            }
        } catch {
            throw .invalidYAML(message: "\(error)", line: nil, column: nil)
        }
        guard let mapping = root?.mapping else { return nil }
        for (key, value) in mapping where key.string == "PROCTORING_BACKENDS" {
            var configuration = ProctoringConfiguration()
            configuration.location = location(key, path: path)
            for (backendKey, backendValue) in value.mapping ?? [:] {
                guard let name = backendKey.string else { continue }
                if name == "DEFAULT" {
                    configuration.defaultName = backendValue.string
                    configuration.defaultLocation = location(backendValue, path: path)
                } else {
                    configuration.backends.append(ConfiguredBackend(name: name, location: location(backendKey, path: path)))
                }
            }
            return configuration
        }
        return nil
    }

    private static func location(_ node: Node, path: String) -> SourceLocation {
        guard let mark = node.mark else { return .file(path) }
        return .file(path, line: mark.line, column: mark.column)
    }
}
