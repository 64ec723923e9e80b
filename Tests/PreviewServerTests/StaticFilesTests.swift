import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PreviewServer

@Suite("Static files under STATIC_URL")
struct StaticFilesTests {
    @Test func bundleIsServedWithTypeValidatorsAndCaching() async throws {
        let fixture = try PreviewFixture()
        let app = try await buildQuietApplication(fixture.configuration())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/static/bundles/example-proctor-worker.js", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(String(buffer: response.body) == fixture.bundleText)
            #expect(response.headers[.cacheControl] == "no-cache")
            let etag = try #require(response.headers[.eTag])
            let lastModified = try #require(response.headers[.lastModified])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            #expect(lastModified.hasSuffix(" GMT"))

            let revalidated = try await client.execute(
                uri: "/static/bundles/example-proctor-worker.js", method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.readableBytes == 0)
            let changedTag = try await client.execute(
                uri: "/static/bundles/example-proctor-worker.js", method: .get, headers: [.ifNoneMatch: "\"other\""])
            #expect(changedTag.status == .ok)
            let since = try await client.execute(
                uri: "/static/bundles/example-proctor-worker.js", method: .get, headers: [.ifModifiedSince: lastModified])
            #expect(since.status == .notModified)

            let head = try await client.execute(uri: "/static/bundles/example-proctor-worker.js", method: .head)
            #expect(head.status == .ok)
            #expect(head.headers[.contentLength] == String(fixture.bundleText.utf8.count))
            #expect(head.headers[.eTag] == etag)
            #expect(head.body.readableBytes == 0)

            let stats = try await client.execute(uri: "/static/webpack-worker-stats.json", method: .get)
            #expect(stats.headers[.contentType] == "application/json")
            let hashed = try await client.execute(uri: "/static/bundles/example-proctor-worker.0123456789ab.js", method: .get)
            #expect(hashed.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let linkInside = try await client.execute(uri: "/static/bundles/inside.js", method: .get)
            #expect(linkInside.status == .ok)
        }
    }

    @Test(arguments: [
        "/static/../secret.py", "/static/bundles/../../secret.py", "/static/%2e%2e/secret.py", "/static/%2E%2E%2Fsecret.py",
        "/static/bundles%2F..%2F..%2Fsecret.py", "/static/..%5csecret.py", "/static/bundles/escape.js",
    ])
    func escapesAreRefused(_ path: String) async throws {
        let fixture = try PreviewFixture()
        let app = try await buildQuietApplication(fixture.configuration())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .forbidden)
            #expect(!String(buffer: response.body).contains("SECRET_KEY"))
        }
    }

    @Test func directoriesAreNotListedAndMissingFilesAre404() async throws {
        let fixture = try PreviewFixture()
        let app = try await buildQuietApplication(fixture.configuration())
        try await app.test(.router) { client in
            for path in ["/static/", "/static/bundles", "/static/bundles/"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .forbidden, "\(path)")
                #expect(!String(buffer: response.body).contains("example-proctor-worker"), "\(path)")
            }
            let missing = try await client.execute(uri: "/static/bundles/missing.js", method: .get)
            #expect(missing.status == .notFound)
            let malformed = try await client.execute(uri: "/static/bundles/%zz.js", method: .get)
            #expect(malformed.status == .badRequest)
        }
    }
}
