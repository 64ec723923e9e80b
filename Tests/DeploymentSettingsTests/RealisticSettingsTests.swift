import Diagnostics
import FileSystemSupport
import Testing
@testable import DeploymentSettings

/// The realistic tree under Tests/Fixtures/Settings/Realistic: edx-platform shaped common.py,
/// production.py (YAML driven) and a site module doing `from .production import *`.
@Suite struct RealisticSettingsTests {
    let root = PathComponents.join(Fixtures.settingsRoot, "Realistic")
    var platform: String { PathComponents.join(root, "edx-platform") }

    func load(yaml: Bool = true, environment: [String: String] = [:]) throws -> (ResolvedSettings, [Diagnostic]) {
        let collector = DiagnosticCollector()
        let request = SettingsRequest(
            settings: "lms.envs.site_assets", pythonPath: ["edx-platform"], configYAML: yaml ? "lms.yml" : nil,
            environment: environment, workingDirectory: root)
        let settings = try SettingsLoader().load(request, diagnostics: collector)
        return (settings, collector.diagnostics)
    }

    @Test func resolvesTheProctoringSettingsThroughTheWholeChain() throws {
        let (settings, diagnostics) = try load()
        #expect(diagnostics.filter { $0.severity != .note }.isEmpty, "\(diagnostics)")
        #expect(settings.filesRead == [
            "\(platform)/lms/envs/site_assets.py", "\(platform)/lms/envs/production.py", "\(platform)/lms/envs/common.py",
        ])
        #expect(settings["ENV_ROOT"]?.value == .path(root))
        #expect(settings["REPO_ROOT"]?.value == .path(platform))
        #expect(settings["NODE_MODULES_ROOT"]?.value == .path("\(platform)/node_modules"))
        #expect(settings["NODE_MODULES_ROOT"]?.provenance.location == .file("\(platform)/lms/envs/common.py", line: 56, column: 1))
        #expect(settings["STATIC_ROOT"]?.value == .path("/openedx/staticfiles"))
        #expect(settings["LMS_ROOT_URL"]?.value == .string("https://lms.example.com"))
        #expect(settings["LMS_ROOT_URL"]?.provenance.kind == .yaml)
        #expect(settings["LMS_ROOT_URL"]?.provenance.location == .configurationKey("LMS_ROOT_URL", file: "\(root)/lms.yml", line: 2))
        let workers = settings["WEBPACK_LOADER"]?.value["WORKERS"]
        #expect(workers?["STATS_FILE"] == .path("/openedx/staticfiles/webpack-worker-stats.json"))
        #expect(workers?["BUNDLE_DIR_NAME"] == .string("worker-bundles/"))
        #expect(settings["WEBPACK_LOADER"]?.value["DEFAULT"]?["STATS_FILE"] == .path("/openedx/staticfiles/webpack-stats.json"))
        let proctoring = settings["PROCTORING_BACKENDS"]?.value
        #expect(proctoring?["DEFAULT"] == .string("proctortrack"))
        #expect(proctoring?["proctortrack"]?["base_url"] == .string("https://lms.example.com/proctortrack"))
        #expect(proctoring?["proctortrack"]?["client_id"] == .string("build-client"))
        #expect(proctoring?["proctortrack"]?["integration_specific_email"] == .string("support@example.com"))
        #expect(settings["FEATURES"]?.value["ENABLE_PROCTORED_EXAMS"] == .bool(true))
        #expect(settings["INSTALLED_APPS"]?.value == .list([
            .string("django.contrib.auth"), .string("django.contrib.contenttypes"), .string("edx_proctoring"),
            .string("lms.djangoapps.courseware"), .string("edx_proctoring_proctortrack"),
        ]))
        #expect(settings["PRIVATE_SETTINGS_LOADED"]?.value == .bool(false))
        #expect(settings["PLATFORM_NAME"]?.value == .string("Example Academy"))
        // KEYS_WITH_MERGED_VALUES are removed from the copy before vars().update(...).
        #expect(settings["SESSION_COOKIE_DOMAIN"]?.value == .string(".example.com"))
    }

    @Test func evaluatesTheLiteralsAndSkipsTheRest() throws {
        let (settings, _) = try load()
        #expect(settings["SESSION_COOKIE_AGE"]?.value == .int("1209600"))
        #expect(settings["MAX_FILE_SIZE"]?.value == .int("1000000"))
        #expect(settings["FILE_MODE"]?.value == .int("420"))
        #expect(settings["COLOUR_MASK"]?.value == .int("16711935"))
        #expect(settings["SMALL_FRACTION"]?.value == .float("1e-05"))
        #expect(settings["RAW_PATTERN"]?.value == .string(#"^/courses/(?P<course_id>[^/]+)/\w+$"#))
        #expect(settings["BYTES_MARKER"]?.value == .bytes(Array(#"\x00raw"#.utf8)))
        #expect(settings["SECRET_BYTES"]?.value == .bytes([1, 2, 0x61, 0x62, 0x63]))
        #expect(settings["TRIPLE_DOC"]?.value == .string("first line\nsecond line with a 'quote' and a \"double\"\n"))
        #expect(settings["LONG_LINE"]?.value == .string("part one, part two"))
        #expect(settings["IMPLICIT"]?.value == .string("joined across lines"))
        #expect(settings["POWER"]?.value == .int("1024"))
        #expect(settings["DIVISION"]?.value == .int("3"))
        #expect(settings["NEGATIVE"]?.value == .int("-5"))
        #expect(settings["LEARNING_MICROFRONTEND_URL"]?.value == .string("https://localhost:18000/learning"))
        #expect(settings["ID_VERIFICATION_SUPPORT_LINK"]?.value == .string("https://localhost:18000/verify"))
        #expect(settings["SUPPORT_SITE_LINK"]?.value == .string("https://localhost:18000/support"))
        #expect(settings["A_VALUE"]?.value == .string("chained"))
        #expect(settings["B_VALUE"]?.value == .string("chained"))
        #expect(settings["LEFT"]?.value == .string("left"))
        #expect(settings["CONDITIONAL_EXPRESSION"]?.value == .string("no"))
        #expect(settings["LOOKUP"]?.value == .string("fallback"))
        #expect(settings["NESTED_CALL"]?.value == .dict([
            PythonDictEntry(key: .string("a"), value: .int("1")), PythonDictEntry(key: .string("b"), value: .int("2")),
        ]))
        #expect(settings["MIDDLEWARE"]?.value == .tuple([.string("a.Middleware"), .string("b.Middleware")]))
        #expect(settings["COURSE_ID_PATTERN"]?.value.stringValue?.contains("course_id") == true)
        #expect(settings["MANY_FEATURES"]?.value == .bool(true))
        #expect(settings["RTL_EXAMPLE"]?.value == .string("he"))
        #expect(settings["NEWRELIC_AVAILABLE"]?.isConditional == true)
        for name in ["ALL_LANGUAGES", "SQUARES", "MATRIX", "VARIANT_LABEL", "HELP_TOKENS_VERSION", "TIMEOUT", "IMAGINARY"] {
            guard case .unknown(let unknown)? = settings[name]?.value else {
                Issue.record("\(name) should be unknown, is \(String(describing: settings[name]?.value))")
                continue
            }
            #expect(unknown.location.line != nil)
        }
        #expect(settings["Colour"] == nil)
    }

    @Test func withoutTheYAMLTheStaticRootComesFromCommonAndAWarningSaysWhy() throws {
        let (settings, diagnostics) = try load(yaml: false, environment: ["LMS_CFG": "/etc/lms.yml"])
        #expect(diagnostics.map(\.code) == [.configYAMLNeeded])
        #expect(settings["STATIC_ROOT"]?.value == .path("\(root)/staticfiles"))
        // `vars().update(<unknown>)` may have replaced any name bound before it.
        #expect(settings["STATIC_ROOT"]?.isConditional == true)
        #expect(settings["STATIC_URL"]?.isConditional == true)
        // `ENV_TOKENS.get('LMS_ROOT_URL', LMS_ROOT_URL)` depends on the file that was not given.
        guard case .unknown? = settings["LMS_ROOT_URL"]?.value, case .unknown? = settings["ENV_TOKENS"]?.value else {
            Issue.record("LMS_ROOT_URL and ENV_TOKENS should be unknown")
            return
        }
    }

    @Test func theEnvironmentVariableWinsOverTheDefault() throws {
        let (settings, _) = try load(yaml: false, environment: ["STATIC_ROOT_LMS": "/srv/static"])
        #expect(settings["STATIC_ROOT"]?.value == .string("/srv/static"))
        #expect(settings["STATIC_ROOT"]?.provenance == Provenance(kind: .environment, location: .environment("STATIC_ROOT_LMS")))
        #expect(settings["WEBPACK_LOADER"]?.value["WORKERS"]?["STATS_FILE"] == .string("/srv/static/webpack-worker-stats.json"))
    }
}
