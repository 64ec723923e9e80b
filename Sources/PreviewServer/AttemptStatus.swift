/// edx-proctoring's attempt statuses (`ProctoredExamStudentAttemptStatus`, statuses.py) and the rules
/// `update_attempt_status` applies to them.
public enum AttemptStatus: String, Sendable, CaseIterable, Codable {
    case eligible, created
    case downloadSoftwareClicked = "download_software_clicked"
    case readyToStart = "ready_to_start"
    case started
    case readyToSubmit = "ready_to_submit"
    case declined
    case timedOut = "timed_out"
    case submitted
    case secondReviewRequired = "second_review_required"
    case verified, rejected, error
    case onboardingMissing = "onboarding_missing"
    case onboardingPending = "onboarding_pending"
    case onboardingFailed = "onboarding_failed"
    case onboardingExpired = "onboarding_expired"
    case expired
    case onboardingReset = "onboarding_reset"

    var isCompleted: Bool {
        switch self {
        case .declined, .timedOut, .submitted, .secondReviewRequired, .verified, .rejected, .error, .onboardingMissing,
            .onboardingPending, .onboardingFailed, .onboardingExpired:
            true
        default: false
        }
    }

    var isIncomplete: Bool {
        switch self {
        case .eligible, .created, .downloadSoftwareClicked, .readyToStart, .started, .readyToSubmit: true
        default: false
        }
    }

    var isPreStarted: Bool { [.created, .downloadSoftwareClicked, .readyToStart].contains(self) }

    /// `started` and `ready_to_submit`: the attempt is the user's active one (models.py).
    var isInProgress: Bool { self == .started || self == .readyToSubmit }

    var isOnboardingError: Bool {
        [.onboardingMissing, .onboardingPending, .onboardingFailed, .onboardingExpired].contains(self)
    }

    /// The status `update_attempt_status` actually stores when asked for `target`, or the refusal
    /// upstream raises (`ProctoredExamIllegalStatusTransition`, HTTP 400).
    func transition(to target: AttemptStatus) -> Result<AttemptStatus, ProctoringAPIError> {
        // A reattempt (in progress -> pre-started) becomes a submission (utils.is_reattempting_exam);
        // so does a timeout unless ALLOW_TIMED_OUT_STATE.
        let effective = (isInProgress && target.isPreStarted) || target == .timedOut ? AttemptStatus.submitted : target
        if isCompleted && effective.isIncomplete {
            return .failure(.badRequest(
                "A status transition from \"\(rawValue)\" to \"\(effective.rawValue)\" was attempted. This is not allowed!"))
        }
        return .success(effective)
    }
}
