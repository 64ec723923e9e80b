/// The few lines around the module table: a lazy `require` with a module cache (CommonJS semantics; a
/// module that requires one still running gets its partly filled exports, which is how cycles work), and
/// the interop helpers the linker calls as `require.e/d/t/s`. A classic script for `importScripts`: no
/// `window`, `document`, `import` or `export`.
///
/// The runtime's own variables are picked so that no module's free names (globals it reads) are hidden.
struct BundleRuntime {
    struct Names {
        var modules: String
        var cache: String
        var require: String
        var defineProperty: String
        var hasOwn: String
        var getter: String
    }

    let names: Names

    init(freeNamesOfModules: Set<String>) {
        var picker = NamePicker(taken: freeNamesOfModules.union(["module", "exports", "require"]))
        names = Names(
            modules: picker.fresh("m"), cache: picker.fresh("c"), require: picker.fresh("r"), defineProperty: picker.fresh("o"),
            hasOwn: picker.fresh("h"), getter: picker.fresh("g"))
    }

    /// Text before the first module function.
    func prefix(minified: Bool) -> String {
        minified ? "(function(){var \(names.modules)=[" : "(function() {\nvar \(names.modules) = [\n"
    }

    /// Text between two module functions.
    func separator(minified: Bool) -> String { minified ? "," : ",\n" }

    /// `isArrow`: the module's code cannot tell an arrow function from a plain one (see `canBeArrow`), and an
    /// arrow is shorter.
    func moduleStart(parameters: [String], isArrow: Bool = false, minified: Bool) -> String {
        if isArrow {
            return minified ? "(" + parameters.joined(separator: ",") + ")=>{" : "(" + parameters.joined(separator: ", ") + ") => {\n"
        }
        return minified
            ? "function(" + parameters.joined(separator: ",") + "){"
            : "function(" + parameters.joined(separator: ", ") + ") {\n"
    }

    /// Whether a non-ES module's function can be an arrow: the runtime calls it with `this` = its exports and
    /// the arguments (module, exports, require), which only `this` and `arguments` outside inner functions can
    /// see; a source that never spells either word (nor the define values inserted into it) cannot. `new.target`
    /// is `undefined` in both (the arrow sees the runtime's function, called plainly).
    static func canBeArrow(source: [UInt8], definesMentionThisOrArguments: Bool) -> Bool {
        if definesMentionThisOrArguments { return false }
        return !SourceBytes.contains(source, "this") && !SourceBytes.contains(source, "arguments")
    }

    /// An ES module's function is bound to `undefined`: it is strict, so its top-level `this` is `undefined`
    /// as in a real module, although the runtime calls every module with `this` = its exports (CommonJS).
    func moduleEnd(isESM: Bool) -> String { isESM ? "}.bind()" : "}" }

    /// Text after the last module function: the runtime, then the entry modules in order.
    func suffix(entryModuleIDs: [Int], minified: Bool) -> String {
        let m = names.modules, c = names.cache, r = names.require, o = names.defineProperty, h = names.hasOwn, g = names.getter
        let lines = [
            "],\(c)=[],\(o)=Object.defineProperty,\(h)=Object.prototype.hasOwnProperty;",
            "function \(r)(i){var e=\(c)[i];if(e)return e.exports;if(typeof i!=\"number\"||!\(m)[i])throw new Error(\"Cannot find module '\"+i+\"'\");e=\(c)[i]={exports:{}};\(m)[i].call(e.exports,e,e.exports,\(r));return e.exports}",
            "function \(g)(n,x,k){\(o)(n,k,{enumerable:true,get:function(){return x[k]}})}",
            "\(r).e=function(x,d){\(o)(x,\"__esModule\",{value:true});for(var k in d)\(o)(x,k,{enumerable:true,get:d[k]});return x};",
            "\(r).d=function(x){return x&&x.__esModule?x.default:x};",
            "\(r).t=function(x){if(x&&x.__esModule)return x;var n={};if(x!=null&&(typeof x==\"object\"||typeof x==\"function\"))for(var k in x)k!==\"default\"&&\(g)(n,x,k);\(o)(n,\"default\",{enumerable:true,value:x});return n};",
            "\(r).s=function(n,x){for(var k in x)k===\"default\"||\(h).call(n,k)||\(g)(n,x,k)};",
            entryModuleIDs.map { "\(r)(\($0));" }.joined(),
            "})();",
        ]
        return minified ? lines.joined() : "\n" + lines.joined(separator: "\n") + "\n"
    }
}
