// A provider that rejects with a value the structured clone cannot copy (it holds a function). The
// wrapper's `postMessage({type: 'pingFailed', error})` then throws DataCloneError inside the promise
// callback: the rejection goes unhandled and the page never gets any reply.
function UncloneableHandler() {}
UncloneableHandler.prototype.onPing = function () {
  return Promise.reject({ reason: 'app offline', retry: function () {} });
};
wrapProctoringHandler(UncloneableHandler);
