import Diagnostics
import Testing
@testable import Doctor

/// Odd and truncated inputs must give findings (or nothing), never a crash.
@Suite struct DoctorRobustnessTests {
    static let nastyTexts = [
        "", "\n\n", "\\", "RUN \\", "echo `unterminated", "echo $(unterminated", "echo ${unterminated", "a=\"", "'",
        "npm run build 2>", "cat <<", "<<EOF", "FROM\n", "FROM x AS\nRUN", "RUN [\"npm\", ", "ENV", "ENV A", "ARG =x",
        "COPY --from= a b", "x:\n    IF\n", "END\nEND", "target:\n    COPY (+a/b", "\r\nFROM x\r\nRUN npm run webpack\r\n",
        "$'", "echo \"$(a \"b)\"", "FROM x\nRUN <<A <<B\nfirst\nA\nsecond\nB\n", "\u{FEFF}FROM x", "FROM x\nRUN npm run build ||",
    ]

    @Test(arguments: nastyTexts)
    func everyReaderSurvives(text: String) {
        for name in ["Dockerfile", "Earthfile", "build.sh", "config.yml", "package.json", "requirements.txt"] {
            let findings = doctorFindings([name: text], settings: goodSettings())
            #expect(findings.allSatisfy { !$0.message.isEmpty })
        }
        _ = ShellScript.parse(text)
        _ = Dockerfile.parse(text)
        _ = Earthfile.parse(text)
    }

    @Test func crlfDockerfileKeepsPositions() {
        let text = "FROM python:3.11 AS a\r\nWORKDIR /openedx/edx-platform\r\nRUN npm run webpack 2>/dev/null\r\n"
        let findings = doctorFindings(["Dockerfile": text])
        let discard = findings.first { $0.code.identifier == "PA401" }
        #expect(discard?.location == .file("Dockerfile", line: 3, column: 5), "\(findings.map { "\($0.code) \($0.message)" })")
    }
}
