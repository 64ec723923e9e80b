/// Renames chosen bindings of a program, and every reference to them, without minifying anything else: the
/// bundler uses it to give the top-level bindings of ES modules it concatenates names that are unique across
/// them, and to point references to imports straight at the exporter's binding.
public enum BindingRenaming {
    /// `newNames` has one entry per declaration of `analysis` (the analysis of `program`): nil keeps the name.
    /// Returns nil when the program cannot be renamed safely: its scopes do not line up with the analysis, or a
    /// parameter default reads a name its function body redeclares (the walk cannot tell those apart).
    public static func rename(_ program: Program, analysis: ScopeAnalysis, newNames: [String?]) -> Program? {
        guard newNames.count == analysis.declarations.count else { return nil }
        var walker = RenameWalker(analysis: analysis, newNames: newNames)
        let result = walker.walkProgram(program)
        guard !walker.lostTrack, walker.scopesCreated == analysis.scopes.count - 1, walker.conflictingNames.isEmpty else { return nil }
        return result
    }
}
