/// The order in which a JavaScript object enumerates its keys, which is the order JSON.stringify writes
/// them: array-index keys ("0" … "4294967294") first in ascending numeric order, then the other keys
/// in insertion order. The trackers' outputs follow this, so ours must too.
enum JavaScriptObjectKeyOrder {
    static func enumerationOrder(ofInsertionOrder keys: [String]) -> [String] {
        let indexKeys = keys.compactMap { key in arrayIndex(key).map { (key, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
        let otherKeys = keys.filter { arrayIndex($0) == nil }
        return indexKeys + otherKeys
    }

    /// `Object.keys(o).sort()` (webpack-bundle-tracker 3.2.0+): UTF-16 code-unit order, then re-inserted into
    /// an object, so array-index keys still come first.
    static func sortedAsTracker3(_ keys: [String]) -> [String] {
        enumerationOrder(ofInsertionOrder: keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
    }

    /// A canonical array index: digits without a leading zero (except "0 itself") below 2^32 − 1.
    static func arrayIndex(_ key: String) -> UInt64? {
        guard !key.isEmpty, key.count <= 10, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if key.count > 1 && key.hasPrefix("0") { return nil }
        guard let value = UInt64(key), value < 4_294_967_295 else { return nil }
        return value
    }
}
