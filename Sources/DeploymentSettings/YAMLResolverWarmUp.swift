import Yams

/// The YAML layer resolves the tags of plain scalars with Yams's default resolver: seven ICU regular
/// expressions, compiled once per process on first use — and the first ICU regular expression of a
/// process also builds ICU's Unicode property sets. Together ≈ 2 ms of CPU, a fifth of a `settings` run.
/// Commands that will evaluate settings start that work on another processor as soon as they start, while
/// the command line is parsed; reading the YAML then finds it done (or waits for the rest: the resolver is a
/// `static let`, initialised exactly once whichever thread gets there first). Nothing else changes.
public enum YAMLResolverWarmUp {
    /// Prepares the resolver on the calling thread (call it on another processor than the command's).
    public static func prepare() {
        _ = Resolver.default
    }
}
