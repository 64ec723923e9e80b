import FileSystemSupport
import Foundation
import Hummingbird

/// Serves STATIC_ROOT under the STATIC_URL path, as the LMS's web server would: correct types,
/// validators (ETag, Last-Modified) and Cache-Control, HEAD; nothing outside the root, no listings.
struct StaticFileResponder: Sendable {
    typealias Context = PreviewRequestContext
    /// The real path of STATIC_ROOT (symlinks resolved), so that a link inside cannot lead out.
    let realRoot: String?

    init(staticRoot: String) {
        realRoot = Self.realPath(staticRoot)
    }

    /// Answers GET and HEAD for the path components after the STATIC_URL prefix (still percent-encoded).
    func respond(_ request: Request, context: Context, encodedComponents: [Substring]) throws -> Response {
        guard let realRoot else { throw HTTPError(.notFound, message: "STATIC_ROOT does not exist") }
        var components: [String] = []
        for encoded in encodedComponents {
            guard let decoded = String(encoded).removingPercentEncoding else {
                throw HTTPError(.badRequest, message: "malformed percent-encoding in the path")
            }
            // Encoded separators and dot segments would let a request climb out of STATIC_ROOT.
            if decoded == ".." || decoded == "." || decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") {
                throw HTTPError(.forbidden, message: "path traversal refused")
            }
            if !decoded.isEmpty { components.append(decoded) }
        }
        guard !components.isEmpty else { throw HTTPError(.forbidden, message: "directory listings are refused") }
        let candidate = PathComponents.join(realRoot, components.joined(separator: "/"))
        guard let real = Self.realPath(candidate) else { throw HTTPError(.notFound) }
        guard real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else {
            throw HTTPError(.forbidden, message: "the file is a link to outside STATIC_ROOT")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { throw HTTPError(.notFound) }
        if isDirectory.boolValue { throw HTTPError(.forbidden, message: "directory listings are refused") }
        let attributes = try FileManager.default.attributesOfItem(atPath: real)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        let etag = "\"\(String(Int(modified.timeIntervalSince1970), radix: 16))-\(String(size, radix: 16))\""
        let lastModified = Self.httpDate(modified)
        var headers: HTTPFields = [
            .contentType: MediaTypes.contentType(forFileName: components[components.count - 1]),
            .eTag: etag,
            .lastModified: lastModified,
            .cacheControl: Self.cacheControl(fileName: components[components.count - 1]),
        ]
        if Self.notModified(request, etag: etag, modified: modified) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(size)
        if request.method == .head {
            return Response(status: .ok, headers: headers)
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: real))
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    static func notModified(_ request: Request, etag: String, modified: Date) -> Bool {
        if let match = request.headers[.ifNoneMatch] {
            return match == "*" || match.split(separator: ",").contains { tag in
                let trimmed = tag.trimmingCharacters(in: .whitespaces)
                return trimmed == etag || trimmed == "W/" + etag
            }
        }
        if let since = request.headers[.ifModifiedSince], let date = parseHTTPDate(since) {
            return Int(modified.timeIntervalSince1970) <= Int(date.timeIntervalSince1970)
        }
        return false
    }

    /// Names with a content hash (ManifestStaticFilesStorage's `name.<12 hex>.ext`) never change.
    static func cacheControl(fileName: String) -> String {
        let parts = fileName.split(separator: ".")
        let hashed = parts.count >= 3 && parts[parts.count - 2].count == 12
            && parts[parts.count - 2].allSatisfy { $0.isHexDigit }
        return hashed ? "public, max-age=31536000, immutable" : "no-cache"
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
