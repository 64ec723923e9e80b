/// `verify --smoke`'s own options: what the worker's replies must be, and which endpoints on this machine it
/// may reach. By default the run is hermetic (every request fails at once, as offline) and a typed failure
/// reply passes, since no desktop application is there to say yes.
public struct SmokeRunOptions: Sendable, Hashable {
    public enum Expectation: String, Sendable, Hashable, CaseIterable {
        /// Each prompt must get its protocol's typed reply, success or failure (`--smoke-expect typed-reply`).
        case typedReply = "typed-reply"
        /// Each prompt must get its success reply (`--smoke-expect success`).
        case success
    }

    public var expectation: Expectation
    /// `--smoke-allow ADDRESS:PORT` values, loopback only (checked when the run starts: PA256).
    public var allow: [String]

    public init(expectation: Expectation = .typedReply, allow: [String] = []) {
        self.expectation = expectation
        self.allow = allow
    }
}
