import Diagnostics
import FileSystemSupport
import Foundation
import Testing
@testable import Doctor

/// The README's Dockerfile and Earthfile snippets (between `<!-- snippet:NAME -->` markers) that install the
/// wheel and run `build` and `verify`, put into build files shaped like the real ones of the doctor corpus:
/// clean where the README says to put them, flagged where it says not to.
@Suite struct DoctorReadmeSnippetTests {
    static let readme: String = {
        let packageRoot = PathComponents.dirname(PathComponents.dirname(PathComponents.dirname(#filePath)))
        return (try? String(contentsOfFile: PathComponents.join(packageRoot, "README.md"), encoding: .utf8)) ?? ""
    }()

    /// The lines of the code block between `<!-- snippet:NAME -->` and `<!-- /snippet:NAME -->`.
    static func snippet(_ name: String) throws -> [String] {
        let open = try #require(readme.range(of: "<!-- snippet:\(name) -->"), "README has no snippet \(name)")
        let close = try #require(readme.range(of: "<!-- /snippet:\(name) -->", range: open.upperBound..<readme.endIndex))
        let lines = readme[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init)
        try #require(lines.first?.hasPrefix("```") == true && lines.last == "```", "snippet \(name) is not one code block")
        return Array(lines.dropFirst().dropLast())
    }

    /// A Dockerfile in the shape of the corpus's (mitodl, FUN, Tutor): a virtualenv, edx-platform, the provider's
    /// Python and npm packages, webpack and collectstatic, with `placed` put before or after the assets.
    static func dockerfile(_ placed: [String], beforeAssets: Bool = false) -> String {
        let head = #"""
            FROM docker.io/python:3.11-bookworm AS base
            RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
                apt-get update && apt-get install -y --no-install-recommends git nodejs npm rdfind
            RUN python -m venv /openedx/venv
            ENV PATH=/openedx/venv/bin:${PATH}
            WORKDIR /openedx/edx-platform
            RUN git clone --depth 1 --branch open-release/teak.3 https://github.com/openedx/edx-platform.git .
            RUN --mount=type=cache,target=/root/.cache/pip \
                pip install -r requirements/edx/base.txt -r requirements/edx/assets.txt \
                && pip install -e . \
                && pip install 'edx-proctoring-proctortrack==1.2.1'
            RUN --mount=type=cache,target=/root/.npm \
                npm clean-install --no-audit && npm install --no-save edx-proctoring-proctortrack@1.2.1
            COPY lms.yml /openedx/config/lms.yml
            ENV LMS_CFG=/openedx/config/lms.yml
            ENV STATIC_ROOT_LMS=/openedx/staticfiles
            """#
        let assets = #"""
            RUN npm run postinstall && npm run compile-sass -- --skip-themes
            RUN npm run webpack
            RUN ./manage.py lms collectstatic --noinput --settings=production && \
                ./manage.py cms collectstatic --noinput --settings=production && \
                rdfind -makesymlinks true -followsymlinks true /openedx/staticfiles/
            """#
        let tail = #"""
            EXPOSE 8000
            CMD ["uwsgi", "/openedx/edx-platform/uwsgi.ini"]
            """#
        let middle = beforeAssets ? placed + [assets] : [assets] + placed
        return ([head] + middle + [tail]).joined(separator: "\n") + "\n"
    }

    /// An Earthfile in the shape of MIT Open Learning's: a dependencies target, an assets target built FROM
    /// it, and the image target built FROM the assets. `placed` goes into the image target, or, with
    /// `beforeAssets`, into the assets target before its assets step.
    static func earthfile(_ placed: [String], beforeAssets: Bool = false) -> String {
        let image = beforeAssets ? [] : placed
        let early = beforeAssets ? placed : []
        return ([
            "VERSION 0.8",
            "FROM docker.io/python:3.11-bookworm",
            "",
            "deps:",
            "    WORKDIR /openedx/edx-platform",
            "    RUN git clone --depth 1 --branch open-release/teak.3 https://github.com/openedx/edx-platform.git .",
            "    RUN pip install --no-cache-dir -r requirements/edx/base.txt \\",
            "        && pip install --no-cache-dir edx-proctoring-proctortrack==1.2.1",
            "    RUN npm clean-install && npm install edx-proctoring-proctortrack@1.2.1",
            "",
            "build-static-assets:",
            "    FROM +deps",
            "    ENV STATIC_ROOT_LMS=/openedx/staticfiles/",
            "    ENV NODE_ENV=prod",
        ] + early + [
            "    RUN mkdir -p $STATIC_ROOT_LMS && npm run postinstall \\",
            "        && npm run compile-sass -- --skip-themes \\",
            "        && npm run webpack \\",
            "        && python manage.py lms collectstatic --noinput --settings=production \\",
            "        && python manage.py cms collectstatic --noinput --settings=production \\",
            "        && rdfind -makesymlinks true -followsymlinks true /openedx/staticfiles/",
            "",
            "docker-image:",
            "    FROM +build-static-assets",
            "    ENV DJANGO_SETTINGS_MODULE=\"invalid\"",
        ] + image + [
            "    CMD uwsgi uwsgi.ini",
            "    SAVE IMAGE openedx/edxapp:latest",
        ]).joined(separator: "\n") + "\n"
    }

    /// The snippet without the lines that install the wheel.
    static func withoutInstall(_ lines: [String]) -> [String] {
        var kept: [String] = []
        var skipping = false
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("COPY proctoring_assets-") { continue }
            if trimmed.hasPrefix("RUN pip install") { skipping = true }
            if !skipping { kept.append(line) }
            if skipping, !trimmed.hasSuffix("\\") { skipping = false }
        }
        return kept
    }

    @Test func theSnippetsInstallTheWheelAndRunBuildAndVerify() throws {
        for name in ["dockerfile", "earthfile"] {
            let text = try Self.snippet(name).joined(separator: "\n")
            #expect(text.contains("pip install /tmp/proctoring_assets-"), "\(name)")
            #expect(text.contains("proctoring-assets build"), "\(name)")
            #expect(text.contains("proctoring-assets verify"), "\(name)")
        }
    }

    @Test func theDockerfileSnippetAfterTheAssetsIsClean() throws {
        let findings = doctorFindings(["Dockerfile": Self.dockerfile(try Self.snippet("dockerfile"))])
        // The provider is named by the pip install; the settings module Django starts with was not given.
        #expect(findings.map(\.code.identifier) == ["PA436"], "\(findings.map { "\($0.code.identifier) \($0.message)" })")
    }

    @Test func theEarthfileSnippetAfterTheAssetsIsClean() throws {
        let findings = doctorFindings(["Earthfile": Self.earthfile(try Self.snippet("earthfile"))])
        #expect(findings.map(\.code.identifier) == ["PA436"], "\(findings.map { "\($0.code.identifier) \($0.message)" })")
    }

    @Test func theSnippetBeforeWebpackAndCollectstaticIsFlagged() throws {
        let docker = doctorFindings(["Dockerfile": Self.dockerfile(try Self.snippet("dockerfile"), beforeAssets: true)])
        let dockerRewrites = docker.filter { $0.code == .doctorAssetsBuildRewritten }
        // webpack (its worker config reads the build's workers.json) and the collectstatic of the LMS and Studio.
        #expect(dockerRewrites.map { $0.location?.line } == [25, 26, 27])
        #expect(dockerRewrites.allSatisfy { $0.severity == .warning })
        #expect(dockerRewrites.first?.message.contains("`npm run webpack` runs after `proctoring-assets build` (Dockerfile:20:5)") == true)
        #expect(dockerRewrites.first?.message.contains("JS_ENV_EXTRA_CONFIG unset") == true)
        #expect(dockerRewrites.last?.message.contains("collectstatic copies the bundles webpack left") == true)

        let earth = doctorFindings(["Earthfile": Self.earthfile(try Self.snippet("earthfile"), beforeAssets: true)])
        let earthRewrites = earth.filter { $0.code == .doctorAssetsBuildRewritten }
        #expect(earthRewrites.count == 3)
        #expect(earthRewrites.allSatisfy { $0.severity == .warning && $0.location?.file == "Earthfile" })
        // webpack after the build is that finding, not an unset JS_ENV_EXTRA_CONFIG (the build's files stay).
        #expect(!earth.contains { $0.code == .doctorJSEnvExtraConfigNotSet })
    }

    @Test func theSnippetWithoutThePipInstallIsFlagged() throws {
        for (name, text) in [
            ("Dockerfile", Self.dockerfile(Self.withoutInstall(try Self.snippet("dockerfile")))),
            ("Earthfile", Self.earthfile(Self.withoutInstall(try Self.snippet("earthfile")))),
        ] {
            #expect(!text.contains("proctoring_assets-"), "\(name)")
            let findings = doctorFindings([name: text])
            let missing = findings.filter { $0.code == .doctorAssetsToolNotInstalled }
            #expect(missing.count == 1, "\(name): \(findings.map(\.code.identifier))")
            #expect(missing.first?.severity == .warning)
            #expect(missing.first?.message.contains("`proctoring-assets build` runs, but no step before it installs") == true)
        }
    }
}
