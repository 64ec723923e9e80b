import Bundler
import OrderedJSON
import Testing

/// DefinePlugin's value semantics (spec build.md §4), checked against webpack 5.75's observed output.
@Suite struct DefinePluginCodeTests {
    @Test("strings are raw code, nested objects recurse, keys keep JSON order")
    func observedOutput() throws {
        let value = try defineValue(
            #"{"PROCTORTRACK_CDN_URL":"abc","PROCTORTRACK_CONFIG_KEY":42,"N":null,"O":{"x":"\"y\"","arr":[1,"\"s\""]}}"#)
        #expect(DefinePluginCode.code(of: value)
            == #"{"PROCTORTRACK_CDN_URL":abc,"PROCTORTRACK_CONFIG_KEY":42,"N":null,"O":{"x":"y","arr":[1,"s"]}}"#)
        let definitions = DefinePluginCode.definitions(name: "process.env.JS_ENV_EXTRA_CONFIG", value: value)
        #expect(definitions.map(\.expression) == [
            "process.env.JS_ENV_EXTRA_CONFIG.PROCTORTRACK_CDN_URL", "process.env.JS_ENV_EXTRA_CONFIG.PROCTORTRACK_CONFIG_KEY",
            "process.env.JS_ENV_EXTRA_CONFIG.N", "process.env.JS_ENV_EXTRA_CONFIG.O.x", "process.env.JS_ENV_EXTRA_CONFIG.O.arr",
            "process.env.JS_ENV_EXTRA_CONFIG.O", "process.env.JS_ENV_EXTRA_CONFIG",
        ])
        #expect(definitions[0].code == "abc")
        #expect(definitions[3].code == #""y""#)
    }

    @Test("integer-like keys come first, as Object.keys orders them; a repeated key keeps its first place")
    func keyOrder() throws {
        let value = try defineValue(#"{"b":"1","10":"2","a-b":"3","2":"4","b":"5","01":"6"}"#)
        #expect(DefinePluginCode.code(of: value) == #"{"2":4,"10":2,"b":5,"a-b":3,"01":6}"#)
        let expressions = DefinePluginCode.definitions(name: "X", value: value).map(\.expression)
        #expect(expressions == ["X.b", "X"])
    }

    @Test("a non-object top value is one definition")
    func scalarTop() throws {
        #expect(DefinePluginCode.definitions(name: "X", value: .code(raw: "{}", expression: nil, syntaxError: nil))
            == [DefinePluginCode.Definition(expression: "X", code: "{}")])
    }

    @Test("definitions of a define set are those of its object; an unset variable has none")
    func definitionsOfADefineSet() throws {
        let set = try DefineSet.parse(jsEnvExtraConfig: #"{"A": "\"a\""}"#).get()
        #expect(DefinePluginCode.definitions(of: set).map(\.expression) == ["process.env.JS_ENV_EXTRA_CONFIG.A", "process.env.JS_ENV_EXTRA_CONFIG"])
        #expect(DefinePluginCode.definitions(of: try DefineSet.parse(jsEnvExtraConfig: nil).get()).isEmpty)
    }

    /// The object of a JS_ENV_EXTRA_CONFIG text, as the define model holds it.
    func defineValue(_ text: String) throws -> DefineSet.Value {
        .object(try #require(try DefineSet.parse(jsEnvExtraConfig: text).get().root))
    }

    @Test("mode follows NODE_ENV as webpack-cli does")
    func modeFromNodeEnvironment() {
        #expect(ExternalBundleMode(nodeEnvironment: nil) == .production)
        #expect(ExternalBundleMode(nodeEnvironment: "development") == .development)
        #expect(ExternalBundleMode(nodeEnvironment: "none") == .none)
        #expect(ExternalBundleMode(nodeEnvironment: "Development") == .production)
        #expect(ExternalBundleMode(nodeEnvironment: "test") == .production)
    }
}
