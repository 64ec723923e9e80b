import Foundation
import TestSupport

/// Runs snippets with the real upstream Python packages installed by scripts/install-test-tools.
enum UpstreamPython {
    enum Failure: Error, CustomStringConvertible {
        case missingInterpreter
        case failed(status: Int32, output: String)

        var description: String {
            switch self {
            case .missingInterpreter:
                return "PA_TEST_PYTHON is not set: run the tests through scripts/test, which installs edx-proctoring and Django"
            case .failed(let status, let output):
                return "python exited with \(status): \(output)"
            }
        }
    }

    static func run(_ script: String, arguments: [String] = []) throws -> String {
        guard let python = ProcessInfo.processInfo.environment["PA_TEST_PYTHON"], !python.isEmpty else {
            throw Failure.missingInterpreter
        }
        let run = try ExternalProcess.run(python, ["-c", script] + arguments)
        let text = run.standardOutput + run.standardError
        guard run.status == 0 else { throw Failure.failed(status: run.status, output: text) }
        return run.standardOutput
    }

    /// Calls the real `edx_proctoring.apps.make_worker_config` with backends that have the given npm
    /// modules (in order) and writes to `output`.
    static func makeWorkerConfig(nodeModulesRoot: String, envRoot: String, npmModules: [String], output: String) throws {
        let script = """
            import sys, json
            from django.conf import settings
            settings.configure(NODE_MODULES_ROOT=sys.argv[1], ENV_ROOT=sys.argv[2])
            import django
            django.setup()
            from edx_proctoring.apps import make_worker_config
            backends = [type('Backend%d' % i, (), {'npm_module': name})() for i, name in enumerate(json.loads(sys.argv[3]))]
            print(make_worker_config(backends, out=sys.argv[4]))
            """
        let modules = "[" + npmModules.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        _ = try run(script, arguments: [nodeModulesRoot, envRoot, modules, output])
    }
}
