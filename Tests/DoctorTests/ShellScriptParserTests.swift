@testable import Doctor
import Encodings
import Testing

@Suite struct ShellScriptParserTests {
    @Test func splitsOnOperatorsAndKeepsConnectors() {
        let script = ShellScript.parse("npm ci && npm run build || true; echo done | tee log\nls &")
        #expect(script.commands.map { $0.name ?? "" } == ["npm", "npm", "true", "echo", "tee", "ls"])
        #expect(script.commands.map(\.connector) == [.and, .or, .sequence, .pipe, .newline, .background])
    }

    @Test func quotingAndExpansions() {
        let script = ShellScript.parse(#"echo 'a b' "c $HOME d" e\ f "g\"h" $(date +%s) `id`"#)
        let words = script.commands[0].words
        #expect(words.map(\.value) == ["echo", "a b", "c $HOME d", "e f", #"g"h"#, "$(date +%s)", "`id`"])
        #expect(words.map(\.hasExpansion) == [false, false, true, false, false, true, true])
        #expect(words[2].start == TextPosition(line: 1, column: 12))
    }

    @Test func assignmentsExportsAndPrefixes() {
        let script = ShellScript.parse(#"A=1 B="two words" npm run webpack"# + "\nC='{\"k\": 1}'\n")
        #expect(script.commands[0].assignments.map(\.name) == ["A", "B"])
        #expect(script.commands[0].assignments[1].value.value == "two words")
        #expect(script.commands[0].name == "npm")
        #expect(script.commands[1].words.isEmpty)
        #expect(script.commands[1].assignments[0].value.value == #"{"k": 1}"#)
        #expect(script.commands[1].assignments[0].value.start == TextPosition(line: 2, column: 3))
    }

    @Test func redirections() {
        let script = ShellScript.parse("npm run build >/dev/null 2>&1\nwebpack &> /dev/null\nwebpack 2>&1 >/dev/null")
        #expect(script.commands[0].redirections.map(\.operation) == [">", ">&"])
        #expect(script.commands[0].redirections[1].descriptor == 2)
        #expect(script.commands[0].words.count == 3)
        #expect(BuildTimeline.stderrDiscard(script.commands[0].redirections) == ">/dev/null 2>&1")
        #expect(BuildTimeline.stderrDiscard(script.commands[1].redirections) == "&>/dev/null")
        // stderr goes to the old stdout (the terminal) here: nothing is hidden.
        #expect(BuildTimeline.stderrDiscard(script.commands[2].redirections) == nil)
    }

    @Test func commentsContinuationsAndHeredocs() {
        let script = ShellScript.parse("""
            # export JS_ENV_EXTRA_CONFIG='{}'
            npm install \\
              edx-proctoring-proctortrack # the provider
            cat > /tmp/x <<EOF
            npm run webpack
            EOF
            npm run build
            """)
        #expect(script.comments.map(\.text) == [" export JS_ENV_EXTRA_CONFIG='{}'", " the provider"])
        #expect(script.commands.map { $0.words.map(\.value) } == [
            ["npm", "install", "edx-proctoring-proctortrack"], ["cat"], ["npm", "run", "build"],
        ])
        #expect(script.commands[2].start == TextPosition(line: 7, column: 1))
        #expect(script.problems.isEmpty)
    }

    @Test func controlKeywordsAreTransparent() {
        let script = ShellScript.parse("if [ -n \"$X\" ]; then\n  npm run webpack\nfi")
        #expect(script.commands.compactMap(\.name) == ["[", "npm"])
    }

    @Test func reportsUnterminatedQuotes() {
        #expect(ShellScript.parse("echo 'oops").problems.map(\.message) == ["unterminated single quote"])
        #expect(ShellScript.parse("echo \"oops").problems.map(\.message) == ["unterminated double quote"])
        #expect(ShellScript.parse("cat <<EOF\nbody").problems.map(\.message) == ["heredoc `<<EOF` has no terminating line"])
    }
}
