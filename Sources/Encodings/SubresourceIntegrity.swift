import Crypto

/// Subresource Integrity values (`integrity="sha384-…"`): `<algorithm>-` followed by the standard base64
/// (with padding) of the digest. The build report lists the sha384 value of each written file;
/// webpack-bundle-tracker's stats integrity joins one value per configured algorithm.
public enum SubresourceIntegrity {
    /// The hash functions SRI (and the tracker's `integrityHashes` option) accepts.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        case sha256
        case sha384
        case sha512
    }

    public static func value(of bytes: [UInt8], algorithm: Algorithm) -> String {
        let digest: [UInt8]
        switch algorithm {
        case .sha256: digest = Array(SHA256.hash(data: bytes))
        case .sha384: digest = Array(SHA384.hash(data: bytes))
        case .sha512: digest = Array(SHA512.hash(data: bytes))
        }
        return "\(algorithm.rawValue)-\(Base64.encode(digest))"
    }

    /// The same value for bytes in memory the caller owns (a reused read buffer), without copying them.
    public static func value(of bytes: UnsafeRawBufferPointer, algorithm: Algorithm) -> String {
        let digest: [UInt8]
        switch algorithm {
        case .sha256:
            var hasher = SHA256()
            hasher.update(bufferPointer: bytes)
            digest = Array(hasher.finalize())
        case .sha384:
            var hasher = SHA384()
            hasher.update(bufferPointer: bytes)
            digest = Array(hasher.finalize())
        case .sha512:
            var hasher = SHA512()
            hasher.update(bufferPointer: bytes)
            digest = Array(hasher.finalize())
        }
        return "\(algorithm.rawValue)-\(Base64.encode(digest))"
    }

    public static func sha384(_ bytes: [UInt8]) -> String {
        value(of: bytes, algorithm: .sha384)
    }
}
