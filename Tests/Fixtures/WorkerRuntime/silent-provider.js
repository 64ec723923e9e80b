// A provider whose desktop application never answers: every handler promise stays pending, so the
// worker never replies. The MFE waits forever for start and submit, and gives up on ping only after
// its hard timeout.
function SilentHandler() {}
SilentHandler.prototype.onStartExamAttempt = function () { return new Promise(function () {}); };
SilentHandler.prototype.onEndExamAttempt = function () { return new Promise(function () {}); };
SilentHandler.prototype.onPing = function () { return new Promise(function () {}); };
wrapProctoringHandler(SilentHandler);
