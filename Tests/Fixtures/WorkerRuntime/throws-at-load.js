// A bundle whose top-level code throws before it registers any listener: here the configuration
// string baked in at build time is not valid JSON (JSON.parse throws a SyntaxError while running,
// which is not a syntax error of the bundle itself).
var PROVIDER_CONFIG = JSON.parse('{"appUrl": "http://localhost:11136",}');
self.addEventListener('message', function () {
  self.postMessage({ type: 'echo' });
});
