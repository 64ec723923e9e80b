import Foundation

enum Environment {
    static var python: String? {
        guard let value = ProcessInfo.processInfo.environment["PA_TEST_PYTHON"], !value.isEmpty else { return nil }
        return value
    }
}
