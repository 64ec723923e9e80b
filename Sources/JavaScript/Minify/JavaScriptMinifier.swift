/// What `JavaScriptMinifier.minify` does to a program.
public struct MinifyOptions: Sendable, Equatable {
    /// Syntax shortening: `true` → `!0`, `false` → `!1`, `undefined` → `void 0`, `a["b"]` → `a.b`, `{"b": 1}` →
    /// `{b: 1}`, shortest number spelling, merged `var`s, no empty statements or needless blocks, `if (a) b;` →
    /// `a && b;`, `if (a) b; else c;` → `a ? b : c;`, `return undefined` → `return`, no repeated `"use strict"`,
    /// `typeof`/`!` of literals and comparisons of literals folded, branches with a literal test removed, and
    /// consecutive expression statements joined with commas.
    public var shortenSyntax: Bool
    /// Rename bindings nothing outside can observe to the shortest names (see `IdentifierRenamer`). Changes the
    /// `.name` of renamed functions and classes, as esbuild and terser do.
    public var renameIdentifiers: Bool
    /// The program's top level is a function body (the bundler wraps every module; node wraps CommonJS files), so
    /// top-level bindings of a script may be renamed too. Module top levels are always local; exports keep their names.
    public var topLevelIsLocal: Bool

    /// With `topLevelIsLocal`: names the program uses freely that are really parameters of the function the caller
    /// wraps it in (the bundler's `module`, `exports`, `require`). They are renamed like locals; ask for the new
    /// names with `JavaScriptMinifier.minifyWrapped`.
    public var wrapperParameters: [String]

    public init(shortenSyntax: Bool = true, renameIdentifiers: Bool = true, topLevelIsLocal: Bool = false, wrapperParameters: [String] = []) {
        self.shortenSyntax = shortenSyntax
        self.renameIdentifiers = renameIdentifiers
        self.topLevelIsLocal = topLevelIsLocal
        self.wrapperParameters = wrapperParameters
    }

    public static let all = MinifyOptions()
}

/// AST → AST minification; print the result with `JavaScriptPrinter.Options.minifiedWhitespace` (or use
/// `JavaScriptPrinter.Options.minified`, which does both). Nodes keep their source offsets, so source maps
/// still point at the original code.
public enum JavaScriptMinifier {
    public static func minify(_ program: Program, options: MinifyOptions = .all) -> Program {
        minifyWrapped(program, options: options).program
    }

    /// Like `minify`, and also returns the new names of `options.wrapperParameters` (same order), which the caller
    /// must use for the wrapper function's parameters.
    public static func minifyWrapped(_ program: Program, options: MinifyOptions) -> (program: Program, wrapperParameters: [String]) {
        var result = program
        if options.shortenSyntax { result = SyntaxShortener(program: result).shorten(result) }
        guard options.renameIdentifiers else { return (result, options.wrapperParameters) }
        var renamer = IdentifierRenamer(
            program: result, topLevelIsLocal: options.topLevelIsLocal, wrapperParameters: options.topLevelIsLocal ? options.wrapperParameters : [])
        let renamed = renamer.renameReportingWhetherFollowed(result)
        let parameters = renamed.followedAnalysis ? renamer.newWrapperParameterNames(options.wrapperParameters) : options.wrapperParameters
        return (renamed.program, parameters)
    }
}
