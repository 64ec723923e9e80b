// Direct eval and with: names around them must keep their meaning. (Sloppy mode: `with` is allowed.)
var out = [];
function usesEval(secret) {
  var local = "local";
  function helper(parameter) { return parameter + "!"; }
  return eval("secret + ':' + local + ':' + helper('h')");
}
out.push(usesEval("s"));
function usesWith(object) {
  var fallback = "fallback";
  with (object) { return [present, fallback]; }
}
out.push(usesWith({ present: "p" }).join(","));
if (true) { function annexB() { return "annexB"; } }
out.push(annexB());
console.log(out.join("\n"));
