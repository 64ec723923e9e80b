// Runnable program for the minifier: every line it prints must be the same before and after minification.
// Top-level names here are globals in script mode and locals when the file is wrapped (CommonJS).
"use strict";
var out = [];
function log(label, value) { out.push(label + "=" + JSON.stringify(value)); }

// Closures, shadowing, parameters and defaults.
function makeCounter(start, step = 1) {
  var count = start;
  return { next: function () { count += step; return count; }, reset() { count = start; return undefined; } };
}
var counter = makeCounter(10, 5);
counter.next(); log("counter", counter.next());
log("reset", counter.reset());
function shadow(value) { { let value2 = value * 2; { const value = value2 + 1; log("shadowInner", value); } } return value; }
log("shadowOuter", shadow(3));

// Destructuring, shorthand properties, rest and spread.
function pick({ alpha, beta = 2, ...others }, [first, , third = "t"] = []) {
  return { alpha, beta, others, first, third };
}
log("pick", pick({ alpha: 1, gamma: 3 }, ["f"]));
var assigned; var fallback;
({ assigned, fallback = "fb" } = { assigned: "a" });
log("assign", [assigned, fallback]);
log("spread", [...[1, 2], ...new Set([3])]);

// Classes: names, statics, private fields, getters, inheritance.
class Animal {
  #secret = "hidden";
  static kind = "animal";
  constructor(name) { this.name = name; }
  get secret() { return this.#secret + ":" + Animal.kind; }
  speak() { return this.name + " makes a sound"; }
}
class Dog extends Animal { speak() { return super.speak() + " (woof)"; } }
log("dog", [new Dog("rex").speak(), new Dog("a").secret, Dog.kind]);
var Expr = class Named { whoami() { return typeof Named; } };
log("classExpr", new Expr().whoami());

// Labels, loops, switch, try/catch/finally.
var found = -1;
outer: for (var row = 0; row < 4; row++) {
  for (var column = 0; column < 4; column++) {
    if (row * column === 6) { found = row * 10 + column; break outer; }
    if (column > row) continue outer;
  }
}
log("label", found);
function classify(input) {
  switch (typeof input) {
    case "number": return input > 0 ? "positive" : "other";
    case "string": return "text";
    default: return "unknown";
  }
}
log("switch", [classify(1), classify(-1), classify("s"), classify(null)]);
function risky(fail) {
  var steps = [];
  try { steps.push("try"); if (fail) throw new Error("boom"); steps.push("ok"); }
  catch (error) { steps.push(error.message); }
  finally { steps.push("finally"); }
  return steps.join(",");
}
log("try", [risky(false), risky(true)]);

// Literals and folding.
log("literals", [true, false, undefined, 1000, 0.5, 0xff, 1e21, "it's", 'say "hi"', Infinity, -Infinity]);
log("typeof", [typeof undefined === "undefined", typeof "x" === "string", typeof notDeclaredAnywhere === "undefined"]);
if ("production" !== "production") { log("dead", 1); } else { log("live", 1); }
log("keys", { "quoted": 1, "with space": 2, 3: 3, [`computed`]: 4 }["quoted"]);
function nullish(value) { return value === null || value === undefined ? "none" : value; }
log("nullish", [nullish(null), nullish(undefined), nullish(0)]);

// Generators, arrow functions, arguments, this.
function* range(limit) { for (let index = 0; index < limit; index++) yield index; }
log("generator", [...range(4)]);
var adder = (left) => (right) => left + right;
log("arrow", adder(2)(3));
function countArguments() { return arguments.length; }
log("arguments", countArguments(1, 2, 3));
var holder = { value: 7, get() { return [1].map(() => this.value)[0]; } };
log("this", holder.get());

// Function names: renamed functions get other names; nothing here depends on them.
var recursive = function factorial(number) { return number <= 1 ? 1 : number * factorial(number - 1); };
log("recursive", recursive(5));

console.log(out.join("\n"));
