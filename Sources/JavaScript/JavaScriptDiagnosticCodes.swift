import Diagnostics

extension DiagnosticCode {
    public static let javaScriptUnexpectedToken = DiagnosticCode(
        "PA100", "Unexpected token in JavaScript", severity: .error,
        explanation: "The JavaScript parser found a token that cannot appear at this place in the grammar. webpack or esbuild would stop the build with a similar message, but only after the worker configuration was silently dropped upstream. Fix the syntax at the reported line and column, or exclude the file from the bundle."
    )
    public static let javaScriptUnterminatedString = DiagnosticCode(
        "PA101", "Unterminated string literal", severity: .error,
        explanation: "A string literal reaches a line break or the end of the file before its closing quote. Strings may only continue on the next line with a backslash before the line break. Close the string or use a template literal."
    )
    public static let javaScriptUnterminatedTemplate = DiagnosticCode(
        "PA102", "Unterminated template literal", severity: .error,
        explanation: "A template literal (backquoted string) or one of its `${…}` substitutions is not closed before the end of the file. Add the missing backquote or closing brace."
    )
    public static let javaScriptUnterminatedRegularExpression = DiagnosticCode(
        "PA103", "Unterminated regular expression", severity: .error,
        explanation: "A regular expression literal reaches a line break or the end of the file before its closing slash. A `/` in a character class or after a backslash does not end the literal. Close the literal or escape the slash."
    )
    public static let javaScriptUnterminatedComment = DiagnosticCode(
        "PA104", "Unterminated block comment", severity: .error,
        explanation: "A `/*` comment has no matching `*/` before the end of the file. Close the comment."
    )
    public static let javaScriptInvalidNumber = DiagnosticCode(
        "PA105", "Invalid numeric literal", severity: .error,
        explanation: "A number literal is malformed: a misplaced numeric separator `_`, a missing digit after `0x`/`0o`/`0b` or an exponent, a BigInt suffix on a decimal with a fraction or on a legacy octal, or an identifier directly after the number. Write the number in one of the forms of ECMAScript 2023."
    )
    public static let javaScriptInvalidEscape = DiagnosticCode(
        "PA106", "Invalid escape sequence", severity: .error,
        explanation: "A `\\x`, `\\u` or `\\u{…}` escape in a string, template or identifier is malformed or names a code point above U+10FFFF. Tagged templates may contain such escapes, untagged ones may not. Fix the escape sequence."
    )
    public static let javaScriptUnexpectedCharacter = DiagnosticCode(
        "PA107", "Unexpected character", severity: .error,
        explanation: "The source contains a character that cannot start any JavaScript token here, for example `@` or a non-identifier Unicode character, or bytes that are not valid UTF-8. Remove the character or check the file's encoding."
    )
    public static let javaScriptInvalidRegularExpressionFlags = DiagnosticCode(
        "PA108", "Invalid regular expression flags", severity: .error,
        explanation: "A regular expression literal has an unknown flag, a repeated flag, or both `u` and `v`. ECMAScript 2023 allows the flags d, g, i, m, s, u, v and y, each at most once. Remove the wrong flag."
    )
    public static let javaScriptInvalidAssignmentTarget = DiagnosticCode(
        "PA109", "Invalid assignment target", severity: .error,
        explanation: "The left side of an assignment, of `++`/`--`, or of a for-in/of loop is not something that can be assigned: only identifiers, member expressions and destructuring patterns can. Fix the left side of the assignment."
    )
    public static let javaScriptInvalidDestructuring = DiagnosticCode(
        "PA110", "Invalid destructuring or binding pattern", severity: .error,
        explanation: "A destructuring pattern or parameter list contains something that is not a binding: for example a literal, a call, or a `{a = 1}` shorthand default outside a pattern. Also a \"use strict\" directive in a function whose parameters have defaults, destructuring or a rest element, which the language forbids. Fix the pattern, or move the directive to the enclosing scope."
    )
    public static let javaScriptReservedWord = DiagnosticCode(
        "PA111", "Reserved word used as a name", severity: .error,
        explanation: "A reserved word (or, in strict mode and modules, `let`, `static`, `yield`, `implements`, `package`, …, and `await` in modules and async functions) is used as a variable, function, parameter or label name. Rename the binding."
    )
    public static let javaScriptLegacyOctalInStrictMode = DiagnosticCode(
        "PA112", "Legacy octal literal in strict mode", severity: .error,
        explanation: "Strict-mode code (modules, classes, and functions with \"use strict\") cannot contain legacy octal numbers such as `010`, numbers like `08`, or octal escapes such as `\\01` in strings. Write `0o10` or `\\x01` instead."
    )
    public static let javaScriptWithInStrictMode = DiagnosticCode(
        "PA113", "`with` statement in strict mode", severity: .error,
        explanation: "The `with` statement is not allowed in strict-mode code, which includes every ES module. Parse the file as a script (CommonJS), or rewrite the `with` block with explicit property accesses."
    )
    public static let javaScriptAwaitOrYieldMisplaced = DiagnosticCode(
        "PA114", "`await` or `yield` in the wrong place", severity: .error,
        explanation: "`await` is only an operator in async functions and at the top level of modules; `yield` only in generator functions; neither may appear in parameter defaults of their own function, nor in the parameters of an arrow function. Make the function async or a generator, or remove the operator."
    )
    public static let javaScriptNewTargetOutsideFunction = DiagnosticCode(
        "PA115", "`new.target` outside a function", severity: .error,
        explanation: "`new.target` is only defined inside non-arrow functions (and arrows nested in them). Move the expression into a function."
    )
    public static let javaScriptModuleSyntaxInScript = DiagnosticCode(
        "PA116", "Module syntax in a script", severity: .error,
        explanation: "`import` and `export` declarations and `import.meta` are only valid in ES modules; the file was parsed as a script (CommonJS). Parse it as a module, or use `require` and `module.exports`."
    )
    public static let javaScriptInvalidJump = DiagnosticCode(
        "PA117", "Invalid `break` or `continue`", severity: .error,
        explanation: "A `break` is outside any loop, switch or labelled statement, a `continue` is outside any loop, or the label it names does not enclose it. Fix the label or the statement's position."
    )
    public static let javaScriptDuplicateLabel = DiagnosticCode(
        "PA118", "Duplicate label", severity: .error,
        explanation: "A labelled statement uses a label that an enclosing labelled statement already uses. Rename one of the labels."
    )
    public static let javaScriptReturnOutsideFunction = DiagnosticCode(
        "PA119", "`return` outside a function", severity: .error,
        explanation: "`return` is only valid inside a function body. CommonJS wrappers allow it at the top of a module body, but this file was parsed without such a wrapper. Move the statement into a function."
    )
    public static let javaScriptInvalidSuper = DiagnosticCode(
        "PA120", "Invalid use of `super`", severity: .error,
        explanation: "`super.x` is only valid in methods and class field initializers, and `super()` only in constructors of derived classes. Move the expression into a method or remove it."
    )
    public static let javaScriptRestNotLast = DiagnosticCode(
        "PA121", "Rest element must be last", severity: .error,
        explanation: "A rest element or rest parameter (`...x`) must be the last element of its pattern or parameter list and cannot be followed by a comma or have a default value. Move it to the end."
    )
    public static let javaScriptLexicalDeclarationInSingleStatement = DiagnosticCode(
        "PA122", "Declaration not allowed here", severity: .error,
        explanation: "`let`, `const` and class declarations (and, in strict mode, function declarations) cannot be the direct body of `if`, `while`, `for`, a label or `with`; they need a block. Generator and async function declarations are never allowed there, not even in sloppy mode. Wrap the declaration in braces."
    )
    public static let javaScriptMissingInitializer = DiagnosticCode(
        "PA123", "Missing initializer", severity: .error,
        explanation: "A `const` declaration or a destructuring declaration has no `= value`. Add an initializer."
    )
    public static let javaScriptInvalidForLoopHead = DiagnosticCode(
        "PA124", "Invalid for-in/of loop head", severity: .error,
        explanation: "The left side of a for-in or for-of loop declares more than one variable, or has an initializer where none is allowed, or `for await` is used with `in` or outside an async context. Declare exactly one binding without initializer."
    )
    public static let javaScriptInvalidClassMember = DiagnosticCode(
        "PA125", "Invalid class member", severity: .error,
        explanation: "A class has two constructors, a constructor that is a getter, setter, generator or async method, a field named `constructor`, a private name `#constructor`, or a static member named `prototype`. Rename or restructure the member."
    )
    public static let javaScriptDuplicateDeclaration = DiagnosticCode(
        "PA126", "Duplicate declaration or name", severity: .error,
        explanation: "A name is declared twice where JavaScript allows it only once: `let`/`const`/`class` (or a `var`) that repeats another declaration of the same scope, a repeated parameter name in strict-mode code, an arrow function or a function with default, rest or destructured parameters, two `__proto__:` properties in one object literal, a private name `#x` declared twice in a class (except a getter and setter pair), or two regular-expression groups with the same name. Engines refuse the whole file. Rename or remove one of them."
    )
    public static let javaScriptPrivateNameOutsideClass = DiagnosticCode(
        "PA127", "Private name outside a class", severity: .error,
        explanation: "A private name like `#x` is used outside the body of any class, is used in a class where neither that class nor an enclosing one declares it, or `delete` is applied to a private member. Private names only exist inside the class that declares them; declare the member (`#x;`) or fix its name."
    )
    public static let javaScriptInvalidAccessorParameters = DiagnosticCode(
        "PA128", "Wrong number of accessor parameters", severity: .error,
        explanation: "A getter must have no parameters and a setter exactly one, which cannot be a rest parameter. Fix the accessor's parameter list."
    )
    public static let javaScriptImportMetaInScript = DiagnosticCode(
        "PA129", "`import.meta` in a script", severity: .error,
        explanation: "`import.meta` is only available in ES modules. Parse the file as a module or remove the expression."
    )
    public static let javaScriptEscapedKeyword = DiagnosticCode(
        "PA130", "Keyword written with escapes", severity: .error,
        explanation: "A keyword contains a Unicode escape sequence (like `\\u0069f`). Keywords must be written literally. Remove the escapes."
    )
    public static let javaScriptInvalidOptionalChain = DiagnosticCode(
        "PA131", "Invalid optional chain", severity: .error,
        explanation: "An optional chain (`a?.b`) is assigned to, used as the callee of `new`, or followed by a template literal. These are not allowed by the grammar. Use an explicit condition instead."
    )
    public static let javaScriptUnaryBeforeExponent = DiagnosticCode(
        "PA132", "Unary operator before `**`", severity: .error,
        explanation: "The left operand of `**` cannot be a unary expression like `-a` because its meaning is ambiguous. Add parentheses: `(-a) ** b` or `-(a ** b)`."
    )
    public static let javaScriptMixedNullishCoalescing = DiagnosticCode(
        "PA133", "`??` mixed with `||` or `&&`", severity: .error,
        explanation: "`??` cannot be combined with `||` or `&&` without parentheses. Add parentheses to say which operator applies first."
    )
    public static let javaScriptDeleteOfIdentifierInStrictMode = DiagnosticCode(
        "PA134", "`delete` of a variable in strict mode", severity: .error,
        explanation: "Strict-mode code cannot `delete` a plain identifier. Delete a property instead or remove the statement."
    )
    public static let javaScriptEvalOrArgumentsAssignment = DiagnosticCode(
        "PA135", "`eval` or `arguments` where they are not allowed", severity: .error,
        explanation: "In strict-mode code `eval` and `arguments` cannot be assigned or declared. And `arguments` cannot be used in a class field initializer or a class static block (nor in arrow functions inside them), where it would refer to nothing. Rename the binding, or read the arguments in a method."
    )
    public static let javaScriptDuplicateExport = DiagnosticCode(
        "PA136", "Duplicate export name", severity: .error,
        explanation: "A module exports the same name twice (including `default`). Bundlers would pick one silently or fail at link time. Remove or rename one of the exports."
    )
    public static let javaScriptInvalidUnicodeEscapeInIdentifier = DiagnosticCode(
        "PA138", "Invalid identifier escape", severity: .error,
        explanation: "A `\\u` escape in an identifier produces a character that is not allowed in identifiers at that position. Use a valid identifier character."
    )
    public static let javaScriptNestingTooDeep = DiagnosticCode(
        "PA137", "JavaScript nested too deeply", severity: .error,
        explanation: "Statements, expressions, patterns or operator chains are nested deeper than the parser's limit of 20,000 levels (a chain `a+b+c+…` counts one level per operator). node 20 itself gives up between about 660 levels (nested classes) and 12,500 levels (a `!!!…` chain), so no browser or worker runtime would run such code either, except for long flat operator chains, which node accepts. Split the expression or the nesting, for example into variables or functions."
    )
    public static let javaScriptNewlineAfterThrow = DiagnosticCode(
        "PA139", "Line break after `throw`", severity: .error,
        explanation: "The expression of a `throw` statement must start on the same line as `throw`; automatic semicolon insertion does not apply. Move the expression onto the line of `throw`."
    )
}

