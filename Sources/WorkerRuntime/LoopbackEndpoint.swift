import Diagnostics

/// An address and port on this machine that a smoke-run worker may reach (`--smoke-allow 127.0.0.1:54545`),
/// for a run next to the provider's desktop application or a stand-in for it. Only loopback addresses:
/// an IPv4 address in 127.0.0.0/8 or `[::1]`. A worker's request to `localhost` on the same port goes to
/// this address.
public struct LoopbackEndpoint: Sendable, Hashable, CustomStringConvertible {
    public let address: String
    public let port: Int

    /// Parses `ADDRESS:PORT` (IPv6 in brackets); anything else, or an address that is not loopback, is PA256.
    public init(parsing text: String) throws(DiagnosticError) {
        guard let parsed = Self.parse(text) else {
            throw DiagnosticError(Diagnostic(
                .smokeAllowNotLoopback,
                "`\(text)` is not a loopback address with a port; --smoke-allow takes 127.x.y.z:PORT or [::1]:PORT",
                at: .flag("--smoke-allow"),
                fix: "name the address and port the desktop application (or its stand-in) listens on, e.g. "
                    + "`--smoke-allow 127.0.0.1:54545`; other hosts are never reachable from a smoke run"))
        }
        self = parsed
    }

    private init(address: String, port: Int) {
        self.address = address
        self.port = port
    }

    public var description: String {
        address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
    }

    private static func parse(_ text: String) -> LoopbackEndpoint? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
              let port = Int(portText), (1...65535).contains(port)
        else { return nil }
        if host == "[::1]" { return LoopbackEndpoint(address: "::1", port: port) }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.first == "127" else { return nil }
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCII), octet.allSatisfy(\.isNumber),
                  let value = Int(octet), value <= 255, octet == "\(value)"
            else { return nil }
        }
        return LoopbackEndpoint(address: host, port: port)
    }
}
