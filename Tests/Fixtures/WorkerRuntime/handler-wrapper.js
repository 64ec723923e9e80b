// Our own stand-in for `handlerWrapper` of the @edx/edx-proctoring npm package (edx_proctoring/static/index.js
// at 5.2.0): it follows the same protocol, so fixtures built on it behave like real provider workers.
// - `config` re-creates the handler with `message.data.options` and sends no reply;
// - a prompt calls the handler method and replies `{type: <success>}` when its promise resolves,
//   `{type: <failure>, error}` when it rejects (error = the rejection value);
// - unknown types, and prompts the handler has no method for, are ignored (no reply at all).
function wrapProctoringHandler(HandlerClass) {
  var replies = {
    startExamAttempt: ['examAttemptStarted', 'examAttemptStartFailed'],
    endExamAttempt: ['examAttemptEnded', 'examAttemptEndFailed'],
    ping: ['echo', 'pingFailed']
  };
  var handler = new HandlerClass({});
  self.addEventListener('message', function (event) {
    var data = event.data;
    if (data.type === 'config') {
      handler = new HandlerClass(data.options);
      return;
    }
    var names = replies[data.type];
    if (!names) return;
    var pending;
    if (data.type === 'startExamAttempt' && handler.onStartExamAttempt) {
      pending = handler.onStartExamAttempt(data.timeout, data.attemptExternalId);
    } else if (data.type === 'endExamAttempt' && handler.onEndExamAttempt) {
      pending = handler.onEndExamAttempt(data.attemptExternalId);
    } else if (data.type === 'ping' && handler.onPing) {
      pending = handler.onPing(data.timeout, data.attemptExternalId);
    }
    if (!pending) return;
    pending.then(
      function () { self.postMessage({ type: names[0] }); },
      function (error) { self.postMessage({ type: names[1], error: error }); }
    );
  });
}
