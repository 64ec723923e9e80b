import Foundation
import Hummingbird
import OrderedJSON

/// DRF's `request.data` for the two encodings the frontends send: JSON (the MFE's axios client) and
/// `application/x-www-form-urlencoded` (the legacy page's jQuery `$.ajax`).
struct RequestFields: Sendable {
    private var values: [String: String]

    subscript(_ name: String) -> String? { values[name] }

    static func read(_ request: Request, context: PreviewRequestContext) async throws -> RequestFields {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let text = String(buffer: buffer)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            return RequestFields(values: formValues(text))
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return RequestFields(values: [:]) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw ProctoringAPIError.badRequest("JSON parse error - \(error.description)")
        }
        var values: [String: String] = [:]
        for member in value.objectMembers ?? [] {
            switch member.value {
            case .string(let text): values[member.key] = text
            case .number(let digits): values[member.key] = digits
            case .bool(let flag): values[member.key] = flag ? "True" : "False"
            default: continue
            }
        }
        return RequestFields(values: values)
    }

    /// `a=1&b=two+words` with percent-escapes, as browsers encode forms.
    static func formValues(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            values[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }
}
