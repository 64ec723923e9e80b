import Crypto

/// Subresource Integrity values (`integrity="sha384-…"`), as the build report lists them for each
/// written bundle.
public enum SubresourceIntegrity {
    /// `sha384-` followed by the standard base64 (with padding) of the SHA-384 digest.
    public static func sha384(_ bytes: [UInt8]) -> String {
        "sha384-" + Base64.encode(Array(SHA384.hash(data: bytes)))
    }
}
