import Bundler

extension DefineSet {
    /// The define set of a JS_ENV_EXTRA_CONFIG text the test knows to be valid (nil: unset).
    static func parsedForTest(_ text: String?) -> DefineSet {
        // Tests only pass texts that parse; a failure here is a broken test.
        try! DefineSet.parse(jsEnvExtraConfig: text).get()
    }
}
