import Diagnostics
import FileSystemSupport
import Testing

@testable import Bundler

/// Builds an in-memory tree and resolves requests against it.
struct ResolverFixture {
    var fileSystem: InMemoryFileSystem

    init(_ files: [String: String], links: [String: String] = [:]) {
        fileSystem = InMemoryFileSystem(files: files)
        for (path, target) in links { fileSystem.addSymbolicLink(path, target: target) }
    }

    func resolver(_ options: ResolverOptions = .webworker()) -> ModuleResolver {
        ModuleResolver(fileSystem: fileSystem, options: options)
    }

    func resolve(
        _ specifier: String, from file: String, kind: RequestKind = .require, options: ResolverOptions = .webworker()
    ) -> Result<ResolvedModule, ResolutionError> {
        resolver(options).resolve(specifier, from: .file(file, line: 1, column: 9), kind: kind)
    }

    /// The resolved path, or the failure's code and message as text (so `#expect` shows both).
    func path(_ specifier: String, from file: String, kind: RequestKind = .require, options: ResolverOptions = .webworker())
        -> String
    {
        switch resolve(specifier, from: file, kind: kind, options: options) {
        case .success(let module): return module.path
        case .failure(let error): return "\(error.diagnostic.code.identifier): \(error.diagnostic.message)"
        }
    }

    func failure(_ specifier: String, from file: String, kind: RequestKind = .require) -> Diagnostic? {
        if case .failure(let error) = resolve(specifier, from: file, kind: kind) { return error.diagnostic }
        return nil
    }

    func module(_ specifier: String, from file: String, kind: RequestKind = .require) -> ResolvedModule? {
        if case .success(let module) = resolve(specifier, from: file, kind: kind) { return module }
        return nil
    }
}

func renderedText(_ diagnostic: Diagnostic?) -> String {
    guard let diagnostic else { return "<no diagnostic>" }
    return TextReportRenderer(color: false).render(diagnostic).joined(separator: "\n")
}
