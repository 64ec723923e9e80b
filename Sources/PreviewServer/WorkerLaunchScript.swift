/// The browser side of the worker protocol, written as both frontends do it: a classic worker on a
/// `blob:` URL whose only line is `importScripts('<url>')` (legacy exam_action_handler.js
/// `createWorker`, frontend-lib-special-exams messages/handlers.js), one worker per prompt.
enum WorkerLaunchScript {
    /// Prompts and their typed replies (messages/constants.js; the same map in exam_action_handler.js).
    static let source = #"""
    var workerEventNames = {
      startExamAttempt: { promptEventName: 'startExamAttempt', successEventName: 'examAttemptStarted', failureEventName: 'examAttemptStartFailed' },
      endExamAttempt: { promptEventName: 'endExamAttempt', successEventName: 'examAttemptEnded', failureEventName: 'examAttemptEndFailed' },
      ping: { promptEventName: 'ping', successEventName: 'echo', failureEventName: 'pingFailed' }
    };
    function createWorker(url) {
      var blob = new Blob(["importScripts('" + url + "');"], { type: 'application/javascript' });
      var blobURL = window.URL.createObjectURL(blob);
      return new Worker(blobURL);
    }
    function workerPromiseForEventNames(eventNames, url) {
      return function (timeout, attemptExternalId) {
        var proctoringBackendWorker = createWorker(url);
        return new Promise(function (resolve, reject) {
          var responseHandler = function (e) {
            if (e.data.type === eventNames.successEventName) {
              proctoringBackendWorker.removeEventListener('message', responseHandler);
              proctoringBackendWorker.terminate();
              resolve();
            } else {
              reject(e.data.error);
            }
          };
          proctoringBackendWorker.addEventListener('message', responseHandler);
          proctoringBackendWorker.postMessage({ type: eventNames.promptEventName, timeout: timeout, attemptExternalId: attemptExternalId });
        });
      };
    }
    """#
}
