// A provider whose application is not running: starting the attempt is refused, so the worker replies
// `examAttemptStartFailed` with the rejection value as `error`.
function StartRejectingHandler() {}
StartRejectingHandler.prototype.onStartExamAttempt = function () {
  return Promise.reject(new Error('Proctoring app is not running.'));
};
StartRejectingHandler.prototype.onEndExamAttempt = function () { return Promise.resolve(); };
StartRejectingHandler.prototype.onPing = function () { return Promise.resolve(); };
wrapProctoringHandler(StartRejectingHandler);
