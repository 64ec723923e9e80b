/// The SHA-384 value (`sha384-…`) of some bytes, already computed — a build-cache entry stores its bundles'
/// values — so that the report does not hash those bytes again.
struct KnownIntegrity: Sendable {
    var bytes: [UInt8]
    var value: String
}
