import Testing

@testable import JavaScript

@Suite struct ChangedPartsTests {
    /// A property with all three parts: the computed key `[k]`, the value `v` and the shorthand default `d`.
    static let property = Property(
        kind: .value, key: .computed(ExpressionNode(.identifier("k"))), value: ExpressionNode(.identifier("v")),
        shorthandDefault: ExpressionNode(.identifier("d")))

    static func renaming(_ from: String, to: String) -> (ExpressionNode) -> ExpressionNode? {
        { expression in
            guard case .identifier(from) = expression.kind else { return nil }
            return ExpressionNode(.identifier(to), at: expression.at)
        }
    }

    @Test func nilWhenNoPartChanges() {
        var visited: [String] = []
        let result = Self.property.changed(
            key: { _ in visited.append("key"); return nil },
            value: { _ in visited.append("value"); return nil },
            shorthandDefault: { _ in visited.append("default"); return nil })
        #expect(result == nil)
        #expect(visited == ["key", "value", "default"])
    }

    @Test func replacesOnlyTheChangedParts() {
        let keyOnly = Self.property.changed(
            key: { _ in .identifier("k2") }, value: Self.renaming("x", to: "y"), shorthandDefault: Self.renaming("x", to: "y"))
        var expected = Self.property
        expected.key = .identifier("k2")
        #expect(keyOnly == expected)

        let valueAndDefault = Self.property.changed(
            key: { _ in nil }, value: Self.renaming("v", to: "w"), shorthandDefault: Self.renaming("d", to: "e"))
        expected = Self.property
        expected.value = ExpressionNode(.identifier("w"))
        expected.shorthandDefault = ExpressionNode(.identifier("e"))
        #expect(valueAndDefault == expected)
    }

    @Test func noShorthandDefaultIsNotVisited() {
        var plain = Self.property
        plain.shorthandDefault = nil
        var defaultVisited = false
        let result = plain.changed(
            key: { _ in nil }, value: Self.renaming("v", to: "w"), shorthandDefault: { _ in defaultVisited = true; return nil })
        #expect(result?.value == ExpressionNode(.identifier("w")))
        #expect(result?.shorthandDefault == nil)
        #expect(!defaultVisited)
    }
}
