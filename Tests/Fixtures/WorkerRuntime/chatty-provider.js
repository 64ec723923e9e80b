// A provider that announces itself to the page when it loads. The host's listener is already attached,
// takes this first message as the reply, and rejects because its type is not the success type.
self.postMessage({ type: 'providerReady' });
function ChattyHandler() {}
ChattyHandler.prototype.onStartExamAttempt = function () { return Promise.resolve(); };
ChattyHandler.prototype.onEndExamAttempt = function () { return Promise.resolve(); };
ChattyHandler.prototype.onPing = function () { return Promise.resolve(); };
wrapProctoringHandler(ChattyHandler);
