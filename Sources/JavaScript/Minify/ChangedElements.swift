extension Array {
    /// The elements with `change` applied, or nil when it changes none of them (`change` returns nil for an
    /// element that stays as it is). Passes that rewrite syntax trees use it to share unchanged parts of the
    /// input instead of building every node and array again.
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
