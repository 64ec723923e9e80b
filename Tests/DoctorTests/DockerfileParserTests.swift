@testable import Doctor
import Encodings
import Testing

@Suite struct DockerfileParserTests {
    let text = """
        # syntax=docker/dockerfile:1.7
        ARG BASE=python:3.11
        FROM ${BASE} AS base
        WORKDIR /openedx/edx-platform
        ENV A=1 \\
            # a comment inside a continuation
            B="two words"
        ENV LEGACY value with spaces

        FROM base AS assets
        # ENV JS_ENV_EXTRA_CONFIG='{}'
        ARG JS_ENV_EXTRA_CONFIG
        RUN --mount=type=cache,target=/root/.npm npm ci \\
            && npm run build
        RUN ["npm", "run", "webpack"]
        RUN <<EOF
        set -e
        ./manage.py lms collectstatic --noinput
        EOF
        COPY --from=base /openedx/workers.json /openedx/workers.json
        """

    @Test func instructionsWithPositions() {
        let document = Dockerfile.parse(text)
        #expect(document.instructions.map(\.keyword) == ["ARG", "FROM", "WORKDIR", "ENV", "ENV", "FROM", "ARG", "RUN", "RUN", "RUN", "COPY"])
        #expect(document.instructions[3].start == TextPosition(line: 5, column: 1))
        #expect(document.instructions[7].arguments.point(at: 0) == TextPosition(line: 13, column: 5))
        #expect(document.comments.map(\.start.line) == [6, 11])
        #expect(document.instructions[9].heredocs.first?.body.string == "set -e\n./manage.py lms collectstatic --noinput\n")
    }

    @Test func stagesStepsAndScopes() {
        let stages = BuildGraphBuilder.stages(ofDockerfile: Dockerfile.parse(text), file: "Dockerfile")
        #expect(stages.map(\.name) == ["base", "assets"])
        #expect(stages[1].parent == "Dockerfile#base")
        #expect(stages[0].parent == nil)
        #expect(stages[1].globalArguments.keys.sorted() == ["BASE"])
        guard case .environment(let name, let value, false) = stages[0].steps[1].kind else {
            Issue.record("expected ENV A")
            return
        }
        #expect(name == "A" && value?.value == "1")
        guard case .environment("B", let second, false) = stages[0].steps[2].kind else {
            Issue.record("expected ENV B")
            return
        }
        #expect(second?.value == "two words")
        #expect(stages[0].steps[2].start == TextPosition(line: 7, column: 5))
        guard case .environment("LEGACY", let legacy, false) = stages[0].steps[3].kind else {
            Issue.record("expected legacy ENV")
            return
        }
        #expect(legacy?.value == "value with spaces")
        guard case .run(let run) = stages[1].steps[1].kind else {
            Issue.record("expected RUN")
            return
        }
        #expect(run.commands.map { $0.words.map(\.value) } == [["npm", "ci"], ["npm", "run", "build"]])
        #expect(run.commands[1].start == TextPosition(line: 14, column: 8))
        guard case .run(let exec) = stages[1].steps[2].kind, case .run(let heredoc) = stages[1].steps[3].kind else {
            Issue.record("expected exec form and heredoc")
            return
        }
        #expect(exec.commands[0].words.map(\.value) == ["npm", "run", "webpack"])
        #expect(heredoc.commands.map(\.start.line) == [17, 18])
        guard case .copy(let from, let sources) = stages[1].steps[4].kind else {
            Issue.record("expected COPY")
            return
        }
        #expect(from == "Dockerfile#base" && sources == ["/openedx/workers.json"])
    }

    @Test func unterminatedHeredocIsAProblem() {
        let document = Dockerfile.parse("FROM x\nRUN <<EOF\nnpm run build\n")
        #expect(document.problems.count == 1)
    }

    @Test func templateLinesAreSkipped() {
        let document = Dockerfile.parse("FROM x\n{{ patch(\"openedx-dockerfile-pre-assets\") }}\nRUN true")
        #expect(document.instructions.map(\.keyword) == ["FROM", "RUN"])
    }
}
