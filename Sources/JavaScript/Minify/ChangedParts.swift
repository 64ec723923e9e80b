// Passes that rewrite syntax trees (the minifier's, `ExpressionRewriter.sharingUnchanged`) return nil for a part
// they leave as it is, so that unchanged parts of the input are shared instead of every node and array being
// built again. These put such changes together.

extension Array {
    /// The elements with `change` applied, or nil when it changes none of them (`change` returns nil for an
    /// element that stays as it is).
    func mapChanges(_ change: (Element) -> Element?) -> [Element]? {
        var result: [Element]?
        for index in indices {
            guard let changed = change(self[index]) else { continue }
            if result == nil { result = self }
            result?[index] = changed
        }
        return result
    }
}

extension Property {
    /// The property with `key`, `value` and `shorthandDefault` applied to its parts, in that order, or nil when
    /// none of them changes its part (each returns nil for a part that stays as it is; `shorthandDefault` is
    /// called only when the property has one). Its kind and `isShorthand` stay as they are.
    func changed(
        key: (PropertyKey) -> PropertyKey?,
        value: (ExpressionNode) -> ExpressionNode?,
        shorthandDefault: (ExpressionNode) -> ExpressionNode?
    ) -> Property? {
        let newKey = key(self.key)
        let newValue = value(self.value)
        let newDefault = self.shorthandDefault.flatMap(shorthandDefault)
        guard newKey != nil || newValue != nil || newDefault != nil else { return nil }
        var result = self
        if let newKey { result.key = newKey }
        if let newValue { result.value = newValue }
        if let newDefault { result.shorthandDefault = newDefault }
        return result
    }
}
