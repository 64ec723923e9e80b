import Encodings

/// The hash functions webpack-bundle-tracker's `integrityHashes` option accepts (the SRI set).
public typealias IntegrityAlgorithm = SubresourceIntegrity.Algorithm

extension SubresourceIntegrity.Algorithm {
    /// The tracker's default `integrityHashes`.
    public static let trackerDefault: [SubresourceIntegrity.Algorithm] = [.sha256, .sha384, .sha512]
}

/// The `integrity` value webpack-bundle-tracker (`integrity: true`) writes for an asset: `<alg>-<base64 digest>`
/// per algorithm of `integrityHashes`, joined by one space, in that order.
public enum StatsIntegrity {
    public static func value(of bytes: [UInt8], algorithms: [IntegrityAlgorithm] = IntegrityAlgorithm.trackerDefault)
        -> String
    {
        algorithms.map { SubresourceIntegrity.value(of: bytes, algorithm: $0) }.joined(separator: " ")
    }
}
