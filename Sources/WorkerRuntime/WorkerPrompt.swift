/// A message the host page sends to a proctoring worker, with the replies that answer it.
///
/// The names are the upstream ones (frontend-lib-special-exams `src/data/messages/constants.js` and the
/// same map in edx-proctoring `static/proctoring/js/exam_action_handler.js`). The hosts never check the
/// failure name: any reply that is not the success name rejects.
public enum WorkerPrompt: String, Sendable, Hashable, CaseIterable {
    case startExamAttempt
    case endExamAttempt
    case ping

    /// The reply type that resolves the host's promise.
    public var successReplyType: String {
        switch self {
        case .startExamAttempt: return "examAttemptStarted"
        case .endExamAttempt: return "examAttemptEnded"
        case .ping: return "echo"
        }
    }

    /// The reply type upstream's `handlerWrapper` sends when the handler's promise rejects.
    public var failureReplyType: String {
        switch self {
        case .startExamAttempt: return "examAttemptStartFailed"
        case .endExamAttempt: return "examAttemptEndFailed"
        case .ping: return "pingFailed"
        }
    }

    /// The host action that sends this prompt, in the words a learner would use.
    var hostAction: String {
        switch self {
        case .startExamAttempt: return "starting the exam"
        case .endExamAttempt: return "submitting the exam"
        case .ping: return "the periodic ping"
        }
    }
}
