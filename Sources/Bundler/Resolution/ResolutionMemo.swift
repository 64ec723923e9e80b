import Synchronization

/// The successful resolutions of one build, by what decides them: the importer's real directory, the request
/// text and the request kind. A module of core-js makes the same requests (`../internals/export`, …) as hundreds
/// of its neighbours, so most requests of a build are answered here instead of probing and walking package.json
/// files again. Only successes are kept: a failure's message names the request that failed, and a failed build
/// stops anyway. Like the stat and realpath answers, a memo lives for one resolver, that is one build.
final class ResolutionMemo: Sendable {
    struct Key: Hashable {
        var baseDirectory: String
        var specifier: String
        var kind: RequestKind
    }

    /// A resolution as every importer gets it: the file found (with the extension guessed for it, if any), the
    /// module without its warnings (they depend on the importer), and whether a path request found its file only
    /// by guessing (PA152 for an ES module importer).
    struct Answer: Sendable {
        var found: Found
        var module: ResolvedModule
        var guessesPath: Bool
    }

    private let answers = Mutex<[Key: Answer]>([:])

    func answer(for key: Key) -> Answer? {
        answers.withLock { $0[key] }
    }

    func remember(_ answer: Answer, for key: Key) {
        answers.withLock { $0[key] = answer }
    }
}
