import Testing

@testable import JavaScript

/// One test per shortening rule: input → exact minified output (renaming off).
@Suite struct SyntaxShortenerTests {
    static let cases: [(String, String)] = [
        // Booleans and undefined.
        ("x = true; y = false;", "x=!0,y=!1;"),
        ("f(undefined);", "f(void 0);"),
        ("var undefined = 1; f(undefined);", "var undefined=1;f(undefined);"),
        ("function g(undefined) { return undefined; }", "function g(undefined){return undefined}"),
        ("f(undefined); [undefined] = [1];", "f(undefined),[undefined]=[1];"),
        ("f(undefined); ({ a: undefined = 2 } = {});", "f(undefined),{a:undefined=2}={};"),
        ("f(undefined, Infinity); undefined++;", "f(undefined,1/0),undefined++;"),
        ("f(Infinity); for (Infinity in o);", "f(Infinity);for(Infinity in o);"),
        // Members and keys.
        ("a[\"b\"] = a['c-d'];", "a.b=a[\"c-d\"];"),
        ("a?.[\"b\"];", "a?.b;"),
        ("x = {\"b\": 1, 'c d': 2, \"1\": 3};", "x={b:1,\"c d\":2,\"1\":3};"),
        ("x = {[\"__proto__\"]: 1, \"__proto__\": 2};", "x={[\"__proto__\"]:1,__proto__:2};"),
        ("class A { [\"constructor\"]() {} \"m\"() {} }", "class A{[\"constructor\"](){}m(){}}"),
        // Numbers.
        ("x = [1000, 0.5, 1.50, 0xFF, 123456789, 0.000001, 1e21, 10, 255, 4294967295];",
            "x=[1e3,.5,1.5,255,123456789,1e-6,1e21,10,255,4294967295];"),
        ("x = 010 + 1_000;", "x=010+1e3;"),
        ("x = [1000000, 12000, 1099511627775, 1230000000000000, 100, 0, 7, 0.0, 00, 9007199254740993];",
            "x=[1e6,12e3,0xffffffffff,123e13,100,0,7,0,00,9007199254740993];"),
        ("x = {1000: 1, 1099511627775: 2, 0.50: 3};", "x={1e3:1,1099511627775:2,.5:3};"),
        // Strings keep the shorter quote.
        ("x = 'it\\'s';", "x=\"it's\";"),
        // Statements.
        ("var a = 1; var b = 2; let c; let d;", "var a=1,b=2;let c,d;"),
        (";;f();;", "f();"),
        ("{ f(); { g(); } }", "f(),g();"),
        ("{ let x = 1; f(x); }", "{let x=1;f(x)}"),
        ("if (a) b();", "a&&b();"),
        ("if (!a) b();", "a||b();"),
        ("if (a) { b(); c(); }", "a&&(b(),c());"),
        ("if (a) b(); else c();", "a?b():c();"),
        ("if (a) {} ", "a;"),
        ("function f() { return undefined; }", "function f(){return}"),
        ("function f() { return void 0; }", "function f(){return}"),
        ("\"use strict\"; \"use strict\"; function f() { \"use strict\"; return 1; }", "\"use strict\";function f(){return 1}"),
        ("f(); g(); h();", "f(),g(),h();"),
        ("function f() { g(); return 1; }", "function f(){return g(),1}"),
        ("function f() { g(); throw e; }", "function f(){throw g(),e}"),
        // Folding.
        ("x = typeof \"s\"; y = typeof 1; z = typeof true; w = typeof null;", "x=\"string\",y=\"number\",z=\"boolean\",w=\"object\";"),
        ("x = !1; y = !!1; z = !\"\"; w = !!true;", "x=!1,y=!0,z=!0,w=!0;"),
        ("if (\"production\" !== \"production\") { dev(); } else { prod(); }", "prod();"),
        ("if (\"production\" === \"development\") dev();", ""),
        ("if (\"a\" == \"a\") yes(); else no();", "yes();"),
        ("if (false) { var v = 1; function w() {} } go();", "var v,w;go();"),
        ("x = true ? a : b; y = 0 ? a : b;", "x=a,y=b;"),
        ("x = \"production\" !== \"production\" && dev();", "x=!1;"),
        ("x = \"production\" === \"production\" && prod();", "x=prod();"),
        ("x = 1 == \"1\";", "x=1==\"1\";"),
        ("while (x) { f(); }", "for(;x;)f();"),
        ("x = new A(); y = new A().b; z = new A()(); w = new new A()(); v = [new A()];", "x=new A,y=new A().b,z=new A()(),w=new new A(),v=[new A];"),
        ("\"production\" !== \"production\" && dev(); go();", "go();"),
        ("a = \"x\" in o; for (;;) break;", "for(a=(\"x\"in o);;)break;"),
        ("var a = \"x\" in o; for (var i = 0; ; ) break;", "for(var a=(\"x\"in o),i=0;;)break;"),
        ("x = Infinity; y = -Infinity;", "x=1/0,y=-1/0;"),
        ("x = a === null || a === undefined; y = void 0 !== b && null !== b; z = a === null || b === void 0;",
            "x=a==null,y=b!=null,z=a===null||b===void 0;"),
        ("function f() { if (a) return 1; if (b) return 1; g(); }", "function f(){if(a||b)return 1;g()}"),
        ("var a = g(); while (a) a = a.next;", "for(var a=g();a;)a=a.next;"),
        ("g(); for (i = 0; i < 1; i++) h();", "for(g(),i=0;i<1;i++)h();"),
        ("var a = 1; for (var i = 0; ; ) h();", "for(var a=1,i=0;;)h();"),
        ("let a = 1; for (let i = 0; ; ) h();", "let a=1;for(let i=0;;)h();"),
        ("function f() { if (a) return 1; if (b) return 2; return 3; }", "function f(){return a?1:b?2:3}"),
        ("function f() { g(); if (a) return; return 3; }", "function f(){return g(),a?void 0:3}"),
        ("function f() { if (a) { return 1; } else { return 2; } }", "function f(){return a?1:2}"),
        ("x = typeof y === \"undefined\"; z = \"undefined\" !== typeof w; v = typeof u === \"function\";",
            "x=typeof y>\"u\",z=typeof w<\"u\",v=typeof u==\"function\";"),
        ("function f() { if (a) { for (;;); } }", "function f(){if(a)for(;;);}"),
    ]

    /// A module keeps its own `"use strict"`: the bundler prints module bodies into a classic script.
    @Test func moduleKeepsItsUseStrict() throws {
        let actual = try MinifyTestSupport.shorten("\"use strict\"; function f() { \"use strict\"; return this; }", goal: .module)
        #expect(actual == "\"use strict\";function f(){return this}", "got \(actual)")
    }

    @Test(arguments: SyntaxShortenerTests.cases)
    func rule(input: String, expected: String) throws {
        let actual = try MinifyTestSupport.shorten(input)
        #expect(actual == expected, "got \(actual)")
    }
}
