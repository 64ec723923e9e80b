import Diagnostics
import OrderedJSON

/// The one check the external back ends make on JS_ENV_EXTRA_CONFIG: that `JSON.parse` accepts it, as
/// edx-platform's worker config requires. (Which keys a provider reads, and whether each value is valid
/// JS, is the defines stage's business; webpack reports the latter as a parse error anyway.)
enum ExtraConfigCheck {
    static func parse(_ text: String) -> Result<JSONValue, DiagnosticError> {
        do {
            return .success(try JSONParser.parse(text))
        } catch {
            let reason = "\(error.message) at line \(error.line), column \(error.column)"
            return .failure(DiagnosticError(Diagnostic(
                .externalBundlerConfigInvalid,
                "JS_ENV_EXTRA_CONFIG is not valid JSON (\(reason)); edx-platform's worker config would throw in "
                    + "JSON.parse and silently build no worker bundle",
                at: .environment("JS_ENV_EXTRA_CONFIG"),
                fix: "write it as a JSON object whose values are JS code, e.g. {\"KEY\": \"\\\"https://…\\\"\"}")))
        }
    }

    static func jsonProblem(in text: String) -> Diagnostic? {
        if case .failure(let problem) = parse(text) { return problem.diagnostics.first }
        return nil
    }
}
