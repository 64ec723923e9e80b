import DeploymentSettings
import Diagnostics
import FileSystemSupport

/// The settings module the build starts Django with, evaluated from the file given to doctor at the
/// place the build copies it to, so that its relative imports (`from ..common import *`) resolve
/// against that place.
struct BuildSettingsEvaluation {
    /// What the build uses and where it comes from.
    struct Match: Sendable {
        var start: DjangoStart
        var module: String
        var pythonRoot: String
        var placement: BuildFileCopies.Placement
    }

    /// The module the build starts Django with in the stages that matter, or nil when none is named.
    static func buildModule(_ starts: [DjangoStart]) -> DjangoStart? {
        let named = starts.filter { $0.module != nil }
        return named.first { $0.service == "lms" || $0.module?.hasPrefix("lms.") == true } ?? named.first
    }

    /// The first Django start whose module is a given file at the place the build copies it.
    static func match(starts: [DjangoStart], copies: BuildFileCopies) -> Match? {
        let ordered = starts.filter { $0.service == "lms" || $0.module?.hasPrefix("lms.") == true }
            + starts.filter { !($0.service == "lms" || $0.module?.hasPrefix("lms.") == true) }
        for start in ordered {
            guard let module = start.module, let root = start.pythonRoot else { continue }
            for placement in copies.placements(in: start.stageID)
            where SettingsModuleMapping.moduleName(ofImagePath: placement.imagePath, pythonRoot: root) == module {
                return Match(start: start, module: module, pythonRoot: root, placement: placement)
            }
        }
        return nil
    }

    /// A given file under `…/lms/envs/` when no Django start names a module: the only settings the build has.
    static func fallbackMatch(copies: BuildFileCopies, starts: [DjangoStart]) -> Match? {
        guard starts.allSatisfy({ $0.module == nil }) else { return nil }
        for (_, placement) in copies.allPlacements {
            guard let root = SettingsModuleMapping.platformRoot(ofImagePath: placement.imagePath),
                let module = SettingsModuleMapping.moduleName(ofImagePath: placement.imagePath, pythonRoot: root)
            else { continue }
            let start = DjangoStart(
                stageID: "", location: placement.location, module: module, namedBy: "its place in the image",
                pythonRoot: root, service: nil)
            return Match(start: start, module: module, pythonRoot: root, placement: placement)
        }
        return nil
    }

    /// Evaluates `match.module` with the settings loader over the given files at their places in the
    /// image (nothing else of the image is on this machine: other imports become notes). Locations
    /// point to the given files.
    static func evaluate(
        _ match: Match, copies: BuildFileCopies, fileSystem: any FileSystem, workingDirectory: String,
        diagnostics: inout [Diagnostic]
    ) -> ResolvedSettings? {
        var placed: [String: String] = [:]
        var givenByImagePath: [String: String] = [:]
        let stageID = match.start.stageID.isEmpty ? nil : match.start.stageID
        let placements = stageID.map { copies.placements(in: $0) } ?? copies.allPlacements.map(\.placement)
        for placement in placements where placed[placement.imagePath] == nil {
            placed[placement.imagePath] = PathComponents.absolute(placement.givenPath, relativeTo: workingDirectory)
            givenByImagePath[placement.imagePath] = placement.givenPath
        }
        var request = SettingsRequest(settings: match.module, pythonPath: [match.pythonRoot], workingDirectory: match.pythonRoot)
        request.toleratesMissingImports = true
        let collector = DiagnosticCollector()
        let loader = SettingsLoader(fileSystem: PlacedFilesFileSystem(files: placed, base: fileSystem))
        let remap = { (location: SourceLocation) -> SourceLocation in
            guard let file = location.file, let given = givenByImagePath[file] else { return location }
            var mapped = location
            mapped.file = given
            return mapped
        }
        var resolved: ResolvedSettings?
        do {
            resolved = try loader.load(request, diagnostics: collector)
        } catch {
            collector.absorb(error)
        }
        for var diagnostic in collector.diagnostics where !Self.repeatedByDoctorRules.contains(diagnostic.code) {
            diagnostic.location = diagnostic.location.map(remap)
            if diagnostic.code == .starImportNotFound || diagnostic.code == .relativeImportBeyondTopLevel {
                // Only the given files are at their places in the image; --python-path does not apply here.
                diagnostic.fix = "nothing to do for edx-platform's own modules; if it is one of your settings files, give it to doctor too"
            }
            diagnostics.append(diagnostic)
        }
        guard var settings = resolved else { return nil }
        for (name, value) in settings.values {
            var value = value
            value.provenance.location = remap(value.provenance.location)
            settings.values[name] = value
        }
        settings.filesRead = settings.filesRead.map { givenByImagePath[$0] ?? $0 }
        return settings
    }

    /// The loader's own checks of ENV_ROOT/NODE_MODULES_ROOT, which doctor's rules (PA410–PA412) report with more context.
    static let repeatedByDoctorRules: Set<DiagnosticCode> = [.envRootNotSet, .nodeModulesRootNotSet, .envRootNotParentOfRepository]
}
