import Diagnostics
import Testing
@testable import DeploymentSettings

@Suite struct LayeringTests {
    var tree: InMemorySettings {
        var tree = InMemorySettings()
        tree.add("/srv/lms/__init__.py", "")
        tree.add("/srv/lms/envs/__init__.py", "")
        tree.add("/srv/lms/envs/common.py", "from path import Path as path\nENV_ROOT = path('/openedx')\nNODE_MODULES_ROOT = ENV_ROOT / 'edx-platform' / 'node_modules'\nSTATIC_ROOT = ENV_ROOT / 'staticfiles'\nLMS_ROOT_URL = 'http://localhost'\n")
        tree.add("/srv/lms/envs/yaml_settings.py", "from .common import *\nimport yaml\nwith open('/etc/lms.yml') as f:\n    ENV_TOKENS = yaml.safe_load(f)\nLMS_ROOT_URL = ENV_TOKENS.get('LMS_ROOT_URL', LMS_ROOT_URL)\nvars().update(ENV_TOKENS)\n")
        tree.add("/srv/lms.yml", "LMS_ROOT_URL: https://yaml.example.com\nEXTRA:\n  nested: [1, 2]\n")
        return tree
    }

    @Test func starImportsKeepTheProvenanceOfTheDefiningFile() {
        let result = tree.load("lms.envs.yaml_settings", configYAML: "lms.yml")
        #expect(result.errors.isEmpty)
        #expect(result.settings?["ENV_ROOT"]?.provenance == Provenance(kind: .settingsFile, location: .file("/srv/lms/envs/common.py", line: 2, column: 1)))
        #expect(result.settings?.filesRead == ["/srv/lms/envs/yaml_settings.py", "/srv/lms/envs/common.py"])
    }

    @Test func yamlLoadedBySettingsCarriesKeyProvenance() {
        let result = tree.load("lms.envs.yaml_settings", configYAML: "lms.yml")
        #expect(result.settings?["LMS_ROOT_URL"]?.value == .string("https://yaml.example.com"))
        #expect(result.settings?["LMS_ROOT_URL"]?.provenance == Provenance(kind: .yaml, location: .configurationKey("LMS_ROOT_URL", file: "/srv/lms.yml", line: 1)))
        #expect(result.settings?["EXTRA"]?.value.pythonRepr == "{'nested': [1, 2]}")
        #expect(result.settings?["EXTRA"]?.provenance.location.line == 2)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func yamlNotLoadedBySettingsIsAppliedAsALayerWithANote() {
        let result = tree.load("lms.envs.common", configYAML: "lms.yml")
        #expect(result.settings?["LMS_ROOT_URL"]?.value == .string("https://yaml.example.com"))
        #expect(result.settings?["LMS_ROOT_URL"]?.provenance.kind == .yaml)
        #expect(result.diagnostics.map(\.code) == [.configYAMLNotLoadedBySettings])
    }

    @Test func flagsWinOverEverything() {
        let overrides = SettingsOverrides(envRoot: "/flag/env", nodeModulesRoot: "/flag/nm", staticRoot: "/flag/static", lmsRootURL: "https://flag")
        let result = tree.load("lms.envs.yaml_settings", configYAML: "lms.yml", overrides: overrides)
        #expect(result.settings?["ENV_ROOT"]?.value == .path("/flag/env"))
        #expect(result.settings?["ENV_ROOT"]?.provenance == Provenance(kind: .flag, location: .flag("--env-root")))
        #expect(result.settings?["LMS_ROOT_URL"]?.value == .string("https://flag"))
        #expect(result.settings?["STATIC_ROOT"]?.provenance.location == .flag("--static-root"))
    }

    @Test func noSettingsModuleGivesOnlyFlagsAndYAML() {
        let result = tree.load(nil, configYAML: "lms.yml", overrides: SettingsOverrides(envRoot: "/e"))
        #expect(result.settings?.values.keys.sorted() == ["ENV_ROOT", "EXTRA", "LMS_ROOT_URL"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func settingsGivenAsAFilePathWithAnyExtension() {
        var tree = tree
        tree.add("/srv/deploy/assets.not_py", "from lms.envs.common import *\nSTATIC_URL = '/s/'\n")
        let result = tree.load("deploy/assets.not_py")
        #expect(result.errors.isEmpty)
        #expect(result.settings?["STATIC_URL"]?.value == .string("/s/"))
        #expect(result.settings?["ENV_ROOT"] != nil)
    }

    @Test func missingProctoringSettingsAreReported() {
        var tree = InMemorySettings()
        tree.add("/srv/site/__init__.py", "")
        tree.add("/srv/site/assets.py", "STATIC_URL = '/static/'\n")
        let result = tree.load("site.assets")
        #expect(result.diagnostics.map(\.code) == [.envRootNotSet, .nodeModulesRootNotSet])
        #expect(result.diagnostics.first?.notes == ["searched /srv/site/assets.py"])
    }

    @Test func namedImportsFromSettingsModulesAreEvaluated() {
        var tree = tree
        tree.add("/srv/site/__init__.py", "")
        tree.add("/srv/site/assets.py", "from lms.envs.common import ENV_ROOT as ROOT, MISSING\nfrom django.conf import settings\nNODE_MODULES_ROOT = ROOT / 'nm'\nENV_ROOT = ROOT\n")
        let result = tree.load("site.assets")
        #expect(result.settings?["NODE_MODULES_ROOT"]?.value == .path("/openedx/nm"))
        guard case .unknown(let missing)? = result.settings?["MISSING"]?.value else {
            Issue.record("MISSING should be unknown")
            return
        }
        #expect(missing.reason == "cannot import name MISSING from lms.envs.common")
        #expect(result.errors.isEmpty)
    }

    @Test func aPackageWinsOverAModuleOfTheSameName() {
        var tree = InMemorySettings()
        tree.add("/srv/conf.py", "ENV_ROOT = 'module'\n")
        tree.add("/srv/conf/__init__.py", "ENV_ROOT = 'package'\n")
        #expect(tree.load("conf").settings?["ENV_ROOT"]?.value == .string("package"))
    }

    @Test func theFirstPythonPathFolderWins() {
        var tree = InMemorySettings()
        tree.add("/first/conf.py", "ENV_ROOT = 'first'\n")
        tree.add("/second/conf/__init__.py", "ENV_ROOT = 'second'\n")
        #expect(tree.load("conf", pythonPath: ["/first", "/second"]).settings?["ENV_ROOT"]?.value == .string("first"))
    }

    @Test func catalogCodesAreUniqueAndInRange() {
        let identifiers = DeploymentSettingsCatalog.codes.map(\.identifier)
        #expect(Set(identifiers).count == identifiers.count)
        for identifier in identifiers {
            let number = Int(identifier.dropFirst(2)) ?? 0
            #expect(identifier.hasPrefix("PA") && (1...39).contains(number))
        }
        #expect(DeploymentSettingsCatalog.codes.allSatisfy { $0.explanation.count > 80 && !$0.title.isEmpty })
    }
}