/// Every diagnostic code of the JavaScript front end, for the catalog and `explain`.
public enum JavaScriptCatalog {
    public static let codes: [DiagnosticCode] = [
        .javaScriptUnexpectedToken, .javaScriptUnterminatedString, .javaScriptUnterminatedTemplate,
        .javaScriptUnterminatedRegularExpression, .javaScriptUnterminatedComment, .javaScriptInvalidNumber,
        .javaScriptInvalidEscape, .javaScriptUnexpectedCharacter, .javaScriptInvalidRegularExpressionFlags,
        .javaScriptInvalidAssignmentTarget, .javaScriptInvalidDestructuring, .javaScriptReservedWord,
        .javaScriptLegacyOctalInStrictMode, .javaScriptWithInStrictMode, .javaScriptAwaitOrYieldMisplaced,
        .javaScriptNewTargetOutsideFunction, .javaScriptModuleSyntaxInScript, .javaScriptInvalidJump,
        .javaScriptDuplicateLabel, .javaScriptReturnOutsideFunction, .javaScriptInvalidSuper,
        .javaScriptRestNotLast, .javaScriptLexicalDeclarationInSingleStatement, .javaScriptMissingInitializer,
        .javaScriptInvalidForLoopHead, .javaScriptInvalidClassMember, .javaScriptDuplicateDeclaration, .javaScriptPrivateNameOutsideClass,
        .javaScriptInvalidAccessorParameters, .javaScriptImportMetaInScript, .javaScriptEscapedKeyword,
        .javaScriptInvalidOptionalChain, .javaScriptUnaryBeforeExponent, .javaScriptMixedNullishCoalescing,
        .javaScriptDeleteOfIdentifierInStrictMode, .javaScriptEvalOrArgumentsAssignment, .javaScriptDuplicateExport,
        .javaScriptInvalidUnicodeEscapeInIdentifier, .javaScriptNestingTooDeep, .javaScriptNewlineAfterThrow,
    ]
}
