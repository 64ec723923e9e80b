@testable import Doctor
import Encodings
import Testing

@Suite struct EarthfileParserTests {
    let text = """
        VERSION 0.8
        FROM node:20
        WORKDIR /openedx/edx-platform

        deps:
            RUN npm ci \\
                && npm install edx-proctoring-proctortrack
            SAVE ARTIFACT node_modules

        assets:
            FROM +deps
            IF [ "$CI" = "true" ]
                RUN ./manage.py lms check
            ELSE
                RUN echo skipped
            END
            FOR f IN a b
                RUN echo $f
            END
            DO +BUILD_ASSETS
            COPY (+deps/node_modules --flag=1) ./node_modules
            BUILD +missing

        BUILD_ASSETS:
            FUNCTION
            ENV JS_ENV_EXTRA_CONFIG='{}'
            RUN npm run webpack
        """

    @Test func targetsCommandsAndBlocks() {
        let document = Earthfile.parse(text)
        #expect(document.baseRecipe.map(\.keyword) == ["FROM", "WORKDIR"])
        #expect(document.targets.map(\.name) == ["deps", "assets", "BUILD_ASSETS"])
        let assets = document.targets[1]
        #expect(assets.commands.map(\.keyword) == ["FROM", "RUN", "RUN", "RUN", "DO", "COPY", "BUILD"])
        #expect(assets.commands.map(\.blockDepth) == [0, 1, 1, 1, 0, 0, 0])
        #expect(document.targets[0].commands[0].arguments.point(at: 0) == TextPosition(line: 6, column: 9))
        #expect(document.problems.isEmpty)
    }

    @Test func stageGraphFollowsFromCopyBuildAndInlinesFunctions() {
        let stages = BuildGraphBuilder.stages(ofEarthfile: Earthfile.parse(text), file: "Earthfile")
        #expect(stages.map(\.name) == ["base", "deps", "assets", "BUILD_ASSETS"])
        #expect(stages[1].parent == "Earthfile#base")
        #expect(stages[2].parent == "Earthfile#deps")
        let assets = stages[2]
        let copies = assets.steps.compactMap { step -> String? in
            if case .copy(let from?, _) = step.kind { return from }
            return nil
        }
        #expect(copies == ["Earthfile#deps"])
        let hasInlinedWebpack = assets.steps.contains { step in
            if case .run(let script) = step.kind { return script.commands.first?.arguments == ["run", "webpack"] }
            return false
        }
        #expect(hasInlinedWebpack)
        var graph = BuildGraph()
        graph.stages = stages
        #expect(graph.stagesFeeding("Earthfile#assets").contains("Earthfile#deps"))
        #expect(graph.ancestry(of: "Earthfile#assets").map(\.name) == ["base", "deps", "assets"])
    }

    @Test func unclosedBlockIsAProblem() {
        #expect(Earthfile.parse("VERSION 0.8\nt:\n    IF true\n        RUN x\n").problems.count == 1)
    }
}
