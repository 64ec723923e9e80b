/// What other stages may read of a Python module without running it: its top-level classes (bases and
/// the names their bodies bind) and its imports. It is read with the settings parser (Python 3.11
/// grammar, CPython's string decoding), so a module is accepted or refused as Python would compile it.
public struct PythonModuleSyntax: Sendable {
    /// The `class` statements at the top level of the module, in source order (a later one rebinds the name).
    public var classes: [PythonClassSyntax]
    /// Every name an `import` binds at module level, including inside `if`/`try`/`with` blocks (not in
    /// function or class bodies), in source order. `from m import *` binds nothing listed here.
    public var imports: [PythonImportSyntax]

    public init(classes: [PythonClassSyntax], imports: [PythonImportSyntax]) {
        self.classes = classes
        self.imports = imports
    }

    /// The last top-level class named `name`: the one the module attribute refers to.
    public func lastClass(named name: String) -> PythonClassSyntax? {
        classes.last { $0.name == name }
    }

    /// Why a module could not be read: the place and message CPython's compiler would give.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var column: Int

        public var description: String { "\(message) (line \(line), column \(column))" }
    }

    public static func parse(_ text: String) throws(SyntaxError) -> PythonModuleSyntax {
        let tokens: [PythonToken]
        let statements: [PythonStatement]
        do throws(PythonSyntaxError) {
            tokens = try PythonTokenizer.tokenize(text)
            var parser = PythonParser(tokens: tokens)
            statements = try parser.parseModule()
        } catch {
            throw SyntaxError(message: error.message, line: error.position.line, column: error.position.column)
        }
        return PythonModuleSyntaxReader(tokens: tokens, text: text).module(statements)
    }
}
