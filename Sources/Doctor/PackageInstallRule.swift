import Diagnostics

/// Every configured backend that ships a worker must have its npm package installed somewhere the
/// webpack step's file system comes from.
enum PackageInstallRule {
    static func check(_ context: DoctorContext) -> [Diagnostic] {
        guard !context.graph.stages.isEmpty else { return [] }
        let webpackRuns = context.upstreamWebpackRuns
        let builds = context.npmWorkerBuilds
        // Every step that would bundle the worker is replaced by `proctoring-assets build --js-from-python`,
        // which takes it from the provider's Python distribution.
        if webpackRuns.isEmpty, builds.isEmpty, !context.timeline.assetsToolRuns.isEmpty { return [] }
        let feeding = webpackRuns.isEmpty && builds.isEmpty
            ? context.stagesFeedingWebpack
            : (webpackRuns.map(\.stageID) + builds.map(\.stageID)).reduce(into: Set<String>()) { $0.formUnion(context.graph.stagesFeeding($1)) }
        let installs = context.timeline.npmInstalls.filter { feeding?.contains($0.stageID) ?? true }
        var findings: [Diagnostic] = []
        for (backend, package) in context.workerBackends {
            let accepted = [package] + ProctoringBackendPackages.alternatives(for: package)
            let installed = installs.contains { install in
                install.specs.contains { spec in accepted.contains { NpmPackageSpec.spec(spec, installs: $0) } }
                    || (install.installsManifest && context.facts.manifests.contains { !$0.dependencies.isDisjoint(with: accepted) })
            }
            guard !installed else { continue }
            var notes: [String] = []
            if let evidence = backend.evidence {
                notes.append("backend `\(backend.name)` is expected: \(evidence)")
            } else if let location = backend.location {
                notes.append("backend `\(backend.name)` is configured at \(location)")
            }
            for install in installs where install.installsManifest {
                let manifests = context.facts.manifests.map(\.path)
                notes.append(
                    manifests.isEmpty
                        ? "\(install.location) installs package.json's dependencies; edx-platform's package.json does not list \(package) (no package.json was given)"
                        : "\(install.location) installs the dependencies of \(manifests.joined(separator: ", ")), which do not list \(package)")
            }
            notes += context.unexaminedScriptNotes(in: feeding)
            if let build = builds.first, webpackRuns.isEmpty {
                findings.append(
                    Diagnostic(
                        .doctorBackendPackageNotInstalled,
                        "the npm package \(package) of backend `\(backend.name)` is never installed, so `proctoring-assets build` stops with PA051 and the image build fails",
                        at: build.location, fix: "add `RUN npm install \(package)` (or a package.json dependency) before `proctoring-assets build`, or build with `--js-from-python` (the worker from the provider's Python distribution)",
                        notes: notes, subject: package))
                continue
            }
            let location = webpackRuns.first?.location ?? context.timeline.webpackRuns.first?.location ?? backend.location
            findings.append(
                Diagnostic(
                    .doctorBackendPackageNotInstalled,
                    "the npm package \(package) of backend `\(backend.name)` is never installed, so make_worker_config writes no workers.json and no worker is built",
                    at: location, fix: "add `RUN npm install \(package)` (or a package.json dependency) before webpack runs",
                    notes: notes, subject: package))
        }
        return findings
    }
}

/// Whether an argument of `npm install` installs a package: a registry name (with version or alias),
/// or a git URL, tarball or folder whose name ends in the package name.
enum NpmPackageSpec {
    static func spec(_ spec: String, installs package: String) -> Bool {
        let unscoped = package.split(separator: "/").last.map(String.init) ?? package
        let looksLikeLocation = spec.contains("://") || spec.hasPrefix("git+") || spec.hasPrefix("git@")
            || spec.hasPrefix("github:") || spec.hasPrefix("gitlab:") || spec.hasPrefix("bitbucket:")
            || spec.hasPrefix("file:") || spec.hasPrefix(".") || spec.hasPrefix("/")
            || spec.hasSuffix(".tgz") || spec.hasSuffix(".tar.gz") || spec.hasSuffix(".tar")
            || (!spec.hasPrefix("@") && spec.contains("/"))
        if looksLikeLocation {
            var location = spec
            if let hash = location.firstIndex(of: "#") { location = String(location[..<hash]) }
            while location.hasSuffix("/") { location.removeLast() }
            var name = location.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? location
            for suffix in [".git", ".tgz", ".tar.gz", ".tar"] where name.hasSuffix(suffix) {
                name.removeLast(suffix.count)
            }
            if let versioned = name.firstMatch(of: /-v?\d+(\.\d+)*([-.][0-9A-Za-z.]+)?$/), name[..<versioned.range.lowerBound].hasSuffix(unscoped) {
                name = String(name[..<versioned.range.lowerBound])
            }
            return name.hasSuffix(unscoped)
        }
        return registryName(spec) == package
    }

    /// `name@range` → name, `@scope/name@range` → `@scope/name`, `alias@npm:real` → alias.
    static func registryName(_ spec: String) -> String {
        let searchStart = spec.hasPrefix("@") ? spec.index(after: spec.startIndex) : spec.startIndex
        guard let at = spec[searchStart...].firstIndex(of: "@") else { return spec }
        return String(spec[..<at])
    }
}
