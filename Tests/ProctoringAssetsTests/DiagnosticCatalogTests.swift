import Diagnostics
import Foundation
import Testing
@testable import ProctoringAssets

@Suite struct DiagnosticCatalogTests {
    @Test func codesAreUniqueAndWellFormed() {
        var seen = Set<String>()
        for code in DiagnosticCatalog.all {
            #expect(!seen.contains(code.identifier), "duplicate \(code.identifier)")
            seen.insert(code.identifier)
            #expect(code.identifier.count == 5 && code.identifier.hasPrefix("PA") && Int(code.identifier.dropFirst(2)) != nil)
        }
    }

    @Test func everyCodeHasAnExplanation() {
        for code in DiagnosticCatalog.all {
            #expect(code.explanation.count >= 60, "\(code.identifier) needs a real explanation")
            #expect(!code.title.isEmpty)
        }
    }

    @Test func readmeListsEveryCode() throws {
        let readme = try String(contentsOfFile: CommandLineRunner.packageRoot + "/README.md", encoding: .utf8)
        for code in DiagnosticCatalog.all {
            #expect(readme.contains("| \(code.identifier) | \(code.title) |"), "README lacks \(code.identifier)")
        }
    }

    @Test func explainPrintsTheText() throws {
        let code = DiagnosticCatalog.all[0]
        let outcome = try CommandLineRunner.run(["explain", code.identifier])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains(code.explanation))
        let unknown = try CommandLineRunner.run(["explain", "PA999"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("PA903"))
    }
}

@Suite struct ExplainTopicTests {
    @Test func everyTopicPrintsAndNamesOnlyRealCodes() throws {
        let known = Set(DiagnosticCatalog.all.map(\.identifier))
        for topic in ExplainTopic.all {
            let outcome = try CommandLineRunner.run(["explain", topic.name])
            #expect(outcome.status == 0)
            #expect(outcome.standardOutput.contains(topic.title))
            for match in topic.text.matches(of: /PA\d{3}/) {
                #expect(known.contains(String(match.output)), "\(topic.name) cites \(match.output), which is no code")
            }
        }
    }

    @Test func explainAlonePrintsThePipeline() throws {
        let outcome = try CommandLineRunner.run(["explain"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("workers.json"))
        #expect(outcome.standardOutput.contains("desktop_application_js_url"))
    }
}
