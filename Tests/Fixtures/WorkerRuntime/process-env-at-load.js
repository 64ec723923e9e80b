// A bundle built without the JS_ENV_EXTRA_CONFIG define: `process.env.JS_ENV_EXTRA_CONFIG` was left in
// the output as written, and a browser worker has no `process`.
var PROVIDER_CONFIG = JSON.parse(process.env.JS_ENV_EXTRA_CONFIG || '{}');
self.addEventListener('message', function (event) {
  if (event.data.type === 'ping') self.postMessage({ type: 'echo' });
});
