import Foundation
import TestSupport

/// The built `proctoring-assets serve` running in the background on 127.0.0.1 and a free port.
final class ServeProcess {
    let port: Int
    let process = Process()
    let errorLog: String
    var origin: String { "http://127.0.0.1:\(port)" }

    init(arguments: [String], folder: String) throws {
        port = try Self.freePort()
        errorLog = folder + "/serve-\(port).stderr"
        FileManager.default.createFile(atPath: errorLog, contents: nil)
        process.executableURL = URL(fileURLWithPath: CommandLineRunner.executable)
        process.arguments = ["serve"] + arguments + ["--host", "127.0.0.1", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/serve-\(port).stdout").createdEmpty())
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorLog))
        try process.run()
        try waitUntilReady()
    }

    var log: String { (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? "" }

    /// Waits for the start-up line that names the preview URL (the server logs it once it listens).
    private func waitUntilReady() throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if log.contains("preview LMS ready") { return }
            if !process.isRunning { throw ServeFailure("serve exited with \(process.terminationStatus):\n\(log)") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw ServeFailure("serve did not start within 60 s:\n\(log)")
    }

    /// SIGTERM (graceful) or SIGKILL, then the exit status (or signal number).
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { stop(signal: SIGKILL) }
    }

    /// A port nobody listens on now: bind port 0, read what the kernel chose, close.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServeFailure("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw ServeFailure("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// curl with a cookie jar, as a browser session against the server.
struct CurlSession {
    let jar: String
    let curl: String

    init(folder: String, name: String) throws {
        jar = folder + "/cookies-\(name)"
        curl = ProcessInfo.processInfo.environment["PA_TEST_CURL"] ?? "/usr/bin/curl"
    }

    /// The status code and body.
    func request(_ url: String, method: String = "GET", json: String? = nil, csrf: String? = nil) throws -> (Int, String) {
        var arguments = ["-s", "-b", jar, "-c", jar, "-X", method, "-w", "\n%{http_code}", url]
        if let json { arguments += ["-H", "Content-Type: application/json", "--data", json] }
        if let csrf { arguments += ["-H", "X-CSRFToken: \(csrf)"] }
        let run = try ExternalProcess.run(curl, arguments)
        guard run.status == 0 else { throw ServeFailure("curl \(url) failed: \(run.status) \(run.standardError)") }
        let output = run.standardOutput
        let split = output.lastIndex(of: "\n") ?? output.startIndex
        return (Int(output[split...].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, String(output[..<split]))
    }

    func json(_ url: String, method: String = "GET", json body: String? = nil, csrf: String? = nil) throws -> (Int, [String: Any]) {
        let (status, text) = try request(url, method: method, json: body, csrf: csrf)
        return (status, (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:])
    }
}

struct ServeFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension URL {
    func createdEmpty() -> URL {
        FileManager.default.createFile(atPath: path, contents: nil)
        return self
    }
}
