// A provider that answers ping but throws from a timer on the way, and leaves a rejection unhandled.
// Browsers only log both in the worker's console; the page still gets `echo`.
function LeakyHandler() {}
LeakyHandler.prototype.onPing = function () {
  setTimeout(function () { throw new TypeError('status poll failed'); }, 0);
  Promise.reject(new Error('telemetry upload failed'));
  return new Promise(function (resolve) { setTimeout(resolve, 30); });
};
wrapProctoringHandler(LeakyHandler);
