// A bundle that does not parse: the closing brace of the object literal is missing.
var handler = {
  onPing: function () { return Promise.resolve(); }
;
self.addEventListener('message', function () {});
