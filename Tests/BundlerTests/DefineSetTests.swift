import Diagnostics
import JavaScript
import Testing

@testable import Bundler

@Suite struct DefineSetTests {
    func keys(_ text: String) throws -> [String] {
        try #require(try DefineSet.parse(jsEnvExtraConfig: text).get().root).map(\.key)
    }

    @Test func keysFollowObjectKeysOrder() throws {
        // Integer-like keys first and ascending, then the others as written; a repeated key keeps its place.
        #expect(try keys(#"{"b": 1, "10": 2, "a": 3, "2": 4, "b": 5, "01": 6}"#) == ["2", "10", "b", "a", "01"])
    }

    @Test func valuesAreCode() throws {
        let set = try DefineSet.parse(jsEnvExtraConfig: #"{"S": "\"x\"", "N": 1.5, "T": true, "Z": null, "C": "a + b"}"#).get()
        func printed(_ key: String) -> String? {
            guard case .code(_, let expression?, _, _)? = set.value(at: [key]) else { return nil }
            return JavaScriptPrinter.print(expression)
        }
        #expect(printed("S") == "\"x\"")
        #expect(printed("N") == "1.5")
        #expect(printed("T") == "true")
        #expect(printed("Z") == "null")
        #expect(printed("C") == "a + b")
    }

    @Test func codeThatIsNotOneExpressionIsKeptWithItsProblem() throws {
        let set = try DefineSet.parse(jsEnvExtraConfig: #"{"URL": "https://x", "TWO": "1); (2", "COMMENT": "1 // c"}"#).get()
        guard case .code(_, nil, let problem?, _)? = set.value(at: ["URL"]) else {
            Issue.record("URL should not parse")
            return
        }
        #expect(problem == "unexpected token ':', expected ')' at column 6")
        if case .code(_, nil, _, _)? = set.value(at: ["TWO"]) {} else { Issue.record("two statements must be refused") }
        if case .code(_, _?, nil, _)? = set.value(at: ["COMMENT"]) {} else { Issue.record("a trailing comment is still one expression") }
    }

    @Test func syntaxErrorPositionsAreInTheValueItself() throws {
        let set = try DefineSet.parse(jsEnvExtraConfig: #"{"OPEN": "1 +", "SECOND": "1 +\n2 :", "QUOTE": "\"a"}"#).get()
        func problem(_ key: String) -> String? {
            guard case .code(_, nil, let problem?, _)? = set.value(at: [key]) else { return nil }
            return problem
        }
        #expect(problem("OPEN")?.hasSuffix("at the end of the value") == true, "\(problem("OPEN") ?? "parsed")")
        #expect(problem("SECOND")?.hasSuffix("at line 2, column 3") == true, "\(problem("SECOND") ?? "parsed")")
        #expect(problem("QUOTE")?.hasSuffix("at column 1") == true, "\(problem("QUOTE") ?? "parsed")")
    }

    @Test func unsetAndLocation() throws {
        let set = try DefineSet.parse(jsEnvExtraConfig: nil, location: .flag("--js-env-extra-config")).get()
        #expect(set.isUnset)
        #expect(set.location == .flag("--js-env-extra-config"))
    }

    @Test func catalogHasTheDefineRange() {
        #expect(DefineCatalog.codes.allSatisfy { $0.identifier >= "PA180" && $0.identifier <= "PA199" })
        #expect(BundlerCatalog.codes.allSatisfy { $0.identifier >= "PA140" && $0.identifier <= "PA179" })
        #expect(Set(DefineCatalog.codes.map(\.identifier)).count == DefineCatalog.codes.count)
    }
}
