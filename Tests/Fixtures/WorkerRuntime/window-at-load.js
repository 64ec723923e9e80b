// A bundle written for a page, not a worker: `window` does not exist in a worker scope.
window.proctoringProvider = { name: 'page-only' };
self.addEventListener('message', function () {
  self.postMessage({ type: 'echo' });
});
