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

/// Standard base64 with padding (what node's `digest('base64')` prints); kept here to avoid Foundation.
/// Bundler has the same internal helper; BundleManifest does not depend on Bundler.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let first = bytes[index]
            let second = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
