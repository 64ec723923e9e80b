import FileSystemSupport
import Synchronization

/// The file system as the bundler sees it during a build whose result goes into the build cache: every
/// question is passed on to `base` and recorded with its answer. Safe to use from several threads (the
/// bundler may read modules in parallel).
final class RecordingFileSystem: FileSystem {
    let base: any FileSystem
    private let answers = Mutex<[BuildInput: String]>([:])
    private let changedWhileRecording = Mutex<Bool>(false)

    init(base: any FileSystem) {
        self.base = base
    }

    /// Every question asked so far with the answer it got, in a stable order.
    var recordedInputs: [(input: BuildInput, answer: String)] {
        answers.withLock { $0.map { (input: $0.key, answer: $0.value) } }.sorted { $0.input < $1.input }
    }

    /// True when the same question got two different answers (a file changed while the bundler ran): the
    /// result may mix old and new contents and must not be cached.
    var sawInputChange: Bool { changedWhileRecording.withLock { $0 } }

    func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
        let input = BuildInput(query: .readFile, path: path)
        do {
            let bytes = try base.readFile(path)
            record(input, BuildInput.answer(readingFile: bytes))
            return bytes
        } catch {
            record(input, BuildInput.answer(failure: error))
            throw error
        }
    }

    func entryKind(_ path: String) -> FileEntryKind? {
        let kind = base.entryKind(path)
        record(BuildInput(query: .entryKind, path: path), BuildInput.answer(entryKind: kind))
        return kind
    }

    func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
        let input = BuildInput(query: .listDirectory, path: path)
        do {
            let names = try base.listDirectory(path)
            record(input, BuildInput.answer(listing: names))
            return names
        } catch {
            record(input, BuildInput.answer(failure: error))
            throw error
        }
    }

    func realPath(_ path: String) throws(FileSystemError) -> String {
        let input = BuildInput(query: .realPath, path: path)
        do {
            let resolved = try base.realPath(path)
            record(input, BuildInput.answer(realPath: resolved))
            return resolved
        } catch {
            record(input, BuildInput.answer(failure: error))
            throw error
        }
    }

    private func record(_ input: BuildInput, _ answer: String) {
        let changed = answers.withLock { recorded -> Bool in
            guard let earlier = recorded[input] else {
                recorded[input] = answer
                return false
            }
            return earlier != answer
        }
        if changed { changedWhileRecording.withLock { $0 = true } }
    }
}
