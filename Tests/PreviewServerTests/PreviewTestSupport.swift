import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OrderedJSON
@testable import PreviewServer

/// A static root with a bundle, a hashed copy, a folder, and a link that points outside.
struct PreviewFixture {
    let root: String
    let staticRoot: String
    let bundleText = "self.addEventListener('message', function (e) { self.postMessage({ type: 'echo' }); });\n"
    static let workerURL = "http://127.0.0.1:8000/static/bundles/example-proctor-worker.js"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pa-preview-\(UUID().uuidString.prefix(8))").path
        staticRoot = root + "/staticfiles"
        let manager = FileManager.default
        try manager.createDirectory(atPath: staticRoot + "/bundles", withIntermediateDirectories: true)
        try bundleText.write(toFile: staticRoot + "/bundles/example-proctor-worker.js", atomically: true, encoding: .utf8)
        try bundleText.write(toFile: staticRoot + "/bundles/example-proctor-worker.0123456789ab.js", atomically: true, encoding: .utf8)
        try "{}".write(toFile: staticRoot + "/webpack-worker-stats.json", atomically: true, encoding: .utf8)
        try "SECRET_KEY = 'outside'\n".write(toFile: root + "/secret.py", atomically: true, encoding: .utf8)
        try manager.createSymbolicLink(atPath: staticRoot + "/bundles/escape.js", withDestinationPath: root + "/secret.py")
        try manager.createSymbolicLink(atPath: staticRoot + "/bundles/inside.js", withDestinationPath: staticRoot + "/bundles/example-proctor-worker.js")
    }

    func configuration(database: DatabaseLocation = .memory, seedExample: Bool = true) -> PreviewConfiguration {
        PreviewConfiguration(
            host: "127.0.0.1", port: 8000, staticRoot: staticRoot, staticURLPath: "/static/", lmsRootURL: "http://127.0.0.1:8000",
            statsFile: staticRoot + "/webpack-worker-stats.json", loaderDescription: "django-webpack-loader 3.2.4",
            backends: [
                PreviewBackend(name: "example_proctor", bundleName: "example-proctor-worker", workerURL: Self.workerURL, pingInterval: 60),
                PreviewBackend(name: "null", bundleName: nil, workerURL: "", pingInterval: 60),
            ],
            defaultBackend: "example_proctor", database: database, seedExample: seedExample)
    }
}

/// A logged-in browser: the session and CSRF cookies, and the token header.
struct BrowserSession {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var sendsCSRFHeader = true

    static let csrfHeader = HTTPField.Name("X-CSRFToken")!
    static let examPath = "/api/edx_proctoring/v1/proctored_exam/attempt/course_id/course-v1:Example+Proctoring+2026"
        + "?content_id=block-v1%3AExample%2BProctoring%2B2026%2Btype%40sequential%2Bblock%40exam&is_learning_mfe=true"

    static func login(_ user: String, client: any TestClientProtocol) async throws -> BrowserSession {
        var session = BrowserSession(client: client)
        let response = try await session.request("/login?user=\(user)", method: .get)
        session.absorbCookies(response)
        let token = try await session.request("/csrf/api/v1/token", method: .get)
        session.absorbCookies(token)
        return session
    }

    mutating func absorbCookies(_ response: TestResponse) {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
    }

    func request(_ uri: String, method: HTTPRequest.Method, json: String? = nil, form: String? = nil, headers extra: HTTPFields = [:])
        async throws -> TestResponse
    {
        var headers = extra
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if sendsCSRFHeader, let token = cookies["csrftoken"], headers[Self.csrfHeader] == nil { headers[Self.csrfHeader] = token }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        } else if let form {
            headers[.contentType] = "application/x-www-form-urlencoded; charset=UTF-8"
            body = ByteBuffer(string: form)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }

    func json(_ uri: String, method: HTTPRequest.Method = .get, json body: String? = nil, form: String? = nil) async throws
        -> (HTTPResponse.Status, JSONValue)
    {
        let response = try await request(uri, method: method, json: body, form: form)
        return (response.status, try JSONParser.parse(String(buffer: response.body)))
    }

    /// Creates an attempt at the example exam and returns its id.
    func createExampleAttempt(examID: Int) async throws -> Int {
        let (status, body) = try await json(
            "/api/edx_proctoring/v1/proctored_exam/attempt", method: .post,
            json: #"{"exam_id": \#(examID), "start_clock": "false", "attempt_proctored": "true"}"#)
        guard status == .ok, case .number(let digits)? = body["exam_attempt_id"], let id = Int(digits) else {
            throw PreviewTestFailure("attempt not created: \(status) \(body)")
        }
        return id
    }

    func exampleExam() async throws -> JSONValue {
        try await json(Self.examPath).1["exam"] ?? .null
    }
}

struct PreviewTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    var intValue: Int? {
        if case .number(let digits) = self { return Int(digits) }
        return nil
    }
}

/// The application under test, logging only warnings (the access log would bury the test output).
func buildQuietApplication(_ configuration: PreviewConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "proctoring-assets.serve.test")
    logger.logLevel = .warning
    return try await buildApplication(configuration, logger: logger)
}
