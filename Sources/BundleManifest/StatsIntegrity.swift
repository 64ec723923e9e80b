import Bundler
import Crypto

/// The hash functions webpack-bundle-tracker's `integrityHashes` option accepts (the SRI set).
public enum IntegrityAlgorithm: String, Sendable, Hashable, CaseIterable {
    case sha256
    case sha384
    case sha512

    /// The tracker's default `integrityHashes`.
    public static let trackerDefault: [IntegrityAlgorithm] = [.sha256, .sha384, .sha512]
}

/// The `integrity` value webpack-bundle-tracker (`integrity: true`) writes for an asset: `<alg>-<base64 digest>`
/// per algorithm of `integrityHashes`, joined by one space, in that order. (Bundler's `SubresourceIntegrity` gives
/// the single sha384 value of the build report; this one follows the tracker's option.)
public enum StatsIntegrity {
    public static func value(of bytes: [UInt8], algorithms: [IntegrityAlgorithm] = IntegrityAlgorithm.trackerDefault)
        -> String
    {
        algorithms.map { algorithm in
            let digest: [UInt8]
            switch algorithm {
            case .sha256: digest = Array(SHA256.hash(data: bytes))
            case .sha384: digest = Array(SHA384.hash(data: bytes))
            case .sha512: digest = Array(SHA512.hash(data: bytes))
            }
            return "\(algorithm.rawValue)-\(Base64.encode(digest))"
        }.joined(separator: " ")
    }
}
