// A provider that answers every prompt, written the way real providers are (mockprock, Proctortrack):
// a handler class whose methods return promises, wrapped by `wrapProctoringHandler` (handler-wrapper.js).
// The test concatenates handler-wrapper.js and this file into one classic script, as a bundler would.
function AnsweringHandler(options) {
  this.appUrl = (options && options.appUrl) || 'http://localhost:11136';
}
AnsweringHandler.prototype.onStartExamAttempt = function (timeout, attemptExternalId) {
  console.log('start', this.appUrl, timeout, attemptExternalId);
  return new Promise(function (resolve) { setTimeout(resolve, 5); });
};
AnsweringHandler.prototype.onEndExamAttempt = function (attemptExternalId) {
  console.log('end', this.appUrl, attemptExternalId);
  return Promise.resolve();
};
AnsweringHandler.prototype.onPing = function (timeout, attemptExternalId) {
  console.log('ping', this.appUrl, timeout, attemptExternalId);
  return Promise.resolve();
};
console.log('answering provider loaded');
wrapProctoringHandler(AnsweringHandler);
