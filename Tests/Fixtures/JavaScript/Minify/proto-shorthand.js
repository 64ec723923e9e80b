// A shorthand `{__proto__}` defines an own property named "__proto__"; `{__proto__: value}` would set the
// prototype instead. A minifier that renames the variable must not turn the first into the second
// (esbuild 0.17 does).
function makeObjectWithOwnProtoProperty(__proto__) {
  var objectWithShorthand = { __proto__ };
  return objectWithShorthand;
}

function makeObjectFromLocalBinding() {
  let __proto__ = [1, 2, 3];
  return { __proto__, lengthOfTheArray: __proto__.length };
}

var inheritedFromThisObject = { inheritedProperty: "inherited" };
var resultOfTheFirstCall = makeObjectWithOwnProtoProperty(inheritedFromThisObject);
console.log(
  Object.getPrototypeOf(resultOfTheFirstCall) === Object.prototype,
  JSON.stringify(Object.getOwnPropertyNames(resultOfTheFirstCall)),
  resultOfTheFirstCall.inheritedProperty === undefined
);

var resultOfTheSecondCall = makeObjectFromLocalBinding();
console.log(
  Array.isArray(Object.getPrototypeOf(resultOfTheSecondCall)),
  JSON.stringify(Object.getOwnPropertyNames(resultOfTheSecondCall)),
  resultOfTheSecondCall.lengthOfTheArray
);

// A pattern reads the property either way, so a renamed shorthand in a pattern stays a plain key.
function readTheProtoProperty(objectToRead) {
  const { __proto__ } = objectToRead;
  return __proto__ === Object.prototype;
}
console.log(readTheProtoProperty({}));
